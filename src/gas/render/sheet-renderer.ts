import { withBackoff } from '../limits';
import { chartHeight } from '../../core/chart/size';
import { a1, rangeA1 } from '../../core/layout/a1';
import type { CellSpec, InputCellSpec, SheetSpec, StyleRole } from '../../core/layout/types';
import { type Range, type Sheet, type SheetsRequest, type Spreadsheet, advancedSheets, asSheetText } from '../services';
import { type Look, PALETTE, rgb } from './palette';
import { withinBudget } from './request-size';

const PX_PER_CHAR = 7;

/** Rows × columns a spec needs. */
export function extent(spec: SheetSpec): { rows: number; cols: number } {
  // loops, not Math.max(...spread): «Свод по школам» for 1,000 schools has ~200,000 cells
  let rows = 1;
  let cols = spec.widths.length;
  for (const c of [...spec.cells, ...spec.inputs]) {
    if (c.row > rows) rows = c.row;
    if (c.col > cols) cols = c.col;
  }
  for (const m of spec.merges) {
    rows = Math.max(rows, m.row + m.rows - 1);
    cols = Math.max(cols, m.col + m.cols - 1);
  }
  // a chart's anchor and the rows under it are part of the grid
  for (const c of spec.charts ?? []) rows = Math.max(rows, c.row + Math.ceil(chartHeight(c.chart) / 20));
  return { rows, cols };
}

/** The value block of a sheet, written with one setValues: text kept as text, formulas with «=». */
export function valueGrid(spec: SheetSpec): (string | number)[][] {
  const { rows, cols } = extent(spec);
  const grid: (string | number)[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
  const put = (c: CellSpec): void => {
    const row = grid[c.row - 1] as (string | number)[];
    row[c.col - 1] = c.formula !== undefined ? `=${c.formula}` : typeof c.value === 'string' ? asSheetText(c.value) : (c.value ?? '');
  };
  spec.cells.forEach(put);
  return grid;
}

/**
 * Rectangles of one role, as A1 ranges: runs of equal cells in a row, then runs of equal rows stacked into one
 * rectangle. «Свод по школам» for 1,000 schools is then a handful of ranges, not one per row.
 */
export function roleRanges(spec: SheetSpec): Map<StyleRole, string[]> {
  const inputs = new Set(spec.inputs.map((i) => `${i.row}:${i.col}`));
  const cells = spec.cells.map((c) => ({ row: c.row, col: c.col, role: inputs.has(`${c.row}:${c.col}`) ? ('input' as StyleRole) : c.style }));
  const styled = new Set(spec.cells.map((c) => `${c.row}:${c.col}`));
  for (const i of spec.inputs) if (!styled.has(`${i.row}:${i.col}`)) cells.push({ row: i.row, col: i.col, role: 'input' });
  cells.sort((x, y) => x.row - y.row || x.col - y.col);
  const runs: { row: number; c1: number; c2: number; role: StyleRole }[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.row === c.row && last.role === c.role && last.c2 + 1 === c.col) last.c2 = c.col;
    else runs.push({ row: c.row, c1: c.col, c2: c.col, role: c.role });
  }
  const open = new Map<string, { role: StyleRole; r1: number; r2: number; c1: number; c2: number }>();
  const done: { role: StyleRole; r1: number; r2: number; c1: number; c2: number }[] = [];
  for (const run of runs) {
    const key = `${run.role}|${run.c1}|${run.c2}`;
    const rect = open.get(key);
    if (rect && rect.r2 + 1 === run.row) rect.r2 = run.row;
    else {
      if (rect) done.push(rect);
      open.set(key, { role: run.role, r1: run.row, r2: run.row, c1: run.c1, c2: run.c2 });
    }
  }
  done.push(...open.values());
  done.sort((x, y) => x.r1 - y.r1 || x.c1 - y.c1);
  const byRole = new Map<StyleRole, string[]>();
  for (const r of done) {
    const list = byRole.get(r.role) ?? [];
    list.push(rangeA1(r.r1, r.c1, r.r2 - r.r1 + 1, r.c2 - r.c1 + 1));
    byRole.set(r.role, list);
  }
  return byRole;
}

function gridRange(sheetId: number, a1Range: string): GoogleAppsScript.Sheets.Schema.GridRange {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1Range);
  if (!m) throw new Error(`Неверный адрес ${a1Range}`);
  const col = (letters: string): number => letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1] as string);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { sheetId, startRowIndex: r1 - 1, endRowIndex: r2, startColumnIndex: c1 - 1, endColumnIndex: c2 };
}

