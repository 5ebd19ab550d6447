import { join } from 'node:path';
import { type PublicPackage, draftDocuments, publicPackage, publicTablesTitle } from '../../app/documents';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore } from '../campaign/store';
import { type DocxJob, writeDocxFiles } from '../docx/pool';
import { progress } from '../progress';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface RecommendOutput {
  recommendations: string[];
  report: string;
  /** out/public/: what the department may publish (municipal aggregates only). */
  published: string[];
}

/**
 * out/recommendations/<id>.docx per school and out/report.docx, drafted by the application from the last consolidation.
 * The documents are made in worker threads (../docx/pool), the public report with them; the files are written in order.
 */
export async function recommend(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<RecommendOutput> {
  const out = paths(folder.dir).out;
  const drafts = draftDocuments(folder, new FolderCampaignStore(folder, previousPath));
  const schools = folder.schools;
  const bar = progress('Рекомендации', schools.length, quiet);
  const recommendations = schools.map((school) => join(out, 'recommendations', `${school.id}.docx`));
  const report = join(out, 'report.docx');
  const published = [join(out, 'public', 'report.docx'), join(out, 'public', 'appendices.xlsx')];
  const drafted: { pkg?: PublicPackage } = {};
  const job = (i: number): DocxJob => {
    const school = schools[i];
    if (school) return { model: drafts.school(school), path: recommendations[i] as string };
    if (i === schools.length) return { model: drafts.report(), path: report };
    drafted.pkg = publicPackage(folder, drafts);
    return { model: drafted.pkg.report, path: published[0] as string };
  };
  await writeDocxFiles(schools.length + 2, job, (i) => {
    const school = schools[i];
    if (school) bar.tick(school.id);
    if (i === schools.length - 1) bar.stop();
  });
  if (schools.length === 0) bar.stop();
  const tables = (drafted.pkg ?? publicPackage(folder, drafts)).tables;
  await writeWorkbookFile({ title: publicTablesTitle(folder.campaign.year), sheets: tables }, published[1] as string, {
    password: null,
    definedNames: false,
  });
  return { recommendations, report, published };
}
