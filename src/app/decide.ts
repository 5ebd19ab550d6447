import * as z from 'zod/mini';
import type { SchoolOutcome } from '../core/submission/collect';
import { type Decision, NO_RETURN_REASON, acceptRefusal, returnRefusal } from '../core/submission/lifecycle';
import { formatMessage } from '../core/submission/messages';
import { UserFacingError } from './errors';
import type { Clock } from './ports';

/** «Вернуть на доработку» / «Принять» as the panel and the CLI send it. */
export const DecisionRequestSchema = z.object({
  schoolId: z.string().check(z.minLength(1, 'не указана школа')),
  reason: z.optional(z.string().check(z.maxLength(2000, 'причина возврата — не длиннее 2000 знаков'))),
});
export type DecisionRequest = z.input<typeof DecisionRequestSchema>;

export interface Decided {
  decision: Decision;
  /** For a return: the remark written above the school's profile table (in its file, or in the copy sent back). */
  remark: string | null;
  message: string;
}

/** The request, checked before any file is read: a return needs its reason. */
export function decisionRequest(raw: unknown, kind: Decision['state']): { schoolId: string; reason: string } {
  const parsed = DecisionRequestSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues.map((i) => i.message).join('; '));
  const reason = (parsed.data.reason ?? '').trim();
  if (kind === 'returned' && reason === '') throw new UserFacingError(NO_RETURN_REASON);
  return { schoolId: parsed.data.schoolId, reason };
}

/**
 * The department's decision on a school's current file. `outcome` is that file read and validated just now, and
 * `changedAt` its last change: a later change reopens the school. The caller writes the remark into what goes back
 * to the school, then saves the decision with `store.saveDecision` (a failed write records nothing).
 */
export function decide(kind: Decision['state'], outcome: SchoolOutcome, reason: string, changedAt: string | null, clock: Clock): Decided {
  const refusal = kind === 'accepted' ? acceptRefusal(outcome) : returnRefusal(outcome, reason);
  if (refusal) throw new UserFacingError(refusal);
  const now = clock.now();
  const decision: Decision = { state: kind, reason: kind === 'returned' ? reason.trim() : '', at: now.toISOString(), fileChangedAt: changedAt };
  const name = outcome.school.shortName;
  if (kind === 'accepted') return { decision, remark: null, message: `Данные школы ${name} приняты.` };
  const errors = outcome.messages.filter((m) => m.severity === 'error').map(formatMessage);
  const listed = errors.length > 0 ? ` Ошибки: ${errors.slice(0, 5).join(' ')}${errors.length > 5 ? ` … ещё ${errors.length - 5}` : ''}` : '';
  const remark = `Возвращено на доработку ${clock.date(now)}: ${reason.trim()}${listed}`;
  return { decision, remark, message: `Таблица школы ${name} возвращена на доработку; причина записана в её файл.` };
}

/** The decision as the registry shows it to people («принято 05.12.2026»); the stored JSON is what is read back. */
export function decisionLabel(decision: Decision | null, clock: Clock): string {
  if (!decision) return '';
  return `${decision.state === 'accepted' ? 'принято' : 'возвращено'} ${clock.date(new Date(decision.at))}`;
}
