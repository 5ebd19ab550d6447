import * as z from 'zod/mini';
import { MessageSchema } from '../../core/submission/messages';
import { ValuesSchema } from '../../core/submission/values';
import type { Sheet, Spreadsheet } from '../services';
import { getSetting, setSetting } from './job-store';

/**
 * «_Данные»: a hidden sheet with each school's last parsed values and messages (one row per school: the code, then the
 * record as JSON over as many cells as it needs), so a consolidation that ran in several chunks can finish without
 * reading the schools again.
 */
export const WORK_SHEET = '_Данные';

export const WorkRecordSchema = z.object({
  schoolId: z.string(),
  status: z.enum(['accepted', 'rejected', 'missing']),
  submissionStatus: z.nullable(z.string()),
  values: z.nullable(ValuesSchema),
  messages: z.array(MessageSchema),
  changedAt: z.nullable(z.string()),
  run: z.string(),
});
export type WorkRecord = z.infer<typeof WorkRecordSchema>;

function sheetOf(ss: Spreadsheet): { sheet: Sheet; empty: boolean } {
  const existing = ss.getSheetByName(WORK_SHEET);
  if (existing) return { sheet: existing, empty: false };
  const sheet = ss.insertSheet(WORK_SHEET);
  sheet.hideSheet();
  return { sheet, empty: true };
}

/** A cell holds 50,000 characters: a record is stored in as many cells of its row as it needs. */
export const CHARS_PER_CELL = 45_000;
const WIDTH_KEY = 'workSheetWidth';
/** A sheet made by insertSheet has 26 columns. */
const NEW_SHEET_COLUMNS = 26;

function pieces(json: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += CHARS_PER_CELL) out.push(json.slice(i, i + CHARS_PER_CELL));
  return out.length > 0 ? out : [''];
}

/** A stored row → its record, if it belongs to `run` and is intact (a damaged row is read again from the school's file). */
function recordOf(id: unknown, json: unknown, run: string | null): WorkRecord | null {
  try {
    const parsed = WorkRecordSchema.safeParse(JSON.parse(String(json)));
    return parsed.success && (run === null || parsed.data.run === run) && parsed.data.schoolId === String(id) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** All records of the current run (null: each school's latest, as the reminders read them), by school (one getValues). */
export function readWork(ss: Spreadsheet, run: string | null): Map<string, WorkRecord> {
  const sheet = ss.getSheetByName(WORK_SHEET);
  const out = new Map<string, WorkRecord>();
  if (!sheet) return out;
  for (const [id, ...parts] of sheet.getDataRange().getValues()) {
    const record = recordOf(id, parts.map((p) => String(p ?? '')).join(''), run);
    if (record) out.set(record.schoolId, record);
  }
  return out;
}

/** Records this execution wrote, exactly as readWork would give them back (same JSON round trip and checks). */
export function asReadBack(records: WorkRecord[], run: string): Map<string, WorkRecord> {
  const out = new Map<string, WorkRecord>();
  for (const r of records) {
    const record = recordOf(r.schoolId, JSON.stringify(r), run);
    if (record) out.set(record.schoolId, record);
  }
  return out;
}

/**
 * Writes this chunk's records (one setValues): from row 1 when the run starts (rows a longer earlier run left
 * below are cleared), else after the last row; a record for the same school replaces the older one on read.
 */
export function writeWork(ss: Spreadsheet, records: WorkRecord[], reset: boolean): void {
  const { sheet, empty } = sheetOf(ss);
  const last = empty ? 0 : sheet.getLastRow();
  const start = reset ? 1 : last + 1;
  const end = start + records.length - 1;
  const rows = records.map((r) => [`'${r.schoolId}`, ...pieces(JSON.stringify(r))]);
  const width = Math.max(2, ...rows.map((r) => r.length));
  // the widest row written so far, noted in the document properties (read once per execution anyway)
  const lastColumn = empty ? 2 : Math.max(2, Number(getSetting(WIDTH_KEY)) || 2);
  if (reset && last > end) sheet.getRange(end + 1, 1, last - end, lastColumn).clearContent();
  if (records.length === 0) return;
  if (end > last) {
    const max = sheet.getMaxRows();
    if (end > max) sheet.insertRowsAfter(max, end - max);
  }
  if (width > Math.max(lastColumn, NEW_SHEET_COLUMNS)) {
    const maxColumns = sheet.getMaxColumns();
    if (width > maxColumns) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
  }
  // a shorter record leaves no piece of a longer earlier one behind in its row
  const full = Math.max(width, lastColumn);
  sheet.getRange(start, 1, rows.length, full).setValues(rows.map((r) => [...r, ...Array.from({ length: full - r.length }, () => '')]));
  if (full > lastColumn || empty) setSetting(WIDTH_KEY, String(full));
}