function formatOf(look: Look): { format: GoogleAppsScript.Sheets.Schema.CellFormat; fields: string } {
  const format: GoogleAppsScript.Sheets.Schema.CellFormat = {
    textFormat: { bold: look.bold ?? false, italic: look.italic ?? false, fontSize: look.size ?? 10, foregroundColor: rgb(look.color ?? '#000000') },
    wrapStrategy: look.wrap ? 'WRAP' : 'OVERFLOW_CELL',
    verticalAlignment: 'TOP',
  };
  if (look.fill) format.backgroundColor = rgb(look.fill);
  if (look.align) format.horizontalAlignment = look.align.toUpperCase();
  const fields = ['textFormat', 'wrapStrategy', 'verticalAlignment', ...(look.fill ? ['backgroundColor'] : []), ...(look.align ? ['horizontalAlignment'] : [])];
  return { format, fields: fields.map((f) => `userEnteredFormat.${f}`).join(',') };
}

/** Merges, formats, widths, frozen rows and conditional formats of a sheet as Sheets API requests. */
export function formatRequests(spec: SheetSpec, sheetId: number): SheetsRequest[] {
  const requests: SheetsRequest[] = [];
  spec.conditional.forEach((c, index) => {
    requests.push({
      addConditionalFormatRule: {
        index,
        rule: {
          ranges: [gridRange(sheetId, c.range)],
          booleanRule: {
            condition: { type: c.when === 'startsWith' ? 'TEXT_STARTS_WITH' : 'TEXT_EQ', values: [{ userEnteredValue: c.text }] },
            format: { backgroundColor: rgb(c.fill), textFormat: { foregroundColor: rgb(c.font) } },
          },
        },
      },
    });
  });
  for (const m of spec.merges) requests.push({ mergeCells: { range: gridRange(sheetId, rangeA1(m.row, m.col, m.rows, m.cols)), mergeType: 'MERGE_ALL' } });
  for (const [role, ranges] of roleRanges(spec)) {
    const { format, fields } = formatOf(PALETTE[role]);
    for (const r of ranges) {
      requests.push({ repeatCell: { range: gridRange(sheetId, r), cell: { userEnteredFormat: format }, fields } });
      if (PALETTE[role].border) {
        const side = { style: 'SOLID', color: rgb('#A6AEB9') };
        const range = gridRange(sheetId, r);
        requests.push({ updateBorders: { range, top: side, bottom: side, left: side, right: side, innerVertical: side, innerHorizontal: side } });
      }
    }
  }
  spec.widths.forEach((w, i) => {
    requests.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: i, endIndex: i + 1 },
        properties: { pixelSize: Math.round(w * PX_PER_CHAR) },
        fields: 'pixelSize',
      },
    });
  });
  for (const col of spec.hiddenColumns ?? []) {
    requests.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: col - 1, endIndex: col },
        properties: { hiddenByUser: true },
        fields: 'hiddenByUser',
      },
    });
  }
  if (spec.frozenRows > 0)
    requests.push({
      updateSheetProperties: { properties: { sheetId, gridProperties: { frozenRowCount: spec.frozenRows } }, fields: 'gridProperties.frozenRowCount' },
    });
  return requests;
}

/** The same formatting through SpreadsheetApp, where the advanced service is not enabled. */
function formatWithSpreadsheetApp(sheet: Sheet, spec: SheetSpec): void {
  for (const m of spec.merges) sheet.getRange(m.row, m.col, m.rows, m.cols).merge();
  for (const [role, ranges] of roleRanges(spec)) {
    const look = PALETTE[role];
    for (const r of ranges) {
      const range = sheet.getRange(r);
      range
        .setFontWeight(look.bold ? 'bold' : 'normal')
        .setFontStyle(look.italic ? 'italic' : 'normal')
        .setFontSize(look.size ?? 10)
        .setWrap(look.wrap ?? false)
        .setVerticalAlignment('top');
      if (look.color) range.setFontColor(look.color);
      if (look.fill) range.setBackground(look.fill);
      if (look.align) range.setHorizontalAlignment(look.align);
      if (look.border) range.setBorder(true, true, true, true, true, true);
    }
  }
  spec.widths.forEach((w, i) => {
    sheet.setColumnWidth(i + 1, Math.round(w * PX_PER_CHAR));
  });
  for (const col of spec.hiddenColumns ?? []) sheet.hideColumns(col);
  if (spec.frozenRows > 0) sheet.setFrozenRows(spec.frozenRows);
}

