import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { type CampaignContext, parseRegistry, registrySchools } from '../../app/campaign';
import { UserFacingError } from '../../app/errors';
import { CampaignSchema } from '../../core/campaign/schema';
import { parseCsv } from '../csv';
import { loadCampaignCatalog } from '../catalog/campaign-catalog';
import { readWorkbookFile } from '../xlsx/read/read-workbook';
import { paths, writeFileAtomic } from './files';

/**
 * campaign.json: the campaign plus what only the offline path needs: the sheet protection password, and where last
 * year's result is (appendices.json, relative to the campaign folder) for dynamics and plausibility checks.
 */
export const CampaignFileSchema = z.extend(CampaignSchema, {
  password: z.optional(z.string()),
  previous: z.optional(z.string()),
  /** The previous campaign's folder (msoko init --previous), relative to this one: its measures.xlsx is re-read while reachable. */
  predecessor: z.optional(z.string()),
});
export type CampaignFile = z.infer<typeof CampaignFileSchema>;

export interface CampaignFolder extends CampaignContext {
  dir: string;
  campaign: CampaignFile;
}

export async function loadCampaign(dir: string): Promise<CampaignFolder> {
  const p = paths(dir);
  if (!existsSync(p.campaign)) throw new UserFacingError(`В папке «${dir}» нет campaign.json. Создайте кампанию: msoko init ${dir}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(p.campaign, 'utf8'));
  } catch (e) {
    throw new UserFacingError(`campaign.json повреждён: ${(e as Error).message}`);
  }
  const parsed = CampaignFileSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(`campaign.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'файл'} — ${i.message}`).join('; ')}`);
  const useCsv = existsSync(p.registryCsv) || !existsSync(p.registryXlsx);
  const schools = useCsv ? loadRegistryCsv(p.registryCsv) : registrySchools(parseRegistry(await readFirstSheet(p.registryXlsx)), p.registryXlsx);
  return { dir, campaign: parsed.data, catalog: loadCampaignCatalog(dir, parsed.data.catalogId).catalog, schools };
}

/** Reads schools.csv with the core's registry parser; every bad row is reported with its line, nothing is half-loaded. */
export function loadRegistryCsv(path: string): CampaignContext['schools'] {
  if (!existsSync(path)) throw new UserFacingError(`Нет реестра школ ${path}. Заполните его по образцу (msoko init создаёт шаблон).`);
  return registrySchools(parseRegistry(parseCsv(readFileSync(path, 'utf8'))), path);
}

/** The first sheet of a registry workbook as rows of text (schools.xlsx with the same columns as schools.csv). */
async function readFirstSheet(path: string): Promise<string[][]> {
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid) throw new UserFacingError(`${path}: ${grid.unreadable}`);
  const first = grid.sheets[0];
  if (!first) throw new UserFacingError(`${path}: в книге нет листов`);
  return first.values.map((row) => (row ?? []).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v))));
}

export function saveCampaign(dir: string, campaign: CampaignFile): void {
  writeFileAtomic(paths(dir).campaign, `${JSON.stringify(campaign, null, 2)}\n`);
}
