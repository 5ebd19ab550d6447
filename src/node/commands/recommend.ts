import { join } from 'node:path';
import { ConsolidationExportSchema } from '../../core/export/contract';
import { municipalReport } from '../../core/recommend/municipal-report';
import { type SchoolView, schoolRecommendations } from '../../core/recommend/school-document';
import { type CampaignFolder, UserError, paths } from '../campaign-folder';
import { writeDocx } from '../docx/render';
import { readJsonFile } from '../json-file';
import { progress } from '../progress';
import { SchoolValuesSchema } from './consolidate';

export interface RecommendOutput {
  recommendations: string[];
  report: string;
}

/** out/recommendations/<id>.docx per school and out/report.docx, from the last consolidation. */
export async function recommend(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<RecommendOutput> {
  const out = paths(folder.dir).out;
  const result = readJsonFile(join(out, 'appendices.json'), ConsolidationExportSchema);
  if (!result) throw new UserError(`Нет свода ${join(out, 'appendices.json')}. Сначала выполните: msoko consolidate ${folder.dir}`);
  const values = readJsonFile(join(out, 'school-values.json'), SchoolValuesSchema) ?? {};
  const previous = previousPath ? (readJsonFile(join(previousPath, '..', 'school-values.json'), SchoolValuesSchema) ?? {}) : {};
  const bar = progress('Рекомендации', folder.schools.length, quiet);
  const recommendations: string[] = [];
  for (const school of folder.schools) {
    const entry = result.schools.find((s) => s.id === school.id);
    const view: SchoolView = {
      school,
      status: entry?.status ?? 'missing',
      values: values[school.id] ?? null,
      messages: (entry?.messages ?? []).map((m) => ({ ...m, code: 'report' })),
    };
    const path = join(out, 'recommendations', `${school.id}.docx`);
    await writeDocx(schoolRecommendations(folder.catalog, folder.campaign, view, previous[school.id] ?? null), path);
    recommendations.push(path);
    bar.tick(school.id);
  }
  bar.stop();
  const report = join(out, 'report.docx');
  await writeDocx(municipalReport(folder.catalog, folder.campaign, result), report);
  return { recommendations, report };
}
