import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import { a1, sheetRef } from '../../../core/layout/a1';
import type { CellSpec, SheetSpec, StyleRole, WorkbookSpec } from '../../../core/layout/types';
import { xmlSafeDeep } from '../../../core/text/xml-safe';
import { addCharts } from './charts';
import { addConditionalFormats, addValidations } from './data-validation';
import { protectSheet } from './protect';
import { fitRowHeights } from './row-heights';
import { styleFor } from './styles';

export interface RenderOptions {
  /** Sheet-protection password; null protects without a password (still blocks accidental edits). */
  password: string | null;
  /** Give every input cell a workbook-level name equal to its input id. */
  definedNames: boolean;
  creator?: string;
}

const MAX_TEXT = 32767;
/**
 * The widest column (in character units) that still fits an A4 page with narrow margins. LibreOffice's
 * «fit to 1 page wide» never shrinks a single column wider than the page (it already counts as one page
 * wide), so such a column prints cut off; it is narrowed instead and its text wraps onto more lines.
 * The limits leave room for wider fallback fonts (DejaVu Sans where Arial/Calibri are missing).
 */
const MAX_COLUMN = { portrait: 75, landscape: 110 };
/** Excel forbids \ / ? * [ ] :; an apostrophe is legal but exceljs writes print areas without escaping it. */
const INVALID_SHEET_NAME = /[\\/?*[\]:']/;

/** Renders a layout as an exceljs workbook; the spec decides everything, this only maps it to .xlsx. */
export function renderWorkbook(unsafe: WorkbookSpec, options: RenderOptions): ExcelJS.Workbook {
  // one sanitiser for every string that reaches the XML (a school's U+FFFE would make the whole file not well-formed)
  const spec = xmlSafeDeep(unsafe);
  checkSheetNames(spec.sheets);
  const workbook = new ExcelJS.Workbook();
  const creator = options.creator ?? 'msoko';
  workbook.creator = creator;
  workbook.lastModifiedBy = creator;
  workbook.title = spec.title;
  workbook.created = new Date();
  workbook.modified = workbook.created;
  workbook.calcProperties.fullCalcOnLoad = true;
  const styles = new StyleBook();
  for (const sheet of spec.sheets) renderSheet(workbook, sheet, options.password, styles);
  if (options.definedNames) addDefinedNames(workbook, spec.sheets);
  return workbook;
}

/** Writes the workbook next to `path` first and renames it into place, so a crash never leaves half a file. */
export async function writeWorkbookFile(spec: WorkbookSpec, path: string, options: RenderOptions): Promise<void> {
  const workbook = renderWorkbook(spec, options);
  await writeAtomically(path, (tmp) => workbook.xlsx.writeFile(tmp));
}

/** Runs `write` on a temporary name next to `path`, then renames it into place; never leaves the temporary file. */
export async function writeAtomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await fs.mkdir(dirname(path), { recursive: true });
  try {
    await write(tmp);
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new Error(`Не удалось записать «${path}»: файл открыт в другой программе или нет прав на запись (${code})`);
    }
    throw error;
  }
}

/**
 * One style object per role and workbook: exceljs keeps a style id per style object, so 200,000 cells of
 * one role cost one style lookup instead of 200,000 (each one serialises the style to XML). exceljs edits
 * a shared style in place when a part of a cell's style is set (`cell.font = …`); this renderer only ever
 * assigns whole styles, so sharing is safe here.
 */
class StyleBook {
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();

  get(role: StyleRole, left = false): Partial<ExcelJS.Style> {
    const key = left ? `${role}:left` : role;
    let style = this.styles.get(key);
    if (!style) {
      style = styleFor(role);
      if (left) style.alignment = { ...style.alignment, horizontal: 'left' };
      this.styles.set(key, style);
    }
    return style;
  }
}

function checkSheetNames(sheets: SheetSpec[]): void {
  const seen = new Set<string>();
  for (const s of sheets) {
    if (s.name.length === 0 || s.name.length > 31 || INVALID_SHEET_NAME.test(s.name)) {
      throw new Error(`Недопустимое имя листа «${s.name}»: до 31 знака, без \\ / ? * [ ] : и апострофа`);
    }
    const key = s.name.toLowerCase();
    if (seen.has(key)) throw new Error(`Лист «${s.name}» повторяется`);
    seen.add(key);
  }
}

function renderSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, password: string | null, styles: StyleBook): void {
  const sheet = workbook.addWorksheet(spec.name, {
    state: spec.hidden ? 'hidden' : 'visible',
    views: spec.frozenRows > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: spec.frozenRows, topLeftCell: a1(spec.frozenRows + 1, 1) }] : [],
    pageSetup: {
      paperSize: 9,
      orientation: spec.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: absolutePrintArea(spec.printArea),
      margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  const widths = columnWidths(spec);
  widths.forEach((width, i) => {
    // exceljs drops a width of exactly 9 (its own default) from the file, leaving Excel's 8.43.
    sheet.getColumn(i + 1).width = width === 9 ? 9.01 : width;
  });
  for (const cell of spec.cells) writeCell(sheet, cell, styles);
  for (const input of spec.inputs) {
    // Links and free text read from the left; numbers and «да»/«нет» stay centred.
    const left = input.validation.type === 'url' || input.validation.type === 'text';
    sheet.getCell(input.row, input.col).style = styles.get('input', left);
  }
  for (const m of spec.merges) {
    if (m.rows <= 1 && m.cols <= 1) continue;
    sheet.mergeCells(m.row, m.col, m.row + m.rows - 1, m.col + m.cols - 1);
  }
  for (const col of spec.hiddenColumns ?? []) sheet.getColumn(col).hidden = true;
  fitRowHeights(sheet, spec, widths);
  addValidations(sheet, spec.inputs);
  addConditionalFormats(sheet, spec.conditional);
  if (spec.charts) addCharts(workbook, sheet, spec.charts);
  if (spec.protect) protectSheet(sheet, password);
}

/** Column widths as written: capped so that a column never prints wider than the page. */
export function columnWidths(spec: SheetSpec): number[] {
  return spec.widths.map((w) => Math.min(w, spec.landscape ? MAX_COLUMN.landscape : MAX_COLUMN.portrait));
}

function writeCell(sheet: ExcelJS.Worksheet, spec: CellSpec, styles: StyleBook): void {
  const cell = sheet.getCell(spec.row, spec.col);
  if (spec.formula !== undefined) cell.value = { formula: spec.formula.replace(/^=/, '') };
  else if (typeof spec.value === 'number') cell.value = Number.isFinite(spec.value) ? spec.value : String(spec.value);
  // A string is always a string cell (a shared string), even «=1+1» or «+7 …»: exceljs never parses it.
  else if (typeof spec.value === 'string') cell.value = spec.value.slice(0, MAX_TEXT);
  cell.style = styles.get(spec.style);
  if (spec.note) cell.note = spec.note;
}

/**
 * exceljs prefixes each side of the print area with «$» and nothing else («A1:F40» → «$A1:$F40»), which
 * leaves the rows relative; «A$1:F$40» comes out as the intended «$A$1:$F$40».
 */
function absolutePrintArea(range: string): string {
  const [from = 'A1', to = from] = range.replace(/\$/g, '').split(':');
  const fix = (ref: string): string => ref.replace(/^([A-Z]+)(\d+)$/i, '$1$$$2');
  return `${fix(from)}:${fix(to)}`;
}

const NAME = /^[A-Za-z_\\][A-Za-z0-9_.]*$/;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}\d+|[Rr]\d*([Cc]\d*)?|[Cc]\d*)$/;

function addDefinedNames(workbook: ExcelJS.Workbook, sheets: SheetSpec[]): void {
  const seen = new Set<string>();
  for (const sheet of sheets) {
    for (const input of sheet.inputs) {
      if (!NAME.test(input.id) || LOOKS_LIKE_CELL.test(input.id) || input.id.length > 255) {
        throw new Error(`Код поля «${input.id}» нельзя сделать именем ячейки Excel`);
      }
      const key = input.id.toUpperCase();
      if (seen.has(key)) throw new Error(`Код поля «${input.id}» повторяется в книге`);
      seen.add(key);
      workbook.definedNames.add(sheetRef(sheet.name, input.row, input.col), input.id);
    }
  }
}
