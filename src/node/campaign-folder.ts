import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';
import { CampaignSchema, type School, SchoolSchema } from '../core/campaign/schema';
import { type Catalog, getCatalog } from '../core/catalog';
import { parseCsv } from './csv';
import { readWorkbookFile } from './xlsx/read/read-workbook';

/** campaign.json: the campaign plus what only the offline path needs (the sheet protection password). */
export const CampaignFileSchema = z.extend(CampaignSchema, { password: z.optional(z.string()) });
export type CampaignFile = z.infer<typeof CampaignFileSchema>;

export class UserError extends Error {}

/** The catalog by id; an unknown id is the user's mistake, not an internal failure. */
export function catalogById(id: string): Catalog {
  try {
    return getCatalog(id);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}

export interface CampaignFolder {
  dir: string;
  campaign: CampaignFile;
  catalog: Catalog;
  schools: School[];
}

export const paths = (dir: string) => ({
  campaign: join(dir, 'campaign.json'),
  registryCsv: join(dir, 'schools.csv'),
  registryXlsx: join(dir, 'schools.xlsx'),
  schools: join(dir, 'schools'),
  received: join(dir, 'received'),
  out: join(dir, 'out'),
  decisions: join(dir, 'decisions.json'),
  surveys: join(dir, 'surveys.json'),
});

/** Writes through a temporary file and a rename, so a crash never leaves a half-written file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function loadCampaign(dir: string): Promise<CampaignFolder> {
  const p = paths(dir);
  if (!existsSync(p.campaign)) throw new UserError(`В папке «${dir}» нет campaign.json. Создайте кампанию: msoko init ${dir}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(p.campaign, 'utf8'));
  } catch (e) {
    throw new UserError(`campaign.json повреждён: ${(e as Error).message}`);
  }
  const parsed = CampaignFileSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(`campaign.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'файл'} — ${i.message}`).join('; ')}`);
  const schools =
    existsSync(p.registryCsv) || !existsSync(p.registryXlsx)
      ? loadRegistryCsv(p.registryCsv)
      : registryFromRows(await readFirstSheet(p.registryXlsx), p.registryXlsx);
  return { dir, campaign: parsed.data, catalog: catalogById(parsed.data.catalogId), schools };
}

export const REGISTRY_HEADER = ['id', 'name', 'short_name', 'type', 'emails'];

/** Reads schools.csv; every bad row is reported with its line number, and nothing is half-loaded. */
export function loadRegistryCsv(path: string): School[] {
  if (!existsSync(path)) throw new UserError(`Нет реестра школ ${path}. Заполните его по образцу (msoko init создаёт шаблон).`);
  return registryFromRows(parseCsv(readFileSync(path, 'utf8')), path);
}

export function registryFromRows(rows: string[][], source: string): School[] {
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = REGISTRY_HEADER.filter((h) => !header.includes(h));
  if (missing.length > 0) throw new UserError(`${source}: в заголовке нет столбцов ${missing.join(', ')} (нужно: ${REGISTRY_HEADER.join(',')})`);
  const col = (name: string): number => header.indexOf(name);
  const problems: string[] = [];
  const schools: School[] = [];
  rows.slice(1).forEach((r, i) => {
    const candidate = {
      id: (r[col('id')] ?? '').trim(),
      name: (r[col('name')] ?? '').trim(),
      shortName: (r[col('short_name')] ?? '').trim(),
      type: (r[col('type')] ?? '').trim().toUpperCase(),
      emails: (r[col('emails')] ?? '')
        .split(/[;,\s]+/)
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    };
    const parsed = SchoolSchema.safeParse(candidate);
    if (!parsed.success) problems.push(`строка ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.')} — ${x.message}`).join('; ')}`);
    else if (schools.some((s) => s.id === parsed.data.id)) problems.push(`строка ${i + 2}: код ОО «${parsed.data.id}» повторяется`);
    else schools.push(parsed.data);
  });
  if (problems.length > 0) throw new UserError(`${source}:\n  ${problems.join('\n  ')}`);
  if (schools.length === 0) throw new UserError(`${source}: в реестре нет ни одной ОО`);
  return schools;
}

/** The first sheet of a registry workbook as rows of text (schools.xlsx with the same columns as schools.csv). */
async function readFirstSheet(path: string): Promise<string[][]> {
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid) throw new UserError(`${path}: ${grid.unreadable}`);
  const first = grid.sheets[0];
  if (!first) throw new UserError(`${path}: в книге нет листов`);
  return first.values.map((row) => (row ?? []).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v))));
}

export function saveCampaign(dir: string, campaign: CampaignFile): void {
  writeFileAtomic(paths(dir).campaign, `${JSON.stringify(campaign, null, 2)}\n`);
}
