/**
 * Plain state of the fake workspace: Drive file records and the spreadsheet grid model,
 * plus A1 notation and row/column shifting helpers. No facades here.
 */
import type { BooleanCriteriaName, DataValidationCriteriaName, DriveAccessName, DrivePermissionName, ProtectionTypeName } from './enums';
import type { DocumentModel } from './document';
import type { FormModel } from './form';

export type CellValue = string | number | boolean | Date;

export interface CellFormat {
  numberFormat?: string;
  fontWeight?: string;
  /** 'italic' or 'normal' (Sheets advanced service textFormat.italic). */
  fontStyle?: string;
  fontSize?: number;
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  border?: string;
}

export interface DataValidationSpec {
  readonly criteria: DataValidationCriteriaName;
  readonly values: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string | null;
}

export interface Cell {
  /** Literal content; undefined when the cell is blank or holds a formula. */
  value?: CellValue;
  /** Formula text, e.g. "=SUM(A1:A3)". Never evaluated. */
  formula?: string;
  /** Result of the formula, only if a test seeded it (FakeWorkspace.seedComputed). */
  computed?: CellValue;
  note?: string;
  format?: CellFormat;
  validation?: DataValidationSpec;
}

/** A rectangle on one sheet, 1-based. Mutable so inserts/deletes can shift it. */
export interface GridRef {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface CfRuleSpec {
  readonly criteria: BooleanCriteriaName;
  readonly values: readonly unknown[];
  readonly background: string | null;
  readonly fontColor: string | null;
  readonly bold: boolean | null;
  readonly ranges: GridRef[];
}

export interface SheetModel {
  readonly id: number;
  name: string;
  maxRows: number;
  maxCols: number;
  /** rows[r-1][c-1]; sparse. */
  rows: Array<Array<Cell | undefined> | undefined>;
  frozenRows: number;
  frozenCols: number;
  hidden: boolean;
  colWidths: Map<number, number>;
  /** Columns hidden by the user or a script (1-based). */
  hiddenCols?: Set<number>;
  /** Row heights set through the Sheets advanced service (updateDimensionProperties ROWS). */
  rowHeights?: Map<number, number>;
  merges: GridRef[];
  cfRules: CfRuleSpec[];
  /** Embedded charts overlaid on this sheet (Sheets API addChart): their spec as sent, checked, and where they sit. */
  charts?: ChartModel[];
}

export interface ChartModel {
  readonly id: number;
  /** The ChartSpec JSON as the request gave it. */
  spec: Record<string, unknown>;
  anchor: { row: number; col: number };
  widthPx: number;
  heightPx: number;
}

export interface ProtectionModel {
  readonly id: number;
  readonly type: ProtectionTypeName;
  readonly sheetId: number;
  /** RANGE protections only. */
  ref: GridRef | null;
  description: string;
  /** null while the editor list still mirrors the spreadsheet (nobody changed it yet). */
  editors: Set<string> | null;
  warningOnly: boolean;
  domainEdit: boolean;
  unprotected: GridRef[];
  rangeName: string | null;
}

export interface SpreadsheetModel {
  timeZone: string;
  locale: string;
  sheets: SheetModel[];
  activeSheetId: number;
  namedRanges: Map<string, GridRef>;
  protections: ProtectionModel[];
  toasts: Array<{ message: string; title: string; timeoutSeconds: number }>;
  nextSheetId: number;
  nextProtectionId: number;
}

export type FileKind = 'spreadsheet' | 'document' | 'form' | 'folder' | 'blob';

export interface FileRecord {
  readonly id: string;
  readonly kind: FileKind;
  name: string;
  mimeType: string;
  owner: string;
  editors: string[];
  viewers: string[];
  access: DriveAccessName;
  permission: DrivePermissionName;
  parents: string[];
  readonly createdAt: number;
  trashed: boolean;
  content: string;
  spreadsheet?: SpreadsheetModel;
  document?: DocumentModel;
  form?: FormModel;
  // ---- Drive v3 metadata (drive-advanced*.ts); optional so older records need nothing.
  /** Users with a commenter permission (Drive v3 Permissions.create role 'commenter'). */
  commenters?: string[];
  description?: string;
  /** Private to the app (one app in the fake). */
  appProperties?: Record<string, string>;
  /** Public custom properties. */
  properties?: Record<string, string>;
  /** undefined = true (the Drive default): editors may re-share. */
  writersCanShare?: boolean;
  /** Users for whom the app holds a drive.file grant on this file (the creator; see appCanAccess). */
  appUsers?: string[];
  /** Last change made through Drive v3 (metadata or content); edits through the editors' services are not tracked. */
  modifiedAt?: number;
}

export const MIME = {
  spreadsheet: 'application/vnd.google-apps.spreadsheet',
  document: 'application/vnd.google-apps.document',
  form: 'application/vnd.google-apps.form',
  folder: 'application/vnd.google-apps.folder',
} as const;

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;

export function newSheetModel(id: number, name: string, rows = DEFAULT_ROWS, cols = DEFAULT_COLS): SheetModel {
  return { id, name, maxRows: rows, maxCols: cols, rows: [], frozenRows: 0, frozenCols: 0, hidden: false, colWidths: new Map(), merges: [], cfRules: [] };
}

// ------------------------------------------------------------------------ A1 --

export function colToLetters(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Of(ref: GridRef): string {
  const start = `${colToLetters(ref.col)}${ref.row}`;
  if (ref.numRows === 1 && ref.numCols === 1) return start;
  return `${start}:${colToLetters(ref.col + ref.numCols - 1)}${ref.row + ref.numRows - 1}`;
}

export interface ParsedA1 {
  sheetName: string | null;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

const A1_RE = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?\$?([A-Za-z]{0,3})\$?(\d*)(?::\$?([A-Za-z]{0,3})\$?(\d*))?$/;

/** Parses A1, A1:C3, A:C, 2:5, A2:C, optionally prefixed with Sheet! or 'My sheet'!. */
export function parseA1(a1: string, maxRows: number, maxCols: number): ParsedA1 | null {
  const m = A1_RE.exec(a1.trim());
  if (!m) return null;
  const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
  const [c1, r1, hasColon, c2, r2] = [m[3] ?? '', m[4] ?? '', m[5] !== undefined, m[5] ?? '', m[6] ?? ''];
  let rowA: number, rowB: number, colA: number, colB: number;
  if (!hasColon) {
    if (!c1 || !r1) return null;
    rowA = rowB = Number(r1);
    colA = colB = lettersToCol(c1);
  } else if (c1 && r1 && c2 && r2) {
    [rowA, rowB, colA, colB] = [Number(r1), Number(r2), lettersToCol(c1), lettersToCol(c2)];
  } else if (c1 && !r1 && c2 && !r2) {
    [rowA, rowB, colA, colB] = [1, maxRows, lettersToCol(c1), lettersToCol(c2)];
  } else if (!c1 && r1 && !c2 && r2) {
    [rowA, rowB, colA, colB] = [Number(r1), Number(r2), 1, maxCols];
  } else if (c1 && r1 && c2 && !r2) {
    [rowA, rowB, colA, colB] = [Number(r1), maxRows, lettersToCol(c1), lettersToCol(c2)];
  } else {
    return null;
  }
  if (rowA < 1 || rowB < 1) return null;
  const row = Math.min(rowA, rowB);
  const col = Math.min(colA, colB);
  return { sheetName, row, col, numRows: Math.abs(rowB - rowA) + 1, numCols: Math.abs(colB - colA) + 1 };
}

/** Quotes a sheet name for A1 notation when needed. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------- geometry --

export function intersects(a: GridRef, b: GridRef): boolean {
  return (
    a.sheetId === b.sheetId &&
    a.row <= b.row + b.numRows - 1 &&
    b.row <= a.row + a.numRows - 1 &&
    a.col <= b.col + b.numCols - 1 &&
    b.col <= a.col + a.numCols - 1
  );
}

export function containsRef(outer: GridRef, inner: GridRef): boolean {
  return (
    outer.sheetId === inner.sheetId &&
    inner.row >= outer.row &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col >= outer.col &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}

export function cellIn(ref: GridRef, row: number, col: number): boolean {
  return row >= ref.row && row < ref.row + ref.numRows && col >= ref.col && col < ref.col + ref.numCols;
}

export function sameRef(a: GridRef, b: GridRef): boolean {
  return a.sheetId === b.sheetId && a.row === b.row && a.col === b.col && a.numRows === b.numRows && a.numCols === b.numCols;
}

export type Axis = 'row' | 'col';

/**
 * Shifts a 1-D span [start, start+len) for an insert (delta > 0 lines before `at`) or a delete
 * (delta < 0: lines at..at-delta-1 removed). Returns null when the span is deleted entirely.
 */
function shiftSpan(start: number, len: number, at: number, delta: number): [number, number] | null {
  const end = start + len - 1;
  if (delta > 0) {
    if (start >= at) return [start + delta, len];
    if (end >= at) return [start, len + delta];
    return [start, len];
  }
  const delFirst = at;
  const delLast = at - delta - 1;
  const before = Math.max(0, Math.min(delLast, start - 1) - delFirst + 1);
  const inside = Math.max(0, Math.min(delLast, end) - Math.max(delFirst, start) + 1);
  if (inside === len) return null;
  return [start - before, len - inside];
}

/** Shifts the ref in place; returns false when it was deleted entirely. */
export function shiftRef(ref: GridRef, axis: Axis, at: number, delta: number): boolean {
  const got = axis === 'row' ? shiftSpan(ref.row, ref.numRows, at, delta) : shiftSpan(ref.col, ref.numCols, at, delta);
  if (got === null) return false;
  if (axis === 'row') [ref.row, ref.numRows] = got;
  else [ref.col, ref.numCols] = got;
  return true;
}

export function cellAt(sheet: SheetModel, row: number, col: number): Cell | undefined {
  return sheet.rows[row - 1]?.[col - 1];
}

export function ensureCell(sheet: SheetModel, row: number, col: number): Cell {
  let r = sheet.rows[row - 1];
  if (r === undefined) {
    r = [];
    sheet.rows[row - 1] = r;
  }
  let cell = r[col - 1];
  if (cell === undefined) {
    cell = {};
    r[col - 1] = cell;
  }
  return cell;
}

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== undefined || cell.formula !== undefined);
}
