import type { Target } from '../catalog/types';
import { achieved } from '../consolidate/consolidate';
import type { ConsolidationExport, ResultCell } from '../export/contract';

/** One cell in one year: the municipal value and the count the target may judge. */
export interface YearCell {
  value: number | null;
  count: number | null;
}

/** One year of municipal values by cell key. */
export interface YearPoint {
  year: number;
  cells: Record<string, YearCell>;
}

/** Municipal values over the years, oldest first; every chart of dynamics reads it and nothing else. */
export interface History {
  years: number[];
  /** The cell's values, one per year (null where that year has none). */
  values(key: string): (number | null)[];
  counts(key: string): (number | null)[];
  /** How many years hold a value for the cell. */
  depth(key: string): number;
}

/** Any number of years (in any order, a year given twice keeps the last) → the history, oldest first. */
export function historyOf(points: YearPoint[]): History {
  const byYear = new Map<number, YearPoint>();
  for (const p of points) byYear.set(p.year, p);
  const sorted = [...byYear.values()].sort((a, b) => a.year - b.year);
  const pick = (key: string, field: keyof YearCell): (number | null)[] => sorted.map((p) => p.cells[key]?.[field] ?? null);
  return {
    years: sorted.map((p) => p.year),
    values: (key) => pick(key, 'value'),
    counts: (key) => pick(key, 'count'),
    depth: (key) => pick(key, 'value').filter((v) => v !== null).length,
  };
}

const cellsOf = (result: ConsolidationExport): ResultCell[] => result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells));

/** A consolidation result as one year of the history. */
export function yearPointOf(result: ConsolidationExport): YearPoint {
  const cells: Record<string, YearCell> = {};
  for (const c of cellsOf(result)) cells[c.key] = { value: c.value, count: c.count };
  return { year: result.year, cells };
}

/** The result's earlier years (issue 16: up to four, stored or typed by the department): values only, no counts. */
export function earlierYears(result: ConsolidationExport): YearPoint[] {
  return (result.history ?? []).map((h) => {
    const cells: Record<string, YearCell> = {};
    for (const [key, value] of Object.entries(h.values)) cells[key] = { value, count: null };
    return { year: h.year, cells };
  });
}

/**
 * What a result holds: its earlier years (`history`), the year before (each cell's `previous`, with its count) and
 * its own year. More years from elsewhere join through `earlier`; for a year given twice the later point wins.
 */
export function historyFromResult(result: ConsolidationExport, earlier: YearPoint[] = earlierYears(result)): History {
  const before: Record<string, YearCell> = {};
  let any = false;
  for (const c of cellsOf(result)) {
    if (c.previous === null && c.previousCount === null) continue;
    before[c.key] = { value: c.previous, count: c.previousCount };
    any = true;
  }
  const previous: YearPoint[] = any ? [{ year: result.year - 1, cells: before }] : [];
  return historyOf([...earlier, ...previous, yearPointOf(result)]);
}

/**
 * The share of assessed targets achieved in one appendix, per year of the history: this year's as the consolidation
 * judged it (the same count as the panel's summary), earlier years against this year's targets (so the years compare
 * on the same bar, where a value and its count are enough to judge); null for a year with nothing to judge.
 */
export function achievedShareByYear(appendix: ConsolidationExport['appendices'][number], history: History, year: number): (number | null)[] {
  const cells = appendix.rows.flatMap((r) => r.cells);
  return history.years.map((y, i) => {
    let assessed = 0;
    let met = 0;
    for (const c of cells) {
      const ok =
        y === year ? c.achieved : c.quarantine ? null : achieved(targetOf(c), history.values(c.key)[i] ?? null, history.counts(c.key)[i] ?? null, null);
      if (ok === null) continue;
      assessed += 1;
      if (ok) met += 1;
    }
    return assessed > 0 ? shareOf(met, assessed) : null;
  });
}

/** A percentage with one decimal, as the consolidation rounds shares. */
export const shareOf = (part: number, whole: number): number => Math.round((1000 * part) / whole) / 10;

const TARGET_ON = new Set<string>(['value', 'count', 'percent', 'first', 'second', 'both']);
const isTargetOn = (on: string): on is Target['on'] => TARGET_ON.has(on);

/** The result's target rule as the core judges it (the contract keeps `on` as a plain string). */
export function targetOf(c: ResultCell): Target | null {
  const rule = c.targetRule;
  return rule && isTargetOn(rule.on) ? { op: rule.op, on: rule.on, value: rule.value, second: rule.second } : null;
}
