import type { Polarity } from './schema';
import type { Aggregate, Target } from './types';

/** Parses a Russian number as the source writes it: «54,6», «1 500». Returns null for anything else. */
export function parseRuNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/**
 * Reads a reference value («Не < 5», «44/10,3», «100 (при наличии таких детей)», «70») into a
 * target rule (D6–D8). Context cells have no target: their value is a baseline only.
 */
export function parseTarget(
  source: string,
  polarity: Polarity,
  aggregate: Aggregate,
  pair: { targetOn?: 'count' | 'percent'; compare?: 'both' | 'first'; percentIsContext?: boolean },
): Target | null {
  if (polarity === 'context') return null;
  const text = source.trim();
  if (text === '') return null;
  const op = polarity === 'lower' ? '<=' : '>=';
  const threshold = /^Не\s*<\s*(.+)$/.exec(text);
  if (threshold) {
    if (polarity === 'lower') throw new Error(`«${source}»: порог «Не <» у показателя, где лучше меньше`);
    const value = parseRuNumber(threshold[1] ?? '');
    if (value === null) throw new Error(`«${source}»: не число после «Не <»`);
    return { op: '>=', on: singleOn(aggregate, pair), value, second: null };
  }
  const bare = text.replace(/\s*\(.*\)\s*$/, '');
  const slash = bare.split('/');
  if (slash.length === 2) {
    const a = parseRuNumber(slash[0] ?? '');
    const b = parseRuNumber(slash[1] ?? '');
    if (a === null || b === null) throw new Error(`«${source}»: ожидалась пара чисел`);
    if (aggregate === 'countRatio') {
      // D8: the flag uses the percent when the source gives one.
      return pair.percentIsContext ? { op, on: 'count', value: a, second: null } : { op, on: 'percent', value: b, second: null };
    }
    if (aggregate === 'countPair') {
      return pair.compare === 'first' ? { op, on: 'first', value: a, second: null } : { op, on: 'both', value: a, second: b };
    }
    throw new Error(`«${source}»: пара значений у показателя без пары`);
  }
  const value = parseRuNumber(bare);
  if (value === null) throw new Error(`«${source}»: не удалось прочитать целевое значение`);
  return { op, on: singleOn(aggregate, pair), value, second: null };
}

function singleOn(aggregate: Aggregate, pair: { targetOn?: 'count' | 'percent' }): Target['on'] {
  if (aggregate === 'countRatio') return pair.targetOn ?? 'percent';
  if (aggregate === 'countPair') return 'first';
  return 'value';
}

/** The target as a person reads it: «не менее 5», «не более 1,7 %». */
export function describeTarget(target: Target, unit: string): string {
  const word = target.op === '>=' ? 'не менее' : 'не более';
  const fmt = (n: number): string => String(n).replace('.', ',');
  const unitOf = target.on === 'percent' ? '%' : target.on === 'count' ? 'чел.' : unit;
  if (target.on === 'both' && target.second !== null) return `${word} ${fmt(target.value)}/${fmt(target.second)}`;
  return `${word} ${fmt(target.value)}${unitOf ? ` ${unitOf}` : ''}`;
}
