import type { ResultCell } from '../export/contract';

/** Sensitive counts below this are shown as «<3» in anything that leaves the department (D25). */
export const SUPPRESS_BELOW = 3;

export interface FormatOptions {
  /** Suppress small counts of children in sensitive cells (public documents, anything shared with schools). */
  suppressSmall: boolean;
  sensitive: boolean;
}

export const ruNumber = (n: number): string => {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return s.replace('.', ',').replace('-', '−');
};

const count = (n: number | null, o: FormatOptions): string => {
  if (n === null) return '—';
  if (o.suppressSmall && o.sensitive && n > 0 && n < SUPPRESS_BELOW) return `<${SUPPRESS_BELOW}`;
  return ruNumber(n);
};

/** The cell's value as the appendix table writes it: «54,6», «44/10,3», «67/118», «не применимо». */
export function formatValue(c: ResultCell, o: FormatOptions = { suppressSmall: false, sensitive: false }): string | number {
  if (c.notApplicable) return 'не применимо';
  switch (c.aggregate) {
    case 'ratio':
      return c.value === null ? 'нет данных' : c.value;
    case 'schoolShare':
      return c.value === null ? 'нет данных' : c.value;
    case 'schoolCount':
    case 'sum': {
      if (c.value === null) return 'нет данных';
      const shown = count(c.value, o);
      return shown === ruNumber(c.value) ? c.value : shown;
    }
    case 'countRatio': {
      if (c.count === null) return 'нет данных';
      const pct = c.value === null ? '—' : ruNumber(c.value);
      const shownCount = count(c.count, o);
      // a suppressed count must not be recoverable from its percentage
      return shownCount.startsWith('<') ? `${shownCount}/—` : `${shownCount}/${pct}`;
    }
    case 'countPair':
      return c.value === null ? 'нет данных' : `${count(c.value, o)}/${count(c.second, o)}`;
    default:
      return c.value === null ? 'нет данных' : c.value;
  }
}

/** «да» / «нет» / why there is no mark. */
export function formatAchieved(c: ResultCell): string {
  if (c.polarity === 'context') return 'контекст';
  if (c.quarantine) return 'цель не утверждена';
  if (c.notApplicable) return 'не применимо';
  if (c.achieved === null) return c.targetRule ? 'нет данных' : '—';
  return c.achieved ? 'да' : 'нет';
}

/** Whether the change is for the better under the cell's polarity; null for context cells or no change. */
export function improved(c: ResultCell): boolean | null {
  if (c.change === null || c.change === 0 || c.polarity === 'context') return null;
  return c.polarity === 'higher' ? c.change > 0 : c.change < 0;
}

export function formatChange(c: ResultCell): string {
  if (c.change === null) return c.previous === null ? 'нет данных прошлого года' : '—';
  if (c.change === 0) return 'без изменений';
  const arrow = c.change > 0 ? '▲' : '▼';
  const onCount = c.targetRule?.on === 'count';
  const unit = !onCount && (c.aggregate === 'ratio' || c.aggregate === 'schoolShare' || c.aggregate === 'countRatio') ? ' п.п.' : '';
  return `${arrow} ${c.change > 0 ? '+' : ''}${ruNumber(c.change)}${unit}`;
}
