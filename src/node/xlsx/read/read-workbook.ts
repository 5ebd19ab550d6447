import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import type { GridProblem, SheetGrid, WorkbookGrid } from '../../../core/submission/parse';
import { tolerateForeignParts } from './foreign-parts';
import JSZip from 'jszip';
import { leanReadWorkbook, zipRefusal } from './package-reader';
import { LeanZip } from './zip-index';
import { readOdsPackage } from './ods-package';
import { NOT_XLSX_HINT, type WorkbookKind, sniffWorkbook } from './sniff';
import { MAX_COLS, MAX_ROWS, MAX_TEXT, beyondSheet, tooLongText } from './sheet-limits';
import { put } from './worksheet';

/** A school file is about 100 KB; anything this big is not one and could exhaust memory when unzipped. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type ReadResult = WorkbookGrid | { unreadable: string };

/**
 * Reads every worksheet of an .xlsx or .ods file as plain values (and formula texts). Never throws. The lean reader
 * (package-reader.ts) gives the same grid as exceljs about ten times faster; what it does not reproduce exactly it
 * leaves to exceljs, which then also gives the reasons a damaged file cannot be read. An .ods (recognised by its
 * bytes, whatever its name) is read by ods-package.ts into the same grid.
 */
export async function readWorkbookFile(path: string): Promise<ReadResult> {
  const bytes = await readBytes(path);
  if ('unreadable' in bytes) return bytes;
  if (bytes.kind === 'ods') {
    const ods = readOdsPackage(bytes.bytes);
    return 'unreadable' in ods ? ods : ods.grid;
  }
  const lean = leanReadWorkbook(bytes.bytes);
  if ('grid' in lean) return lean.grid;
  if ('unreadable' in lean) return lean;
  return gridOf(await loadBytes(bytes.bytes));
}

/** readWorkbookFile through exceljs alone (the lean reader's reference, for the tests). */
export async function readWorkbookFileWithExcelJs(path: string): Promise<ReadResult> {
  return gridOf(await loadWorkbook(path));
}

function gridOf(loaded: { workbook: ExcelJS.Workbook } | { unreadable: string }): ReadResult {
  if ('unreadable' in loaded) return loaded;
  try {
    const problems: GridProblem[] = [];
    const sheets = loaded.workbook.worksheets.map((sheet) => sheetGrid(sheet, problems));
    if (sheets.length === 0) return { unreadable: `в книге нет ни одного листа; ${NOT_XLSX_HINT}` };
    return problems.length > 0 ? { sheets, problems } : { sheets };
  } catch {
    return { unreadable: `не удалось прочитать содержимое книги; ${NOT_XLSX_HINT}` };
  }
}

export interface NamedCell {
  sheet: string;
  row: number;
  col: number;
}

/** Workbook-level names that point at one cell (`'Лист'!$D$12`, in .ods `$'Лист'.$D$12`); ranges and print areas are left out. */
export async function readDefinedNames(path: string): Promise<Map<string, NamedCell>> {
  const read = await readBytes(path);
  if ('unreadable' in read) throw new Error(read.unreadable);
  if (read.kind === 'ods') {
    const ods = readOdsPackage(read.bytes);
    if ('unreadable' in ods) throw new Error(ods.unreadable);
    return ods.names;
  }
  const loaded = await loadBytes(read.bytes);
  if ('unreadable' in loaded) throw new Error(loaded.unreadable);
  const out = new Map<string, NamedCell>();
  for (const { name, ranges } of loaded.workbook.definedNames.model) {
    if (ranges.length !== 1) continue;
    const at = parseCellRef(ranges[0] as string);
    if (at) out.set(name, at);
  }
  return out;
}

