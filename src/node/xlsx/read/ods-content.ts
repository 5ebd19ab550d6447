/**
 * content.xml of an OpenDocument spreadsheet → the WorkbookGrid the .xlsx readers give for the same data, and the
 * workbook's named cells. Every sheet is read, hidden ones too (the stamp sheet «Служебный» is hidden), in file order.
 *
 * LibreOffice writes each sheet out to its last row and column as repeats (`table:number-rows-repeated="1048556"`
 * around one cell repeated 16 384 times): a repeat of empty cells only moves the position, and a repeat of filled
 * cells is expanded cell by cell within the sheet limits of the .xlsx readers (sheet-limits.ts), so no repeat ever
 * allocates more than MAX_CELLS values. Covered cells (under a merge) are skipped, as the .xlsx readers skip every cell
 * of a merged range but the top-left one.
 */
import { a1 } from '../../../core/layout/a1';
import type { GridProblem, SheetGrid, WorkbookGrid } from '../../../core/submission/parse';
import { type Plain, cellText, cellValue, odsFormula } from './ods-values';
import { MAX_CELLS, MAX_COLS, MAX_ROWS, MAX_TEXT, beyondSheet, tooLongText, tooManyCells } from './sheet-limits';
import { put } from './worksheet';
import { XmlCursor, children, root } from './xml-cursor';

export interface OdsNamedCell {
  sheet: string;
  row: number;
  col: number;
}

export interface OdsContent {
  grid: WorkbookGrid;
  /** Workbook-level names of one cell (`$'Лист'.$B$3`); ranges are left out, as for .xlsx. */
  names: Map<string, OdsNamedCell>;
}

/** Filled cells of one row element: `span` equal cells from `col`. */
interface Run {
  col: number;
  span: number;
  plain: Plain;
  formula: string | null;
}

/** A repeat count: a missing, malformed or non-positive one counts as 1, as LibreOffice reads it. */
const repeats = (raw: string | undefined): number => {
  if (raw === undefined || !/^\d{1,10}$/.test(raw)) return 1;
  return Math.max(Number(raw), 1);
};

const ROW_GROUPS = new Set(['table:table-header-rows', 'table:table-rows', 'table:table-row-group']);

export function readOdsContent(xml: Buffer): OdsContent {
  const x = new XmlCursor(xml);
  root(x, 'office:document-content');
  const sheets: SheetGrid[] = [];
  const problems: GridProblem[] = [];
  const names = new Map<string, OdsNamedCell>();
  children(x, () => {
    if (x.name !== 'office:body') return x.skip();
    children(x, () => {
      if (x.name !== 'office:spreadsheet') return x.skip();
      children(x, () => {
        if (x.name === 'table:table') sheets.push(readTable(x, x.attr('table:name') ?? `Лист${sheets.length + 1}`, problems));
        else if (x.name === 'table:named-expressions') readNames(x, names);
        else x.skip();
      });
    });
  });
  return { grid: problems.length > 0 ? { sheets, problems } : { sheets }, names };
}

function readTable(x: XmlCursor, name: string, problems: GridProblem[]): SheetGrid {
  const values: unknown[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  let next = 1;
  let cells = 0;
  let full = false;

  const emit = (runs: Run[], first: number, count: number): void => {
    for (let row = first; row < first + count && !full; row++) {
      for (const run of runs) {
        for (let col = run.col; col < run.col + run.span; col++) {
          if (++cells > MAX_CELLS) {
            problems.push(tooManyCells(name));
            full = true;
            return;
          }
          put(values, row, col, run.plain, '');
          if (run.formula !== null) {
            anyFormula = true;
            put(formulas, row, col, run.formula, null);
          }
        }
      }
    }
  };

  const row = (): void => {
    const count = repeats(x.attr('table:number-rows-repeated'));
    const first = next;
    next += count;
    if (full) return void x.skip();
    const runs = readRow(x, name, first, problems);
    if (runs.length === 0) return;
    if (first > MAX_ROWS) return void problems.push(beyondSheet(name, `строка ${first}`));
    if (first + count - 1 > MAX_ROWS) problems.push(beyondSheet(name, `строка ${MAX_ROWS + 1}`));
    emit(runs, first, Math.min(count, MAX_ROWS - first + 1));
  };
  const rows = (): void =>
    children(x, () => {
      if (x.name === 'table:table-row') row();
      else if (ROW_GROUPS.has(x.name)) rows();
      else x.skip();
    });
  rows();
  return anyFormula ? { name, values, formulas } : { name, values };
}

/** The filled cells of one row element, clipped to the sheet's columns (what lies beyond is a placed problem). */
function readRow(x: XmlCursor, sheet: string, row: number, problems: GridProblem[]): Run[] {
  const runs: Run[] = [];
  let col = 1;
  let beyond = false;
  children(x, () => {
    const covered = x.name === 'table:covered-table-cell';
    if (!covered && x.name !== 'table:table-cell') return x.skip();
    const span = repeats(x.attr('table:number-columns-repeated'));
    const at = col;
    col += span;
    if (covered) return x.skip();
    const type = x.attr('office:value-type');
    const calcType = x.attr('calcext:value-type');
    const rawFormula = x.attr('table:formula');
    const attrs = {
      value: x.attr('office:value'),
      boolean: x.attr('office:boolean-value'),
      date: x.attr('office:date-value'),
      time: x.attr('office:time-value'),
      string: x.attr('office:string-value'),
    };
    const plain = cellValue(type, calcType, attrs, cellText(x, MAX_TEXT));
    const formula = rawFormula === undefined ? null : odsFormula(rawFormula);
    if (plain === '' && formula === null) return;
    if (at > MAX_COLS) {
      if (!beyond) problems.push(beyondSheet(sheet, a1(row, at)));
      beyond = true;
      return;
    }
    const long = typeof plain === 'string' && plain.length > MAX_TEXT ? plain : (formula?.length ?? 0) > MAX_TEXT ? formula : null;
    // as in the .xlsx readers: a text beyond Excel's limit is never kept, the cell is emptied
    if (long !== null) return void problems.push(tooLongText(sheet, a1(row, at), long));
    if (at + span - 1 > MAX_COLS && !beyond) {
      problems.push(beyondSheet(sheet, a1(row, MAX_COLS + 1)));
      beyond = true;
    }
    runs.push({ col: at, span: Math.min(span, MAX_COLS - at + 1), plain, formula });
  });
  return runs;
}

const NAMED_CELL = /^\$?('(?:[^']|'')+'|[^.':]+)\.\$?([A-Z]{1,3})\$?([1-9]\d*)$/;

function readNames(x: XmlCursor, names: Map<string, OdsNamedCell>): void {
  children(x, () => {
    if (x.name !== 'table:named-range') return x.skip();
    const name = x.attr('table:name');
    const m = NAMED_CELL.exec(x.attr('table:cell-range-address') ?? '');
    x.skip();
    if (name === undefined || !m) return;
    const quoted = m[1] as string;
    const sheet = quoted.startsWith("'") ? quoted.slice(1, -1).replace(/''/g, "'") : quoted;
    let col = 0;
    for (const ch of m[2] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
    names.set(name, { sheet, row: Number(m[3]), col });
  });
}
