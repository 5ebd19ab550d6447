/**
 * SpreadsheetApp Sheet: ranges, size, row/column insertion and deletion (content, merges,
 * named ranges, protections and conditional-format ranges shift like in Sheets), frozen rows,
 * column widths, visibility, protection, conditional format rules.
 */
import { assertCellRoom } from './api-limits';
import { makeEmbeddedChart, type FakeEmbeddedChart } from './embedded-chart';
import { enumName } from './enums';
import { describeArg, HANDLE, type SheetHandle } from './handles';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, hasContent, parseA1, shiftRef, type Axis, type GridRef, type SheetModel } from './model';
import { assertCanEdit, assertSheetEditable, makeProtection, sheetProtection, type FakeProtection } from './protection';
import { makeRange, type FakeRange } from './range';
import { makeRangeList, type FakeRangeList } from './range-list';
import { clearCells, clearOptions, writeGrid, writeValue } from './range-ops';
import { track } from './runtime';
import { makeSpreadsheet, renameSheet, type FakeSpreadsheet } from './spreadsheet';
import { cfRuleSpecOf, makeCfRule, type FakeConditionalFormatRule } from './validation';

export function makeSheet(h: { env: SheetHandle['env']; file: SheetHandle['file']; ss: SheetHandle['ss'] }, sheet: SheetModel): FakeSheet {
  return track(h.env, 'Sheet', new FakeSheet({ env: h.env, file: h.file, ss: h.ss, sheet }));
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Sheet.getRange(row, col, numRows, numCols) with the Sheets bounds checks and messages. */
export function getRangeChecked(h: SheetHandle, method: string, row: unknown, col: unknown, numRows: unknown = 1, numCols: unknown = 1): FakeRange {
  const ws = h.env.ws;
  if (!isNum(row) || !isNum(col) || !isNum(numRows) || !isNum(numCols)) {
    const args = [row, col, numRows, numCols].map(describeArg).join(',');
    throw ws.error(`The parameters (${args}) don't match the method signature for SpreadsheetApp.Sheet.${method}.`);
  }
  if (row < 1) throw ws.error('The starting row of the range is too small.');
  if (col < 1) throw ws.error('The starting column of the range is too small.');
  if (numRows < 1) throw ws.error('The number of rows in the range must be at least 1.');
  if (numCols < 1) throw ws.error('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > h.sheet.maxRows || col + numCols - 1 > h.sheet.maxCols) {
    throw ws.error('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return makeRange(h, { sheetId: h.sheet.id, row, col, numRows, numCols });
}

/** getRange('A1:C3') / getRange("'Other sheet'!A1") relative to a sheet of the spreadsheet. */
export function getRangeByA1(h: SheetHandle, a1: string): FakeRange {
  const probe = parseA1(a1, h.sheet.maxRows, h.sheet.maxCols);
  if (!probe) throw h.env.ws.error('Range not found');
  let target = h;
  if (probe.sheetName !== null) {
    const other = h.ss.sheets.find((s) => s.name === probe.sheetName);
    if (!other) throw h.env.ws.error('Range not found');
    target = { ...h, sheet: other };
  }
  const p = parseA1(a1, target.sheet.maxRows, target.sheet.maxCols);
  if (!p) throw h.env.ws.error('Range not found');
  return getRangeChecked(target, 'getRange', p.row, p.col, p.numRows, p.numCols);
}

function lastContent(sheet: SheetModel, axis: Axis): number {
  let last = 0;
  sheet.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (hasContent(cell)) last = Math.max(last, axis === 'row' ? r + 1 : c + 1);
    });
  });
  return last;
}

/** Inserts (delta > 0, before `at`) or deletes (delta < 0, starting at `at`) rows or columns. */
function shiftSheet(h: SheetHandle, axis: Axis, at: number, delta: number): void {
  const { sheet, ss } = h;
  if (delta > 0) assertCellRoom(h.env.ws, ss, delta * (axis === 'row' ? sheet.maxCols : sheet.maxRows));
  if (axis === 'row') {
    if (delta > 0) sheet.rows.splice(at - 1, 0, ...new Array<undefined>(delta));
    else sheet.rows.splice(at - 1, -delta);
    sheet.maxRows += delta;
  } else {
    for (const row of sheet.rows) {
      if (!row) continue;
      if (delta > 0) {
        if (row.length >= at) row.splice(at - 1, 0, ...new Array<undefined>(delta));
      } else row.splice(at - 1, -delta);
    }
    sheet.maxCols += delta;
    const widths = new Map<number, number>();
    for (const [c, w] of sheet.colWidths) {
      if (delta > 0) widths.set(c >= at ? c + delta : c, w);
      else if (c < at) widths.set(c, w);
      else if (c >= at - delta) widths.set(c + delta, w);
    }
    sheet.colWidths = widths;
  }
  const onSheet = (ref: GridRef): boolean => ref.sheetId === sheet.id;
  const keep = (ref: GridRef): boolean => !onSheet(ref) || shiftRef(ref, axis, at, delta);
  sheet.merges = sheet.merges.filter(keep);
  for (const rule of sheet.cfRules) rule.ranges.splice(0, rule.ranges.length, ...rule.ranges.filter(keep));
  for (const [name, ref] of [...ss.namedRanges]) if (!keep(ref)) ss.namedRanges.delete(name);
  ss.protections = ss.protections.filter((p) => {
    p.unprotected = p.unprotected.filter(keep);
    return p.ref === null || keep(p.ref);
  });
}

