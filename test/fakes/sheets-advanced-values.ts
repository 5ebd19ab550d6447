/**
 * spreadsheets.values of the fake Sheets advanced service: A1 ranges as the REST API reads them,
 * value rendering (FORMATTED_VALUE / UNFORMATTED_VALUE / FORMULA, date serials) with trailing
 * blanks omitted, and writes with valueInputOption RAW or USER_ENTERED.
 */
import type { SsHandle } from './handles';
import { a1Of, cellAt, colToLetters, ensureCell, parseA1, quoteSheetName, type Cell, type GridRef, type SheetModel, type SpreadsheetModel } from './model';
import { assertCanEdit } from './protection';
import { displayOf, writeValue } from './range-ops';
import { isDateLike, MAX_CELL_CHARS } from './runtime';
import { ApiError, exceedsGrid, isObj, type Json, type Located } from './sheets-advanced-util';
import { formatDatePattern } from './utilities';

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
export type MajorDimension = 'ROWS' | 'COLUMNS';

/** ValueRange as the API returns it. */
export interface FakeValueRange {
  range: string;
  majorDimension: MajorDimension;
  values?: unknown[][];
}
export interface FakeUpdateValuesResponse {
  spreadsheetId: string;
  updatedRange: string;
  updatedRows?: number;
  updatedColumns?: number;
  updatedCells?: number;
}

export interface ReadOptions {
  readonly valueRenderOption: ValueRenderOption;
  readonly dateTimeRenderOption: DateTimeRenderOption;
  readonly majorDimension: MajorDimension;
}

function enumOption<T extends string>(value: unknown, allowed: readonly T[], fallback: T, param: string, type: string): T {
  if (value === undefined || value === null) return fallback;
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new ApiError(`Invalid value at '${param}' (type.googleapis.com/google.apps.sheets.v4.${type}), "${String(value)}"`);
  return found;
}

export function readOptions(args: Json): ReadOptions {
  return {
    valueRenderOption: enumOption(
      args['valueRenderOption'],
      ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'] as const,
      'FORMATTED_VALUE',
      'value_render_option',
      'ValueRenderOption',
    ),
    dateTimeRenderOption: enumOption(
      args['dateTimeRenderOption'],
      ['SERIAL_NUMBER', 'FORMATTED_STRING'] as const,
      'SERIAL_NUMBER',
      'date_time_render_option',
      'DateTimeRenderOption',
    ),
    majorDimension: enumOption(args['majorDimension'], ['ROWS', 'COLUMNS'] as const, 'ROWS', 'major_dimension', 'Dimension'),
  };
}

export interface A1Target extends Located {
  /** The range named one cell only ("A1"): writes may extend from it. */
  readonly single: boolean;
}

/** The sheet's name as A1 notation quotes it in API responses ("Sheet1", "'Лист 1'"). */
export const rangeLabel = (sheet: SheetModel, ref: GridRef): string => `${quoteSheetName(sheet.name)}!${a1Of(ref)}`;

function findSheet(ss: SpreadsheetModel, name: string): SheetModel | undefined {
  return ss.sheets.find((s) => s.name === name) ?? ss.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/**
 * "'Name'!A1:G40", "Name!A:G", "Name" (whole sheet) or "A1:B2" (first visible sheet). The end is
 * clipped to the grid; a start outside it fails like the API ("exceeds grid limits").
 */
export function resolveA1(ss: SpreadsheetModel, input: unknown): A1Target {
  const text = typeof input === 'string' ? input.trim() : '';
  const unparsable = (): ApiError => new ApiError(`Unable to parse range: ${String(input)}`);
  if (text === '') throw unparsable();
  const quoted = /^'((?:[^']|'')+)'$/.exec(text);
  const whole = findSheet(ss, quoted?.[1] !== undefined ? quoted[1].replace(/''/g, "'") : text);
  if (whole) return { sheet: whole, ref: { sheetId: whole.id, row: 1, col: 1, numRows: whole.maxRows, numCols: whole.maxCols }, single: false };
  const probe = parseA1(text, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (!probe) throw unparsable();
  const sheet = probe.sheetName === null ? (ss.sheets.find((s) => !s.hidden) ?? ss.sheets[0]) : findSheet(ss, probe.sheetName);
  if (!sheet) throw unparsable();
  const p = parseA1(text, sheet.maxRows, sheet.maxCols);
  if (!p) throw unparsable();
  const single = !/:/.test(text.slice(text.lastIndexOf('!') + 1));
  const asked: GridRef = { sheetId: sheet.id, row: p.row, col: p.col, numRows: p.numRows, numCols: p.numCols };
  if (p.row > sheet.maxRows || p.col > sheet.maxCols) throw exceedsGrid(sheet, asked);
  const ref: GridRef = { ...asked, numRows: Math.min(p.numRows, sheet.maxRows - p.row + 1), numCols: Math.min(p.numCols, sheet.maxCols - p.col + 1) };
  return { sheet, ref, single };
}

/** Days since 1899-12-30 in the spreadsheet's time zone (the SERIAL_NUMBER rendering of dates). */
export function serialOf(date: Date, timeZone: string): number {
  const wall = formatDatePattern(date, timeZone, "yyyy-MM-dd'T'HH:mm:ss.SSS");
  return (Date.parse(`${wall}Z`) - Date.UTC(1899, 11, 30)) / 86400000;
}

