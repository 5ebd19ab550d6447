import * as z from 'zod/mini';
import type { School } from '../campaign/schema';
import type { Lifecycle } from '../submission/lifecycle';
import { LETTER_KINDS, LETTER_LABELS, type LetterKind } from './kinds';

/** One letter the department sent to one school: kept by the campaign (a file offline, the registry sheet in Google). */
export const DeliverySchema = z.object({
  schoolId: z.string(),
  kind: z.enum(LETTER_KINDS),
  /** When it was sent (ISO 8601). */
  at: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T/, 'дата отправки: ISO 8601')),
  subject: z.string(),
});
export type Delivery = z.infer<typeof DeliverySchema>;
export const DeliveryLogSchema = z.array(DeliverySchema);

/** Schools a reminder is for: nothing received, still being filled, with errors, or returned for rework. */
export const REMINDER_STATES: readonly Lifecycle[] = ['missing', 'filling', 'errors', 'returned'];

/** A school the letter may be for, with what the rules need to know about it. */
export interface Candidate {
  school: School;
  /** The school's lifecycle (reminders need it; null when not known). */
  state: Lifecycle | null;
  /** The file the letter carries is there (launch: the school's workbook; recommendations: its document). */
  hasFile: boolean;
}

export interface Selection {
  chosen: Candidate[];
  /** Schools the letter is not for this time, each with the reason in Russian. */
  skipped: { schoolId: string; name: string; reason: string }[];
}

export interface SelectionRules {
  kind: LetterKind;
  /** Send a launch or recommendations letter again to a school that already got it. */
  resend: boolean;
  now: Date;
  /** At most one reminder per school in this many days. */
  reminderDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ddmmyyyy = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** The last letter of this kind to this school, or null. */
export function lastDelivery(log: readonly Delivery[], schoolId: string, kind: LetterKind): Delivery | null {
  let last: Delivery | null = null;
  for (const d of log) if (d.schoolId === schoolId && d.kind === kind && (last === null || d.at > last.at)) last = d;
  return last;
}

/**
 * Who gets the letter. Launch and recommendations go once per school unless `resend` is asked; they need the
 * school's file. A reminder goes to a school that has not delivered usable data (REMINDER_STATES), at most once
 * in `reminderDays` days — the interval holds even with `resend`.
 */
export function selectSchools(candidates: readonly Candidate[], log: readonly Delivery[], rules: SelectionRules): Selection {
  const chosen: Candidate[] = [];
  const skipped: Selection['skipped'] = [];
  const skip = (c: Candidate, reason: string): void => {
    skipped.push({ schoolId: c.school.id, name: c.school.shortName, reason });
  };
  for (const c of candidates) {
    const last = lastDelivery(log, c.school.id, rules.kind);
    if (rules.kind === 'reminder') {
      if (c.state === null || !REMINDER_STATES.includes(c.state)) {
        skip(c, c.state === 'accepted' ? 'сведения приняты' : c.state === 'ready' ? 'таблица готова к проверке' : 'состояние школы неизвестно');
        continue;
      }
      const next = last ? new Date(Date.parse(last.at) + rules.reminderDays * DAY_MS) : null;
      if (next && next.getTime() > rules.now.getTime()) {
        skip(c, `напоминание уже отправлено ${ddmmyyyy(last?.at ?? '')}; следующее — не раньше ${ddmmyyyy(next.toISOString())}`);
        continue;
      }
    } else {
      if (last && !rules.resend) {
        skip(c, `письмо «${LETTER_LABELS[rules.kind]}» уже отправлено ${ddmmyyyy(last.at)}; повторно — только по явному запросу`);
        continue;
      }
      if (!c.hasFile) {
        skip(c, rules.kind === 'launch' ? 'нет таблицы школы — сначала создайте таблицы школ' : 'нет файла рекомендаций — сначала подготовьте рекомендации');
        continue;
      }
    }
    chosen.push(c);
  }
  return { chosen, skipped };
}

/** The last letter of any kind per school (the registry's «последнее письмо» columns in Google, `msoko status` offline). */
export function lastLetters(log: readonly Delivery[]): Map<string, Delivery> {
  const out = new Map<string, Delivery>();
  for (const d of log) {
    const seen = out.get(d.schoolId);
    if (!seen || d.at > seen.at) out.set(d.schoolId, d);
  }
  return out;
}
