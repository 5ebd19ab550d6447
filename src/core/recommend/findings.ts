import type { Catalog, Cell } from '../catalog/types';
import { contribution } from '../consolidate/consolidate';
import { SUPPRESS_BELOW, ruNumber } from '../consolidate/format';
import { round1 } from '../consolidate/stats';
import type { Value } from '../submission/values';

/** How one school stands on one cell, judged only where a school's own value can be judged. */
export type Standing = 'achieved' | 'farAbove' | 'below' | 'withinLimit' | 'aboveLimit' | 'context' | 'notApplicable' | 'municipal' | 'noTarget' | 'noData';
export type Trend = 'positive' | 'negative' | 'unchanged' | 'noPrevious' | 'context';

export interface Finding {
  cell: Cell;
  /** «C2. Доля обучающихся… — НОШ» */
  indicator: string;
  direction: string;
  /** The school's own value as shown to it («54,6 %», «да», «<3»). */
  shown: string;
  standing: Standing;
  trend: Trend;
  /** Signed change against the school's previous year (percentage points for shares). */
  change: number | null;
  targetText: string;
}

/** Share-type cells are judged per school; municipal totals (counts of events, «Количество ОО») are not. */
const JUDGED = new Set(['ratio', 'schoolShare']);
/** Changes smaller than this (p.p. for shares, % for counts) are noise, not dynamics. */
const NOISE = 1;

export function shortTitle(title: string, max = 120): string {
  const t = title.replace(/\s*,\s*(%|ед\.|чел\.|чел\.\/ ?%|ед\.\/ ?год|семей\/ ?чел\.|ед\. в год)\s*$/u, '');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export function indicatorName(catalog: Catalog, cell: Cell): string {
  const app = catalog.appendices.find((a) => a.number === cell.appendix);
  const column = app?.columns.find((c) => c.id === cell.column);
  const part = column?.parts.find((p) => p.id === cell.part);
  return `${shortTitle(column?.title ?? cell.column)}${part ? ` — ${part.title}` : ''}`;
}

export function directionName(catalog: Catalog, cell: Cell): string {
  const app = catalog.appendices.find((a) => a.number === cell.appendix);
  const row = app?.rows.find((r) => r.id === cell.row);
  return `${catalog.appendixWord} ${cell.appendix}${app && app.rows.length > 1 && row ? `, ${row.title}` : ''}`;
}

/** The findings of one school against the catalog's targets and its own previous year. */
export function schoolFindings(catalog: Catalog, values: Record<string, Value>, previous: Record<string, Value> | null, suppressSmall: boolean): Finding[] {
  const inputs = new Map(catalog.inputs.map((i) => [i.id, i]));
  const applicable =
    (vals: Record<string, Value>) =>
    (id: string): boolean => {
      const gate = inputs.get(id)?.applicableIf;
      return !gate || (typeof vals[gate] === 'number' && (vals[gate] as number) > 0);
    };
  return catalog.cells.map((cell): Finding => {
    const own = contribution(cell, values, applicable(values));
    const before = previous ? contribution(cell, previous, applicable(previous)) : null;
    const base = { cell, indicator: indicatorName(catalog, cell), direction: directionName(catalog, cell), targetText: cell.source };
    if (!own) return { ...base, shown: 'не применимо', standing: 'notApplicable', trend: 'context', change: null };
    const isShare = cell.aggregate === 'ratio' || cell.aggregate === 'countRatio';
    const flag = cell.aggregate === 'schoolShare' || cell.aggregate === 'schoolCount';
    const mine = flag ? (own.yes ? 100 : 0) : isShare ? own.own : own.count;
    const sensitiveSmall = suppressSmall && cell.sensitive && own.count > 0 && own.count < SUPPRESS_BELOW;
    const shown = flag
      ? own.yes
        ? 'да'
        : 'нет'
      : sensitiveSmall
        ? `<${SUPPRESS_BELOW}`
        : cell.aggregate === 'countPair'
          ? `${own.count}/${own.second}`
          : isShare
            ? `${own.own === null ? '—' : ruNumber(round1(own.own))} %${cell.aggregate === 'countRatio' ? ` (${own.count} чел.)` : ''}`
            : ruNumber(own.count);
    const standing = judge(cell, mine);
    const theirs = before ? (flag ? (before.yes ? 100 : 0) : isShare ? before.own : before.count) : null;
    const change = mine !== null && theirs !== null && !sensitiveSmall ? round1(mine - theirs) : null;
    return { ...base, shown, standing, trend: trendOf(cell, mine, theirs, change), change };
  });
}

function judge(cell: Cell, mine: number | null): Standing {
  if (cell.polarity === 'context') return 'context';
  if (!JUDGED.has(cell.aggregate) && !(cell.aggregate === 'countRatio' && cell.target?.on === 'percent')) return 'municipal';
  if (!cell.target) return 'noTarget';
  if (mine === null) return 'noData';
  const goal = cell.target.value;
  if (cell.target.op === '<=') return mine <= goal ? 'withinLimit' : 'aboveLimit';
  if (mine < goal) return 'below';
  // a school's «да» meets a share-of-schools target; it cannot exceed it «by far»
  if (cell.aggregate === 'schoolShare') return 'achieved';
  return goal < 100 && mine >= Math.min(100, goal * 1.25) ? 'farAbove' : 'achieved';
}

function trendOf(cell: Cell, mine: number | null, theirs: number | null, change: number | null): Trend {
  if (cell.polarity === 'context') return 'context';
  if (mine === null || theirs === null || change === null) return 'noPrevious';
  const relative =
    cell.aggregate === 'ratio' || cell.aggregate === 'countRatio' || cell.aggregate === 'schoolShare'
      ? Math.abs(change)
      : theirs === 0
        ? Math.abs(change) * 100
        : (100 * Math.abs(change)) / theirs;
  if (relative < NOISE) return 'unchanged';
  const better = cell.polarity === 'lower' ? change < 0 : change > 0;
  return better ? 'positive' : 'negative';
}
