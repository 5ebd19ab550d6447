import type { School } from '../core/campaign/schema';
import { type ReadFile, type SchoolOutcome, validateOne } from '../core/submission/collect';
import { type Decision, LIFECYCLE_LABELS, LIFECYCLE_ORDER, type Lifecycle, type LifecycleLabel, isUntouched, lifecycleOf } from '../core/submission/lifecycle';
import { formatMessage } from '../core/submission/messages';
import type { Value } from '../core/submission/values';
import type { CampaignContext } from './campaign';
import type { CampaignStore } from './ports';

/** Last year's values of the accepted schools: the core warns about implausible year-over-year changes with them. */
export function previousValues(store: CampaignStore): Map<string, Record<string, Value>> {
  return new Map(Object.entries(store.previous()?.schoolValues ?? {}));
}

/**
 * One school's own file (the add-on: each school has its file), parsed and validated, with last year's values.
 * A file nobody typed into yet counts as not received: it is neither an error nor data.
 */
export function assessSchool(ctx: CampaignContext, school: School, file: ReadFile, previous: Map<string, Record<string, Value>>): SchoolOutcome {
  const outcome = validateOne(school, file, ctx.catalog, ctx.campaign.year, ctx.schools, previous.get(school.id) ?? null);
  return asReceived(outcome);
}

/** A generated file sent back untouched is «не получено», in both front ends. */
export function asReceived(outcome: SchoolOutcome): SchoolOutcome {
  return isUntouched(outcome) ? { ...outcome, status: 'missing', messages: [] } : outcome;
}

/** A school's state as the panel, the registry and `msoko status` show it. */
export interface SchoolState {
  id: string;
  name: string;
  state: Lifecycle;
  lifecycle: LifecycleLabel;
  errors: number;
  warnings: number;
  messages: string[];
  decision: Decision | null;
  changedAt: string | null;
}

export function schoolState(outcome: SchoolOutcome, decision: Decision | null, changedAt: string | null): SchoolState {
  const state = lifecycleOf(outcome, decision, changedAt);
  return {
    id: outcome.school.id,
    name: outcome.school.shortName,
    state,
    lifecycle: LIFECYCLE_LABELS[state],
    errors: outcome.messages.filter((m) => m.severity === 'error').length,
    warnings: outcome.messages.filter((m) => m.severity === 'warning').length,
    messages: outcome.messages.map(formatMessage),
    decision,
    changedAt,
  };
}

/** How many schools are in each state, in the panel's order, with the labels. */
export function stateCounts(states: { state: Lifecycle }[]): { state: Lifecycle; label: LifecycleLabel; count: number }[] {
  return LIFECYCLE_ORDER.map((state) => ({ state, label: LIFECYCLE_LABELS[state], count: states.filter((s) => s.state === state).length }));
}

/** «Проверено N школ: …» after a validation run. */
export function validationMessage(states: { errors: number; lifecycle: string }[]): string {
  const errors = states.filter((s) => s.errors > 0).length;
  const missing = states.filter((s) => s.lifecycle === LIFECYCLE_LABELS.missing).length;
  return `Проверено ${states.length} школ: с ошибками — ${errors}, не получено — ${missing}.`;
}
