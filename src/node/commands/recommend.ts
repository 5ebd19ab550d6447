import { join } from 'node:path';
import { draftDocuments, publicPackage, publicTablesTitle } from '../../app/documents';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore } from '../campaign/store';
import { writeDocx } from '../docx/render';
import { progress } from '../progress';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface RecommendOutput {
  recommendations: string[];
  report: string;
  /** out/public/: what the department may publish (municipal aggregates only). */
  published: string[];
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
  const pkg = publicPackage(folder, drafts);
  const published = [join(out, 'public', 'report.docx'), join(out, 'public', 'appendices.xlsx')];
  await writeDocx(pkg.report, published[0] as string);
  await writeWorkbookFile({ title: publicTablesTitle(folder.campaign.year), sheets: pkg.tables }, published[1] as string, {
    password: null,
    definedNames: false,
  });
  return { recommendations, report, published };
}
