/**
 * Cell-level logic behind Range: how written values are interpreted (as Sheets does for
 * script writes), how they read back, display formatting, dimension checks, formats.
 */
import type { RangeHandle } from './handles';
import { cellAt, ensureCell, type Cell, type CellFormat, type CellValue } from './model';
import { isDateLike, MAX_CELL_CHARS } from './runtime';
import { formatDatePattern } from './utilities';
import type { FakeWorkspace } from './workspace';

export const DEFAULT_NUMBER_FORMAT = '0.###############';

function decimalSeparator(locale: string): string {
  return /^(ru|de|fr|es|it|pt|uk|be|kk|pl|cs|nl|sv|fi|tr)/i.test(locale) ? ',' : '.';
}

/**
 * Writes one value the way Range.setValue(s) does:
 * - '' / null / undefined clear the cell;
 * - a string starting with '=' becomes a formula (unless the cell is formatted as plain text '@');
 * - strings that Sheets would parse become numbers/booleans: integers ("0012" → 12), decimals with
 *   the spreadsheet locale's separator ("1,5" in ru_RU), TRUE/FALSE, percents ("85%", "85 %", "8,5%" in
 *   ru_RU → 0.85, 0.085 with the number format '0%' or '0.00%' unless the cell has one). Dates and
 *   thousands separators in strings are NOT parsed by the fake (they stay text);
 * - Dates are stored as Dates; other objects as String(value).
 */
export function writeValue(ws: FakeWorkspace, cell: Cell, input: unknown, locale: string): void {
  delete cell.value;
  delete cell.formula;
  delete cell.computed;
  if (input === null || input === undefined || input === '') return;
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = input;
    return;
  }
  if (isDateLike(input)) {
    cell.value = new Date(input.getTime());
    return;
  }
  const text = String(input);
  if (text.length > MAX_CELL_CHARS) {
    throw ws.error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  const plainText = cell.format?.numberFormat === '@';
  // a leading apostrophe forces text and is not stored (as when a person types it)
  if (!plainText && text.startsWith("'")) {
    cell.value = text.slice(1);
    return;
  }
  if (!plainText && text.length > 1 && text.startsWith('=')) {
    cell.formula = text;
    return;
  }
  const percent = plainText ? null : parsePercent(text, locale);
  if (percent) {
    cell.value = percent.value;
    if (cell.format?.numberFormat === undefined) cell.format = { ...cell.format, numberFormat: percent.format };
    return;
  }
  cell.value = plainText ? text : parseLikeSheets(text, locale);
}

/**
 * "85%", "85 %", "-8,5%" (the locale's decimal separator) → 0.85 / -0.085 and the format Sheets gives a typed
 * percent: '0%' for a whole number, '0.00%' with decimals (the patterns are a guess; see README, «Percent values»).
 */
export function parsePercent(text: string, locale: string): { value: number; format: string } | null {
  const sep = decimalSeparator(locale) === ',' ? ',' : '\\.';
  const m = new RegExp(`^([+-]?)(\\d*)(?:${sep}(\\d+))?[ \u00a0\u202f]?%$`).exec(text.trim());
  if (!m || (m[2] === '' && m[3] === undefined)) return null;
  const digits = `${m[2] || '0'}${m[3] === undefined ? '' : `.${m[3]}`}`;
  return { value: Number(`${m[1]}${digits}e-2`), format: m[3] === undefined ? '0%' : '0.00%' };
}

function parseLikeSheets(text: string, locale: string): CellValue {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  const sep = decimalSeparator(locale) === ',' ? ',' : '\\.';
  if (new RegExp(`^[+-]?\\d*${sep}\\d+$`).test(t)) return Number(t.replace(',', '.'));
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  return text;
}

/** What getValues() returns for a cell: '' for blank, the computed value (if seeded) for formulas. */
export function readValue(ws: FakeWorkspace, cell: Cell | undefined): unknown {
  const v = cell?.value ?? cell?.computed;
  if (v === undefined) return '';
  return isDateLike(v) ? ws.date(v) : v;
}

export function displayOf(cell: Cell | undefined, locale: string, timeZone: string): string {
  const v = cell?.value ?? cell?.computed;
  if (v === undefined) return '';
  const fmt = cell?.format?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (isDateLike(v)) {
    const pattern = /[yd]/.test(fmt) ? fmt : locale.startsWith('ru') ? 'dd.MM.yyyy' : 'M/d/yyyy';
    return formatDatePattern(v, timeZone, pattern);
  }
  const sep = decimalSeparator(locale);
  const withSep = (s: string): string => (sep === ',' ? s.replace('.', ',') : s);
  const pct = /^0(?:\.(0+))?%$/.exec(fmt);
  if (pct) return `${withSep((v * 100).toFixed(pct[1]?.length ?? 0))}%`;
  const fixed = /^0(?:\.(0+))?$/.exec(fmt);
  if (fixed) return withSep(v.toFixed(fixed[1]?.length ?? 0));
  return withSep(String(v));
}

