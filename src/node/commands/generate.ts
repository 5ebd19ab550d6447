import { join } from 'node:path';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { progress } from '../progress';
import { SchoolFileWriter } from '../xlsx/write/school-files';

/** One protected input workbook per school in schools/<id>.xlsx. */
export async function generate(folder: CampaignFolder, quiet: boolean): Promise<string[]> {
  const out: string[] = [];
  const bar = progress('Таблицы школ', folder.schools.length, quiet);
  const writer = new SchoolFileWriter(folder.catalog, folder.campaign, {
    password: folder.campaign.password ?? null,
    definedNames: true,
    creator: folder.campaign.department ?? 'Отдел образования',
  });
  for (const school of folder.schools) {
    const path = join(paths(folder.dir).schools, `${school.id}.xlsx`);
    await writer.write(school, path);
    out.push(path);
    bar.tick(school.id);
  }
  bar.stop();
  return out;
}
