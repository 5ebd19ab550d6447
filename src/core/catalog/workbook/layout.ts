import { a1 } from '../../layout/a1';
import type { CellSpec, InputCellSpec, SheetSpec, WorkbookSpec } from '../../layout/types';
import { expandCatalog } from '../expand';
import type { CatalogSource } from '../schema';
import { describeTarget } from '../targets';
import type { Catalog } from '../types';
import { type CatalogRecord, catalogRecords } from './records';
import {
  FIRST_DATA_ROW,
  type FieldDef,
  GENERAL_FIELDS,
  GENERAL_SHEET,
  HEADER_ROW,
  SHEET,
  SPARE_ROWS,
  TABLE_SHEETS,
  TARGET_CHECK_HEADER,
  type TableSheetDef,
} from './sheets';

export const CATALOG_WORKBOOK_TITLE = 'Каталог показателей';

/**
 * The catalog workbook as sheet specs, drawn by the .xlsx renderer offline and by the Google adapter: a title,
 * a hint, a frozen header and one row per item; every editable cell has a validation and a note.
 */
export function catalogWorkbookSpec(src: CatalogSource): WorkbookSpec {
  const { general, sheets } = catalogRecords(src);
  const catalog = expandCatalog(src);
  return {
    title: CATALOG_WORKBOOK_TITLE,
    sheets: [generalSheet(general), ...TABLE_SHEETS.map((def) => tableSheet(def, sheets[def.name] ?? [], def.name === SHEET.targets ? catalog : null))],
  };
}

const message = (f: FieldDef): string => `«${f.header}»: ${f.note}`;

function editable(sheet: string, row: number, col: number, f: FieldDef, value: string | number | undefined, cells: CellSpec[], inputs: InputCellSpec[]): void {
  cells.push({ row, col, style: 'text', note: f.note, ...(value === undefined ? {} : { value }) });
  inputs.push({ id: `${sheet}!${a1(row, col)}`, row, col, kind: 'text', validation: f.validation, validationMessage: message(f) });
}

function generalSheet(record: CatalogRecord): SheetSpec {
  const cells: CellSpec[] = [];
  const inputs: InputCellSpec[] = [];
  cells.push({ row: 1, col: 1, value: CATALOG_WORKBOOK_TITLE, style: 'title' });
  cells.push({
    row: 2,
    col: 1,
    value:
      'Набор показателей мониторинга, который утверждает отдел. Белые ячейки можно править; у каждой есть примечание и проверка ввода. ' +
      'Формулы в книге не допускаются: каталог читается только как значения.',
    style: 'hint',
  });
  for (const [i, h] of ['Параметр', 'Значение', 'Пояснение'].entries()) cells.push({ row: HEADER_ROW, col: i + 1, value: h, style: 'header' });
  GENERAL_FIELDS.forEach((f, i) => {
    const row = FIRST_DATA_ROW + i;
    cells.push({ row, col: 1, value: f.header, style: 'label' });
    editable(GENERAL_SHEET, row, 2, f, record[f.key], cells, inputs);
    cells.push({ row, col: 3, value: f.note, style: 'hint' });
  });
  let row = FIRST_DATA_ROW + GENERAL_FIELDS.length + 1;
  cells.push({ row, col: 1, value: 'Листы книги', style: 'subtitle' });
  for (const def of TABLE_SHEETS) {
    row += 1;
    cells.push({ row, col: 1, value: def.name, style: 'label' });
    cells.push({ row, col: 2, value: `${def.title}. ${def.hint}`, style: 'text' });
  }
  return {
    name: GENERAL_SHEET,
    marker: CATALOG_WORKBOOK_TITLE,
    role: 'table',
    appendix: null,
    widths: [28, 60, 60],
    cells,
    merges: [
      { row: 1, col: 1, rows: 1, cols: 3 },
      { row: 2, col: 1, rows: 1, cols: 3 },
      ...TABLE_SHEETS.map((_, i) => ({ row: FIRST_DATA_ROW + GENERAL_FIELDS.length + 2 + i, col: 2, rows: 1, cols: 2 })),
    ],
    inputs,
    conditional: [],
    frozenRows: HEADER_ROW,
    protect: false,
    hidden: false,
    landscape: false,
    printArea: `A1:C${row}`,
  };
}

function tableSheet(def: TableSheetDef, records: CatalogRecord[], catalog: Catalog | null): SheetSpec {
  const cells: CellSpec[] = [];
  const inputs: InputCellSpec[] = [];
  const width = def.fields.length + (catalog ? 1 : 0);
  cells.push({ row: 1, col: 1, value: def.title, style: 'title' });
  cells.push({ row: 2, col: 1, value: def.hint, style: 'hint' });
  for (const [i, f] of def.fields.entries()) cells.push({ row: HEADER_ROW, col: i + 1, value: f.header, style: 'header', note: f.note });
  if (catalog) cells.push({ row: HEADER_ROW, col: width, value: TARGET_CHECK_HEADER, style: 'header', note: 'Заполняется программой при выгрузке.' });
  const rows = records.length + SPARE_ROWS;
  for (let i = 0; i < rows; i++) {
    const row = FIRST_DATA_ROW + i;
    const record = records[i] ?? {};
    for (const [c, f] of def.fields.entries()) editable(def.name, row, c + 1, f, record[f.key], cells, inputs);
    if (catalog && records[i]) cells.push({ row, col: width, value: targetCheck(catalog, record), style: 'computed' });
  }
  const widths = [...def.fields.map((f) => f.width), ...(catalog ? [28] : [])];
  return {
    name: def.name,
    marker: def.title,
    role: 'table',
    appendix: null,
    widths,
    cells,
    merges: [
      { row: 1, col: 1, rows: 1, cols: Math.min(width, 8) },
      { row: 2, col: 1, rows: 1, cols: Math.min(width, 8) },
    ],
    inputs,
    conditional: [],
    frozenRows: HEADER_ROW,
    protect: false,
    hidden: false,
    landscape: def.landscape,
    printArea: `A1:${a1(FIRST_DATA_ROW + rows - 1, width)}`,
  };
}

/** «не менее 5 %», «отложено», «нет цели»: how the program reads the target of this row. */
function targetCheck(catalog: Catalog, r: CatalogRecord): string {
  const key = [`A${r.appendix}`, r.row, r.column, r.part].filter((s) => s !== undefined).join('.');
  const cell = catalog.cells.find((c) => c.key === key);
  if (!cell) return '';
  if (cell.quarantine !== null) return 'отложено до решения отдела';
  if (cell.polarity === 'context') return 'для сведения, без цели';
  if (cell.target === null) return 'нет цели';
  return describeTarget(cell.target, cell.unit);
}
