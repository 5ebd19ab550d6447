import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { CycleInput } from '../../app/cycle';
import { UserFacingError } from '../../app/errors';
import type { Catalog } from '../../core/catalog/types';
import { PREVIOUS_YEARS_SHEET, readPreviousYears } from '../../core/history/previous-years';
import { REGISTER_SHEET, type RegisterRow, registerFromValues } from '../../core/register/register';
import { readWorkbookFile } from '../xlsx/read/read-workbook';
import { paths } from './files';
import type { CampaignFolder } from './load';

/**
 * The chain of campaigns offline (issue 16): `msoko init --previous ../kampania-2025` copies the predecessor's results
 * (with the history inside appendices.json), its accepted schools' values and its register into history/<год>/, so a
 * moved folder breaks nothing; consolidation re-reads the predecessor's measures.xlsx while it is reachable, since the
 * department keeps typing order numbers into it, and falls back to the copy.
 */
export const historyDir = (dir: string, year: number): string => join(dir, 'history', String(year));
export const previousYearsFile = (dir: string): string => join(dir, 'previous-years.xlsx');

export interface Copied {
  /** campaign.json «previous»: the copied appendices.json, relative to the new campaign folder (null: none). */
  previous: string | null;
  /** campaign.json «predecessor»: the predecessor's folder, relative to the new one. */
  predecessor: string;
  files: string[];
}

export function copyPredecessor(dir: string, from: string): Copied {
  const source = paths(from);
  if (!existsSync(source.campaign)) throw new UserFacingError(`«${from}» — не папка кампании (нет campaign.json)`);
  const year = readYear(source.campaign);
  const target = historyDir(dir, year);
  mkdirSync(target, { recursive: true });
  const files: string[] = [];
  const copy = (file: string, name = basename(file)): boolean => {
    if (!existsSync(file)) return false;
    copyFileSync(file, join(target, name));
    files.push(join(target, name));
    return true;
  };
  const results = copy(join(source.out, 'appendices.json'));
  copy(join(source.out, 'school-values.json'));
  copy(source.measures);
  if (!existsSync(paths(dir).registryCsv) && !existsSync(paths(dir).registryXlsx)) {
    if (existsSync(source.registryCsv)) copyFileSync(source.registryCsv, paths(dir).registryCsv);
    else if (existsSync(source.registryXlsx)) copyFileSync(source.registryXlsx, paths(dir).registryXlsx);
  }
  const rel = (p: string): string => relative(resolve(dir), resolve(p)) || '.';
  return { previous: results ? rel(join(target, 'appendices.json')) : null, predecessor: rel(from), files };
}

function readYear(campaignJson: string): number {
  try {
    const year = (JSON.parse(readFileSync(campaignJson, 'utf8')) as { year?: unknown }).year;
    if (typeof year === 'number' && Number.isInteger(year)) return year;
  } catch {
    // reported below
  }
  throw new UserFacingError(`${campaignJson}: не удалось прочитать год кампании`);
}

/**
 * A register workbook as the department left it: an empty register when there is none; a file that cannot be read is
 * the user's to fix (it is never overwritten with a register that lost their entries).
 */
export async function readRegisterFile(path: string): Promise<RegisterRow[]> {
  if (!existsSync(path)) return [];
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid)
    throw new UserFacingError(`Реестр мер ${path} не прочитан: ${grid.unreadable}. Закройте файл в Excel или исправьте его и повторите свод.`);
  const sheet = grid.sheets.find((s) => s.name === REGISTER_SHEET) ?? grid.sheets[0];
  return registerFromValues(sheet?.values ?? []);
}

/** Last campaign's register (the predecessor's own file while reachable, else the copy) and the typed earlier years. */
export async function readCycle(folder: CampaignFolder): Promise<CycleInput> {
  const year = folder.campaign.year - 1;
  const copy = join(historyDir(folder.dir, year), 'measures.xlsx');
  const from = folder.campaign.predecessor;
  const own = from ? join(isAbsolute(from) ? from : join(folder.dir, from), 'measures.xlsx') : null;
  let previousRegister: RegisterRow[] | null = null;
  let registerSource: string | null = null;
  if (own && existsSync(own)) {
    previousRegister = await readRegisterFile(own);
    registerSource = `measures.xlsx прошлой кампании (папка «${basename(resolve(folder.dir, from ?? ''))}»)`;
  } else if (existsSync(copy)) {
    previousRegister = await readRegisterFile(copy);
    registerSource = `копия, сохранённая при создании кампании (history/${year}/measures.xlsx)${own ? ': папка прошлой кампании недоступна' : ''}`;
  }
  const typed = await readTypedYears(folder.catalog, previousYearsFile(folder.dir), folder.campaign.year);
  return { ...typed, previousRegister, registerSource };
}

async function readTypedYears(catalog: Catalog, path: string, year: number): Promise<Pick<CycleInput, 'typed' | 'typedProblems'>> {
  if (!existsSync(path)) return { typed: [], typedProblems: [] };
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid) return { typed: [], typedProblems: [`Файл previous-years.xlsx не прочитан: ${grid.unreadable}`] };
  const sheet = grid.sheets.find((s) => s.name === PREVIOUS_YEARS_SHEET) ?? grid.sheets[0];
  const read = readPreviousYears(catalog, sheet?.values ?? [], year, sheet?.name ?? PREVIOUS_YEARS_SHEET);
  return { typed: read.years, typedProblems: read.problems.map((p) => `previous-years.xlsx: ${p}`) };
}
