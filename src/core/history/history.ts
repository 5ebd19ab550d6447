import type { Campaign } from '../campaign/schema';
import type { Catalog } from '../catalog/types';
import { consolidate } from '../consolidate/consolidate';
import type { ConsolidationExport, HistoryYear, ResultCell } from '../export/contract';

/** The dynamics show this year and up to four earlier ones. */
export const MAX_YEARS = 5;

/** A year's municipal values by cell key, as the history keeps them. */
export function yearOf(result: ConsolidationExport): HistoryYear {
  const values: Record<string, number | null> = {};
  for (const a of result.appendices) for (const r of a.rows) for (const c of r.cells) values[c.key] = c.value;
  return { year: result.year, catalogId: result.catalog.id, source: 'result', values };
}

/**
 * The earlier years for this year's result: last year's own history, last year itself, and the years the department
 * typed («Прошлые годы»). A stored result wins over a typed year; a typed value fills a gap a stored one left. At most
 * four earlier years, oldest first.
 */
export function historyBefore(year: number, previous: ConsolidationExport | null, typed: HistoryYear[]): HistoryYear[] {
  const byYear = new Map<number, HistoryYear>();
  const stored = previous ? [...(previous.history ?? []), yearOf(previous)] : [];
  for (const h of stored) if (h.year < year) byYear.set(h.year, h);
  for (const t of typed) {
    if (t.year >= year) continue;
    const known = byYear.get(t.year);
    if (!known) {
      byYear.set(t.year, t);
      continue;
    }
    const values = { ...known.values };
    for (const [key, v] of Object.entries(t.values)) if (values[key] === null || values[key] === undefined) values[key] = v;
    byYear.set(t.year, { ...known, values });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year).slice(-(MAX_YEARS - 1));
}

/**
 * Last year as a result when only typed values exist (a department new to the tool): the appendix tables' previous-year
 * columns and the change then come from what it typed. Counts of «чел./%» cells are unknown (null).
 */
export function typedAsResult(catalog: Catalog, campaign: Campaign, typed: HistoryYear): ConsolidationExport {
  const empty = consolidate({ catalog, campaign: { ...campaign, year: typed.year }, outcomes: [], previous: null });
  const fill = (c: ResultCell): ResultCell => {
    const v = typed.values[c.key];
    return v === undefined || v === null ? c : { ...c, value: v, count: c.aggregate === 'sum' || c.aggregate === 'schoolCount' ? v : null };
  };
  return { ...empty, appendices: empty.appendices.map((a) => ({ ...a, rows: a.rows.map((r) => ({ ...r, cells: r.cells.map(fill) })) })) };
}

export type TrendWord = 'улучшение' | 'ухудшение' | 'без изменений' | 'рост' | 'снижение' | 'недостаточно данных';

/**
 * The trend over the available years: the last value against the first one under the cell's polarity, «устойчиво»
 * when every step went the same way over at least three years.
 */
export function trendOf(series: (number | null)[], polarity: ResultCell['polarity']): string {
  const known = series.filter((v): v is number => v !== null);
  if (known.length < 2) return 'недостаточно данных';
  const first = known[0] as number;
  const last = known[known.length - 1] as number;
  if (last === first) return 'без изменений';
  const up = last > first;
  const word: TrendWord = polarity === 'context' ? (up ? 'рост' : 'снижение') : up === (polarity === 'higher') ? 'улучшение' : 'ухудшение';
  const steps = known.slice(1).map((v, i) => v - (known[i] as number));
  const steady = known.length >= 3 && steps.every((d) => (up ? d > 0 : d < 0));
  return `${up ? '▲' : '▼'} ${word}${steady ? ', устойчиво' : ''}`;
}

export interface DynamicsLine {
  key: string;
  cell: ResultCell;
  /** Values per year of `years`, oldest first; null where the year has no value. */
  series: (number | null)[];
  trend: string;
  /** No earlier stored result knew this indicator (the catalog changed). */
  isNew: boolean;
}

export interface Dynamics {
  years: number[];
  lines: DynamicsLine[];
  /** Indicators of earlier years that this year's catalog no longer has: named, never compared. */
  gone: { key: string; years: number[] }[];
}

/** Every indicator over all available years, matched by key. */
export function dynamicsOf(result: ConsolidationExport): Dynamics {
  const earlier = (result.history ?? []).filter((h) => h.year < result.year);
  const years = [...earlier.map((h) => h.year), result.year];
  const current = new Set<string>();
  const lines: DynamicsLine[] = [];
  const storedEarlier = earlier.filter((h) => h.source === 'result');
  for (const a of result.appendices)
    for (const r of a.rows)
      for (const c of r.cells) {
        current.add(c.key);
        const series = [...earlier.map((h) => h.values[c.key] ?? null), c.value];
        const isNew = storedEarlier.length > 0 && earlier.every((h) => !(c.key in h.values));
        lines.push({ key: c.key, cell: c, series, trend: trendOf(series, c.polarity), isNew });
      }
  const goneYears = new Map<string, number[]>();
  for (const h of earlier) for (const key of Object.keys(h.values)) if (!current.has(key)) goneYears.set(key, [...(goneYears.get(key) ?? []), h.year]);
  return { years, lines, gone: [...goneYears.entries()].map(([key, ys]) => ({ key, years: ys })) };
}
