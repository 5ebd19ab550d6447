/** One worksheet's XML → its values grid (and formulas), as exceljs + sheetGrid (read-workbook.ts) give it. */
import type { GridProblem, SheetGrid } from '../../../core/submission/parse';
import { MAX_CELLS, MAX_COLS, MAX_ROWS, MAX_TEXT, beyondSheet, mergesTooLarge, tooLongText, tooManyCells } from './sheet-limits';
import { type Relationship, type Styles, runText, xmlDecode } from './workbook-parts';
import { ANY_REF, columnNumber } from './cell-address';
import { slideFormula } from './shared-formula';
import { XmlCursor, children, root, unsupported } from './xml-cursor';

type Plain = string | number | boolean | Date;

export interface SheetContext {
  strings: string[] | null;
  styles: Styles;
  date1904: boolean;
  /** The sheet's relationships (worksheets/_rels), read only when a hyperlink needs them. */
  rels: () => Map<string, Relationship>;
  /** The sheet's name and the workbook's list of what was refused, for placed errors. */
  sheet: string;
  problems: GridProblem[];
}

const EMPTY = 0;
const VALUE = 1;
const FORMULA = 2;

interface CellRecord {
  row: number;
  col: number;
  address: string;
  kind: typeof EMPTY | typeof VALUE | typeof FORMULA;
  /** The value, or a formula's cached result, as plainValue gives it. */
  plain: Plain;
  /** The formula's own text. */
  formula: string | undefined;
  /** A shared formula's child: the address of its master, as exceljs resolved it while reading. */
  master: string | undefined;
}

/** Elements exceljs's worksheet reader would pick up at any depth: where they hide, exceljs decides. */
const WATCHED = ['sheetData', 'mergeCells', 'hyperlinks'];

export function readSheet(xml: Buffer, ctx: SheetContext): Omit<SheetGrid, 'name'> {
  const x = new XmlCursor(xml);
  root(x, 'worksheet');
  let cells: CellRecord[] | null = null;
  let merges: Map<number, boolean> | null = null;
  let links: Map<string, string | undefined> | null = null;
  children(x, () => {
    if (x.name === 'sheetData') {
      if (cells) unsupported('two <sheetData>');
      cells = readSheetData(x, ctx);
    } else if (x.name === 'mergeCells') {
      if (merges) unsupported('two <mergeCells>');
      merges = readMerges(x, ctx);
    } else if (x.name === 'hyperlinks') {
      if (links) unsupported('two <hyperlinks>');
      links = readHyperlinks(x, ctx);
    } else x.skip(WATCHED);
  });
  return sheetGrid(cells ?? [], merges ?? new Map(), links);
}

function readSheetData(x: XmlCursor, ctx: SheetContext): CellRecord[] {
  const out: CellRecord[] = [];
  const sharedMasters: Record<string, string> = Object.create(null) as Record<string, string>;
  let lastRow = 0;
  let count = 0;
  children(x, () => {
    if (x.name !== 'row') unsupported(`<${x.name}> in <sheetData>`);
    const r = x.attr('r');
    if (r === undefined || !/^[1-9]\d*$/.test(r)) unsupported(`a row numbered «${r ?? ''}»`);
    const rowNumber = Number(r);
    if (rowNumber > MAX_ROWS || count > MAX_CELLS) {
      if (rowNumber > MAX_ROWS) ctx.problems.push(beyondSheet(ctx.sheet, `строка ${r}`));
      return x.skip();
    }
    if (rowNumber <= lastRow) unsupported('rows out of order');
    lastRow = rowNumber;
    let lastCol = 0;
    children(x, () => {
      if (x.name !== 'c') unsupported(`<${x.name}> in <row>`);
      const address = x.attr('r');
      const m = address === undefined ? null : ANY_REF.exec(address);
      if (!m || Number(m[2]) !== rowNumber) unsupported(`a cell at «${address ?? ''}» in row ${rowNumber}`);
      const letters = m[1] as string;
      if (letters.length > 3 || columnNumber(letters) > MAX_COLS) {
        ctx.problems.push(beyondSheet(ctx.sheet, address as string));
        return x.skip();
      }
      if (++count > MAX_CELLS) {
        if (count === MAX_CELLS + 1) ctx.problems.push(tooManyCells(ctx.sheet));
        return x.skip();
      }
      const col = columnNumber(letters);
      if (col <= lastCol) unsupported('cells out of order');
      lastCol = col;
      out.push(limitText(readCell(x, ctx, rowNumber, col, address as string, sharedMasters), ctx));
    });
  });
  return out;
}

