import * as z from 'zod/mini';
import type { CycleInput } from '../../app/cycle';
import { UserFacingError } from '../../app/errors';
import type { Catalog } from '../../core/catalog/types';
import { quoteSheet } from '../../core/layout/a1';
import type { SheetSpec } from '../../core/layout/types';
import { PREVIOUS_YEARS_SHEET, previousYearsSheet, readPreviousYears } from '../../core/history/previous-years';
import { REGISTER_SHEET, type RegisterRow, registerFromValues, registerSheet } from '../../core/register/register';
import { withBackoff } from '../limits';
import { writeStaged } from '../render/staged-write';
import { type Spreadsheet, advancedSheets } from '../services';
import { campaignFromValues } from './campaign-sheet';
import { getSetting, setSettingNow } from './job-store';
import { readRegisterSheet } from './register-read';

/**
 * The chain of campaigns in Google (issue 16): each campaign is its own spreadsheet. «Новая кампания» with the previous
 * campaign's spreadsheet remembers it (its id, year and folder), and keeps a copy of its «Реестр мер» as a hidden sheet
 * — the «Итоги <год>.json» snapshot is written before anyone types an order number. Consolidation re-reads the previous
 * spreadsheet's register while it can be opened, else the copy.
 */
const PreviousSchema = z.object({ spreadsheetId: z.string(), year: z.number(), folderId: z.string() });
export type PreviousCampaign = z.infer<typeof PreviousSchema>;
const SETTING = 'previousCampaign';

export const registerCopyName = (year: number): string => `${REGISTER_SHEET} ${year} (копия)`;

export function previousCampaign(): PreviousCampaign | null {
  const raw = getSetting(SETTING);
  if (!raw) return null;
  try {
    const parsed = PreviousSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A spreadsheet's id from its address or the id itself. */
export function spreadsheetIdOf(text: string): string | null {
  const t = text.trim();
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]{10,})/.exec(t)?.[1];
  if (fromUrl) return fromUrl;
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : null;
}

const folderIdOf = (url: string): string => /\/folders\/([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';

/** «Новая кампания» with a previous campaign: remember it and copy its register (with the department's entries). */
export function adoptPrevious(ss: Spreadsheet, link: string, year: number): string {
  const id = spreadsheetIdOf(link);
  if (!id) throw new UserFacingError(`Таблица прошлой кампании: «${link}» — не ссылка на Google Таблицу`);
  if (id === ss.getId()) throw new UserFacingError('Таблица прошлой кампании: укажите другую таблицу — эта таблица и есть новая кампания');
  let previous: Spreadsheet;
  try {
    previous = SpreadsheetApp.openById(id);
  } catch {
    throw new UserFacingError('Таблица прошлой кампании не открывается: проверьте ссылку и доступ к ней');
  }
  const settings = campaignFromValues(previous.getSheetByName('Кампания')?.getDataRange().getValues() ?? null);
  const before = settings.campaign.year;
  if (before >= year) throw new UserFacingError(`Таблица прошлой кампании относится к ${before} году — нужна кампания до ${year} года`);
  const rows = readRegisterSheet(previous);
  writeStaged(ss, [{ ...registerSheet(rows, before), name: registerCopyName(before), hidden: true }]);
  ss.getSheetByName(registerCopyName(before))?.hideSheet();
  setSettingNow(SETTING, JSON.stringify({ spreadsheetId: id, year: before, folderId: folderIdOf(settings.folderUrl) } satisfies PreviousCampaign));
  const entries = rows.filter((r) => r.document !== '' || r.kind !== '').length;
  return `Прошлая кампания ${before} г. подключена: реестр мер скопирован (строк ${rows.length}, с решениями отдела — ${entries}).`;
}

/**
 * The blank «Прошлые годы» and an empty «Реестр мер», unless the department already has them: both exist from the
 * start, so consolidation reads them in one batch (a missing sheet would fail it).
 */
export function ensureCycleSheets(ss: Spreadsheet, catalog: Catalog, year: number): void {
  const missing = [
    ss.getSheetByName(PREVIOUS_YEARS_SHEET) ? null : previousYearsSheet(catalog, year),
    ss.getSheetByName(REGISTER_SHEET) ? null : registerSheet([], year),
  ].filter((x): x is SheetSpec => x !== null);
  if (missing.length > 0) writeStaged(ss, missing);
}

/**
 * The department's register and «Прошлые годы» in one Values.batchGet (the register was read alone before: no extra
 * call per consolidation); a missing sheet makes the batch fail, then each is read alone.
 */
export function readDepartmentSheets(ss: Spreadsheet): { register: RegisterRow[]; previousYears: unknown[][] } {
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    const values = api.Spreadsheets.Values;
    try {
      const res = withBackoff(() =>
        values.batchGet(ss.getId(), { ranges: [quoteSheet(REGISTER_SHEET), quoteSheet(PREVIOUS_YEARS_SHEET)], valueRenderOption: 'FORMATTED_VALUE' }),
      );
      const [register, years] = [0, 1].map((i) => (res.valueRanges?.[i]?.values ?? []) as unknown[][]);
      return { register: registerFromValues(register ?? []), previousYears: years ?? [] };
    } catch (e) {
      if (!/Unable to parse range/i.test(String(e))) throw e;
    }
  }
  return { register: readRegisterSheet(ss), previousYears: readSheetValues(ss, PREVIOUS_YEARS_SHEET) };
}

/** What consolidation needs of the chain: the typed earlier years and last campaign's register (fresh, else the copy). */
export function readCycleGas(ss: Spreadsheet, catalog: Catalog, year: number, previousYears: unknown[][]): CycleInput {
  const typedRead = readPreviousYears(catalog, previousYears, year);
  const typed = { typed: typedRead.years, typedProblems: typedRead.problems };
  const prev = previousCampaign();
  if (!prev) return { ...typed, previousRegister: null, registerSource: null };
  let fresh: RegisterRow[] | null = null;
  try {
    fresh = readRegisterSheet(SpreadsheetApp.openById(prev.spreadsheetId));
  } catch {
    fresh = null;
  }
  if (fresh !== null && fresh.length > 0)
    return { ...typed, previousRegister: fresh, registerSource: `лист «${REGISTER_SHEET}» таблицы кампании ${prev.year} г.` };
  const copy = registerFromValues(readSheetValues(ss, registerCopyName(prev.year)));
  const why = fresh === null ? ': таблица прошлой кампании недоступна' : '';
  return { ...typed, previousRegister: copy, registerSource: `копия, сохранённая при создании кампании (лист «${registerCopyName(prev.year)}»)${why}` };
}

function readSheetValues(ss: Spreadsheet, name: string): unknown[][] {
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    const values = api.Spreadsheets.Values;
    try {
      return (withBackoff(() => values.get(ss.getId(), quoteSheet(name), { valueRenderOption: 'FORMATTED_VALUE' })).values ?? []) as unknown[][];
    } catch (e) {
      if (/Unable to parse range/i.test(String(e))) return [];
      throw e;
    }
  }
  return ss.getSheetByName(name)?.getDataRange().getDisplayValues() ?? [];
}
