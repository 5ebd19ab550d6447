import { consolidate } from '../core/consolidate/consolidate';
import type { ComponentRow, ConsolidationExport, HistoryYear, ManagementExport } from '../core/export/contract';
import { historyBefore, typedAsResult } from '../core/history/history';
import { COMPONENT_TITLES, componentRows } from '../core/register/components';
import { applyCarried, carriedRows, measureEffects } from '../core/register/effect';
import { type RegisterRow, mergeRegister, proposedRows } from '../core/register/register';
import type { Value } from '../core/submission/values';
import type { CampaignContext } from './campaign';
import type { Journal } from './journal';
import type { YearResult } from './ports';

/**
 * What the management cycle across years needs beyond this year's files (issue 16), as the adapter read it: the
 * earlier years the department typed («Прошлые годы» / previous-years.xlsx) and last campaign's register of measures.
 */
export interface CycleInput {
  typed: HistoryYear[];
  /** Problems found in the typed years (Russian, naming sheet and cell): those values are not used. */
  typedProblems: string[];
  /** Last campaign's register with the department's entries; null when there is none. */
  previousRegister: RegisterRow[] | null;
  /** Which copy of it was read, for the journal and the report. */
  registerSource: string | null;
}

export const NO_CYCLE: CycleInput = { typed: [], typedProblems: [], previousRegister: null, registerSource: null };

/** Last year for dynamics: the stored result, else what the department typed for that year. */
export function lastYearResult(ctx: CampaignContext, last: YearResult | null, cycle: CycleInput, journal: Journal): ConsolidationExport | null {
  for (const p of cycle.typedProblems) journal.note(p);
  if (last) return last.result;
  const typed = cycle.typed.find((t) => t.year === ctx.campaign.year - 1);
  if (!typed) return null;
  journal.note(`Данные прошлого года: ${typed.year} г. — значения, введённые отделом на листе «Прошлые годы»`);
  return typedAsResult(ctx.catalog, ctx.campaign, typed);
}

export const historyOf = (ctx: CampaignContext, last: YearResult | null, cycle: CycleInput): HistoryYear[] =>
  historyBefore(ctx.campaign.year, last?.result ?? null, cycle.typed);

export interface Management {
  rows: RegisterRow[];
  proposals: number;
  management: ManagementExport;
}

/**
 * The register after this consolidation (this year's proposals and last year's measures carried with their effect,
 * merged with the department's entries) and the management export: effects and the four components per direction.
 */
export function manage(
  ctx: CampaignContext,
  result: ConsolidationExport,
  previous: ConsolidationExport | null,
  last: YearResult | null,
  nowValues: Record<string, Record<string, Value>>,
  register: RegisterRow[],
  cycle: CycleInput,
  journal: Journal,
): Management {
  const year = ctx.campaign.year;
  const then = previous ?? consolidate({ catalog: ctx.catalog, campaign: { ...ctx.campaign, year: year - 1 }, outcomes: [], previous: null });
  const effects = cycle.previousRegister
    ? measureEffects({
        catalog: ctx.catalog,
        campaign: ctx.campaign,
        schools: ctx.schools,
        register: cycle.previousRegister,
        before: then,
        after: result,
        thenValues: last?.schoolValues ?? {},
        nowValues,
      })
    : [];
  if (cycle.previousRegister) {
    journal.note(`Реестр мер ${then.year} г.: ${cycle.registerSource ?? 'копия кампании'}; мер для оценки эффекта — ${effects.length}`);
  }
  const carried = carriedRows(effects, then.year, year);
  const proposals = proposedRows(ctx.catalog, result);
  const rows = applyCarried(mergeRegister(register, [...carried, ...proposals], year), carried);
  const components = componentRows(ctx.catalog, result, rows, effects);
  const gaps = components.filter((c) => c.missing.length > 0).length;
  journal.note(`Четыре компонента управленческого цикла: направлений ${components.length}, с пробелами — ${gaps}`);
  return {
    rows,
    proposals: proposals.length,
    management: {
      registerSource: cycle.previousRegister ? cycle.registerSource : null,
      effects: effects.flatMap((e) => e.lines),
      components,
    },
  };
}

/** The compact view of the four components for the panel: the directions with gaps, components by number (1–4). */
export interface CycleView {
  directions: number;
  gaps: { direction: string; missing: number[] }[];
  /** The names of components 1–4, for the panel's legend. */
  titles: string[];
}

export function cycleView(components: ComponentRow[]): CycleView {
  return {
    directions: components.length,
    gaps: components
      .filter((c) => c.missing.length > 0)
      .map((c) => ({ direction: c.direction, missing: c.missing.map((m) => COMPONENT_TITLES.indexOf(m) + 1).filter((n) => n > 0) })),
    titles: [...COMPONENT_TITLES],
  };
}
