import type { Campaign, School } from '../campaign/schema';
import type { Catalog } from '../catalog/types';
import { consolidate } from '../consolidate/consolidate';
import { SUPPRESS_BELOW, formatValue } from '../consolidate/format';
import type { ConsolidationExport, EffectLine, ResultCell } from '../export/contract';
import { indicatorName } from '../recommend/findings';
import type { SchoolOutcome } from '../submission/collect';
import type { Value } from '../submission/values';
import { type RegisterRow, hasDepartmentEntries } from './register';

/**
 * The effect of last year's measures (issue 16, R10): each measure of the previous campaign's register is judged on
 * its watched indicators, this year against last year and against the target. A measure aimed at a list of schools is
 * judged on those schools' ratio of sums, and only when at least three of them reported both years; no school is named.
 */
export type Verdict = EffectLine['verdict'];

export interface EffectInput {
  catalog: Catalog;
  campaign: Campaign;
  schools: School[];
  /** Last year's register as the department left it. */
  register: RegisterRow[];
  before: ConsolidationExport;
  after: ConsolidationExport;
  thenValues: Record<string, Record<string, Value>>;
  nowValues: Record<string, Record<string, Value>>;
}

export interface MeasureEffect {
  /** The measure's key in this year's register: «2025/A2.R1», or «2025/#3» for a row last year's department added. */
  key: string;
  row: RegisterRow;
  verdict: Verdict;
  /** Why, in a few words («2 из 3 показателей», «мера не выполнена», «меньше 3 школ»). */
  reason: string;
  lines: EffectLine[];
}

/** What the system writes into «Эффект»: recognisable, so a later consolidation refreshes it and never what the department typed. */
export const SYSTEM_EFFECT = 'оценка свода';
export const effectText = (e: MeasureEffect, year: number): string => `${SYSTEM_EFFECT} ${year}: ${e.verdict} (${e.reason})`;
export const isSystemEffect = (text: string): boolean => text.trim() === '' || text.trim().startsWith(SYSTEM_EFFECT);

const norm = (s: string): string => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/** The measures of a register: rows with the department's entries or added by hand, not rows carried from an earlier year. */
export function measuresOf(register: RegisterRow[]): { key: string; row: RegisterRow }[] {
  const out: { key: string; row: RegisterRow }[] = [];
  register.forEach((row, i) => {
    if (row.key.includes('/')) return;
    if (row.key === '' || hasDepartmentEntries(row)) out.push({ key: row.key === '' ? `#${i + 1}` : row.key, row });
  });
  return out;
}

/** The watched cells: keys named in «Показатели для контроля», else the direction's cells that were off last year. */
function watchedCells(catalog: Catalog, row: RegisterRow, then: ConsolidationExport): string[] {
  const named = [...row.watch.matchAll(/A\d+\.R\d+(?:\.[A-Z0-9]+)*/g)].map((m) => m[0]).filter((k) => catalog.cells.some((c) => c.key === k));
  if (named.length > 0) return [...new Set(named)];
  const byName = catalog.cells.filter((c) => row.watch !== '' && norm(row.watch).includes(norm(indicatorName(catalog, c)))).map((c) => c.key);
  const direction = /^A(\d+)\.(R\w+)$/.exec(row.key);
  const inDirection = (c: ResultCell): boolean => !!direction && c.key.startsWith(`${row.key}.`);
  const cells = then.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells)).filter(inDirection);
  const off = cells.filter((c) => c.achieved === false || (c.change !== null && c.change !== 0 && c.polarity !== 'context')).map((c) => c.key);
  const keys = byName.length > 0 ? byName.filter((k) => !direction || k.startsWith(`${row.key}.`)) : [];
  if (keys.length > 0) return keys;
  return off.length > 0 ? off : cells.filter((c) => c.targetRule !== null).map((c) => c.key);
}

/** The listed schools («все» or empty: the municipality); unknown names are ignored (never echoed). */
function targetSchools(row: RegisterRow, schools: School[]): School[] | null {
  const t = norm(row.schools);
  if (t === '' || t === 'все' || t.startsWith('все ')) return null;
  const names = row.schools
    .split(/[;\n]|,(?![^«]*»)/)
    .map(norm)
    .filter((s) => s !== '');
  return schools.filter((s) => names.some((n) => n === norm(s.id) || n === norm(s.shortName) || n === norm(s.name)));
}

function subsetResult(input: EffectInput, year: 'before' | 'after', list: School[]): { result: ConsolidationExport; reported: number } {
  const values = year === 'before' ? input.thenValues : input.nowValues;
  const outcomes: SchoolOutcome[] = list
    .filter((s) => values[s.id])
    .map((s) => ({
      school: s,
      status: 'accepted',
      files: [],
      submission: { schoolId: s.id, stamp: {}, values: values[s.id] ?? {}, cells: {}, status: 'Готово к проверке', messages: [] },
      messages: [],
    }));
  const campaign = { ...input.campaign, year: year === 'before' ? input.before.year : input.after.year };
  return { result: consolidate({ catalog: input.catalog, campaign, outcomes, previous: null }), reported: outcomes.length };
}

const cellsOf = (r: ConsolidationExport): Map<string, ResultCell> =>
  new Map(r.appendices.flatMap((a) => a.rows.flatMap((row) => row.cells.map((c): [string, ResultCell] => [c.key, c]))));

