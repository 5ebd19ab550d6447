import { parseRegistry } from '../../core/campaign/registry';
import type { School } from '../../core/campaign/schema';
import { type Decision, decisionFromJson } from '../../core/submission/lifecycle';
import type { Sheet, Spreadsheet } from '../services';
import { asSheetText } from '../services';

export const REGISTRY_SHEET = 'Школы';
export const REGISTRY_HEADER = [
  'Код',
  'Полное наименование',
  'Краткое наименование',
  'Тип (НОШ/ООШ/СОШ)',
  'E-mail (через ;)',
  'Файл школы',
  'Состояние',
  'Последнее изменение',
  'Ошибок',
  'Сообщения',
  'Решение отдела',
  'Причина возврата',
  'Рекомендации',
  'Решение (служебное)',
] as const;
/** Columns 6–14 are computed by the add-on, never typed by hand; the last one (hidden) holds the decision as JSON. */
export const FIRST_COMPUTED = 6;
const DECISION_COLUMN = REGISTRY_HEADER.length;
/**
 * After them, the last letter sent to the school (issue 19): its date and kind, written by the letters only. A sheet
 * made before the letters gets the two headers on the first letter; the columns are not read back (the delivery log is).
 */
export const LETTER_HEADER = ['Последнее письмо', 'Вид последнего письма'] as const;
const LETTER_COLUMN = REGISTRY_HEADER.length + 1;

export interface RegistryRow {
  school: School;
  /** 1-based sheet row. */
  row: number;
  fileUrl: string;
  lifecycle: string;
  changedAt: string;
  errors: number;
  messages: string;
  /** The decision as people read it («принято 05.12.2026»). */
  decisionLabel: string;
  reason: string;
  docUrl: string;
  /** The decision as stored (validated JSON), or null. */
  decision: Decision | null;
}

/** The registry sheet and its rows from row 2 as read: the computed columns are written back without reading again. */
export interface RegistryBlock {
  /** Null when the values came from the Sheets API: the sheet is looked up when the columns are written. */
  sheet: Sheet | null;
  values: unknown[][];
}

export interface Registry {
  rows: RegistryRow[];
  problems: string[];
  block: RegistryBlock | null;
}

export function ensureRegistrySheet(ss: Spreadsheet): Sheet {
  const existing = ss.getSheetByName(REGISTRY_SHEET);
  if (existing) return existing;
  const sheet = ss.insertSheet(REGISTRY_SHEET, 1);
  sheet
    .getRange(1, 1, 1, REGISTRY_HEADER.length)
    .setValues([[...REGISTRY_HEADER]])
    .setFontWeight('bold')
    .setBackground('#E7E9EE')
    .setWrap(true);
  sheet.getRange(1, FIRST_COMPUTED, 1, REGISTRY_HEADER.length - FIRST_COMPUTED + 1).setBackground('#E3EAF2');
  sheet
    .getRange(1, LETTER_COLUMN, 1, LETTER_HEADER.length)
    .setValues([[...LETTER_HEADER]])
    .setFontWeight('bold')
    .setBackground('#E3EAF2')
    .setWrap(true);
  sheet.setFrozenRows(1);
  [90, 320, 160, 90, 220, 200, 140, 140, 70, 360, 160, 220, 200, 120].forEach((w, i) => {
    sheet.setColumnWidth(i + 1, w);
  });
  return sheet;
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).trim();

/** Reads the registry in one call (the core's registry parser); rows that fail are reported, not silently skipped. */
export function readRegistry(ss: Spreadsheet): Registry {
  const sheet = ss.getSheetByName(REGISTRY_SHEET);
  return registryFromValues(sheet ? sheet.getDataRange().getValues() : null, sheet);
}

