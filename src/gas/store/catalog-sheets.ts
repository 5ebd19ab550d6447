import * as z from 'zod/mini';
import { catalogOf } from '../../app/campaign';
import { type CatalogForm, catalogFormRefusal } from '../../app/catalog-import';
import { UserFacingError } from '../../app/errors';
import { CATALOG_SOURCES } from '../../core/catalog';
import { expandCatalog } from '../../core/catalog/expand';
import { campaignCatalogVersion, formHash } from '../../core/catalog/form-version';
import type { CatalogSource } from '../../core/catalog/schema';
import type { Catalog } from '../../core/catalog/types';
import { catalogWorkbookSpec } from '../../core/catalog/workbook/layout';
import { parseCatalogWorkbook } from '../../core/catalog/workbook/parse';
import { formatCatalogProblem } from '../../core/catalog/workbook/read-table';
import { GENERAL_SHEET, TABLE_SHEETS } from '../../core/catalog/workbook/sheets';
import { a1, quoteSheet } from '../../core/layout/a1';
import type { CellSpec, SheetSpec, ValidationSpec } from '../../core/layout/types';
import type { SheetGrid, WorkbookGrid } from '../../core/submission/parse';
import { RateLimited, withBackoff } from '../limits';
import { extent, inputRuns, validationRule } from '../render/sheet-renderer';
import { writeStaged } from '../render/staged-write';
import { type SheetsApi, type SheetsRequest, type Spreadsheet, advancedSheets } from '../services';
import { getSetting, setSettingNow } from './job-store';

/**
 * The department's own catalog in its spreadsheet (issue 15): the sheets of the catalog workbook — the same specs the
 * .xlsx writer draws (core/catalog/workbook/layout), each named «Каталог…» — filled at «Новая кампания» or by
 * «importCatalog», and read back by every step, values only: a formula there is a placed error, never evaluated.
 */
export const CATALOG_SHEET_NAMES: readonly string[] = [GENERAL_SHEET, ...TABLE_SHEETS.map((d) => d.name)];
const isCatalogSheet = (title: string): boolean => title.trim().toLowerCase().startsWith(GENERAL_SHEET.toLowerCase());
/** userEnteredValue tells a formula (formulaValue) from a value in the same single read. */
const GRID_FIELDS = 'sheets(properties(title),data(rowData(values(userEnteredValue))))';
/** More problems than this are summarised: a spreadsheet that is no catalog at all would otherwise list thousands. */
const MAX_LISTED = 60;

type GridData = GoogleAppsScript.Sheets.Schema.GridData;

/** The catalog sheets of a spreadsheet as a grid (values and formula texts), or null when it has none. */
export function readCatalogGrid(spreadsheetId: () => string, open: () => Spreadsheet): WorkbookGrid | null {
  const api = advancedSheets();
  return api?.Spreadsheets ? readWithApi(api, spreadsheetId()) : readWithSpreadsheetApp(open());
}

function readWithApi(api: SheetsApi, id: string): WorkbookGrid | null {
  const get = (names: readonly string[]) => withBackoff(() => api.Spreadsheets?.get(id, { ranges: names.map(quoteSheet), fields: GRID_FIELDS }));
  let res: GoogleAppsScript.Sheets.Schema.Spreadsheet | undefined;
  try {
    res = get(CATALOG_SHEET_NAMES);
  } catch (e) {
    if (e instanceof UserFacingError || e instanceof RateLimited) throw e;
    // a sheet is missing or renamed (its range does not parse): read those that are there; the parser names the rest
    const meta = withBackoff(() => api.Spreadsheets?.get(id, { fields: 'sheets.properties.title' }));
    const present = (meta?.sheets ?? []).map((s) => s.properties?.title ?? '').filter(isCatalogSheet);
    if (present.length === 0) return null;
    res = get(present);
  }
  const sheets = (res?.sheets ?? []).map((s) => gridOfData(s.properties?.title ?? '', s.data?.[0]));
  return sheets.length > 0 ? { sheets } : null;
}

