import * as z from 'zod/mini';
import { MessageSchema } from '../../core/submission/messages';
import { ValuesSchema } from '../../core/submission/values';
import type { Spreadsheet } from '../services';

/**
 * «_Данные»: a hidden sheet with each school's last parsed values and messages (one row per school),
 * so a consolidation that ran in several chunks can finish without reading the schools again.
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

function sheetOf(ss: Spreadsheet) {
  const existing = ss.getSheetByName(WORK_SHEET);
  if (existing) return existing;
  const sheet = ss.insertSheet(WORK_SHEET);
  sheet.hideSheet();
  return sheet;
}

/** All records of the current run, by school (one getValues). */
export function readWork(ss: Spreadsheet, run: string): Map<string, WorkRecord> {
  const sheet = ss.getSheetByName(WORK_SHEET);
  const out = new Map<string, WorkRecord>();
  if (!sheet || sheet.getLastRow() < 1) return out;
  for (const [id, json] of sheet.getRange(1, 1, sheet.getLastRow(), 2).getValues()) {
    try {
      const parsed = WorkRecordSchema.safeParse(JSON.parse(String(json)));
      if (parsed.success && parsed.data.run === run && parsed.data.schoolId === String(id)) out.set(parsed.data.schoolId, parsed.data);
    } catch {
      // a damaged row is read again from the school's file
    }
  }
  return out;
}

/** Appends this chunk's records (one setValues); a record for the same school replaces the older one on read. */
export function writeWork(ss: Spreadsheet, records: WorkRecord[], reset: boolean): void {
  const sheet = sheetOf(ss);
  if (reset && sheet.getLastRow() > 0) sheet.getRange(1, 1, sheet.getLastRow(), 2).clearContent();
  if (records.length === 0) return;
  const start = reset ? 1 : sheet.getLastRow() + 1;
  const need = start + records.length - 1 - sheet.getMaxRows();
  if (need > 0) sheet.insertRowsAfter(sheet.getMaxRows(), need);
  sheet.getRange(start, 1, records.length, 2).setValues(records.map((r) => [`'${r.schoolId}`, JSON.stringify(r)]));
}
