import type { CellSpec, SheetSpec, StyleRole } from './types';
import { rangeA1 } from './a1';

/**
 * A plain report table (validation report, «Свод по школам», «Журнал»): title, header row, data rows. `bodyStyle`
 * gives every data cell after the first column one look (a large table then formats as a few rectangles); without
 * it numbers and text are styled apart.
 */
export function tableSheet(
  name: string,
  title: string,
  header: string[],
  rows: (string | number | null)[][],
  widths: number[],
  bodyStyle: StyleRole | null = null,
): SheetSpec {
  const cells: CellSpec[] = [{ row: 1, col: 1, value: title, style: 'title' }];
  header.forEach((h, i) => {
    cells.push({ row: 2, col: i + 1, value: h, style: 'header' });
  });
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v === null || v === '') return;
      const style: StyleRole = bodyStyle && j > 0 ? bodyStyle : typeof v === 'number' ? 'value' : 'text';
      cells.push({ row: i + 3, col: j + 1, value: v, style });
    });
  });
  return {
    name,
    marker: title,
    role: 'table',
    appendix: null,
    widths,
    cells,
    merges: [],
    inputs: [],
    conditional: [],
    frozenRows: 2,
    protect: false,
    hidden: false,
    landscape: true,
    printArea: rangeA1(1, 1, Math.max(2, rows.length + 2), Math.max(1, header.length)),
  };
}