function gridOfData(name: string, data: GridData | undefined): SheetGrid {
  const values: unknown[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  for (const [r, row] of (data?.rowData ?? []).entries()) {
    values[r] = [];
    formulas[r] = [];
    for (const [c, cell] of (row.values ?? []).entries()) {
      const v = cell.userEnteredValue;
      const formula = v?.formulaValue;
      if (typeof formula === 'string') {
        anyFormula = true;
        (formulas[r] as (string | null)[])[c] = formula.replace(/^=/, '');
        (values[r] as unknown[])[c] = '';
        continue;
      }
      (values[r] as unknown[])[c] = v?.stringValue ?? v?.numberValue ?? v?.boolValue ?? (v?.errorValue ? '#ОШИБКА' : '');
    }
  }
  return anyFormula ? { name, values, formulas } : { name, values };
}

function readWithSpreadsheetApp(ss: Spreadsheet): WorkbookGrid | null {
  const sheets: SheetGrid[] = [];
  for (const name of CATALOG_SHEET_NAMES) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) continue;
    const range = sheet.getDataRange();
    const formulas = range.getFormulas().map((row) => row.map((f) => (f === '' ? null : f.replace(/^=/, ''))));
    sheets.push({ name, values: range.getValues(), formulas });
  }
  return sheets.length > 0 ? { sheets } : null;
}

/** The catalog source of a grid, or one Russian error listing every problem with its sheet, row and column. */
export function catalogSourceOf(grid: WorkbookGrid, where: string): CatalogSource {
  const result = parseCatalogWorkbook(grid);
  if ('source' in result) return result.source;
  const lines = result.problems.slice(0, MAX_LISTED).map(formatCatalogProblem);
  if (result.problems.length > MAX_LISTED) lines.push(`… и ещё ${result.problems.length - MAX_LISTED}`);
  throw new UserFacingError(`${where}: каталог не прочитан — исправьте (${result.problems.length}):\n${lines.join('\n')}`);
}

/** The catalog of a source with the version its school files carry (the specialist's text + the form's hash). */
export function versionedCatalog(source: CatalogSource): Catalog {
  let catalog: Catalog;
  try {
    catalog = expandCatalog(source);
  } catch (e) {
    throw new UserFacingError(`Каталог «${source.id}»: ${(e as Error).message}`);
  }
  return { ...catalog, version: campaignCatalogVersion(source, catalog, CATALOG_SOURCES[source.id]) };
}

export const formOf = (c: Catalog): CatalogForm => ({ id: c.id, version: c.version, hash: formHash(c) });

const FormSchema = z.object({ id: z.string(), version: z.string(), hash: z.string() });
const lockKey = (year: number): string => `catalogForm.${year}`;

