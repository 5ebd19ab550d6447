/**
 * SpreadsheetApp Range. Values, formulas, notes, formats, validations, merges; every write is
 * checked against protections for the acting user (FakeWorkspace.actAs).
 */
import { HANDLE, handleOf, isRangeHandle, type RangeHandle, type SheetHandle } from './handles';
import { a1Of, cellAt, containsRef, intersects, type GridRef } from './model';
import { assertCanEdit, makeProtection, newRangeProtection, type FakeProtection } from './protection';
import {
  checkGrid,
  clearCells,
  clearOptions,
  displayOf,
  forEachCell,
  getFormat,
  readGrid,
  readValue,
  setFormat,
  setFormats,
  topLeft,
  writeGrid,
  writeValue,
} from './range-ops';
import { track } from './runtime';
import { getRangeChecked, makeSheet, type FakeSheet } from './sheet';
import { dataValidationSpecOf, makeDataValidation, type FakeDataValidation } from './validation';

const MERGE_CONFLICT = 'You must select all cells in a merged range to merge or unmerge them.';

export function makeRange(h: SheetHandle, ref: GridRef): FakeRange {
  return track(h.env, 'Range', new FakeRange({ env: h.env, file: h.file, ss: h.ss, sheet: h.sheet, ref: { ...ref, sheetId: h.sheet.id } }));
}

export function rangeHandle(value: unknown, what: string): RangeHandle {
  return handleOf<RangeHandle>(value, what, isRangeHandle);
}

const str = (v: unknown): string => String(v);

export class FakeRange {
  readonly [HANDLE]: RangeHandle;
  constructor(h: RangeHandle) {
    this[HANDLE] = h;
  }

  // ------------------------------------------------------------ geometry --
  getA1Notation(): string {
    return a1Of(this[HANDLE].ref);
  }
  getRow(): number {
    return this[HANDLE].ref.row;
  }
  getColumn(): number {
    return this[HANDLE].ref.col;
  }
  getLastRow(): number {
    return this[HANDLE].ref.row + this[HANDLE].ref.numRows - 1;
  }
  getLastColumn(): number {
    return this[HANDLE].ref.col + this[HANDLE].ref.numCols - 1;
  }
  getNumRows(): number {
    return this[HANDLE].ref.numRows;
  }
  getNumColumns(): number {
    return this[HANDLE].ref.numCols;
  }
  getGridId(): number {
    return this[HANDLE].sheet.id;
  }
  getSheet(): FakeSheet {
    return makeSheet(this[HANDLE], this[HANDLE].sheet);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    const { ref } = this[HANDLE];
    return getRangeChecked(this[HANDLE], 'offset', ref.row + rowOffset, ref.col + columnOffset, numRows ?? ref.numRows, numColumns ?? ref.numCols);
  }
  getCell(row: number, column: number): FakeRange {
    const h = this[HANDLE];
    if (row < 1 || column < 1 || row > h.ref.numRows || column > h.ref.numCols) throw h.env.ws.error('Cell reference out of range');
    return makeRange(h, { ...h.ref, row: h.ref.row + row - 1, col: h.ref.col + column - 1, numRows: 1, numCols: 1 });
  }
  activate(): FakeRange {
    this[HANDLE].ss.activeSheetId = this[HANDLE].sheet.id;
    return this;
  }
  isBlank(): boolean {
    let blank = true;
    forEachCell(this[HANDLE], (r, c) => {
      const cell = cellAt(this[HANDLE].sheet, r, c);
      if (cell?.value !== undefined || cell?.formula !== undefined) blank = false;
    });
    return blank;
  }

