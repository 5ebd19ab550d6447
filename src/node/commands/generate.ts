import { join } from 'node:path';
import { schoolWorkbookLayout } from '../../core/layout/school-workbook';
import { type CampaignFolder, paths } from '../campaign-folder';
import { progress } from '../progress';
import { writeWorkbookFile } from '../xlsx/render';

/** One protected input workbook per school in schools/<id>.xlsx. */
export async function generate(folder: CampaignFolder, quiet: boolean): Promise<string[]> {
  const out: string[] = [];
  const bar = progress('Таблицы школ', folder.schools.length, quiet);
  for (const school of folder.schools) {
    const layout = schoolWorkbookLayout(folder.catalog, folder.campaign, school);
    const path = join(paths(folder.dir).schools, `${school.id}.xlsx`);
    await writeWorkbookFile(layout.workbook, path, { password: folder.campaign.password ?? null, definedNames: true, creator: folder.campaign.department ?? 'Отдел образования' });
    out.push(path);
    bar.tick(school.id);
  }
  bar.stop();
  return out;
}
