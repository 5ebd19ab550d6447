import { type Consolidated, consolidateCampaign } from '../../app/consolidate';
import { existsSync } from 'node:fs';
import { UserFacingError } from '../../app/errors';
import { REGISTER_SHEET, type RegisterRow, registerFromValues } from '../../core/register/register';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { readWorkbookFile } from '../xlsx/read/read-workbook';
import { FolderCampaignStore, localClock } from '../campaign/store';
import { intake } from '../intake';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface ConsolidateOutput extends Consolidated {
  files: { xlsx: string; json: string; schoolValues: string; measures: string };
}

/**
 * measures.xlsx as the department left it: an empty register when there is none yet; a file that cannot be read is
 * the user's to fix (it is never overwritten with a register that lost their entries).
 */
async function readRegisterFile(path: string): Promise<RegisterRow[]> {
  if (!existsSync(path)) return [];
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid)
    throw new UserFacingError(`Реестр мер ${path} не прочитан: ${grid.unreadable}. Закройте файл в Excel или исправьте его и повторите свод.`);
  const sheet = grid.sheets.find((s) => s.name === REGISTER_SHEET) ?? grid.sheets[0];
  return registerFromValues(sheet?.values ?? []);
}

/** Received files → the application's consolidation → out/appendices.xlsx, then out/appendices.json and school-values.json. */
export async function consolidate(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<ConsolidateOutput> {
  const store = new FolderCampaignStore(folder, previousPath);
  const got = await intake(folder, store, quiet);
  // the department's register, read fresh under the campaign lock right before it is merged and written back
  const register = await readRegisterFile(paths(folder.dir).measures);
  const out = consolidateCampaign(
    folder,
    got.run.schools,
    got.run.strays.map((s) => s.file),
    register,
    store,
    localClock,
  );
  const title = `Приложения 1–${folder.catalog.appendices.length} — ${folder.campaign.year}`;
  // the workbooks first: a failed write leaves last time's result files as they were
  await writeWorkbookFile({ title, sheets: out.sheets }, store.files.xlsx, { password: null, definedNames: false });
  await writeWorkbookFile({ title: 'Реестр мер', sheets: [out.register.sheet] }, paths(folder.dir).measures, { password: null, definedNames: false });
  store.saveCurrent(out.year);
  return { ...out, files: { ...store.files, measures: paths(folder.dir).measures } };
}
