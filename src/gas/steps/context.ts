import type { CampaignContext } from '../../app/campaign';
import { UserFacingError } from '../../app/errors';
import type { Clock } from '../../app/ports';
import type { Catalog } from '../../core/catalog';
import { activeSpreadsheet } from '../active';
import { scriptClock } from '../clock';
import { type DriveFile, MIME, createFile, fileById, findStamped } from '../drive';
import type { Spreadsheet } from '../services';
import { requireOwner } from '../owner';
import type { CampaignSettings } from '../store/campaign-sheet';
import { GasCampaignStore } from '../store/campaign-store';
import { sheetCatalog } from '../store/catalog-sheets';
import { previousCampaign } from '../store/cycle-store';
import { getSetting, setSettingNow } from '../store/job-store';
import { readDepartment } from '../store/department-read';
import type { RegistryBlock, RegistryRow } from '../store/registry-sheet';

/** Everything a step needs, read once per execution. */
export interface StepContext {
  ss: Spreadsheet;
  settings: CampaignSettings;
  catalog: Catalog;
  registry: RegistryRow[];
  /** The registry as read, for writing its computed columns back (null when the sheet is missing or empty). */
  registryBlock: RegistryBlock | null;
  /** The campaign as the use cases see it. */
  app: CampaignContext;
  store: GasCampaignStore;
  clock: Clock;
}

export function loadContext(): StepContext {
  const ss = activeSpreadsheet();
  requireOwner();
  const department = readDepartment(ss);
  const read = department.settings();
  const { rows, problems, block } = department.registry;
  if (problems.length > 0) throw new UserFacingError(problems.join('\n'));
  // the catalog of the «Каталог…» sheets, as the specialist last edited them (refused if the school form changed)
  const out = rows.filter((r) => r.fileUrl !== '').length;
  const catalog = sheetCatalog(ss, department.id, read.campaign.catalogId, read.campaign.year, out);
  const settings = { ...read, campaign: { ...read.campaign, catalogId: catalog.id } };
  const ctx: StepContext = {
    ss,
    settings,
    catalog,
    registry: rows,
    registryBlock: block,
    app: { campaign: settings.campaign, catalog, schools: rows.map((r) => r.school) },
    store: new GasCampaignStore(settings.campaign.year, rows, () => folderId(ctx), previousCampaign()?.folderId || null),
    clock: scriptClock(),
  };
  return ctx;
}

/** Looked up once per context (one execution), however many files a step puts into it. */
const folders = new WeakMap<StepContext, DriveFile>();

/** The campaign folder in Drive (its id and link), created on first use; found again by its stamp if its id was lost. */
export function campaignFolder(ctx: StepContext): DriveFile {
  const known = folders.get(ctx);
  if (known) return known;
  const folder = findOrCreateFolder(ctx);
  folders.set(ctx, folder);
  return folder;
}

export const folderId = (ctx: StepContext): string => campaignFolder(ctx).id ?? '';

function findOrCreateFolder(ctx: StepContext): DriveFile {
  const id = getSetting('folderId');
  const existing = id ? fileById(id) : null;
  if (existing) return existing;
  const role = `campaign-folder:${ctx.settings.campaign.year}`;
  const folder =
    findStamped(role) ?? createFile(`Мониторинг воспитания ${ctx.settings.campaign.year} — ${ctx.settings.campaign.municipality}`, MIME.folder, role, null);
  setSettingNow('folderId', folder.id ?? '');
  return folder;
}
