import { quoteSheet } from '../../core/layout/a1';
import type { Catalog } from '../../core/catalog/types';
import { META_SHEET, sheetLines } from '../../core/layout/positions';
import type { SheetGrid, WorkbookGrid } from '../../core/submission/parse';
import { UserFacingError } from '../../app/errors';
import { RateLimited, withBackoff } from '../limits';
import { advancedSheets, errorText } from '../services';

export type ReadResult = WorkbookGrid | { unreadable: string };

/** The sheets a school file must have, each read as one block A1:G{n}. */
function expectedRanges(catalog: Catalog): { name: string; range: string }[] {
  const plans = sheetLines(catalog);
  const sheets = plans.map((p) => ({ name: p.sheet, rows: Math.max(12, ...p.lines.map((l) => l.row)) + 20 }));
  sheets.push({ name: META_SHEET, rows: 10 });
  return sheets.map((s) => ({ name: s.name, range: `${quoteSheet(s.name)}!A1:G${s.rows}` }));
}

type CellData = GoogleAppsScript.Sheets.Schema.CellData;

/** Sheets' error values as a cell shows them (the parser names a formula error by its text). */
const ERRORS: Record<string, string> = {
  DIVIDE_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  REF: '#REF!',
  NAME: '#NAME?',
  NUM: '#NUM!',
  N_A: '#N/A',
  NULL_VALUE: '#NULL!',
  LOADING: '#ERROR!',
  ERROR: '#ERROR!',
};

const two = (n: number): string => String(n).padStart(2, '0');

/** A date serial (days since 1899-12-30) as «dd.MM.yyyy» text: the parser then says «в ячейке дата». */
function dateText(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/**
 * One cell as the parser expects it. A number shown as a percent is read as the percent a person typed («85%»
 * is stored as 0.85, read as 85); a date as text; an error as its «#…» text.
 */
export function cellValueOf(cell: CellData): unknown {
  const v = cell.effectiveValue;
  if (!v) return '';
  if (v.numberValue !== undefined && v.numberValue !== null) {
    const type = cell.effectiveFormat?.numberFormat?.type;
    if (type === 'PERCENT') return Math.round(v.numberValue * 100 * 1e9) / 1e9;
    if (type === 'DATE' || type === 'DATE_TIME') return dateText(v.numberValue);
    return v.numberValue;
  }
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  if (v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if (v.errorValue) return ERRORS[v.errorValue.type ?? 'ERROR'] ?? '#ERROR!';
  return '';
}

/** A GridData block as rows of values from A1 (the ranges start at A1). */
function gridValues(data: GoogleAppsScript.Sheets.Schema.GridData | undefined): unknown[][] {
  return (data?.rowData ?? []).map((row) => (row.values ?? []).map(cellValueOf));
}

const GRID_FIELDS = 'sheets(properties(title),data(rowData(values(effectiveValue,effectiveFormat(numberFormat(type))))))';

/**
 * Reads a school's file in one pass: one Spreadsheets.get with the grid data of all its sheets (values and number
 * formats, so a typed «85%» is 85, not 0.85) where the Sheets advanced service is enabled — one call per school —
 * else one getValues per sheet. A renamed or deleted sheet makes the call fail; the file is then read sheet by
 * sheet, so the parser can still find it.
 */
export function readSchoolFile(fileId: string, catalog: Catalog): ReadResult {
  const api = advancedSheets();
  if (api?.Spreadsheets) {
    const ranges = expectedRanges(catalog);
    const spreadsheets = api.Spreadsheets;
    try {
      // the Sheets API allows about 60 reads a minute per user: waited out, never a school marked unreadable
      const res = withBackoff(() => spreadsheets.get(fileId, { ranges: ranges.map((r) => r.range), includeGridData: true, fields: GRID_FIELDS }));
      const byTitle = new Map((res.sheets ?? []).map((sh) => [sh.properties?.title ?? '', sh.data?.[0]]));
      const sheets: SheetGrid[] = ranges.map((r) => ({ name: r.name, values: gridValues(byTitle.get(r.name)) }));
      return { sheets };
    } catch (e) {
      if (e instanceof RateLimited || e instanceof UserFacingError) throw e;
      if (!/Unable to parse range/i.test(errorText(e))) return unreadable(e);
    }
  }
  return readSheetBySheet(fileId);
}

function readSheetBySheet(fileId: string): ReadResult {
  try {
    const ss = SpreadsheetApp.openById(fileId);
    return { sheets: ss.getSheets().map((s) => ({ name: s.getName(), values: s.getDataRange().getValues() })) };
  } catch (e) {
    return unreadable(e);
  }
}

function unreadable(e: unknown): ReadResult {
  const text = errorText(e);
  if (/not found|Requested entity was not found|No item with the given ID/i.test(text))
    return { unreadable: 'файл школы не найден: он удалён или к нему нет доступа' };
  if (/permission|access/i.test(text)) return { unreadable: 'нет доступа к файлу школы: проверьте, что отдел остался его владельцем' };
  return { unreadable: `не удалось прочитать файл школы: ${text}` };
}
