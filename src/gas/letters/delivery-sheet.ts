import type { DeliveryLog } from '../../app/ports';
import { type Delivery, DeliverySchema } from '../../core/letters/delivery';
import { type Sheet, type Spreadsheet, asSheetText } from '../services';

/**
 * The delivery log in the department's spreadsheet: a hidden sheet «Письма», one row per letter sent (school code,
 * kind, ISO time, subject, addresses). A sheet, not document properties: a thousand schools times three letters would
 * not fit the 9 KB a property holds. Written only under the document lock (the letters action holds it); appended,
 * never rewritten, so the once-only and reminder-interval rules always see every letter. Each row names its campaign's
 * year: a new campaign in the same spreadsheet starts with no letters sent.
 */
export const DELIVERY_SHEET = 'Письма';
const HEADER = ['Код ОО', 'Вид письма', 'Отправлено (UTC)', 'Тема', 'Адреса', 'Кампания (год)'];

export class SheetDeliveryLog implements DeliveryLog {
  private cache: Delivery[] | null = null;
  /** Addresses of the letters recorded next (by school), for the people who read the sheet. */
  readonly addresses = new Map<string, string[]>();

  constructor(
    private readonly ss: Spreadsheet,
    private readonly year: number,
  ) {}

  deliveries(): Delivery[] {
    if (this.cache) return this.cache;
    const sheet = this.ss.getSheetByName(DELIVERY_SHEET);
    const out: Delivery[] = [];
    if (sheet && sheet.getLastRow() > 1) {
      for (const [schoolId, kind, at, subject, , year] of sheet.getRange(2, 1, sheet.getLastRow() - 1, HEADER.length).getValues()) {
        if (Number(year) !== this.year) continue;
        const parsed = DeliverySchema.safeParse({ schoolId: String(schoolId ?? ''), kind, at: String(at ?? ''), subject: String(subject ?? '') });
        if (parsed.success) out.push(parsed.data);
      }
    }
    this.cache = out;
    return out;
  }

  record(entries: Delivery[]): void {
    if (entries.length === 0) return;
    const before = this.deliveries();
    const sheet = this.sheet();
    const rows = entries.map((e) => [
      asSheetText(e.schoolId),
      e.kind,
      // text, not a date: read back as the same ISO string in any locale
      `'${e.at}`,
      asSheetText(e.subject),
      asSheetText((this.addresses.get(e.schoolId) ?? []).join(', ')),
      this.year,
    ]);
    const from = Math.max(sheet.getLastRow(), 1) + 1;
    if (sheet.getMaxRows() < from + rows.length - 1) sheet.insertRowsAfter(sheet.getMaxRows(), from + rows.length - 1 - sheet.getMaxRows());
    sheet.getRange(from, 1, rows.length, HEADER.length).setValues(rows);
    this.cache = [...before, ...entries];
  }

  private sheet(): Sheet {
    const existing = this.ss.getSheetByName(DELIVERY_SHEET);
    if (existing) return existing;
    const sheet = this.ss.insertSheet(DELIVERY_SHEET);
    sheet.getRange(1, 1, 1, HEADER.length).setValues([HEADER]).setFontWeight('bold');
    sheet.setFrozenRows(1);
    sheet.hideSheet();
    return sheet;
  }
}
