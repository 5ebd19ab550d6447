import { type Catalog, getCatalog } from '../../core/catalog';
import { type CampaignSettings, CampaignError, readCampaign } from '../store/campaign-sheet';
import { type RegistryBlock, type RegistryRow, readRegistry } from '../store/registry-sheet';
import { getSetting, setSettingNow } from '../store/job-store';
import type { Spreadsheet } from '../services';

/** Everything a step needs, read once per execution. */
export interface StepContext {
  ss: Spreadsheet;
  settings: CampaignSettings;
  catalog: Catalog;
  registry: RegistryRow[];
  /** The registry as read, for writing its computed columns back (null when the sheet is missing or empty). */
  registryBlock: RegistryBlock | null;
}

export function loadContext(): StepContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readCampaign(ss);
  let catalog: Catalog;
  try {
    catalog = getCatalog(settings.campaign.catalogId);
  } catch (e) {
    throw new CampaignError(e instanceof Error ? e.message : String(e));
  }
  const { rows, problems, block } = readRegistry(ss);
  if (problems.length > 0) throw new CampaignError(problems.join('\n'));
  return { ss, settings, catalog, registry: rows, registryBlock: block };
}

/** Looked up once per context (one execution), however many files a step puts into it. */
const folders = new WeakMap<StepContext, GoogleAppsScript.Drive.Folder>();

/** The campaign folder in Drive, created on first use (drive.file scope: only files the add-on made). */
export function campaignFolder(ctx: StepContext): GoogleAppsScript.Drive.Folder {
  const known = folders.get(ctx);
  if (known) return known;
  const folder = findOrCreateFolder(ctx);
  folders.set(ctx, folder);
  return folder;
}

function findOrCreateFolder(ctx: StepContext): GoogleAppsScript.Drive.Folder {
  const id = getSetting('folderId');
  if (id) {
    try {
      return DriveApp.getFolderById(id);
    } catch {
      // the folder was deleted: make a new one
    }
  }
  const folder = DriveApp.createFolder(`Мониторинг воспитания ${ctx.settings.campaign.year} — ${ctx.settings.campaign.municipality}`);
  setSettingNow('folderId', folder.getId());
  return folder;
}
