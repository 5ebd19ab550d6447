/**
 * The three-year scenario (issue 16) shared by both front ends: the same schools each year, demo values with one
 * watched indicator forced below its target in 2025 and to 100 % in 2026, so the measure registered in 2025 is judged
 * «эффективна» in 2026; and the department's entries as it types them.
 */
import type { School } from '../../src/core/campaign/schema';
import type { Cell } from '../../src/core/catalog/types';
import { DEMO_SCHOOLS } from '../../src/core/demo/municipality';
import { demoValues } from '../../src/core/demo/values';
import type { RegisterRow } from '../../src/core/register/register';
import type { Value } from '../../src/core/submission/values';
import { CATALOG } from '../gas/helpers';

export const MUNICIPALITY = 'Тестовый муниципальный округ';
export const YEARS = [2024, 2025, 2026] as const;
export const SCHOOLS: School[] = DEMO_SCHOOLS.slice(0, 5);
export const REGISTRY_ROWS = SCHOOLS.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')]);

/** A share with one numerator, one school-level base and a «не ниже» target: forced low in 2025, to 100 % in 2026. */
export const WATCHED = CATALOG.cells.find(
  (c) =>
    c.aggregate === 'ratio' &&
    c.polarity === 'higher' &&
    c.target?.op === '>=' &&
    c.quarantine === null &&
    c.inputs.numerator?.length === 1 &&
    (c.inputs.denominator ?? []).every((d) => d.startsWith('P_')),
) as Cell;
export const DIRECTION = `A${WATCHED.appendix}.${WATCHED.row}`;
export const ORDER = 'Приказ № 15 от 10.02.2025';
/** A direction the department never registers a decision for: flagged in the four-component table. */
export const UNDECIDED = 'A1.R1';

export function valuesFor(school: School, year: number): Record<string, Value> {
  const v: Record<string, Value> = { ...demoValues(CATALOG, school, SCHOOLS.length, year * 10 + SCHOOLS.indexOf(school)) };
  const num = WATCHED.inputs.numerator?.[0] as string;
  const base = (WATCHED.inputs.denominator ?? []).reduce((n, id) => n + (typeof v[id] === 'number' ? (v[id] as number) : 0), 0);
  if (year === 2025) v[num] = 0;
  if (year === 2026) v[num] = base;
  return v;
}

/** The department's entries in the 2025 register: the order for the watched direction, done, the indicator to watch. */
export function type2025(rows: RegisterRow[]): RegisterRow[] {
  expect(rows.some((r) => r.key === DIRECTION)).toBe(true);
  return rows.map((r) => (r.key === DIRECTION ? { ...r, kind: 'приказ', document: ORDER, done: 'да', watch: `${WATCHED.key}; ${r.watch}` } : r));
}

/** What the 2026 register must hold: the 2025 measure carried with the order and its verdict. */
export function expectCarried(rows: RegisterRow[], responsible: string): void {
  const carried = rows.find((r) => r.key === `2025/${DIRECTION}`);
  expect(carried).toMatchObject({ kind: 'приказ', document: ORDER, done: 'да', responsible });
  expect(carried?.effect).toMatch(/^оценка свода 2026: эффективна/);
}