/** A text beyond Excel's limit is never kept: the cell is emptied and the problem placed at it. */
function limitText(record: CellRecord, ctx: SheetContext): CellRecord {
  const long =
    typeof record.plain === 'string' && record.plain.length > MAX_TEXT ? record.plain : (record.formula?.length ?? 0) > MAX_TEXT ? record.formula : null;
  if (long === null || long === undefined) return record;
  ctx.problems.push(tooLongText(ctx.sheet, record.address, long));
  return { ...record, kind: EMPTY, plain: '', formula: undefined, master: undefined };
}

/** exceljs utils.excelToDate; `v` may be any cached result (a text or an error gives an invalid date, as there). */
const excelToDate = (v: unknown, date1904: boolean): Date => new Date(Math.round((Number(v) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

const finite = (n: number): number | '' => (Number.isFinite(n) ? n : '');

function readCell(x: XmlCursor, ctx: SheetContext, row: number, col: number, address: string, sharedMasters: Record<string, string>): CellRecord {
  const s = x.attr('s');
  const styleId = s ? parseInt(s, 10) : 0;
  const t = x.attr('t');
  let formula: string | undefined;
  let shareType: string | undefined;
  let si: string | undefined;
  let ref: string | undefined;
  let sawF = false;
  let sawV = false;
  let sawIs = false;
  let value: string | undefined;
  let runs: string[] | undefined;
  children(x, () => {
    if (x.name === 'f') {
      if (sawF) unsupported('two <f>');
      sawF = true;
      shareType = x.attr('t');
      si = x.attr('si');
      ref = x.attr('ref');
      formula = x.textContent();
    } else if (x.name === 'v') {
      if (sawV || sawIs) unsupported('<v> twice or with <is>');
      sawV = true;
      value = x.textContent();
    } else if (x.name === 'is') {
      if (sawV || sawIs) unsupported('<is> twice or with <v>');
      sawIs = true;
      children(x, () => {
        if (x.name === 't') {
          if (runs) unsupported('an inline string mixing <t> and runs');
          const text = x.textContent();
          if (text !== undefined) value = value === undefined ? text : value + text;
        } else if (x.name === 'r') {
          if (value !== undefined) unsupported('an inline string mixing <t> and runs');
          runs ??= [];
          runs.push(runText(x));
        } else unsupported(`<${x.name}> in <is>`);
      });
    } else unsupported(`<${x.name}> in <c>`);
  });
  const record: CellRecord = { row, col, address, kind: EMPTY, plain: '', formula: undefined, master: undefined };
  const isDate = (): boolean => styleId !== 0 && !Number.isNaN(styleId) && ctx.styles.isDate(styleId);

  if (formula || shareType) {
    if (runs) unsupported('a formula with an inline string');
    record.kind = FORMULA;
    record.formula = formula;
    let result: unknown;
    if (value) {
      if (t === 'str') result = xmlDecode(value);
      else if (t === 'b') result = parseInt(value, 10) !== 0;
      else if (t === 'e') result = value;
      else result = parseFloat(value);
    }
    if (result !== undefined && isDate()) {
      // an error result is an object in exceljs: as a number it is NaN
      record.plain = excelToDate(t === 'e' ? NaN : result, ctx.date1904);
    } else if (typeof result === 'number') record.plain = finite(result);
    else if (typeof result === 'string' || typeof result === 'boolean') record.plain = result;
    if (shareType === 'shared') {
      const key = String(si);
      if (ref) sharedMasters[key] = address;
      else record.master = sharedMasters[key];
    }
    return record;
  }
  if (value === undefined && !runs) return record;
  record.kind = VALUE;
  if (runs) {
    if (t !== 'inlineStr') unsupported('runs in a cell that is not an inline string');
    record.plain = runs.join('');
    return record;
  }
  const text = value as string;
  switch (t) {
    case 's': {
      if (!ctx.strings) unsupported('a shared string without xl/sharedStrings.xml');
      const shared = ctx.strings[parseInt(text, 10)];
      if (shared === undefined) unsupported(`shared string ${text} is missing`);
      record.plain = shared;
      break;
    }
    case 'str':
      record.plain = xmlDecode(text);
      break;
    case 'inlineStr':
      record.plain = text;
      break;
    case 'b':
      record.plain = parseInt(text, 10) !== 0;
      break;
    case 'e':
      record.plain = text;
      break;
    default: {
      const n = parseFloat(text);
      record.plain = isDate() ? excelToDate(n, ctx.date1904) : finite(n);
    }
  }
  return record;
}

/** Merged cells beyond this many in a sheet are not a form (exceljs would visit each; we keep one map entry each). */
const MAX_MERGED_AREA = 1_000_000;
const cellKey = (row: number, col: number): number => row * (MAX_COLS + 1) + col;

/** Each merged cell → whether it is merged away (not the top-left one): overlap found and cells looked up in O(area). */
function readMerges(x: XmlCursor, ctx: SheetContext): Map<number, boolean> {
  const out = new Map<number, boolean>();
  let area = 0;
  children(x, () => {
    if (x.name !== 'mergeCell') unsupported(`<${x.name}> in <mergeCells>`);
    const ref = x.attr('ref') ?? '';
    x.skip();
    if (area > MAX_MERGED_AREA) return;
    const m = /^([A-Z]+)([1-9]\d*)(?::([A-Z]+)([1-9]\d*))?$/.exec(ref);
    if (!m) unsupported('an unusual merge range');
    const [c1, r1] = [columnNumber(m[1] as string), Number(m[2])];
    const [c2, r2] = m[3] === undefined ? [c1, r1] : [columnNumber(m[3]), Number(m[4])];
    if (Math.max(c1, c2) > MAX_COLS || Math.max(r1, r2) > MAX_ROWS || (m[1] as string).length > 3 || (m[3] ?? '').length > 3) {
      ctx.problems.push(beyondSheet(ctx.sheet, ref));
      return;
    }
    const rect = { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
    area += (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
    if (area > MAX_MERGED_AREA) {
      ctx.problems.push(mergesTooLarge(ctx.sheet));
      out.clear();
      return;
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const key = cellKey(r, c);
        // exceljs refuses a merge that overlaps another one
        if (out.has(key)) unsupported('overlapping merges');
        out.set(key, r !== rect.top || c !== rect.left);
      }
    }
  });
  return out;
}

function readHyperlinks(x: XmlCursor, ctx: SheetContext): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  children(x, () => {
    if (x.name !== 'hyperlink') unsupported(`<${x.name}> in <hyperlinks>`);
    const ref = x.attr('ref');
    const rId = x.attr('r:id');
    if (rId) {
      if (ref === undefined) unsupported('a hyperlink without ref');
      const rel = ctx.rels().get(rId);
      if (!rel) unsupported('a hyperlink to a missing relationship');
      const target = rel.target;
      // foreign-parts.ts (tolerateForeignParts) makes absolute internal targets relative before exceljs sees them
      out.set(ref, target !== undefined && !rel.external && target.startsWith('/xl/') ? `../${target.slice(4)}` : target);
    }
    x.skip();
  });
  return out;
}

/** Beyond this gap, rows and cells are left as holes: a far cell (row 1,000,000) allocates nothing in between. */
const DENSE_GAP = 4096;

/**
 * Sets grid[r-1][c-1], padding the row with `blank` and missing rows with empty arrays (both readers use it);
 * across a gap wider than DENSE_GAP the array keeps holes, which every reader of a grid takes as empty.
 */
export function put<T>(grid: T[][], r: number, c: number, value: T, blank: T): void {
  if (r - grid.length > DENSE_GAP) grid.length = r - 1;
  while (grid.length < r) grid.push([]);
  if (grid[r - 1] === undefined) grid[r - 1] = [];
  const row = grid[r - 1] as T[];
  if (c - 1 - row.length > DENSE_GAP) row.length = c - 1;
  while (row.length < c - 1) row.push(blank);
  row[c - 1] = value;
}

function sheetGrid(cells: CellRecord[], merges: Map<number, boolean>, links: Map<string, string | undefined> | null): Omit<SheetGrid, 'name'> {
  const values: unknown[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  let byAddress: Map<string, CellRecord> | null = null;
  const mergedAway = (c: CellRecord): boolean => merges.get(cellKey(c.row, c.col)) === true;
  const link = (c: CellRecord): string | undefined => (links ? links.get(c.address) : undefined);

  for (const cell of cells) {
    if (merges.size > 0 && mergedAway(cell)) continue;
    const hyperlink = link(cell);
    if (hyperlink) {
      put(values, cell.row, cell.col, cell.plain === '' ? hyperlink : cell.plain, '');
      continue;
    }
    if (cell.kind === EMPTY) continue;
    if (cell.kind === VALUE) {
      if (cell.plain !== '') put(values, cell.row, cell.col, cell.plain, '');
      continue;
    }
    let formula = cell.formula;
    if (!formula && cell.master !== undefined) {
      byAddress ??= new Map(cells.map((c) => [c.address, c]));
      formula = slideFormula(masterFormula(byAddress.get(cell.master), merges.size > 0 ? mergedAway : null, link), cell.master, cell.address);
    }
    if (cell.plain === '' && !formula) continue;
    put(values, cell.row, cell.col, cell.plain, '');
    if (formula) {
      anyFormula = true;
      put(formulas, cell.row, cell.col, formula, null);
    }
  }
  return anyFormula ? { values, formulas } : { values };
}

/** The master's own formula; where exceljs would fail to slide it (no text, merged over, a link), it decides. */
function masterFormula(master: CellRecord | undefined, mergedAway: ((c: CellRecord) => boolean) | null, link: (c: CellRecord) => string | undefined): string {
  if (!master || master.kind !== FORMULA || !master.formula || mergedAway?.(master) || link(master))
    return unsupported('a shared formula without a usable master');
  return master.formula;
}
