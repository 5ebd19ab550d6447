/**
 * The fast path of readWorkbookFile: reads the cell values of an .xlsx package straight from its XML, giving
 * exactly the WorkbookGrid that exceljs + sheetGrid (read-workbook.ts) give, at a fraction of the time and memory.
 *
 * «Exactly» includes exceljs's quirks, reproduced from its source (lib/xlsx/xform/**, lib/doc/cell.js):
 * - a number is a Date when its style's number format looks like a date (utils.isDateFmt), style 0 never;
 *   1904 dates only when workbookPr says date1904="1";
 * - a formula cell gives its cached result (undefined → ''); a shared formula's child gives its master's
 *   formula slid to the child (slideFormula), or nothing when the master comes later in the sheet;
 * - a cell with an external hyperlink gives its text (a formula's result), or the address when that is empty,
 *   and no formula — even a cell the file lists without a value;
 * - `_xHHHH_` escapes (upper-case hex) are decoded in shared strings and rich-text runs, not in plain inline
 *   strings; t="str" texts and sheet names are entity-decoded a second time (utils.xmlDecode);
 * - every cell of a merged range but the top-left one is skipped, whatever it holds.
 * Where exceljs would fail or behave in a way not reproduced here, the reader gives up with LeanUnsupported and
 * the caller reads the file with exceljs (through the same zip guard); a package that unpacks beyond the size limits,
 * or that the guard refuses (zip-index.ts), is unreadable outright.
 */
import type { GridProblem, SheetGrid, WorkbookGrid } from '../../../core/submission/parse';
import { NOT_XLSX_HINT } from './sniff';
import { type Relationship, parseRels, parseSharedStrings, parseStyles, parseWorkbook, xmlDecode } from './workbook-parts';
import { type SheetContext, readSheet } from './worksheet';
import { LeanUnsupported, unsupported } from './xml-cursor';
import { LeanZip, MAX_TOTAL_BYTES, ZipRefused, ZipTooLarge } from './zip-index';

/** The Russian reason for a package the zip guard refuses. */
export const refusedZip = (reason: string): string => `файл .xlsx повреждён или записан необычной программой (${reason}); ${NOT_XLSX_HINT}`;

export type LeanOutcome = { grid: WorkbookGrid } | { unreadable: string } | { fallback: string };

export const TOO_LARGE =
  `файл .xlsx распаковывается в слишком большой объём (больше ${MAX_TOTAL_BYTES / 1024 / 1024} МБ) — ` +
  `это не файл мониторинга или он повреждён; ${NOT_XLSX_HINT}`;

/** Never throws: a grid, a reason the file is unreadable, or why exceljs must read it instead. */
export function leanReadWorkbook(bytes: Buffer): LeanOutcome {
  try {
    return { grid: readGrid(new LeanZip(bytes)) };
  } catch (error) {
    const refused = zipRefusal(error);
    if (refused) return refused;
    return {
      fallback: error instanceof LeanUnsupported ? error.message : `unexpected ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    };
  }
}

/** The unreadable outcome for an error of the zip guard, null for any other error. */
export function zipRefusal(error: unknown): { unreadable: string } | null {
  if (error instanceof ZipTooLarge) return { unreadable: TOO_LARGE };
  if (error instanceof ZipRefused) return { unreadable: refusedZip(error.message) };
  return null;
}

function readGrid(zip: LeanZip): WorkbookGrid {
  const book = parseWorkbook(zip.read('xl/workbook.xml') ?? unsupported('no xl/workbook.xml'));
  const rels = parseRels(zip.read('xl/_rels/workbook.xml.rels') ?? unsupported('no workbook relationships'));
  const styles = parseStyles(zip.read('xl/styles.xml') ?? unsupported('no xl/styles.xml'));
  const stringsXml = zip.read('xl/sharedStrings.xml');
  const strings = stringsXml === undefined ? null : parseSharedStrings(stringsXml);

  const ids = new Set<number>();
  const names = new Set<string>();
  const parts = new Set<string>();
  const sheets: SheetGrid[] = [];
  const problems: GridProblem[] = [];
  for (const sheet of book.sheets) {
    // exceljs keeps worksheets in a sparse array by sheetId, from index 1
    if (!(sheet.id >= 1) || ids.has(sheet.id)) unsupported(`sheetId ${sheet.id}`);
    ids.add(sheet.id);
    if (sheet.rId === undefined) unsupported('a sheet without r:id');
    const rel = rels.get(sheet.rId);
    if (!rel) continue; // exceljs leaves such a sheet out
    if (rel.target === undefined) unsupported('a sheet relationship without a target');
    const part = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, '')}`;
    const numbered = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(part);
    if (!numbered) {
      // exceljs loads worksheets only from xl/worksheets/sheetN.xml; others (chartsheets) are left out
      if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(part) && zip.has(part)) unsupported(`an oddly named worksheet part ${part}`);
      continue;
    }
    const xml = zip.read(part);
    if (xml === undefined) continue;
    if (parts.has(part)) unsupported('two sheets share one part');
    parts.add(part);
    const name = checkedSheetName(sheet.name, names);
    const relsPart = `xl/worksheets/_rels/sheet${numbered[1]}.xml.rels`;
    let sheetRels: Map<string, Relationship> | null = null;
    const ctx: SheetContext = {
      strings,
      styles,
      date1904: book.date1904,
      sheet: name,
      problems,
      rels: () => (sheetRels ??= parseRels(zip.read(relsPart) ?? unsupported('a hyperlink without sheet relationships'))),
    };
    sheets.push({ name, ...readSheet(xml, ctx) });
  }
  if (sheets.length === 0) unsupported('no worksheets');
  return problems.length > 0 ? { sheets, problems } : { sheets };
}

/** The rules of exceljs's Worksheet name setter; where it would throw or truncate, exceljs decides. */
function checkedSheetName(raw: string | undefined, seen: Set<string>): string {
  if (raw === undefined) return unsupported('a sheet without a name');
  const name = xmlDecode(raw);
  if (name === '' || name === 'History' || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name) || name.length > 31) unsupported(`sheet name «${name}»`);
  const key = name.toLowerCase();
  if (seen.has(key)) unsupported(`two sheets named «${name}»`);
  seen.add(key);
  return name;
}
