import type { Catalog, Input } from '../catalog/types';
import { STATUS_VALUES } from '../layout/positions';
import { type Message, message } from './messages';
import { type Submission, indicatorLabels } from './parse';
import type { Value } from './values';
import { quoted } from '../text/xml-safe';

/** A change against the school's previous year above this share is worth a second look (a warning). */
export const CHANGE_WARNING_SHARE = 0.5;

const num = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);

/**
 * The rules that need more than one cell: required fields, part ≤ whole, the catalog's cross-checks,
 * and the year-over-year plausibility warning. Returns new messages; never throws.
 */
export function validateSubmission(sub: Submission, catalog: Catalog, previous: Record<string, Value> | null = null): Message[] {
  const out: Message[] = [];
  const byId = new Map(catalog.inputs.map((i) => [i.id, i]));
  const label = indicatorLabels(catalog);
  const where = (input: Input): { sheet: string | null; cell: string | null; inputId: string; indicator: string } => ({
    sheet: sub.cells[input.id]?.sheet ?? null,
    cell: sub.cells[input.id]?.cell ?? null,
    inputId: input.id,
    indicator: label(input),
  });
  const unreadable = new Set(sub.messages.filter((m) => m.severity === 'error' && m.inputId).map((m) => m.inputId));

  for (const input of catalog.inputs) {
    if (input.derived || unreadable.has(input.id) || !sub.cells[input.id]) continue;
    const value = sub.values[input.id] ?? null;
    const whole = input.whole ? num(sub.values[input.whole]) : null;
    if (value === null) {
      if (input.optional || input.kind === 'url') continue;
      if (input.whole && isZeroOrNotApplicable(input.whole, sub, byId)) continue;
      // the question applies only when its gate is above zero, or «да» for a yes/no gate (contract: inputs[].applies)
      if (input.applicableIf && (num(sub.values[input.applicableIf]) === 0 || sub.values[input.applicableIf] === false)) continue;
      out.push(message('error', 'required', 'не заполнено', where(input)));
      continue;
    }
    if (typeof value === 'number' && whole !== null && value > whole) {
      const wholeInput = byId.get(input.whole ?? '');
      out.push(message('error', 'part-gt-whole', `${value} больше, чем всего (${whole}: «${wholeInput?.label ?? input.whole}»)`, where(input)));
    }
    if (input.applicableIf && num(sub.values[input.applicableIf]) === 0 && value === true) {
      out.push(message('warning', 'not-applicable', `ответ «да», хотя «${byId.get(input.applicableIf)?.label ?? input.applicableIf}» = 0`, where(input)));
    }
    const before = previous ? num(previous[input.id]) : null;
    if (typeof value === 'number' && before !== null && before >= 10 && Math.abs(value - before) / before > CHANGE_WARNING_SHARE) {
      const pct = Math.round((100 * (value - before)) / before);
      out.push(
        message('warning', 'year-change', `изменение к прошлому году ${pct > 0 ? '+' : ''}${pct} % (было ${before}, стало ${value}) — проверьте`, where(input)),
      );
    }
  }

  for (const check of catalog.checks) {
    const total = byId.get(check.total);
    if (!total || !sub.cells[check.total]) continue;
    const at = where(total);
    if (check.type === 'implies') {
      if (sub.values[check.parts[0] ?? ''] === true && sub.values[check.total] === false)
        out.push(message(check.severity, `check-${check.id}`, check.message, at));
      continue;
    }
    const parts = check.parts.map((id) => num(sub.values[id]));
    const t = num(sub.values[check.total]);
    if (t === null || parts.every((p) => p === null)) continue;
    const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    const bad = check.type === 'sumEq' ? sum !== t : sum > t;
    if (bad) out.push(message(check.severity, `check-${check.id}`, `${check.message}: ${sum} ${check.type === 'sumEq' ? '≠' : '>'} ${t}`, at));
  }

  if (sub.status === STATUS_VALUES[0]) {
    out.push(
      message('warning', 'still-filling', `статус «${STATUS_VALUES[0]}»: ОО ещё не подтвердила, что форма готова к проверке`, {
        sheet: 'Сведения об ОО',
        cell: 'D7',
      }),
    );
  } else if (sub.status !== null && !(STATUS_VALUES as readonly string[]).includes(sub.status)) {
    out.push(message('warning', 'status', `неизвестный статус «${quoted(sub.status)}»`, { sheet: 'Сведения об ОО', cell: 'D7' }));
  }
  return out;
}

/**
 * A whole is zero or «не применимо» when it was answered 0, or is blank under a whole that is itself zero
 * or not applicable, or is derived from such parts — the same reading as the form's check column.
 */
function isZeroOrNotApplicable(id: string, sub: Submission, byId: Map<string, Input>, depth = 0): boolean {
  const value = sub.values[id];
  if (value === 0) return true;
  if (value !== null && value !== undefined) return false;
  const input = byId.get(id);
  if (!input || depth > 8) return false;
  if (input.derived) return input.derived.every((part) => isZeroOrNotApplicable(part, sub, byId, depth + 1));
  return input.whole !== null && isZeroOrNotApplicable(input.whole, sub, byId, depth + 1);
}