/** Writes values, formulas and formatting of a spec onto `sheet` (values in one call; formats in one batchUpdate where enabled). */
export function renderSheet(ss: Spreadsheet, sheet: Sheet, spec: SheetSpec): void {
  const { rows, cols } = extent(spec);
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < cols) sheet.insertColumnsAfter(sheet.getMaxColumns(), cols - sheet.getMaxColumns());
  sheet.getRange(1, 1, rows, cols).setValues(valueGrid(spec));
  const api = advancedSheets();
  if (api) {
    for (const requests of withinBudget(formatRequests(spec, sheet.getSheetId()))) withBackoff(() => api.Spreadsheets?.batchUpdate({ requests }, ss.getId()));
  } else {
    formatWithSpreadsheetApp(sheet, spec);
    conditionalWithSpreadsheetApp(sheet, spec);
  }
  for (const c of spec.cells) if (c.note) sheet.getRange(c.row, c.col).setNote(c.note);
}

function conditionalWithSpreadsheetApp(sheet: Sheet, spec: SheetSpec): void {
  if (spec.conditional.length > 0) {
    sheet.setConditionalFormatRules(
      spec.conditional.map((c) => {
        const builder = SpreadsheetApp.newConditionalFormatRule()
          .setRanges([sheet.getRange(c.range)])
          .setBackground(c.fill)
          .setFontColor(c.font);
        return (c.when === 'startsWith' ? builder.whenTextStartsWith(c.text) : builder.whenTextEqualTo(c.text)).build();
      }),
    );
  }
}

/** Column ranges of inputs that share one validation rule: D5:D9 instead of five cells. */
export function inputRuns(inputs: InputCellSpec[]): { first: InputCellSpec; rows: number }[] {
  const sorted = [...inputs].sort((x, y) => x.col - y.col || x.row - y.row);
  const runs: { first: InputCellSpec; rows: number }[] = [];
  for (const input of sorted) {
    const prev = runs[runs.length - 1];
    if (
      prev &&
      prev.first.col === input.col &&
      prev.first.row + prev.rows === input.row &&
      JSON.stringify(prev.first.validation) === JSON.stringify(input.validation)
    )
      prev.rows += 1;
    else runs.push({ first: input, rows: 1 });
  }
  return runs;
}

export function validationRule(input: InputCellSpec, range: Range): GoogleAppsScript.Spreadsheet.DataValidation {
  const b = SpreadsheetApp.newDataValidation().setAllowInvalid(false).setHelpText(input.validationMessage);
  const v = input.validation;
  const top = a1(range.getRow(), range.getColumn());
  switch (v.type) {
    case 'list':
      return b.requireValueInList(v.values, true).build();
    case 'url':
      return b.requireTextIsUrl().build();
    case 'wholeNumber':
      return b.requireFormulaSatisfied(`=OR(ISBLANK(${top}),AND(ISNUMBER(${top}),${top}=INT(${top}),${top}>=${v.min},${top}<=${v.max}))`).build();
    case 'decimal':
      return b.requireNumberBetween(v.min, v.max).build();
    case 'text':
      return b.requireFormulaSatisfied(`=LEN(${top})<=${v.maxLength}`).build();
  }
}

/** Validation, protection (only inputs editable; editors: the department) and named ranges of an input sheet. */
export function protectAndValidate(ss: Spreadsheet, sheet: Sheet, spec: SheetSpec): void {
  const runs = inputRuns(spec.inputs);
  const ranges = runs.map((r) => sheet.getRange(r.first.row, r.first.col, r.rows, 1));
  runs.forEach((r, i) => {
    const range = ranges[i] as Range;
    range.setDataValidation(validationRule(r.first, range));
  });
  for (const input of spec.inputs) ss.setNamedRange(input.id, sheet.getRange(input.row, input.col));
  if (spec.protect) {
    const protection = sheet.protect().setDescription(`Форма мониторинга: редактируются только ячейки ввода (${spec.name})`);
    protection.setWarningOnly(false);
    if (ranges.length > 0) protection.setUnprotectedRanges(ranges);
    // the documented way to leave only the owner: later file editors (the school) do not join the protection
    protection.removeEditors(protection.getEditors());
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
  }
  if (spec.hidden) sheet.hideSheet();
}