export class FakeSheet {
  readonly [HANDLE]: SheetHandle;
  constructor(h: SheetHandle) {
    this[HANDLE] = h;
  }

  getName(): string {
    return this[HANDLE].sheet.name;
  }
  setName(name: string): FakeSheet {
    assertSheetEditable(this[HANDLE]);
    renameSheet(this[HANDLE], this[HANDLE].sheet, name);
    return this;
  }
  getSheetId(): number {
    return this[HANDLE].sheet.id;
  }
  getCharts(): FakeEmbeddedChart[] {
    return this[HANDLE].env.ws.array((this[HANDLE].sheet.charts ?? []).map((c) => makeEmbeddedChart(this[HANDLE].env, c)));
  }
  getIndex(): number {
    return this[HANDLE].ss.sheets.indexOf(this[HANDLE].sheet) + 1;
  }
  getParent(): FakeSpreadsheet {
    return makeSpreadsheet(this[HANDLE].env, this[HANDLE].file);
  }
  activate(): FakeSheet {
    this[HANDLE].ss.activeSheetId = this[HANDLE].sheet.id;
    return this;
  }
  getRange(a: unknown, col?: unknown, numRows?: unknown, numCols?: unknown): FakeRange {
    if (typeof a === 'string' && col === undefined) return getRangeByA1(this[HANDLE], a);
    return getRangeChecked(this[HANDLE], 'getRange', a, col, numRows ?? 1, numCols ?? 1);
  }
  /** Several ranges of this sheet at once (A1 notations). */
  getRangeList(a1Notations: string[]): FakeRangeList {
    return makeRangeList(this[HANDLE], a1Notations);
  }
  /** A1 to (lastRow, lastColumn); A1 alone on an empty sheet. */
  getDataRange(): FakeRange {
    const sheet = this[HANDLE].sheet;
    return getRangeChecked(this[HANDLE], 'getDataRange', 1, 1, Math.max(1, lastContent(sheet, 'row')), Math.max(1, lastContent(sheet, 'col')));
  }
  getLastRow(): number {
    return lastContent(this[HANDLE].sheet, 'row');
  }
  getLastColumn(): number {
    return lastContent(this[HANDLE].sheet, 'col');
  }
  getMaxRows(): number {
    return this[HANDLE].sheet.maxRows;
  }
  getMaxColumns(): number {
    return this[HANDLE].sheet.maxCols;
  }
  appendRow(rowContents: unknown): FakeSheet {
    if (!Array.isArray(rowContents))
      throw this[HANDLE].env.ws.error("The parameters (null) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const row = this.getLastRow() + 1;
    const sheet = this[HANDLE].sheet;
    if (row > sheet.maxRows) shiftSheet(this[HANDLE], 'row', sheet.maxRows + 1, row - sheet.maxRows);
    if (rowContents.length > sheet.maxCols) shiftSheet(this[HANDLE], 'col', sheet.maxCols + 1, rowContents.length - sheet.maxCols);
    if (rowContents.length === 0) return this;
    const rh = { ...this[HANDLE], ref: { sheetId: sheet.id, row, col: 1, numRows: 1, numCols: rowContents.length } };
    assertCanEdit(rh);
    writeGrid(rh, (cell, _i, j) => writeValue(rh.env.ws, cell, rowContents[j], rh.ss.locale));
    return this;
  }

  // ------------------------------------------------- insert / delete lines --
  private insert(axis: Axis, before: number, howMany: number): FakeSheet {
    const h = this[HANDLE];
    const max = axis === 'row' ? h.sheet.maxRows : h.sheet.maxCols;
    if (!isNum(before) || !isNum(howMany) || before < 1 || before > max + 1 || howMany < 1) {
      throw h.env.ws.error(axis === 'row' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.');
    }
    assertSheetEditable(h);
    shiftSheet(h, axis, before, howMany);
    return this;
  }
  private remove(axis: Axis, first: number, howMany: number): void {
    const h = this[HANDLE];
    const max = axis === 'row' ? h.sheet.maxRows : h.sheet.maxCols;
    const frozen = axis === 'row' ? h.sheet.frozenRows : h.sheet.frozenCols;
    const what = axis === 'row' ? 'rows' : 'columns';
    if (!isNum(first) || !isNum(howMany) || first < 1 || howMany < 1 || first + howMany - 1 > max) {
      throw h.env.ws.error(`Those ${what} are out of bounds.`);
    }
    if (max - howMany <= frozen) throw h.env.ws.error(`Sorry, it is not possible to delete all non-frozen ${what}.`);
    const affected: GridRef =
      axis === 'row'
        ? { sheetId: h.sheet.id, row: first, col: 1, numRows: howMany, numCols: h.sheet.maxCols }
        : { sheetId: h.sheet.id, row: 1, col: first, numRows: h.sheet.maxRows, numCols: howMany };
    assertSheetEditable(h, affected);
    shiftSheet(h, axis, first, -howMany);
  }
  insertRows(rowIndex: number, numRows = 1): FakeSheet {
    return this.insert('row', rowIndex, numRows);
  }
  insertRowBefore(beforePosition: number): FakeSheet {
    return this.insert('row', beforePosition, 1);
  }
  insertRowAfter(afterPosition: number): FakeSheet {
    return this.insert('row', afterPosition + 1, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    return this.insert('row', beforePosition, howMany);
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    return this.insert('row', afterPosition + 1, howMany);
  }
  deleteRow(rowPosition: number): FakeSheet {
    this.remove('row', rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.remove('row', rowPosition, howMany);
  }
  insertColumns(columnIndex: number, numColumns = 1): FakeSheet {
    return this.insert('col', columnIndex, numColumns);
  }
  insertColumnBefore(beforePosition: number): FakeSheet {
    return this.insert('col', beforePosition, 1);
  }
  insertColumnAfter(afterPosition: number): FakeSheet {
    return this.insert('col', afterPosition + 1, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    return this.insert('col', beforePosition, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    return this.insert('col', afterPosition + 1, howMany);
  }
  deleteColumn(columnPosition: number): FakeSheet {
    this.remove('col', columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.remove('col', columnPosition, howMany);
  }

  // ------------------------------------------------------------- layout --
  setFrozenRows(rows: number): void {
    assertSheetEditable(this[HANDLE]);
    this[HANDLE].sheet.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this[HANDLE].sheet.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    assertSheetEditable(this[HANDLE]);
    this[HANDLE].sheet.frozenCols = columns;
  }
  getFrozenColumns(): number {
    return this[HANDLE].sheet.frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    return this.setColumnWidths(columnPosition, 1, width);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    const h = this[HANDLE];
    if (startColumn < 1 || startColumn + numColumns - 1 > h.sheet.maxCols) throw h.env.ws.error('Those columns are out of bounds.');
    assertSheetEditable(h);
    for (let c = startColumn; c < startColumn + numColumns; c++) h.sheet.colWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this[HANDLE].sheet.colWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  /** Row heights are only set through the Sheets advanced service (updateDimensionProperties). */
  getRowHeight(rowPosition: number): number {
    return this[HANDLE].sheet.rowHeights?.get(rowPosition) ?? DEFAULT_ROW_HEIGHT;
  }
  hideSheet(): FakeSheet {
    const h = this[HANDLE];
    if (h.ss.sheets.filter((s) => !s.hidden && s !== h.sheet).length === 0) throw h.env.ws.error("You can't hide all the sheets in a document.");
    h.sheet.hidden = true;
    return this;
  }
  showSheet(): FakeSheet {
    this[HANDLE].sheet.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this[HANDLE].sheet.hidden;
  }
  hideColumns(columnIndex: number, numColumns = 1): FakeSheet {
    const h = this[HANDLE];
    assertSheetEditable(h);
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > h.sheet.maxCols) throw h.env.ws.error('Those columns are out of bounds.');
    h.sheet.hiddenCols ??= new Set<number>();
    for (let c = columnIndex; c < columnIndex + numColumns; c++) h.sheet.hiddenCols.add(c);
    return this;
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this[HANDLE].sheet.hiddenCols?.has(columnPosition) ?? false;
  }
  clear(options?: unknown): FakeSheet {
    const h = this[HANDLE];
    assertSheetEditable(h);
    clearCells({ ...h, ref: { sheetId: h.sheet.id, row: 1, col: 1, numRows: h.sheet.maxRows, numCols: h.sheet.maxCols } }, clearOptions(options));
    return this;
  }
  clearContents(): FakeSheet {
    return this.clear({ contentsOnly: true });
  }
  clearFormats(): FakeSheet {
    return this.clear({ formatOnly: true });
  }

  // ------------------------------------------------ protection and rules --
  protect(): FakeProtection {
    return makeProtection(this[HANDLE], sheetProtection(this[HANDLE]));
  }
  getProtections(type: unknown): FakeProtection[] {
    const h = this[HANDLE];
    const name = enumName(type, 'ProtectionType');
    const list = h.ss.protections.filter((p) => p.sheetId === h.sheet.id && p.type === name);
    return h.env.ws.array(list.map((p) => makeProtection(h, p)));
  }
  /** Replaces all rules of the sheet. */
  setConditionalFormatRules(rules: unknown): void {
    const h = this[HANDLE];
    if (!Array.isArray(rules))
      throw h.env.ws.error("The parameters (null) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
    assertSheetEditable(h);
    h.sheet.cfRules = rules.map((r) => cfRuleSpecOf(r, h.sheet.id));
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    const h = this[HANDLE];
    return h.env.ws.array(h.sheet.cfRules.map((spec) => makeCfRule(h.env, spec, (ref) => makeRange(h, ref))));
  }
  clearConditionalFormatRules(): void {
    assertSheetEditable(this[HANDLE]);
    this[HANDLE].sheet.cfRules = [];
  }
}
