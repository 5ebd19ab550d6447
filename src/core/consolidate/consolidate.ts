import type { Campaign } from '../campaign/schema';
import { parseTarget } from '../catalog/targets';
import type { Catalog, Cell, Target } from '../catalog/types';
import type { ConsolidationExport, ResultCell } from '../export/contract';
import { catalogExport, exportCell } from '../export/catalog-export';
import type { SchoolOutcome } from '../submission/collect';
import type { Value } from '../submission/values';
import { describe, round1 } from './stats';

/** One school's contribution to one cell, before summing. */
export interface Contribution {
  num: number;
  den: number;
  count: number;
  second: number;
  aux: number;
  /** The school's own value for statistics (its %, its count, or its flag as 0/100). */
  own: number | null;
  /** For flags: answered «да». */
  yes: boolean;
}

export const numberOf = (values: Record<string, Value>, ids: string[] | undefined): number | null => {
  if (!ids || ids.length === 0) return null;
  let total = 0;
  let any = false;
  for (const id of ids) {
    const v = values[id];
    if (typeof v === 'number') {
      total += v;
      any = true;
    }
  }
  return any ? total : null;
};

/** What one school adds to a cell; null when the cell does not apply to it (no base, «не применимо»). */
export function contribution(cell: Cell, values: Record<string, Value>, applicable: (id: string) => boolean): Contribution | null {
  const i = cell.inputs;
  const empty: Contribution = { num: 0, den: 0, count: 0, second: 0, aux: 0, own: null, yes: false };
  switch (cell.aggregate) {
    case 'schoolShare':
    case 'schoolCount': {
      const flag = i.flag ? values[i.flag] : null;
      if (typeof flag !== 'boolean' || (i.flag && !applicable(i.flag))) return null;
      return { ...empty, yes: flag, count: flag ? 1 : 0, own: flag ? 100 : 0, aux: numberOf(values, i.aux ? [i.aux] : undefined) ?? 0 };
    }
    case 'sum': {
      const v = numberOf(values, i.sum);
      return v === null ? null : { ...empty, count: v, own: v };
    }
    case 'countPair': {
      const first = numberOf(values, i.sum);
      const second = numberOf(values, i.second);
      if (first === null && second === null) return null;
      return { ...empty, count: first ?? 0, second: second ?? 0, own: first };
    }
    case 'ratio':
    case 'countRatio': {
      const den = numberOf(values, i.denominator) ?? 0;
      const num = numberOf(values, i.numerator) ?? 0;
      const count = cell.aggregate === 'countRatio' ? (numberOf(values, i.sum) ?? 0) : num;
      if (den <= 0 && count === 0) return null; // a school without the base changes no share
      return { ...empty, num: den > 0 ? num : 0, den: Math.max(den, 0), count, own: den > 0 ? (100 * num) / den : null };
    }
  }
}

export interface ConsolidateInput {
  catalog: Catalog;
  campaign: Campaign;
  outcomes: SchoolOutcome[];
  previous: ConsolidationExport | null;
}

/**
 * Accepted submissions → Appendix values. A municipal share is Σ numerators / Σ denominators (D4);
 * a share of schools is over the schools that answered (D5); counts are summed. Order of schools never matters.
 */
