import { join } from 'node:path';
import { draftDocuments } from '../../app/documents';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore } from '../campaign/store';
import { writeDocx } from '../docx/render';
import { progress } from '../progress';

export interface RecommendOutput {
  recommendations: string[];
  report: string;
}

/** out/recommendations/<id>.docx per school and out/report.docx, drafted by the application from the last consolidation. */
export async function recommend(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<RecommendOutput> {
  const out = paths(folder.dir).out;
  const drafts = draftDocuments(folder, new FolderCampaignStore(folder, previousPath));
  const bar = progress('Рекомендации', folder.schools.length, quiet);
  const recommendations: string[] = [];
  for (const school of folder.schools) {
    const path = join(out, 'recommendations', `${school.id}.docx`);
    await writeDocx(drafts.school(school), path);
    recommendations.push(path);
    bar.tick(school.id);
  }
  bar.stop();
  const report = join(out, 'report.docx');
  await writeDocx(drafts.report(), report);
  return { recommendations, report };
}
