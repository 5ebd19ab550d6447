import type { WorkbookSpec } from '../../../../src/core/layout/types';
import type { SheetGrid, WorkbookGrid } from '../../../../src/core/submission/parse';

/** A workbook spec as the grid a reader would give back: values only (the writer never writes a formula here). */
export function gridOfSpec(spec: WorkbookSpec): WorkbookGrid {
  return {
    sheets: spec.sheets.map((s): SheetGrid => {
      const values: unknown[][] = [];
      for (const c of s.cells) {
        if (c.value === undefined) continue;
        const row = values[c.row - 1] ?? [];
        row[c.col - 1] = c.value;
        values[c.row - 1] = row;
      }
      for (let r = 0; r < values.length; r++) values[r] = values[r] ?? [];
      return { name: s.name, values };
    }),
  };
}

/** Sets one cell of a grid (1-based row and column), growing the sheet as needed. */
export function setCell(grid: WorkbookGrid, sheet: string, row: number, col: number, value: unknown, formula?: string): void {
  const s = grid.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`нет листа ${sheet}`);
  while (s.values.length < row) s.values.push([]);
  (s.values[row - 1] as unknown[])[col - 1] = value;
  if (formula !== undefined) {
    s.formulas = s.formulas ?? [];
    while (s.formulas.length < row) s.formulas.push([]);
    (s.formulas[row - 1] as (string | null | undefined)[])[col - 1] = formula;
  }
}

/** The 1-based column of a header on a catalog sheet (row 3). */
export function colOf(grid: WorkbookGrid, sheet: string, header: string): number {
  const s = grid.sheets.find((x) => x.name === sheet);
  const c = (s?.values[2] ?? []).indexOf(header);
  if (c < 0) throw new Error(`нет столбца ${header} на листе ${sheet}`);
  return c + 1;
}

/** The 1-based row of the first data row whose cells match every header → value pair. */
export function rowWhere(grid: WorkbookGrid, sheet: string, match: Record<string, unknown>): number {
  const s = grid.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`нет листа ${sheet}`);
  const cols = Object.entries(match).map(([h, v]) => [colOf(grid, sheet, h), v] as const);
  const r = s.values.findIndex((row, i) => i >= 3 && cols.every(([c, v]) => (row ?? [])[c - 1] === v));
  if (r < 0) throw new Error(`нет строки ${JSON.stringify(match)} на листе ${sheet}`);
  return r + 1;
}
