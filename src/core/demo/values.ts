import type { School } from '../campaign/schema';
import type { Catalog, Cell, Input } from '../catalog/types';
import type { Value } from '../submission/values';
import { between, intBetween, seededRandom } from './random';

/** Enrolment per level by school type: [min, max] students; 0 where the type does not teach the level. */
const LEVELS: Record<School['type'], Record<'P_NOO' | 'P_OOO' | 'P_SOO', [number, number]>> = {
  СОШ: { P_NOO: [90, 420], P_OOO: [110, 520], P_SOO: [18, 110] },
  ООШ: { P_NOO: [25, 110], P_OOO: [30, 140], P_SOO: [0, 0] },
  НОШ: { P_NOO: [12, 60], P_OOO: [0, 0], P_SOO: [0, 0] },
};

/**
 * Realistic, internally consistent values for one school: every part within its whole, level cells blank
 * where the school has no such level, the catalog's sum checks satisfied. Deterministic for a seed.
 */
export function demoValues(catalog: Catalog, school: School, schools: number, seed: number): Record<string, Value> {
  const random = seededRandom(seed);
  const values: Record<string, Value> = {};
  const byId = new Map(catalog.inputs.map((i) => [i.id, i]));
  const cellOf = new Map<string, Cell>();
  for (const cell of catalog.cells)
    for (const id of [...(cell.inputs.numerator ?? []), ...(cell.inputs.sum ?? []), ...(cell.inputs.second ?? [])]) if (!cellOf.has(id)) cellOf.set(id, cell);
  const strength = between(random, 0.75, 1.2); // some schools do more than others

  const num = (id: string | null): number => {
    if (!id) return 0;
    const v = gen(id);
    return typeof v === 'number' ? v : 0;
  };

  function gen(id: string): Value {
    if (id in values) return values[id] ?? null;
    const input = byId.get(id);
    if (!input) return null;
    values[id] = null; // guards against cycles
    values[id] = make(input);
    return values[id] ?? null;
  }

  function make(input: Input): Value {
    const id = input.id;
    if (input.derived) return input.derived.reduce((s, d) => s + num(d), 0);
    if (id in LEVELS[school.type]) {
      const [min, max] = LEVELS[school.type][id as 'P_NOO'];
      return intBetween(random, min, max);
    }
    switch (id) {
      case 'P_PED':
        return Math.max(4, Math.round(num('P_STU') / between(random, 9, 14)));
      case 'P_CLT':
        return Math.min(num('P_PED'), Math.max(1, Math.round(num('P_STU') / between(random, 18, 25))));
      case 'P_PAR':
        return Math.round(num('P_STU') * between(random, 1.4, 1.8));
      case 'P_OVZ':
        return Math.round(num('P_STU') * between(random, 0, 0.06));
      case 'P_ADM':
        return intBetween(random, 2, 5);
      case 'P_MUS':
        return intBetween(random, 0, 2);
    }
    if (id.startsWith('P_NNR_')) return Math.round(num(input.whole) * between(random, 0, 0.07));
    if (input.kind === 'url') return random() < 0.85 ? `https://${school.id}.edu-demo.ru/vospitanie/${id.toLowerCase().replace(/_/g, '-')}.pdf` : null;
    if (input.kind === 'flag') {
      if (input.applicableIf && num(input.applicableIf) === 0) return null;
      return random() < 0.8 * strength;
    }
    if (input.kind !== 'count') return null;
    if (id.endsWith('_AUX')) return intBetween(random, 0, 4);
    const whole = input.whole;
    if (whole) {
      const w = num(whole);
      if (w === 0) return byId.get(whole)?.derived || whole.startsWith('P_') ? null : 0;
      return Math.min(w, Math.round(w * rateFor(id, cellOf.get(id), whole)));
    }
    return countFor(cellOf.get(id));
  }

  function rateFor(id: string, cell: Cell | undefined, whole: string): number {
    if (id.startsWith('B5_')) return between(random, 0.003, 0.02);
    if (whole.startsWith('B5_')) return between(random, 0.3, 1);
    if (whole.startsWith('A6_')) return between(random, 0.15, 0.6);
    if (whole === 'P_STU' && cell?.polarity === 'lower') return between(random, 0.0005, 0.005);
    if (cell?.sensitive) return between(random, 0.01, 0.09);
    const goal = cell?.target && cell.target.on !== 'count' ? cell.target.value / 100 : 0.5;
    return Math.min(1, Math.max(0, goal * strength * between(random, 0.8, 1.15)));
  }

  function countFor(cell: Cell | undefined): number {
    const goal = cell?.target ? cell.target.value : 20;
    return Math.max(0, Math.round((goal / Math.max(1, schools)) * strength * between(random, 0.6, 1.5)));
  }

  for (const input of catalog.inputs) gen(input.id);
  for (const check of catalog.checks) {
    if (check.type !== 'sumEq') continue;
    values[check.total] = check.parts.reduce((s, p) => s + num(p), 0);
  }
  for (const check of catalog.checks) {
    if (check.type !== 'sumLe') continue;
    const parts = check.parts.reduce((s, p) => s + num(p), 0);
    if (num(check.total) < parts) values[check.total] = parts;
  }
  // Families in a pair «семей/чел.» follow the children (about 0,6 family per child).
  for (const cell of catalog.cells) {
    const first = cell.inputs.sum?.[0];
    const second = cell.inputs.second?.[0];
    if (cell.aggregate !== 'countPair' || !first || !second || byId.get(first)?.whole) continue;
    if (byId.get(second)?.whole || catalog.checks.some((c) => c.total === second)) values[first] = Math.round(num(second) * between(random, 0.5, 0.7));
  }
  // Keep any input bounded by a total that the sum checks just changed within it.
  for (const input of catalog.inputs) {
    const v = values[input.id];
    if (input.whole && typeof v === 'number') values[input.id] = Math.min(v, num(input.whole));
  }
  for (const input of catalog.inputs) if (input.derived) values[input.id] = input.derived.reduce((s, d) => s + num(d), 0);
  return values;
}
