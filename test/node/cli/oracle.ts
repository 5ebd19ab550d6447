/**
 * An independent computation of the municipal values from what the schools typed, written from the rules in
 * README «Как считается» (not from src/core/consolidate): a share is Σ numerators / Σ denominators over the
 * schools that have the base; a share of schools is «да» / answered; counts are summed. Rounding is exact
 * (rational, half up to one decimal), so floating-point shortcuts in the tool cannot hide behind it.
 */
import type { Catalog, Cell } from '../../../src/core/catalog/types';
import type { CellInput } from './helpers';

export interface Expected {
  value: number | null;
  count: number | null;
  second: number | null;
  /** Schools that answered the cell (had the base, gave the flag, gave a count). */
  n: number;
}

/** p/q·100 to one decimal, half up, in integer arithmetic. */
export function percent(p: number, q: number): number {
  if (!Number.isInteger(p) || !Number.isInteger(q) || q <= 0) throw new Error(`percent(${p}, ${q}): нужны целые, q > 0`);
  return Math.floor((2000 * p + q) / (2 * q)) / 10;
}

/** One school's form as typed, read back as numbers and flags; computed fields are sums of their parts. */
function reader(catalog: Catalog, typed: Record<string, CellInput>) {
  const byId = new Map(catalog.inputs.map((i) => [i.id, i]));
  const num = (id: string): number | null => {
    const input = byId.get(id);
    if (input?.derived) {
      const parts = input.derived.map(num).filter((x): x is number => x !== null);
      return parts.length === 0 ? null : parts.reduce((s, x) => s + x, 0);
    }
    const v = typed[id];
    return typeof v === 'number' ? v : null;
  };
  const total = (ids: string[] | undefined): number | null => {
    const got = (ids ?? []).map(num).filter((x): x is number => x !== null);
    return got.length === 0 ? null : got.reduce((s, x) => s + x, 0);
  };
  const flag = (id: string): boolean | null => {
    const gate = byId.get(id)?.applicableIf;
    if (gate && !((num(gate) ?? 0) > 0)) return null; // asked only when the gate count is above zero
    const v = typed[id];
    return v === 'да' ? true : v === 'нет' ? false : null;
  };
  return { total, flag };
}

export function expectedCell(catalog: Catalog, cell: Cell, schools: Record<string, CellInput>[]): Expected {
  const forms = schools.map((s) => reader(catalog, s));
  const i = cell.inputs;
  switch (cell.aggregate) {
    case 'ratio':
    case 'countRatio': {
      const based = forms.filter((f) => (f.total(i.denominator) ?? 0) > 0);
      const num = based.reduce((s, f) => s + (f.total(i.numerator) ?? 0), 0);
      const den = based.reduce((s, f) => s + (f.total(i.denominator) ?? 0), 0);
      const count = based.reduce((s, f) => s + ((cell.aggregate === 'countRatio' ? f.total(i.sum) : f.total(i.numerator)) ?? 0), 0);
      return { value: den > 0 ? percent(num, den) : null, count: based.length > 0 ? count : null, second: null, n: based.length };
    }
    case 'schoolShare':
    case 'schoolCount': {
      const answers = forms.map((f) => f.flag(i.flag ?? '')).filter((x): x is boolean => x !== null);
      const yes = answers.filter((x) => x).length;
      if (answers.length === 0) return { value: null, count: null, second: null, n: 0 };
      return { value: cell.aggregate === 'schoolShare' ? percent(yes, answers.length) : yes, count: yes, second: null, n: answers.length };
    }
    case 'sum': {
      const given = forms.map((f) => f.total(i.sum)).filter((x): x is number => x !== null);
      return { value: given.length > 0 ? given.reduce((s, x) => s + x, 0) : null, count: null, second: null, n: given.length };
    }
    case 'countPair': {
      const given = forms.filter((f) => f.total(i.sum) !== null || f.total(i.second) !== null);
      if (given.length === 0) return { value: null, count: null, second: null, n: 0 };
      const first = given.reduce((s, f) => s + (f.total(i.sum) ?? 0), 0);
      const second = given.reduce((s, f) => s + (f.total(i.second) ?? 0), 0);
      return { value: first, count: null, second, n: given.length };
    }
  }
}
