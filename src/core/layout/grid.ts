import type { SheetGrid, WorkbookGrid } from '../submission/parse';
import type { Value } from '../submission/values';
import { STATUS_ID, STATUS_VALUES } from './positions';
import type { SchoolLayout } from './school-workbook';
import type { SheetSpec } from './types';

/** A literal grid of one sheet spec: values where the spec has them, '' for formulas. */
export function sheetGrid(sheet: SheetSpec): unknown[][] {
  const rows = Math.max(0, ...sheet.cells.map((c) => c.row), ...sheet.inputs.map((i) => i.row));
  const cols = Math.max(0, ...sheet.cells.map((c) => c.col), ...sheet.inputs.map((i) => i.col));
  const grid: unknown[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
  for (const cell of sheet.cells) {
    const row = grid[cell.row - 1] as unknown[];
    row[cell.col - 1] = cell.value ?? '';
  }
  return grid;
}

/** How a school's answer is typed into a cell: «да»/«нет» for flags, the number or text otherwise. */
export function cellValueOf(value: Value): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  return value;
}

/**
 * What an adapter would read back from a school's file after the school typed `values` into the inputs:
 * the grids of every sheet, with derived cells computed. Used for round-trip tests and simulations.
 */
export function renderSchoolGrid(layout: SchoolLayout, values: Record<string, Value>, status: string = STATUS_VALUES[1]): WorkbookGrid {
  const sheets: SheetGrid[] = layout.workbook.sheets.map((s) => ({ name: s.name, values: sheetGrid(s) }));
  const byName = new Map(sheets.map((s) => [s.name, s]));
  for (const [id, value] of Object.entries({ ...values, [STATUS_ID]: status })) {
    const at = layout.positions.get(id);
    if (!at) continue;
    const sheet = byName.get(at.sheet);
    if (!sheet) continue;
    while (sheet.values.length < at.row) sheet.values.push([]);
    const row = sheet.values[at.row - 1] as unknown[];
    row[at.col - 1] = cellValueOf(value);
  }
  return { sheets };
}

/** The workbook as a school would send it back: the generated spec with `values` typed into the inputs. */
export function filledWorkbook(layout: SchoolLayout, values: Record<string, Value | string>, status: string): SchoolLayout['workbook'] {
  const sheets = layout.workbook.sheets.map((s) => ({ ...s, cells: [...s.cells] }));
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const put = (id: string, value: Value | string): void => {
    const at = layout.positions.get(id);
    const sheet = at ? byName.get(at.sheet) : undefined;
    if (!at || !sheet) return;
    sheet.cells = sheet.cells.filter((c) => !(c.row === at.row && c.col === at.col));
    sheet.cells.push({ row: at.row, col: at.col, value: cellValueOf(value), style: 'input' });
  };
  for (const [id, value] of Object.entries(values)) put(id, value);
  put('STATUS', status);
  return { ...layout.workbook, sheets };
}