/** One indicator: reached the target now, or moved the right way since last year. */
function judge(then: ResultCell | undefined, now: ResultCell | undefined): Verdict {
  if (!then || !now || now.polarity === 'context' || now.notApplicable) return 'недостаточно данных';
  const onCount = now.targetRule?.on === 'count';
  const a = onCount ? then.count : then.value;
  const b = onCount ? now.count : now.value;
  if (a === null || b === null) return 'недостаточно данных';
  if (now.achieved === true) return 'эффективна';
  return (now.polarity === 'higher' ? b > a : b < a) ? 'эффективна' : 'без эффекта';
}

const escapeRe = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The report is public: a school named in what the department typed (a measure «для СОШ № 1») becomes «[ОО]».
 * Longest names first, so a full name is not half-replaced by its short name.
 */
function schoolScrubber(schools: School[]): (text: string) => string {
  const names = [...new Set(schools.flatMap((s) => [s.name, s.shortName, s.id]))].filter((n) => n.trim().length >= 3).sort((a, b) => b.length - a.length);
  if (names.length === 0) return (t) => t;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, '[ОО]');
}

const shown = (c: ResultCell | undefined, sensitive: boolean): string =>
  c ? String(formatValue(c, { suppressSmall: true, sensitive })).replace('.', ',') : 'нет данных';

export function measureEffects(input: EffectInput): MeasureEffect[] {
  const { catalog } = input;
  const scrub = schoolScrubber(input.schools);
  const sensitive = new Set(catalog.cells.filter((c) => c.sensitive).map((c) => c.key));
  const municipal = { before: cellsOf(input.before), after: cellsOf(input.after) };
  return measuresOf(input.register).map(({ key, row }) => {
    const label = row.measure || row.recommendation || row.finding || 'мера без названия';
    const line = (indicator: string, before: string, after: string, target: string, verdict: Verdict): EffectLine => ({
      measure: scrub(label),
      document: scrub(row.document) || '—',
      indicator,
      before,
      after,
      target,
      verdict,
    });
    const out = (verdict: Verdict, reason: string, lines: EffectLine[]): MeasureEffect => ({ key: `${input.before.year}/${key}`, row, verdict, reason, lines });
    const watched = watchedCells(catalog, row, input.before);
    if (watched.length === 0) return out('недостаточно данных', 'не указаны показатели для контроля', [line('—', '—', '—', '—', 'недостаточно данных')]);
    const name = (k: string): string => {
      const cell = catalog.cells.find((c) => c.key === k);
      return cell ? `${indicatorName(catalog, cell)} (${k})` : k;
    };
    const notDone = !/^(да|выполнен|выполнено)/.test(norm(row.done));
    const list = targetSchools(row, input.schools);
    let cells = municipal;
    let few = false;
    if (list !== null) {
      const a = subsetResult(input, 'before', list);
      const b = subsetResult(input, 'after', list);
      few = Math.min(a.reported, b.reported) < SUPPRESS_BELOW;
      cells = { before: cellsOf(a.result), after: cellsOf(b.result) };
    }
    const lines = watched.map((k) => {
      const then = cells.before.get(k);
      const now = cells.after.get(k);
      const target = now?.target || '—';
      if (few) return line(name(k), '—', '—', target, 'недостаточно данных');
      const verdict = notDone ? 'недостаточно данных' : judge(then, now);
      return line(name(k), shown(then, sensitive.has(k)), shown(now, sensitive.has(k)), target, verdict);
    });
    if (few) return out('недостаточно данных', `данные меньше чем ${SUPPRESS_BELOW} школ`, lines);
    if (notDone) return out('недостаточно данных', row.done.trim() === '' ? 'выполнение не отмечено' : 'мера не выполнена', lines);
    const judged = lines.filter((l) => l.verdict !== 'недостаточно данных');
    const good = judged.filter((l) => l.verdict === 'эффективна').length;
    if (judged.length === 0) return out('недостаточно данных', 'нет данных по показателям', lines);
    const verdict: Verdict = good * 2 >= judged.length ? 'эффективна' : 'без эффекта';
    return out(verdict, `${good} из ${judged.length} показателей`, lines);
  });
}

/**
 * Last year's measures carried into this year's register, keyed «<год>/<ключ>», with the verdict in «Эффект».
 * Every value is the department's from last year's register; merging keeps what it typed into this year's copy.
 */
export function carriedRows(effects: MeasureEffect[], thenYear: number, nowYear: number): RegisterRow[] {
  return effects.map((e) => ({
    ...e.row,
    key: e.key,
    effect: isSystemEffect(e.row.effect) ? effectText(e, nowYear) : e.row.effect,
    state: `мера ${thenYear} г., эффект оценён по итогам ${nowYear} г.`,
  }));
}

/**
 * After the merge: a carried row takes what the department typed into last year's register since (a cell still empty
 * here), and its «Эффект» is refreshed unless the department wrote its own.
 */
export function applyCarried(merged: RegisterRow[], carried: RegisterRow[]): RegisterRow[] {
  const byKey = new Map(carried.map((c) => [c.key, c]));
  return merged.map((row) => {
    const c = byKey.get(row.key);
    if (!c) return row;
    const out: RegisterRow = { ...row, state: c.state };
    for (const f of ['kind', 'document', 'schools', 'responsible', 'deadline', 'done'] as const) if (out[f].trim() === '') out[f] = c[f];
    if (isSystemEffect(row.effect)) out.effect = c.effect;
    return out;
  });
}
