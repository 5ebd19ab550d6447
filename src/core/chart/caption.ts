import type { Catalog } from '../catalog/types';
import { improved, ruNumber } from '../consolidate/format';
import type { ResultCell } from '../export/contract';
import { shortTitle } from '../recommend/findings';
import { targetOf } from './history';
import type { Chart, ChartCategory, Direction, Standing, TargetMark } from './model';

/** Axis labels longer than this are cut: the full name is in the caption and the table beside the chart. */
export const LABEL_MAX = 44;

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** The part of a cell a chart draws as its value: a share, or the count where the cell has no share. */
export const isShare = (c: ResultCell): boolean => c.aggregate === 'ratio' || c.aggregate === 'schoolShare' || c.aggregate === 'countRatio';

export function standingOf(c: ResultCell): Standing {
  if (c.quarantine || c.polarity === 'context' || c.achieved === null) return 'none';
  return c.achieved ? 'achieved' : 'notAchieved';
}

export function directionOf(c: ResultCell): Direction {
  if (c.change === null || c.polarity === 'context') return 'none';
  if (c.change === 0) return 'same';
  return improved(c) ? 'better' : 'worse';
}

/** The target as a mark on the value axis, when the target judges the value a chart draws. */
export function targetMarkOf(c: ResultCell): TargetMark | null {
  const t = targetOf(c);
  if (!t || c.quarantine) return null;
  const onValue = t.on === 'value' || t.on === 'percent' || t.on === 'first' || (t.on === 'both' && !isShare(c));
  return onValue ? { value: t.value, op: t.op } : null;
}

/** «2. Доля педагогов, принявших участие… — НОШ»: the row's number where the appendix has several rows. */
export function cellCategory(catalog: Catalog, appendix: number, rowNumber: string | null, c: ResultCell): ChartCategory {
  const app = catalog.appendices.find((a) => a.number === appendix);
  const column = app?.columns.find((x) => x.id === c.column);
  const part = c.partTitle ? ` — ${c.partTitle}` : '';
  const title = shortTitle(column?.title ?? c.columnTitle, 400);
  const prefix = rowNumber ? `${rowNumber}. ` : '';
  return {
    label: `${prefix}${cut(title, LABEL_MAX - prefix.length - part.length)}${part}`,
    name: `${prefix}${title}${part}`,
    key: c.key,
    target: targetMarkOf(c),
    standing: standingOf(c),
    direction: directionOf(c),
  };
}

const number = (v: number | null, unit: string): string => (v === null ? 'нет данных' : `${ruNumber(v)}${unit === '%' ? ' %' : unit ? ` ${unit}` : ''}`);
const STANDING: Record<Standing, string> = { achieved: 'достигнуто', notAchieved: 'не достигнуто', none: '' };
const DIRECTION: Record<Direction, string> = { better: 'улучшение к прошлому году', worse: 'ухудшение к прошлому году', same: 'без изменений', none: '' };

/** The caption and alternative text: every number the chart shows, category by category. */
export function captionOf(chart: Omit<Chart, 'alt'>): string {
  const parts = chart.categories.map((cat, i) => {
    const facts: string[] = [];
    if (cat.box) {
      const b = cat.box;
      facts.push(`${b.n} ОО: минимум ${number(b.min, chart.unit)}, нижний квартиль ${ruNumber(b.q1)}, медиана ${ruNumber(b.median)}`);
      facts.push(`верхний квартиль ${ruNumber(b.q3)}, максимум ${number(b.max, chart.unit)}`);
    }
    for (const s of chart.series) facts.push(`${s.name} — ${number(s.values[i] ?? null, chart.unit)}`);
    if (cat.target) facts.push(`плановое значение ${cat.target.op === '>=' ? 'не менее' : 'не более'} ${number(cat.target.value, chart.unit)}`);
    if (STANDING[cat.standing]) facts.push(STANDING[cat.standing]);
    if (DIRECTION[cat.direction]) facts.push(DIRECTION[cat.direction]);
    return `${cat.name}: ${facts.join(', ')}`;
  });
  const notes = chart.notes.length > 0 ? ` ${chart.notes.join(' ')}` : '';
  return `${chart.title}.${notes} ${parts.join('; ')}.`;
}

/** The chart with its caption. */
export const withCaption = (chart: Omit<Chart, 'alt'>): Chart => ({ ...chart, alt: captionOf(chart) });
