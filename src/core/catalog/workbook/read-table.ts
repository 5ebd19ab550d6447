import { a1 } from '../../layout/a1';
import type { SheetGrid, WorkbookGrid } from '../../submission/parse';
import { quoted } from '../../text/xml-safe';
import { FIRST_DATA_ROW, type FieldDef, HEADER_ROW } from './sheets';

/** Where a problem of the catalog workbook is: sheet, 1-based row, column (1-based, with its header). */
export interface CatalogPlace {
  sheet: string;
  row: number | null;
  col: number | null;
  header: string | null;
}
export interface CatalogProblem extends CatalogPlace {
  text: string;
}

/** «Лист «Каталог. Показатели», строка 12, столбец «Способ расчёта» (G12): …». */
export function formatCatalogProblem(p: CatalogProblem): string {
  const where = [`Лист «${p.sheet}»`];
  if (p.row !== null) where.push(`строка ${p.row}`);
  if (p.header !== null) where.push(`столбец «${p.header}»${p.row !== null && p.col !== null ? ` (${a1(p.row, p.col)})` : ''}`);
  return `${where.join(', ')}: ${p.text}`;
}

export interface ReadCell {
  text: string;
  place: CatalogPlace;
}
export interface ReadRow {
  row: number;
  cells: Record<string, ReadCell>;
  place: CatalogPlace;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** A cell as text: numbers as written by JavaScript («1.5»), booleans as «да»/«нет»; a date or an object is refused. */
export function cellText(raw: unknown): { text: string } | { problem: string } {
  if (raw === null || raw === undefined) return { text: '' };
  if (typeof raw === 'string') return { text: raw.trim() === '' ? '' : raw };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { text: String(raw) } : { problem: 'не число' };
  if (typeof raw === 'boolean') return { text: raw ? 'да' : 'нет' };
  if (Object.prototype.toString.call(raw) === '[object Date]') return { problem: 'дата вместо текста — введите значение как текст' };
  return { problem: 'значение не прочитано — введите его заново как текст' };
}

export function formulaAt(sheet: SheetGrid, r: number, c: number): string | null {
  const f = sheet.formulas?.[r]?.[c];
  return typeof f === 'string' && f !== '' ? f : null;
}

/** Every formula of the workbook is an error: the catalog is read as values only and no formula is ever evaluated. */
export function formulaProblems(grid: WorkbookGrid): CatalogProblem[] {
  const out: CatalogProblem[] = [];
  for (const sheet of grid.sheets) {
    for (const [r, row] of (sheet.formulas ?? []).entries()) {
      for (const [c, f] of (row ?? []).entries()) {
        if (typeof f !== 'string' || f === '') continue;
        out.push({
          sheet: sheet.name,
          row: r + 1,
          col: c + 1,
          header: null,
          text: `в ячейке ${a1(r + 1, c + 1)} формула «=${quoted(f.slice(0, 60))}»: в каталоге допускаются только значения — введите значение вместо формулы`,
        });
      }
    }
  }
  return out;
}

/** The rows of a table sheet by field key, columns found by their headers in row 3. Blank rows are skipped. */
export function readTable(sheet: SheetGrid, fields: FieldDef[], problems: CatalogProblem[]): ReadRow[] {
  const header = sheet.values[HEADER_ROW - 1] ?? [];
  const columns = new Map<string, number>();
  for (const [c, raw] of header.entries()) {
    const got = cellText(raw);
    if (!('text' in got)) continue;
    const f = fields.find((x) => norm(x.header) === norm(got.text));
    if (f && !columns.has(f.key)) columns.set(f.key, c);
  }
  const missing = fields.filter((f) => !columns.has(f.key));
  if (missing.length > 0) {
    problems.push({
      sheet: sheet.name,
      row: HEADER_ROW,
      col: null,
      header: null,
      text: `в заголовке нет столбцов ${missing.map((f) => `«${f.header}»`).join(', ')} — верните их (заголовки в строке ${HEADER_ROW})`,
    });
  }
  const out: ReadRow[] = [];
  for (let r = FIRST_DATA_ROW - 1; r < sheet.values.length; r++) {
    const values = sheet.values[r] ?? [];
    const cells: Record<string, ReadCell> = {};
    let any = false;
    for (const f of fields) {
      const c = columns.get(f.key);
      if (c === undefined) continue;
      const place: CatalogPlace = { sheet: sheet.name, row: r + 1, col: c + 1, header: f.header };
      if (formulaAt(sheet, r, c) !== null) {
        any = true;
        cells[f.key] = { text: '', place };
        continue;
      }
      const got = cellText(values[c]);
      if ('problem' in got) problems.push({ ...place, text: got.problem });
      const text = 'text' in got ? got.text : '';
      if (text !== '') any = true;
      cells[f.key] = { text, place };
    }
    if (any) out.push({ row: r + 1, cells, place: { sheet: sheet.name, row: r + 1, col: null, header: null } });
  }
  return out;
}