/** The form the year's school files were made by (recorded when «Создание таблиц школ» starts), or null. */
export function lockedForm(year: number): CatalogForm | null {
  const raw = getSetting(lockKey(year));
  if (!raw) return null;
  try {
    const parsed = FormSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function lockForm(catalog: Catalog, year: number): void {
  if (!lockedForm(year)) setSettingNow(lockKey(year), JSON.stringify(formOf(catalog)));
}

const IN_PLACE = 'Каталог на листах «Каталог…» не принят';
const UNDO = 'Верните на листах «Каталог…» прежнюю форму (Файл → История версий или Правка → Отменить) и повторите шаг.';

/**
 * The campaign's catalog: its «Каталог…» sheets when the spreadsheet has them (a campaign set up before they existed
 * runs on the built-in catalog of «Кампания»; a campaign on its own catalog whose sheets were all deleted is told so).
 * Once school files are out, an edit that changes the school form is refused in Russian; targets, texts and groups
 * may change and apply at the next step.
 */
export function sheetCatalog(ss: Spreadsheet, id: string | null, catalogId: string, year: number, filesOut: number): Catalog {
  const grid = readCatalogGrid(
    () => id ?? ss.getId(),
    () => ss,
  );
  if (!grid && !Object.keys(CATALOG_SOURCES).includes(catalogId)) {
    throw new UserFacingError(
      `В таблице нет листов «Каталог…» с каталогом кампании «${catalogId}». Загрузите его снова в разделе «Каталог показателей» панели ` +
        '(книга .xlsx или ссылка на таблицу с листами «Каталог…»).',
    );
  }
  const catalog = grid ? versionedCatalog(catalogSourceOf(grid, 'Листы «Каталог…» этой таблицы')) : catalogOf(catalogId);
  const locked = lockedForm(year);
  const refusal = locked ? catalogFormRefusal(formOf(catalog), locked, Math.max(filesOut, 1), IN_PLACE, UNDO) : null;
  if (refusal) throw new UserFacingError(refusal);
  return catalog;
}

/**
 * Writes the catalog's sheets: values, formats, notes and validations staged (the old «Каталог…» sheets replaced
 * together); a note and a rule per column run, never per cell, sent with the formats.
 */
export function writeCatalogSheets(ss: Spreadsheet, source: CatalogSource): void {
  const specs = catalogWorkbookSpec(source).sheets;
  const bare = specs.map((s) => ({ ...s, cells: s.cells.map(({ note: _note, ...c }): CellSpec => c) }));
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    const full = new Map(specs.map((s) => [s.name, s]));
    writeStaged(ss, bare, (spec, sheetId) => catalogSheetRequests(full.get(spec.name) ?? spec, sheetId));
    return;
  }
  writeStaged(ss, bare);
  notesAndRulesWithSpreadsheetApp(ss, specs);
}

const range = (sheetId: number, row: number, col: number, rows: number) => ({
  sheetId,
  startRowIndex: row - 1,
  endRowIndex: row - 1 + rows,
  startColumnIndex: col - 1,
  endColumnIndex: col,
});

/** Runs of equal notes down one column: one request for a column of a table sheet. */
export function noteRuns(cells: CellSpec[]): { row: number; col: number; rows: number; note: string }[] {
  const noted = cells.filter((c): c is CellSpec & { note: string } => typeof c.note === 'string' && c.note !== '');
  noted.sort((x, y) => x.col - y.col || x.row - y.row);
  const runs: { row: number; col: number; rows: number; note: string }[] = [];
  for (const c of noted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.note === c.note && last.row + last.rows === c.row) last.rows += 1;
    else runs.push({ row: c.row, col: c.col, rows: 1, note: c.note });
  }
  return runs;
}

function ruleOf(v: ValidationSpec, top: string, message: string): GoogleAppsScript.Sheets.Schema.DataValidationRule {
  const formula = (text: string) => ({ type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: text }] });
  const condition =
    v.type === 'list'
      ? { type: 'ONE_OF_LIST', values: v.values.map((userEnteredValue) => ({ userEnteredValue })) }
      : v.type === 'url'
        ? { type: 'TEXT_IS_URL' }
        : v.type === 'decimal'
          ? { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: String(v.min) }, { userEnteredValue: String(v.max) }] }
          : v.type === 'wholeNumber'
            ? formula(`=OR(ISBLANK(${top}),AND(ISNUMBER(${top}),${top}=INT(${top}),${top}>=${v.min},${top}<=${v.max}))`)
            : formula(`=LEN(${top})<=${v.maxLength}`);
  return { condition, inputMessage: message, strict: true, showCustomUi: v.type === 'list' };
}

export function catalogSheetRequests(spec: SheetSpec, sheetId: number): SheetsRequest[] {
  const notes = noteRuns(spec.cells).map(
    (r): SheetsRequest => ({ repeatCell: { range: range(sheetId, r.row, r.col, r.rows), cell: { note: r.note }, fields: 'note' } }),
  );
  const rules = inputRuns(spec.inputs).map(
    (r): SheetsRequest => ({
      setDataValidation: {
        range: range(sheetId, r.first.row, r.first.col, r.rows),
        rule: ruleOf(r.first.validation, a1(r.first.row, r.first.col), r.first.validationMessage),
      },
    }),
  );
  return [...notes, ...rules];
}

function notesAndRulesWithSpreadsheetApp(ss: Spreadsheet, specs: SheetSpec[]): void {
  for (const spec of specs) {
    const sheet = ss.getSheetByName(spec.name);
    if (!sheet) continue;
    const { rows, cols } = extent(spec);
    const grid: string[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
    for (const c of spec.cells) if (c.note) (grid[c.row - 1] as string[])[c.col - 1] = c.note;
    sheet.getRange(1, 1, rows, cols).setNotes(grid);
    for (const r of inputRuns(spec.inputs)) {
      const cells = sheet.getRange(r.first.row, r.first.col, r.rows, 1);
      cells.setDataValidation(validationRule(r.first, cells));
    }
  }
}
