import type { CellSpec, SheetSpec, StyleRole } from './types';
import { rangeA1 } from './a1';

/** The department's own sheets (tables, charts, texts): nothing protected, hidden or merged unless said. */
export function departmentSheet(
  spec: Pick<SheetSpec, 'name' | 'marker' | 'widths' | 'cells' | 'printArea'> & Partial<Omit<SheetSpec, 'role' | 'appendix'>>,
): SheetSpec {
  return {
    role: 'table',
    appendix: null,
    merges: [],
    inputs: [],
    conditional: [],
    frozenRows: 0,
    protect: false,
    hidden: false,
    landscape: false,
    ...spec,
  };
}

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
  return departmentSheet({
    name,
    marker: title,
    widths,
    cells,
    frozenRows: 2,
    landscape: true,
    printArea: rangeA1(1, 1, Math.max(2, rows.length + 2), Math.max(1, header.length)),
  });
}