  // -------------------------------------------------------------- values --
  getValues(): unknown[][] {
    return readGrid(this[HANDLE], (c) => readValue(this[HANDLE].env.ws, c));
  }
  getValue(): unknown {
    return readValue(this[HANDLE].env.ws, topLeft(this[HANDLE]));
  }
  setValues(values: unknown): FakeRange {
    const h = this[HANDLE];
    const grid = checkGrid(h.env.ws, values, h, 'setValues');
    assertCanEdit(h);
    writeGrid(h, (cell, i, j) => writeValue(h.env.ws, cell, grid[i]?.[j], h.ss.locale));
    return this;
  }
  setValue(value: unknown): FakeRange {
    const h = this[HANDLE];
    assertCanEdit(h);
    writeGrid(h, (cell) => writeValue(h.env.ws, cell, value, h.ss.locale));
    return this;
  }
  getDisplayValues(): string[][] {
    const h = this[HANDLE];
    return readGrid(h, (c) => displayOf(c, h.ss.locale, h.ss.timeZone));
  }
  getDisplayValue(): string {
    return displayOf(topLeft(this[HANDLE]), this[HANDLE].ss.locale, this[HANDLE].ss.timeZone);
  }
  getFormulas(): string[][] {
    return readGrid(this[HANDLE], (c) => c?.formula ?? '');
  }
  getFormula(): string {
    return topLeft(this[HANDLE])?.formula ?? '';
  }
  /** The same formula text goes into every cell (relative references are NOT adjusted). */
  setFormula(formula: string): FakeRange {
    const h = this[HANDLE];
    assertCanEdit(h);
    writeGrid(h, (cell) => writeValue(h.env.ws, cell, formula, 'en_US'));
    return this;
  }
  setFormulas(formulas: unknown): FakeRange {
    const h = this[HANDLE];
    const grid = checkGrid(h.env.ws, formulas, h, 'setFormulas');
    assertCanEdit(h);
    writeGrid(h, (cell, i, j) => writeValue(h.env.ws, cell, grid[i]?.[j], 'en_US'));
    return this;
  }
  getNote(): string {
    return topLeft(this[HANDLE])?.note ?? '';
  }
  getNotes(): string[][] {
    return readGrid(this[HANDLE], (c) => c?.note ?? '');
  }
  setNote(note: string | null): FakeRange {
    assertCanEdit(this[HANDLE]);
    writeGrid(this[HANDLE], (cell) => {
      if (note === null || note === '') delete cell.note;
      else cell.note = String(note);
    });
    return this;
  }
  setNotes(notes: unknown): FakeRange {
    const h = this[HANDLE];
    const grid = checkGrid(h.env.ws, notes, h, 'setNotes');
    assertCanEdit(h);
    writeGrid(h, (cell, i, j) => {
      const n = grid[i]?.[j];
      if (n === null || n === undefined || n === '') delete cell.note;
      else cell.note = String(n);
    });
    return this;
  }
  clear(options?: unknown): FakeRange {
    assertCanEdit(this[HANDLE]);
    clearCells(this[HANDLE], clearOptions(options));
    return this;
  }
  clearContent(): FakeRange {
    assertCanEdit(this[HANDLE]);
    clearCells(this[HANDLE], { contents: true });
    return this;
  }
  clearFormat(): FakeRange {
    assertCanEdit(this[HANDLE]);
    clearCells(this[HANDLE], { formats: true });
    return this;
  }
  clearDataValidations(): FakeRange {
    assertCanEdit(this[HANDLE]);
    clearCells(this[HANDLE], { validations: true });
    return this;
  }
  clearNote(): FakeRange {
    assertCanEdit(this[HANDLE]);
    clearCells(this[HANDLE], { notes: true });
    return this;
  }

  // --------------------------------------------------------- validations --
  setDataValidation(rule: unknown): FakeRange {
    const h = this[HANDLE];
    const spec = rule === null ? null : dataValidationSpecOf(rule, 'SpreadsheetApp.Range.setDataValidation');
    assertCanEdit(h);
    writeGrid(h, (cell) => {
      if (spec) cell.validation = spec;
      else delete cell.validation;
    });
    return this;
  }
  setDataValidations(rules: unknown): FakeRange {
    const h = this[HANDLE];
    const grid = checkGrid(h.env.ws, rules, h, 'setDataValidations');
    const specs = grid.map((row) => row.map((r) => (r === null ? null : dataValidationSpecOf(r, 'SpreadsheetApp.Range.setDataValidations'))));
    assertCanEdit(h);
    writeGrid(h, (cell, i, j) => {
      const spec = specs[i]?.[j] ?? null;
      if (spec) cell.validation = spec;
      else delete cell.validation;
    });
    return this;
  }
  getDataValidation(): FakeDataValidation | null {
    const spec = topLeft(this[HANDLE])?.validation;
    return spec ? makeDataValidation(this[HANDLE].env, spec) : null;
  }
  getDataValidations(): Array<Array<FakeDataValidation | null>> {
    const env = this[HANDLE].env;
    return readGrid(this[HANDLE], (c) => (c?.validation ? makeDataValidation(env, c.validation) : null));
  }

