import type { Catalog } from '../../core/catalog/types';
import { META_SHEET, sheetLines } from '../../core/layout/positions';
import type { SheetGrid, WorkbookGrid } from '../../core/submission/parse';
import { UserFacingError } from '../../app/errors';
import { modifiedTime } from '../drive';
import { RateLimited, withBackoff } from '../limits';
import { advancedSheets, errorText } from '../services';

export type ReadResult = WorkbookGrid | { unreadable: string };

const quote = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** The sheets a school file must have, each read as one block A1:G{n}. */
function expectedRanges(catalog: Catalog): { name: string; range: string }[] {
  const plans = sheetLines(catalog);
  const sheets = plans.map((p) => ({ name: p.sheet, rows: Math.max(12, ...p.lines.map((l) => l.row)) + 20 }));
  sheets.push({ name: META_SHEET, rows: 10 });
  return sheets.map((s) => ({ name: s.name, range: `${quote(s.name)}!A1:G${s.rows}` }));
}

/**
 * Reads a school's file in one pass: one Values.batchGet for all its sheets where the Sheets advanced
 * service is enabled (the usual case: one call per school), else one getValues per sheet. A renamed or
 * deleted sheet makes batchGet fail; the file is then read sheet by sheet, so the parser can still find it.
 */
export function readSchoolFile(fileId: string, catalog: Catalog): ReadResult {
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    const ranges = expectedRanges(catalog);
    const values = api.Spreadsheets.Values;
    try {
      // the Sheets API allows about 60 reads a minute per user: waited out, never a school marked unreadable
      const res = withBackoff(() =>
        values.batchGet(fileId, { ranges: ranges.map((r) => r.range), valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' }),
      );
      const sheets: SheetGrid[] = ranges.map((r, i) => ({ name: r.name, values: (res.valueRanges?.[i]?.values ?? []) as unknown[][] }));
      return { sheets };
    } catch (e) {
      if (e instanceof RateLimited || e instanceof UserFacingError) throw e;
      if (!/Unable to parse range/i.test(errorText(e))) return unreadable(e);
    }
  }
  return readSheetBySheet(fileId);
}

function readSheetBySheet(fileId: string): ReadResult {
  try {
    const ss = SpreadsheetApp.openById(fileId);
    return { sheets: ss.getSheets().map((s) => ({ name: s.getName(), values: s.getDataRange().getValues() })) };
  } catch (e) {
    return unreadable(e);
  }
}

function unreadable(e: unknown): ReadResult {
  const text = errorText(e);
  if (/not found|Requested entity was not found|No item with the given ID/i.test(text))
    return { unreadable: 'файл школы не найден: он удалён или к нему нет доступа' };
  if (/permission|access/i.test(text)) return { unreadable: 'нет доступа к файлу школы: проверьте, что отдел остался его владельцем' };
  return { unreadable: `не удалось прочитать файл школы: ${text}` };
}

/** The file's last change (ISO), or null when Drive cannot say (then a decision is never reopened by a change). */
export const lastChange = (fileId: string): string | null => modifiedTime(fileId);