/** The registry from the sheet's values (null: the sheet is missing). */
export function registryFromValues(all: unknown[][] | null, sheet: Sheet | null): Registry {
  if (all === null || all.length < 2) return { rows: [], problems: ['Реестр школ пуст: заполните лист «Школы».'], block: null };
  const parsed = parseRegistry(all.map((r) => r.map(cellText)));
  const problems = [
    ...(parsed.missing.length > 0 ? [`Лист «Школы»: в первой строке нет заголовков столбцов ${parsed.missing.join(', ')}`] : []),
    ...parsed.problems.map((p) => `Лист «Школы», ${p}`),
  ];
  const values = all.slice(1);
  const rows = parsed.rows.map(({ school, line }): RegistryRow => {
    const v = values[line - 2] ?? [];
    const text = (column: number): string => cellText(v[column - 1]);
    return {
      school,
      row: line,
      fileUrl: text(6),
      lifecycle: text(7),
      changedAt: text(8),
      errors: Number(v[8]) || 0,
      messages: text(10),
      decisionLabel: text(11),
      reason: text(12),
      docUrl: text(13),
      decision: decisionFromJson(text(DECISION_COLUMN)),
    };
  });
  return { rows, problems, block: { sheet, values } };
}

/**
 * Writes the computed columns of all rows in one call. With the block `readRegistry` returned in the same
 * execution, rows not in `rows` keep what was read then, and the sheet is not read again.
 */
export function writeComputed(ss: Spreadsheet, rows: RegistryRow[], read: RegistryBlock | null = null): void {
  if (rows.length === 0) return;
  const sheet = read?.sheet ?? ss.getSheetByName(REGISTRY_SHEET);
  if (!sheet) return;
  const last = Math.max(...rows.map((r) => r.row));
  const width = REGISTRY_HEADER.length - FIRST_COMPUTED + 1;
  const block = sheet.getRange(2, FIRST_COMPUTED, last - 1, width);
  const current = read
    ? read.values.slice(0, last - 1).map((v) => Array.from({ length: width }, (_, j): unknown => v[FIRST_COMPUTED - 1 + j] ?? ''))
    : block.getValues();
  for (const r of rows) {
    current[r.row - 2] = [
      r.fileUrl,
      r.lifecycle,
      r.changedAt,
      r.errors,
      asSheetText(r.messages.slice(0, 45000)),
      r.decisionLabel,
      asSheetText(r.reason),
      r.docUrl,
      r.decision ? JSON.stringify(r.decision) : '',
    ];
  }
  block.setValues(current);
}

/** The last-letter columns of every registry row in one call: «06.12.2026 10:15» and the letter's name, or blank. */
export function writeLastLetters(ss: Spreadsheet, rows: RegistryRow[], last: ReadonlyMap<string, { date: string; label: string }>): void {
  const sheet = ss.getSheetByName(REGISTRY_SHEET);
  if (!sheet || rows.length === 0) return;
  const header = sheet.getRange(1, LETTER_COLUMN, 1, LETTER_HEADER.length);
  if (header.getValues()[0]?.[0] !== LETTER_HEADER[0])
    header
      .setValues([[...LETTER_HEADER]])
      .setFontWeight('bold')
      .setBackground('#E3EAF2');
  const height = Math.max(...rows.map((r) => r.row)) - 1;
  const values: string[][] = Array.from({ length: height }, () => ['', '']);
  for (const r of rows) {
    const l = last.get(r.school.id);
    // the date stays text (the apostrophe): Sheets would turn it into a date in the spreadsheet's locale
    if (l) values[r.row - 2] = [`'${l.date}`, asSheetText(l.label)];
  }
  sheet.getRange(2, LETTER_COLUMN, height, LETTER_HEADER.length).setValues(values);
}

export function fileIdOf(url: string): string | null {
  const m = /\/d\/([A-Za-z0-9_-]{10,})/.exec(url) ?? /[?&]id=([A-Za-z0-9_-]{10,})/.exec(url);
  return m ? (m[1] ?? null) : null;
}
