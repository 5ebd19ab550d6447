import * as z from 'zod/mini';
import { STATUS_VALUES } from '../layout/positions';
import type { SchoolOutcome } from './collect';

/** A school's place in the campaign, computed from its file and the department's decision, never typed by hand. */
export type Lifecycle = 'не получено' | 'заполняется' | 'готово к проверке' | 'есть ошибки' | 'возвращено' | 'принято';
export const LIFECYCLE_ORDER: Lifecycle[] = ['не получено', 'заполняется', 'готово к проверке', 'есть ошибки', 'возвращено', 'принято'];

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

export function lifecycleOf(outcome: SchoolOutcome, decision: Decision | null, fileChangedAt: string | null): Lifecycle {
  if (outcome.status === 'missing') return 'не получено';
  const reopened = decision !== null && fileChangedAt !== null && decision.fileChangedAt !== null && fileChangedAt > decision.fileChangedAt;
  if (decision && !reopened) {
    if (decision.state === 'returned') return 'возвращено';
    if (outcome.status === 'accepted') return 'принято';
  }
  if (outcome.status === 'rejected') {
    const ready = outcome.submission?.status === STATUS_VALUES[1];
    return ready || outcome.submission === null ? 'есть ошибки' : 'заполняется';
  }
  return outcome.submission?.status === STATUS_VALUES[1] ? 'готово к проверке' : 'заполняется';
}