function render(cell: Cell | undefined, ss: SpreadsheetModel, o: ReadOptions): unknown {
  if (o.valueRenderOption === 'FORMULA' && cell?.formula !== undefined) return cell.formula;
  const v = cell?.value ?? cell?.computed;
  if (v === undefined) return '';
  if (o.valueRenderOption === 'FORMATTED_VALUE') return displayOf(cell, ss.locale, ss.timeZone);
  if (isDateLike(v)) return o.dateTimeRenderOption === 'FORMATTED_STRING' ? displayOf(cell, ss.locale, ss.timeZone) : serialOf(v, ss.timeZone);
  return v;
}

/** The ValueRange of one range: trailing empty rows and trailing empty cells of a row omitted. */
export function readValueRange(ss: SpreadsheetModel, target: A1Target, o: ReadOptions): FakeValueRange {
  const { sheet, ref } = target;
  // Cells past the last stored row/column are blank and would be trimmed anyway.
  const numRows = Math.max(0, Math.min(ref.numRows, sheet.rows.length - ref.row + 1));
  const numCols = Math.max(0, Math.min(ref.numCols, sheet.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), 0) - ref.col + 1));
  const outer = o.majorDimension === 'ROWS' ? numRows : numCols;
  const inner = o.majorDimension === 'ROWS' ? numCols : numRows;
  const lines: unknown[][] = [];
  for (let i = 0; i < outer; i++) {
    const line: unknown[] = [];
    for (let j = 0; j < inner; j++) {
      const [r, c] = o.majorDimension === 'ROWS' ? [ref.row + i, ref.col + j] : [ref.row + j, ref.col + i];
      line.push(render(cellAt(sheet, r, c), ss, o));
    }
    while (line.length > 0 && line[line.length - 1] === '') line.pop();
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1]?.length === 0) lines.pop();
  const out: FakeValueRange = { range: rangeLabel(sheet, ref), majorDimension: o.majorDimension };
  if (lines.length > 0) out.values = lines;
  return out;
}

export type ValueInputOption = 'RAW' | 'USER_ENTERED';

export function inputOption(value: unknown): ValueInputOption {
  if (value === 'RAW' || value === 'USER_ENTERED') return value;
  if (value === undefined || value === null) throw new ApiError("'valueInputOption' is required but not specified");
  throw new ApiError(`Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "${String(value)}"`);
}

function writeCell(h: SsHandle, cell: Cell, v: unknown, input: ValueInputOption): void {
  if (input === 'USER_ENTERED') {
    // A leading apostrophe forces text and is not part of the value, as when typed.
    if (typeof v === 'string' && v.startsWith("'")) writeCell(h, cell, v.slice(1), 'RAW');
    else writeValue(h.env.ws, cell, v, h.ss.locale);
    return;
  }
  delete cell.value;
  delete cell.formula;
  delete cell.computed;
  if (v === '') return;
  const value = typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
  if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
    throw new ApiError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  cell.value = value;
}

/**
 * Writes one ValueRange. A single-cell range is the top-left corner of the data; a larger range
 * must contain the data. null cells are skipped; '' clears a cell.
 */
export function writeValueRange(h: SsHandle, data: unknown, input: ValueInputOption, index: number): FakeUpdateValuesResponse {
  const where = `data[${index}]`;
  const d = isObj(data) ? data : {};
  const target = resolveA1(h.ss, d['range']);
  const raw = d['values'] ?? [];
  if (!Array.isArray(raw) || !raw.every((row) => Array.isArray(row))) throw new ApiError(`Invalid value at '${where}.values': expected a list of lists`);
  const rows = d['majorDimension'] === 'COLUMNS' ? transpose(raw) : (raw as unknown[][]);
  const numRows = rows.length;
  const numCols = rows.reduce((n, r) => Math.max(n, r.length), 0);
  const { sheet, ref, single } = target;
  const label = rangeLabel(sheet, ref);
  if (!single && numRows > ref.numRows) throw new ApiError(`Requested writing within range [${label}], but tried writing to row [${ref.row + numRows - 1}]`);
  if (!single && numCols > ref.numCols)
    throw new ApiError(`Requested writing within range [${label}], but tried writing to column [${colToLetters(ref.col + numCols - 1)}]`);
  const area: GridRef = { sheetId: sheet.id, row: ref.row, col: ref.col, numRows, numCols };
  if (numRows === 0 || numCols === 0) return { spreadsheetId: h.file.id, updatedRange: label };
  if (ref.row + numRows - 1 > sheet.maxRows || ref.col + numCols - 1 > sheet.maxCols) throw exceedsGrid(sheet, area);
  assertCanEdit({ ...h, sheet, ref: area });
  let cells = 0;
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v === null || v === undefined) return;
      writeCell(h, ensureCell(sheet, ref.row + i, ref.col + j), v, input);
      cells++;
    });
  });
  return {
    spreadsheetId: h.file.id,
    updatedRange: rangeLabel(sheet, area),
    updatedRows: rows.filter((r) => r.some((v) => v !== null && v !== undefined)).length,
    updatedColumns: numCols,
    updatedCells: cells,
  };
}

function transpose(grid: unknown[]): unknown[][] {
  const cols = grid.filter((c): c is unknown[] => Array.isArray(c));
  const height = cols.reduce((n, c) => Math.max(n, c.length), 0);
  return Array.from({ length: height }, (_, i) => cols.map((c) => c[i] ?? null));
}
