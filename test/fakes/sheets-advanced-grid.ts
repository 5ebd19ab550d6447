/**
 * Grid data of spreadsheets.get (includeGridData, ranges, or a `fields` mask naming sheets.data…): per cell the
 * userEnteredValue, effectiveValue, formattedValue, note and the number format (userEnteredFormat /
 * effectiveFormat.numberFormat {type, pattern}). Other format fields are not modelled. Trailing empty rows and
 * cells are left out, and empty cells are {}, as the API returns them.
 */
import type { SsHandle } from './handles';
import { cellAt, type Cell, type CellValue, type GridRef, type SheetModel } from './model';
import { displayOf } from './range-ops';
import { isDateLike } from './runtime';
import type { Json } from './sheets-advanced-util';
import { resolveA1, serialOf } from './sheets-advanced-values';

/** NumberFormat.type of a pattern, as the API reports it. */
export function numberFormatType(pattern: string): string {
  if (pattern === '@') return 'TEXT';
  if (pattern.includes('%')) return 'PERCENT';
  if (/E[+-]/.test(pattern)) return 'SCIENTIFIC';
  if (/[$€₽¤]/.test(pattern)) return 'CURRENCY';
  const date = /[yd]/i.test(pattern);
  const time = /[hs]/i.test(pattern);
  if (date && time) return 'DATE_TIME';
  if (date) return 'DATE';
  if (time) return 'TIME';
  return 'NUMBER';
}

function extendedValue(v: CellValue, timeZone: string): Json {
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (isDateLike(v)) return { numberValue: serialOf(v, timeZone) };
  return { stringValue: v };
}

function cellData(h: SsHandle, cell: Cell | undefined): Json {
  const out: Json = {};
  if (!cell) return out;
  const { locale, timeZone } = h.ss;
  if (cell.formula !== undefined) out['userEnteredValue'] = { formulaValue: cell.formula };
  else if (cell.value !== undefined) out['userEnteredValue'] = extendedValue(cell.value, timeZone);
  const effective = cell.value ?? cell.computed;
  if (effective !== undefined) {
    out['effectiveValue'] = extendedValue(effective, timeZone);
    out['formattedValue'] = displayOf(cell, locale, timeZone);
  }
  // a cell holding a date always shows a date format in Sheets (typing «15.01.2026» sets one)
  const pattern = cell.format?.numberFormat ?? (effective !== undefined && isDateLike(effective) ? 'dd.MM.yyyy' : undefined);
  if (pattern !== undefined) {
    const numberFormat = { type: numberFormatType(pattern), pattern };
    out['userEnteredFormat'] = { numberFormat };
    out['effectiveFormat'] = { numberFormat };
  }
  if (cell.note !== undefined) out['note'] = cell.note;
  return out;
}

/** One GridData: the range's cells, trailing empty rows and cells trimmed. */
function gridData(h: SsHandle, sheet: SheetModel, ref: GridRef): Json {
  const rowData: Json[] = [];
  for (let r = ref.row; r < ref.row + ref.numRows && r <= sheet.rows.length; r++) {
    const values: Json[] = [];
    const width = Math.min(ref.col + ref.numCols - 1, sheet.rows[r - 1]?.length ?? 0);
    for (let c = ref.col; c <= width; c++) values.push(cellData(h, cellAt(sheet, r, c)));
    while (values.length > 0 && Object.keys(values[values.length - 1] ?? {}).length === 0) values.pop();
    rowData.push(values.length > 0 ? { values } : {});
  }
  while (rowData.length > 0 && Object.keys(rowData[rowData.length - 1] ?? {}).length === 0) rowData.pop();
  const out: Json = {};
  if (ref.row > 1) out['startRow'] = ref.row - 1;
  if (ref.col > 1) out['startColumn'] = ref.col - 1;
  out['rowData'] = rowData;
  return out;
}

/**
 * The sheets spreadsheets.get returns and, when `withData`, their `data`: with `ranges`, only the sheets those
 * ranges are on (one GridData per range, in request order); without, every sheet's whole grid.
 */
export function sheetsWithGrid(h: SsHandle, ranges: unknown[] | null, withData: boolean): Array<{ sheet: SheetModel; data?: Json[] }> {
  const whole = (sheet: SheetModel): GridRef => ({ sheetId: sheet.id, row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols });
  if (ranges === null) return h.ss.sheets.map((sheet) => (withData ? { sheet, data: [gridData(h, sheet, whole(sheet))] } : { sheet }));
  const targets = ranges.map((r) => resolveA1(h.ss, r));
  return h.ss.sheets
    .filter((sheet) => targets.some((t) => t.sheet === sheet))
    .map((sheet) => {
      if (!withData) return { sheet };
      return { sheet, data: targets.filter((t) => t.sheet === sheet).map((t) => gridData(h, sheet, t.ref)) };
    });
}
