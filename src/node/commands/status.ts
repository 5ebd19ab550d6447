import { type Lifecycle, lifecycleOf } from '../../core/submission/lifecycle';
import type { Intake } from '../intake';

export interface StatusRow {
  id: string;
  name: string;
  lifecycle: Lifecycle;
  changedAt: string | null;
  errors: number;
}

/** Each school's lifecycle: не получено / заполняется / готово к проверке / есть ошибки / возвращено / принято. */
export function status(got: Intake): { rows: StatusRow[]; counts: Record<Lifecycle, number> } {
  const rows = got.run.schools.map((o) => ({
    id: o.school.id,
    name: o.school.shortName,
    lifecycle: lifecycleOf(o, got.decisions[o.school.id] ?? null, got.changedAt.get(o.school.id) ?? null),
    changedAt: got.changedAt.get(o.school.id) ?? null,
    errors: o.messages.filter((m) => m.severity === 'error').length,
  }));
  const counts: Record<Lifecycle, number> = { 'не получено': 0, заполняется: 0, 'готово к проверке': 0, 'есть ошибки': 0, возвращено: 0, принято: 0 };
  for (const r of rows) counts[r.lifecycle] += 1;
  return { rows, counts };
}
