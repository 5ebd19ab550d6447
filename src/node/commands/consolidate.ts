import { type Consolidated, consolidateCampaign } from '../../app/consolidate';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore, localClock } from '../campaign/store';
import { intake } from '../intake';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface ConsolidateOutput extends Consolidated {
  files: { xlsx: string; json: string; schoolValues: string };
}

/** Received files → the application's consolidation → out/appendices.xlsx, then out/appendices.json and school-values.json. */
export async function consolidate(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<ConsolidateOutput> {
  const store = new FolderCampaignStore(folder, previousPath);
  const got = await intake(folder, store, quiet);
  const out = consolidateCampaign(
    folder,
    got.run.schools,
    got.run.strays.map((s) => s.file),
    store,
    localClock,
  );
  const title = `Приложения 1–${folder.catalog.appendices.length} — ${folder.campaign.year}`;
  // the workbook first: a failed write leaves last time's result files as they were
  await writeWorkbookFile({ title, sheets: out.sheets }, store.files.xlsx, { password: null, definedNames: false });
  store.saveCurrent(out.year);
  return { ...out, files: store.files };
}