/** `'Сведения об ОО'!$D$12` or `Sheet1!D12` → sheet, row, col. */
export function parseCellRef(ref: string): NamedCell | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] as string);
  let col = 0;
  for (const ch of (m[3] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { sheet, row: Number(m[4]), col };
}

async function loadWorkbook(path: string): Promise<{ workbook: ExcelJS.Workbook } | { unreadable: string }> {
  const read = await readBytes(path);
  if ('unreadable' in read) return read;
  return read.kind === 'ods' ? { unreadable: `это таблица LibreOffice (.ods), а не .xlsx; ${NOT_XLSX_HINT}` } : loadBytes(read.bytes);
}

/** The file's bytes, once they pass the size limit and look like an .xlsx or .ods package. */
async function readBytes(path: string): Promise<{ bytes: Buffer; kind: WorkbookKind } | { unreadable: string }> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { unreadable: 'это папка, а не файл' };
    if (stat.size > MAX_FILE_BYTES)
      return { unreadable: `файл слишком большой (${Math.round(stat.size / 1024 / 1024)} МБ) для формы мониторинга — это не файл мониторинга` };
    bytes = await fs.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { unreadable: 'файл не найден' };
    if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY')
      return { unreadable: 'нет доступа к файлу (он открыт в другой программе или закрыт правами)' };
    return { unreadable: `файл не читается с диска (ошибка ${code ?? 'ввода-вывода'})` };
  }
  const kind = sniffWorkbook(bytes);
  return typeof kind === 'string' ? { bytes, kind } : kind;
}

/**
 * exceljs (jszip) inflates every part without limits, so it never sees the file itself: the zip guard inflates each
 * part within its limits, and exceljs reads a stored (uncompressed) package of those parts.
 */
async function guardedRepack(bytes: Buffer): Promise<{ bytes: Buffer } | { unreadable: string }> {
  let parts: Map<string, Buffer>;
  try {
    parts = new LeanZip(bytes).readAll();
  } catch (error) {
    const refused = zipRefusal(error);
    if (refused) return refused;
    throw error;
  }
  const zip = new JSZip();
  for (const [name, content] of parts) zip.file(name, new Uint8Array(content.buffer, content.byteOffset, content.length), { binary: true });
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) };
}

async function loadBytes(raw: Buffer): Promise<{ workbook: ExcelJS.Workbook } | { unreadable: string }> {
  const workbook = new ExcelJS.Workbook();
  tolerateForeignParts(workbook);
  const repacked = await guardedRepack(raw);
  if ('unreadable' in repacked) return repacked;
  try {
    await workbook.xlsx.load(repacked.bytes as unknown as ExcelJS.Buffer);
  } catch {
    // exceljs's and jszip's texts are English («Corrupted zip: missing 20000 bytes.»): the reason stays Russian
    return { unreadable: `файл .xlsx повреждён и не открывается; ${NOT_XLSX_HINT}` };
  }
  return { workbook };
}

function sheetGrid(sheet: ExcelJS.Worksheet, problems: GridProblem[]): SheetGrid {
  const values: unknown[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // only the top-left cell of a merge holds a value
      const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : null;
      // `cell.value` of a formula drops a falsy cached result (0, FALSE, ''); `cell.result` keeps it.
      let value = formula !== null ? plainValue(formulaResult(cell)) : plainValue(cell.value);
      if (value === '' && !formula) return;
      // the same limits as the lean reader (sheet-limits.ts)
      if (r > MAX_ROWS || c > MAX_COLS) return void problems.push(beyondSheet(sheet.name, cell.address));
      if (typeof value === 'string' && value.length > MAX_TEXT) {
        problems.push(tooLongText(sheet.name, cell.address, value));
        value = '';
        if (!formula) return;
      }
      put(values, r, c, value, '');
      if (formula) {
        anyFormula = true;
        put(formulas, r, c, formula, null);
      }
    });
  });
  return anyFormula ? { name: sheet.name, values, formulas } : { name: sheet.name, values };
}

type Plain = string | number | boolean | Date;

/** The cached result of a formula cell: undefined when the file has none (written by openpyxl, say). */
const formulaResult = (cell: ExcelJS.Cell): unknown => (cell as unknown as { result: unknown }).result;

/** An exceljs cell value as a plain value: formulas → cached result, rich text → text, errors → «#REF!». */
export function plainValue(value: unknown): Plain {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (typeof v.error === 'string') return v.error;
  if (Array.isArray(v.richText)) return v.richText.map((run: unknown) => textOf(run)).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result);
  if ('hyperlink' in v || 'text' in v) {
    const text = plainValue(v.text);
    return text === '' && typeof v.hyperlink === 'string' ? v.hyperlink : text;
  }
  return '';
}

const textOf = (run: unknown): string => {
  const text = run !== null && typeof run === 'object' ? (run as Record<string, unknown>).text : undefined;
  return typeof text === 'string' ? text : '';
};
