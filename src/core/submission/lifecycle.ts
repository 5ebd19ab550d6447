import * as z from 'zod/mini';
import { STATUS_VALUES } from '../layout/positions';
import type { SchoolOutcome } from './collect';
import { hasErrors } from './messages';

/** A school's place in the campaign, computed from its file and the department's decision, never typed by hand. */
export const LIFECYCLE_LABELS = {
  missing: 'не получено',
  filling: 'заполняется',
  ready: 'готово к проверке',
  errors: 'есть ошибки',
  returned: 'возвращено',
  accepted: 'принято',
} as const;
export type Lifecycle = keyof typeof LIFECYCLE_LABELS;
export type LifecycleLabel = (typeof LIFECYCLE_LABELS)[Lifecycle];
export const LIFECYCLE_ORDER = Object.keys(LIFECYCLE_LABELS) as Lifecycle[];

/**
 * The department's decision on a school's file: returned for rework (with reasons) or accepted.
 * `fileChangedAt` is the file's last change when the decision was taken; a newer file reopens the school.
 */
export const DecisionSchema = z.object({
  state: z.enum(['returned', 'accepted']),
  reason: z.string(),
  at: z.string(),
  fileChangedAt: z.nullable(z.string()),
});
export type Decision = z.infer<typeof DecisionSchema>;
export const DecisionsSchema = z.record(z.string(), DecisionSchema);

/** A decision stored as JSON text (a registry cell, a file): checked, never guessed; anything else is no decision. */
export function decisionFromJson(text: string): Decision | null {
  if (text.trim() === '') return null;
  try {
    const parsed = DecisionSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A file nobody has typed into yet (a generated workbook sent back or read as it was made): no value, nothing typed
 * that could not be read (only «required» findings), and not marked ready. The school has not started.
 */
export function isUntouched(outcome: SchoolOutcome): boolean {
  const sub = outcome.submission;
  if (sub === null || sub.status === STATUS_VALUES[1]) return false;
  if (!Object.values(sub.values).every((v) => v === null)) return false;
  return outcome.messages.every((m) => m.inputId === null || m.code === 'required');
}

export function lifecycleOf(outcome: SchoolOutcome, decision: Decision | null, fileChangedAt: string | null): Lifecycle {
  if (outcome.status === 'missing' || isUntouched(outcome)) return 'missing';
  const reopened = decision !== null && fileChangedAt !== null && decision.fileChangedAt !== null && fileChangedAt > decision.fileChangedAt;
  if (decision && !reopened) {
    if (decision.state === 'returned') return 'returned';
    if (outcome.status === 'accepted') return 'accepted';
  }
  if (outcome.status === 'rejected') {
    const ready = outcome.submission?.status === STATUS_VALUES[1];
    return ready || outcome.submission === null ? 'errors' : 'filling';
  }
  return outcome.submission?.status === STATUS_VALUES[1] ? 'ready' : 'filling';
}

/**
 * Why the department cannot accept this school's data, or null when it can: only a file that was read and has
 * no errors is accepted.
 */
export function acceptRefusal(outcome: SchoolOutcome): string | null {
  const name = outcome.school.shortName;
  if (outcome.status === 'missing' || isUntouched(outcome)) return `Данные школы «${name}» нельзя принять: файл не получен.`;
  if (outcome.submission === null || hasErrors(outcome.messages)) {
    const errors = outcome.messages.filter((m) => m.severity === 'error').length;
    return `Данные школы «${name}» нельзя принять: в файле есть ошибки (${errors}); принять можно только проверенные данные без ошибок.`;
  }
  return null;
}

export const NO_RETURN_REASON = 'Укажите причину возврата.';

/** Why the department cannot return this school's file for rework, or null when it can. */
export function returnRefusal(outcome: SchoolOutcome, reason: string): string | null {
  if (reason.trim() === '') return NO_RETURN_REASON;
  if (outcome.submission === null) return `От школы «${outcome.school.shortName}» нет читаемого файла: возвращать нечего.`;
  return null;
}