// ------------------------------------------------------------------ grids --

export function forEachCell(h: RangeHandle, fn: (row: number, col: number, i: number, j: number) => void): void {
  const { row, col, numRows, numCols } = h.ref;
  for (let i = 0; i < numRows; i++) for (let j = 0; j < numCols; j++) fn(row + i, col + j, i, j);
}

export function readGrid<T>(h: RangeHandle, pick: (cell: Cell | undefined) => T): T[][] {
  const ws = h.env.ws;
  const out: T[][] = ws.array<T[]>([]);
  for (let i = 0; i < h.ref.numRows; i++) {
    const row: T[] = ws.array<T>([]);
    for (let j = 0; j < h.ref.numCols; j++) row.push(pick(cellAt(h.sheet, h.ref.row + i, h.ref.col + j)));
    out.push(row);
  }
  return out;
}

export function topLeft(h: RangeHandle): Cell | undefined {
  return cellAt(h.sheet, h.ref.row, h.ref.col);
}

/** Checks a 2-D array against the range and returns it typed; messages copied from Sheets. */
export function checkGrid(ws: FakeWorkspace, data: unknown, h: RangeHandle, method: string): unknown[][] {
  const sig = (): Error => ws.error(`The parameters (${typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
  if (!Array.isArray(data)) throw sig();
  if (data.length !== h.ref.numRows) {
    throw ws.error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${h.ref.numRows}.`,
    );
  }
  const rows: unknown[][] = [];
  for (const row of data) {
    if (!Array.isArray(row)) throw sig();
    if (row.length !== h.ref.numCols) {
      throw ws.error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${h.ref.numCols}.`,
      );
    }
    rows.push(row);
  }
  return rows;
}

export function writeGrid(h: RangeHandle, fn: (cell: Cell, i: number, j: number) => void): void {
  forEachCell(h, (r, c, i, j) => fn(ensureCell(h.sheet, r, c), i, j));
}

// ---------------------------------------------------------------- formats --

export const FORMAT_DEFAULTS: Required<CellFormat> = {
  numberFormat: DEFAULT_NUMBER_FORMAT,
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  background: '#ffffff',
  fontColor: '#000000',
  wrap: false,
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  border: '',
};

export function setFormat<K extends keyof CellFormat>(h: RangeHandle, key: K, value: CellFormat[K] | null): void {
  writeGrid(h, (cell) => {
    if (value === null || value === undefined) {
      if (cell.format) delete cell.format[key];
    } else {
      cell.format = { ...cell.format, [key]: value };
    }
  });
}

export function setFormats<K extends keyof CellFormat>(h: RangeHandle, key: K, data: unknown, method: string, conv: (v: unknown) => CellFormat[K]): void {
  const grid = checkGrid(h.env.ws, data, h, method);
  writeGrid(h, (cell, i, j) => {
    cell.format = { ...cell.format, [key]: conv(grid[i]?.[j]) };
  });
}

export function getFormat<K extends keyof CellFormat>(cell: Cell | undefined, key: K): Required<CellFormat>[K] {
  const v = cell?.format?.[key];
  return v === undefined ? FORMAT_DEFAULTS[key] : (v as Required<CellFormat>[K]);
}

export function clearCells(h: RangeHandle, what: { contents?: boolean; formats?: boolean; validations?: boolean; notes?: boolean }): void {
  forEachCell(h, (r, c) => {
    const cell = cellAt(h.sheet, r, c);
    if (!cell) return;
    if (what.contents) {
      delete cell.value;
      delete cell.formula;
      delete cell.computed;
    }
    if (what.formats) delete cell.format;
    if (what.validations) delete cell.validation;
    if (what.notes) delete cell.note;
  });
}

/** Reads Range.clear(options) the way Apps Script does: no option → contents and formats. */
export function clearOptions(options: unknown): { contents: boolean; formats: boolean; validations: boolean; notes: boolean } {
  const flag = (k: string): boolean => typeof options === 'object' && options !== null && Reflect.get(options, k) === true;
  const contents = flag('contentsOnly');
  const formats = flag('formatOnly');
  const validations = flag('validationsOnly');
  const notes = flag('commentsOnly');
  if (!contents && !formats && !validations && !notes) return { contents: true, formats: true, validations: false, notes: false };
  return { contents, formats, validations, notes };
}