export function consolidate({ catalog, campaign, outcomes, previous }: ConsolidateInput): ConsolidationExport {
  const accepted = outcomes.filter((o) => o.status === 'accepted' && o.submission !== null);
  const complete = accepted.length === outcomes.length;
  const previousCells = new Map<string, ResultCell>();
  for (const app of previous?.appendices ?? []) for (const row of app.rows) for (const c of row.cells) previousCells.set(c.key, c);
  const inputsById = new Map(catalog.inputs.map((x) => [x.id, x]));

  const cellResult = (cell: Cell): ResultCell => {
    let num = 0;
    let den = 0;
    let count = 0;
    let second = 0;
    let aux = 0;
    let yes = 0;
    let answered = 0;
    let zeroBase = 0;
    const own: number[] = [];
    for (const o of accepted) {
      const values = (o.submission as NonNullable<SchoolOutcome['submission']>).values;
      const applicable = (id: string): boolean => {
        const gate = inputsById.get(id)?.applicableIf;
        return !gate || (typeof values[gate] === 'number' && (values[gate] as number) > 0);
      };
      const c = contribution(cell, values, applicable);
      if (!c) {
        if (cell.inputs.denominator && numberOf(values, cell.inputs.denominator) === 0) zeroBase += 1;
        continue;
      }
      answered += 1;
      num += c.num;
      den += c.den;
      count += c.count;
      second += c.second;
      aux += c.aux;
      if (c.yes) yes += 1;
      if (c.own !== null && cell.aggregate !== 'schoolShare' && cell.aggregate !== 'schoolCount') own.push(c.own);
    }
    let value: number | null = null;
    let countOut: number | null = null;
    let secondOut: number | null = null;
    let notApplicable = false;
    switch (cell.aggregate) {
      case 'ratio':
      case 'countRatio':
        value = den > 0 ? round1((100 * num) / den) : null;
        countOut = answered > 0 ? count : null;
        notApplicable = cell.naWhenZeroBase && den === 0 && answered + zeroBase > 0;
        break;
      case 'schoolShare':
        value = answered > 0 ? round1((100 * yes) / answered) : null;
        countOut = answered > 0 ? yes : null;
        break;
      case 'schoolCount':
        value = answered > 0 ? yes : null;
        countOut = value;
        break;
      case 'sum':
        value = answered > 0 ? count : null;
        break;
      case 'countPair':
        value = answered > 0 ? count : null;
        secondOut = answered > 0 ? second : null;
        break;
    }
    const override = campaign.targetOverrides?.[cell.key];
    const target = override !== undefined ? overrideTarget(cell, override) : cell.target;
    const stats = describe(own);
    const prev = previousCells.get(cell.key);
    const previousValue = prev?.value ?? null;
    return {
      ...exportCell(catalog, cell),
      target: override ?? cell.source,
      targetRule: target,
      quarantine: override !== undefined ? null : cell.quarantine,
      value,
      count: countOut,
      second: secondOut,
      aux: cell.inputs.aux && answered > 0 ? aux : null,
      achieved: notApplicable ? null : achieved(target, value, countOut, secondOut),
      previous: previousValue,
      previousCount: prev?.count ?? null,
      change: changeOf(target, value, countOut, previousValue, prev?.count ?? null),
      n: answered,
      min: stats.min,
      median: stats.median,
      mean: stats.mean,
      max: stats.max,
      complete,
      notApplicable,
    };
  };

  const base = catalogExport(catalog);
  return {
    catalog: base.catalog,
    year: campaign.year,
    municipality: campaign.municipality,
    inputs: base.inputs,
    appendices: catalog.appendices.map((app) => ({
      number: app.number,
      table: app.table,
      title: app.title,
      rows: app.rows.map((row) => ({
        id: row.id,
        number: row.number,
        title: row.title,
        cells: catalog.cells.filter((c) => c.appendix === app.number && c.row === row.id).map(cellResult),
        evidence: evidenceOf(catalog, app.number, row.id, accepted),
      })),
    })),
    schools: outcomes.map((o) => ({
      id: o.school.id,
      name: o.school.name,
      status: o.status,
      messages: o.messages.map((m) => ({ severity: m.severity, sheet: m.sheet, cell: m.cell, inputId: m.inputId, indicator: m.indicator, text: m.text })),
    })),
  };
}

function overrideTarget(cell: Cell, text: string): Target | null {
  try {
    return parseTarget(text, cell.polarity, cell.aggregate, {
      targetOn: cell.targetOn ?? undefined,
      compare: cell.compare ?? undefined,
      percentIsContext: cell.percentIsContext,
    });
  } catch {
    return null;
  }
}

/** The change against last year, on the part the target judges: a count target (A5.C1) changes on the count. */
function changeOf(target: Target | null, value: number | null, count: number | null, previous: number | null, previousCount: number | null): number | null {
  if (target?.on === 'count') return count !== null && previousCount !== null ? count - previousCount : null;
  return value !== null && previous !== null ? round1(value - previous) : null;
}

/** Achieved or not under D7/D8; null when there is no target or no value to compare. */
export function achieved(target: Target | null, value: number | null, count: number | null, second: number | null): boolean | null {
  if (!target) return null;
  const ok = (fact: number | null, goal: number): boolean | null => (fact === null ? null : target.op === '>=' ? fact >= goal : fact <= goal);
  switch (target.on) {
    case 'value':
    case 'percent':
    case 'first':
      return ok(value, target.value);
    case 'count':
      return ok(count, target.value);
    case 'second':
      return ok(second, target.value);
    case 'both': {
      const a = ok(value, target.value);
      const b = target.second === null ? a : ok(second, target.second);
      return a === null || b === null ? null : a && b;
    }
  }
}

function evidenceOf(catalog: Catalog, appendix: number, row: string, accepted: SchoolOutcome[]): { schoolId: string; url: string }[] {
  const ids = catalog.inputs.filter((i) => i.kind === 'url' && i.sheet === appendix && (i.group === row || i.group === 'school')).map((i) => i.id);
  const out: { schoolId: string; url: string }[] = [];
  for (const o of accepted) {
    for (const id of ids) {
      const url = o.submission?.values[id];
      if (typeof url === 'string' && url !== '') out.push({ schoolId: o.school.id, url });
    }
  }
  return out;
}
