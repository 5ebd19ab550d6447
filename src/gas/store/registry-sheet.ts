import { type School, SchoolSchema } from '../../core/campaign/schema';
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
] as const;
/** Columns 6–12 are computed by the add-on, never typed by hand. */
export const FIRST_COMPUTED = 6;

export interface RegistryRow {
  school: School;
  /** 1-based sheet row. */
  row: number;
  fileUrl: string;
  lifecycle: string;
  changedAt: string;
  errors: number;
  messages: string;
  decision: string;
  reason: string;
  docUrl: string;
}

/** The registry sheet and its rows from row 2 as read: the computed columns are written back without reading again. */
export interface RegistryBlock {
  sheet: Sheet;
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
  sheet.setFrozenRows(1);
  [90, 320, 160, 90, 220, 200, 140, 140, 70, 360, 160, 220, 200].forEach((w, i) => sheet.setColumnWidth(i + 1, w));
  return sheet;
}

/** Reads the registry in one call; rows that fail the schema are reported, not silently skipped. */
export function readRegistry(ss: Spreadsheet): Registry {
  const sheet = ss.getSheetByName(REGISTRY_SHEET);
  const all = sheet ? sheet.getDataRange().getValues() : [];
  if (!sheet || all.length < 2) return { rows: [], problems: ['Реестр школ пуст: заполните лист «Школы».'], block: null };
  const values = all.slice(1);
  const rows: RegistryRow[] = [];
  const problems: string[] = [];
  values.forEach((v, i) => {
    const text = (j: number): string => String(v[j] ?? '').trim();
    if (v.slice(0, 5).every((x) => String(x ?? '').trim() === '')) return;
    const candidate = {
      id: text(0),
      name: text(1),
      shortName: text(2) || text(1),
      type: text(3).toUpperCase(),
      emails: text(4)
        .split(/[;,\s]+/)
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    };
    const parsed = SchoolSchema.safeParse(candidate);
    if (!parsed.success) {
      problems.push(`Лист «Школы», строка ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.')} — ${x.message}`).join('; ')}`);
      return;
    }
    if (rows.some((r) => r.school.id === parsed.data.id)) {
      problems.push(`Лист «Школы», строка ${i + 2}: код «${parsed.data.id}» повторяется`);
      return;
    }
    rows.push({
      school: parsed.data,
      row: i + 2,
      fileUrl: text(5),
      lifecycle: text(6),
      changedAt: text(7),
      errors: Number(v[8]) || 0,
      messages: text(9),
      decision: text(10),
      reason: text(11),
      docUrl: text(12),
    });
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
    current[r.row - 2] = [r.fileUrl, r.lifecycle, r.changedAt, r.errors, asSheetText(r.messages.slice(0, 45000)), r.decision, asSheetText(r.reason), r.docUrl];
  }
  block.setValues(current);
}

export function fileIdOf(url: string): string | null {
  const m = /\/d\/([A-Za-z0-9_-]{10,})/.exec(url) ?? /[?&]id=([A-Za-z0-9_-]{10,})/.exec(url);
  return m ? (m[1] ?? null) : null;
}