  // -------------------------------------------------------------- formats --
  setNumberFormat(format: string): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'numberFormat', format);
    return this;
  }
  setNumberFormats(formats: unknown): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormats(this[HANDLE], 'numberFormat', formats, 'setNumberFormats', str);
    return this;
  }
  getNumberFormat(): string {
    return getFormat(topLeft(this[HANDLE]), 'numberFormat');
  }
  getNumberFormats(): string[][] {
    return readGrid(this[HANDLE], (c) => getFormat(c, 'numberFormat'));
  }
  setFontWeight(fontWeight: string | null): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'fontWeight', fontWeight);
    return this;
  }
  setFontWeights(fontWeights: unknown): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormats(this[HANDLE], 'fontWeight', fontWeights, 'setFontWeights', str);
    return this;
  }
  setFontStyle(fontStyle: string | null): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'fontStyle', fontStyle);
    return this;
  }
  setFontSize(size: number): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'fontSize', size);
    return this;
  }
  getFontWeight(): string {
    return getFormat(topLeft(this[HANDLE]), 'fontWeight');
  }
  getFontWeights(): string[][] {
    return readGrid(this[HANDLE], (c) => getFormat(c, 'fontWeight'));
  }
  setBackground(color: string | null): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'background', color);
    return this;
  }
  setBackgrounds(colors: unknown): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormats(this[HANDLE], 'background', colors, 'setBackgrounds', str);
    return this;
  }
  getBackground(): string {
    return getFormat(topLeft(this[HANDLE]), 'background');
  }
  getBackgrounds(): string[][] {
    return readGrid(this[HANDLE], (c) => getFormat(c, 'background'));
  }
  setFontColor(color: string | null): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'fontColor', color);
    return this;
  }
  getFontColor(): string {
    return getFormat(topLeft(this[HANDLE]), 'fontColor');
  }
  setWrap(isWrapEnabled: boolean): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'wrap', isWrapEnabled);
    return this;
  }
  getWrap(): boolean {
    return getFormat(topLeft(this[HANDLE]), 'wrap');
  }
  setHorizontalAlignment(alignment: string | null): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'horizontalAlignment', alignment);
    return this;
  }
  getHorizontalAlignment(): string {
    return getFormat(topLeft(this[HANDLE]), 'horizontalAlignment');
  }
  setVerticalAlignment(alignment: string | null): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'verticalAlignment', alignment);
    return this;
  }
  getVerticalAlignment(): string {
    return getFormat(topLeft(this[HANDLE]), 'verticalAlignment');
  }
  /** Recorded as JSON of the arguments in each cell's format.border (no read-back API). */
  setBorder(...args: unknown[]): FakeRange {
    assertCanEdit(this[HANDLE]);
    setFormat(this[HANDLE], 'border', JSON.stringify(args.map((a) => (a === null || typeof a !== 'object' ? a : String(a)))));
    return this;
  }

  // --------------------------------------------------------------- merges --
  merge(): FakeRange {
    addMerge(this[HANDLE], this[HANDLE].ref);
    return this;
  }
  mergeAcross(): FakeRange {
    const { ref } = this[HANDLE];
    for (let i = 0; i < ref.numRows; i++) addMerge(this[HANDLE], { ...ref, row: ref.row + i, numRows: 1 });
    return this;
  }
  mergeVertically(): FakeRange {
    const { ref } = this[HANDLE];
    for (let j = 0; j < ref.numCols; j++) addMerge(this[HANDLE], { ...ref, col: ref.col + j, numCols: 1 });
    return this;
  }
  breakApart(): FakeRange {
    const h = this[HANDLE];
    assertCanEdit(h);
    const hit = h.sheet.merges.filter((m) => intersects(m, h.ref));
    if (hit.some((m) => !containsRef(h.ref, m))) throw h.env.ws.error(MERGE_CONFLICT);
    h.sheet.merges = h.sheet.merges.filter((m) => !hit.includes(m));
    return this;
  }
  getMergedRanges(): FakeRange[] {
    const h = this[HANDLE];
    return h.env.ws.array(h.sheet.merges.filter((m) => intersects(m, h.ref)).map((m) => makeRange(h, m)));
  }
  isPartOfMerge(): boolean {
    return this[HANDLE].sheet.merges.some((m) => intersects(m, this[HANDLE].ref));
  }

  // ----------------------------------------------------------- protection --
  protect(): FakeProtection {
    return makeProtection(this[HANDLE], newRangeProtection(this[HANDLE]));
  }
}

function addMerge(h: RangeHandle, ref: GridRef): void {
  assertCanEdit(h);
  if (ref.numRows * ref.numCols === 1) return;
  if (h.sheet.merges.some((m) => intersects(m, ref) && !containsRef(ref, m))) throw h.env.ws.error(MERGE_CONFLICT);
  h.sheet.merges = h.sheet.merges.filter((m) => !containsRef(ref, m));
  h.sheet.merges.push({ ...ref });
  // Merging keeps only the upper-left value.
  for (let i = 0; i < ref.numRows; i++) {
    for (let j = 0; j < ref.numCols; j++) {
      const cell = cellAt(h.sheet, ref.row + i, ref.col + j);
      if ((i > 0 || j > 0) && cell) {
        delete cell.value;
        delete cell.formula;
        delete cell.computed;
      }
    }
  }
}
