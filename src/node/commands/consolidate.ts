import { type Consolidated, consolidateCampaign } from '../../app/consolidate';
import { readCycle, readRegisterFile } from '../campaign/chain';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore, localClock } from '../campaign/store';
import { intake } from '../intake';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface ConsolidateOutput extends Consolidated {
  files: { xlsx: string; json: string; schoolValues: string; measures: string };
}

/** Received files → the application's consolidation → out/appendices.xlsx, then out/appendices.json and school-values.json. */
export async function consolidate(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<ConsolidateOutput> {
  const store = new FolderCampaignStore(folder, previousPath);
  const got = await intake(folder, store, quiet);
  // the department's register, read fresh under the campaign lock right before it is merged and written back
  const register = await readRegisterFile(paths(folder.dir).measures);
  const cycle = await readCycle(folder);
  const out = consolidateCampaign(
    folder,
    got.run.schools,
    got.run.strays.map((s) => s.file),
    register,
    store,
    localClock,
    cycle,
  );
  const title = `Приложения 1–${folder.catalog.appendices.length} — ${folder.campaign.year}`;
  // the workbooks first: a failed write leaves last time's result files as they were
  await writeWorkbookFile({ title, sheets: out.sheets }, store.files.xlsx, { password: null, definedNames: false });
  await writeWorkbookFile({ title: 'Реестр мер', sheets: [out.register.sheet] }, paths(folder.dir).measures, { password: null, definedNames: false });
  store.saveCurrent(out.year);
  return { ...out, files: { ...store.files, measures: paths(folder.dir).measures } };
}
