/** Shared builders for the core tests: catalogs, valid school grids, mutations, outcomes. */
import type { Campaign, School } from '../../src/core/campaign/schema';
import { getCatalog } from '../../src/core/catalog';
import type { Catalog } from '../../src/core/catalog/types';
import { consolidate } from '../../src/core/consolidate/consolidate';
import type { ConsolidationExport } from '../../src/core/export/contract';
import { DEMO_CAMPAIGN, DEMO_SCHOOLS } from '../../src/core/demo/municipality';
import { demoValues } from '../../src/core/demo/values';
import { a1 } from '../../src/core/layout/a1';
import { renderSchoolGrid } from '../../src/core/layout/grid';
import { indicatorLabels } from '../../src/core/submission/parse';
import type { Position } from '../../src/core/layout/positions';
import { type SchoolLayout, schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import type { SchoolOutcome, SchoolStatus } from '../../src/core/submission/collect';
import { type Message, formatMessage } from '../../src/core/submission/messages';
import { type SheetGrid, type Submission, type WorkbookGrid, parseSubmission } from '../../src/core/submission/parse';
import { validateSubmission } from '../../src/core/submission/validate';
import type { Value } from '../../src/core/submission/values';

const catalogs = new Map<string, Catalog>();
/** Expanded catalogs are cached: expansion is pure and the tests never mutate them. */
export function catalog(id = 'kalar'): Catalog {
  const known = catalogs.get(id);
  if (known) return known;
  const made = getCatalog(id);
  catalogs.set(id, made);
  return made;
}

export const REGISTRY: School[] = DEMO_SCHOOLS;
export const YEAR = DEMO_CAMPAIGN.year;
export const campaign = (overrides: Partial<Campaign> = {}): Campaign => ({ ...DEMO_CAMPAIGN, ...overrides });

export function school(id: string): School {
  const found = REGISTRY.find((s) => s.id === id);
  if (!found) throw new Error(`no demo school ${id}`);
  return found;
}
export const schoolOfType = (type: School['type']): School => REGISTRY.find((s) => s.type === type) as School;

const layouts = new Map<string, SchoolLayout>();
/** The school's workbook layout (cached: layouts are pure and never mutated by the tests). */
export function layoutFor(s: School, cat: Catalog = catalog()): SchoolLayout {
  const key = `${cat.id}/${s.id}`;
  const known = layouts.get(key);
  if (known) return known;
  const made = schoolWorkbookLayout(cat, campaign({ catalogId: cat.id }), s);
  layouts.set(key, made);
  return made;
}

export function positionOf(id: string, cat: Catalog = catalog()): Position {
  const at = layoutFor(REGISTRY[0] as School, cat).positions.get(id);
  if (!at) throw new Error(`no position for ${id}`);
  return at;
}
export const addressOf = (id: string, cat: Catalog = catalog()): string => {
  const at = positionOf(id, cat);
  return a1(at.row, at.col);
};

export const inputOf = (id: string, cat: Catalog = catalog()) => {
  const input = cat.inputs.find((i) => i.id === id);
  if (!input) throw new Error(`no input ${id}`);
  return input;
};

/** Recomputes derived inputs (P_STU, P_NNR) from their parts, as the parser does. */
export function withDerived(values: Record<string, Value>, cat: Catalog = catalog()): Record<string, Value> {
  const out = { ...values };
  for (const input of cat.inputs) {
    if (!input.derived) continue;
    const parts = input.derived.map((id) => out[id]);
    out[input.id] = parts.every((p) => p === null || p === undefined) ? null : parts.reduce<number>((s, p) => s + (typeof p === 'number' ? p : 0), 0);
  }
  return out;
}

export function blankValues(cat: Catalog = catalog()): Record<string, Value> {
  return Object.fromEntries(cat.inputs.map((i) => [i.id, null]));
}

/** A valid school file as an adapter would read it back, with the values typed into it. */
export interface Filled {
  school: School;
  layout: SchoolLayout;
  values: Record<string, Value>;
  grid: WorkbookGrid;
}

export function filled(s: School = school('sosh1'), seed = 7, patch: Record<string, Value> = {}, cat: Catalog = catalog()): Filled {
  const layout = layoutFor(s, cat);
  const values = withDerived({ ...demoValues(cat, s, REGISTRY.length, seed), ...patch }, cat);
  return { school: s, layout, values, grid: renderSchoolGrid(layout, values) };
}

export const cloneGrid = (grid: WorkbookGrid): WorkbookGrid => ({
  sheets: grid.sheets.map((s) => ({ name: s.name, values: s.values.map((r) => (Array.isArray(r) ? [...r] : r)) })),
});

export function sheetOf(grid: WorkbookGrid, name: string): SheetGrid {
  const sheet = grid.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Writes a raw value into a 1-based cell of a sheet, growing the grid as needed. */
export function setAt(grid: WorkbookGrid, sheet: string, row: number, col: number, raw: unknown): void {
  const values = sheetOf(grid, sheet).values;
  while (values.length < row) values.push([]);
  const line = values[row - 1] as unknown[];
  line[col - 1] = raw;
}

/** Writes a raw value into an input's cell (where the school would type it). */
export function setInput(grid: WorkbookGrid, id: string, raw: unknown, cat: Catalog = catalog()): void {
  const at = positionOf(id, cat);
  setAt(grid, at.sheet, at.row, at.col, raw);
}

export function parse(grid: WorkbookGrid, expectedSchoolId: string | null = 'sosh1', cat: Catalog = catalog(), year = YEAR): Submission {
  return parseSubmission(grid, { catalog: cat, year, registry: REGISTRY, expectedSchoolId });
}

/** Parse + validate: everything a school would be told about its file. */
export function check(
  grid: WorkbookGrid,
  options: { expected?: string | null; previous?: Record<string, Value> | null; cat?: Catalog; year?: number } = {},
): { sub: Submission; messages: Message[] } {
  const cat = options.cat ?? catalog();
  const sub = parse(grid, options.expected === undefined ? 'sosh1' : options.expected, cat, options.year ?? YEAR);
  return { sub, messages: [...sub.messages, ...validateSubmission(sub, cat, options.previous ?? null)] };
}

export const errorsOf = (messages: Message[]): Message[] => messages.filter((m) => m.severity === 'error');

export function submissionOf(s: School, values: Record<string, Value>): Submission {
  return { schoolId: s.id, stamp: {}, values, cells: {}, status: null, messages: [] };
}

export function outcome(s: School, values: Record<string, Value> | null, status: SchoolStatus = 'accepted'): SchoolOutcome {
  return { school: s, status, files: values ? [`${s.id}.xlsx`] : [], submission: values ? submissionOf(s, values) : null, messages: [] };
}

/** Accepted demo outcomes for the first `count` registry schools. */
export function demoOutcomes(count = REGISTRY.length, seed = 1, cat: Catalog = catalog()): SchoolOutcome[] {
  return REGISTRY.slice(0, count).map((s, i) => outcome(s, demoValues(cat, s, count, seed * 100 + i)));
}

/** A deterministic shuffle driven by a list of random keys. */
export function shuffle<T>(items: T[], keys: number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

/**
 * A school with no students and no staff: every P_* is 0, the intermediate bases are 0, every count bounded
 * by a zero base is blank, flags are answered (except the ОВЗ flag, «не применимо»), event counts typed.
 */
export function zeroStudentValues(flags: boolean[], events: number[], cat: Catalog = catalog()): Record<string, Value> {
  const values: Record<string, Value> = blankValues(cat);
  const zeroBases = new Set(['B5_REG', 'B5_OFF', 'B5_CWL', 'B5_REM', 'A6_C1_FAM', 'A6_C1_CHI']);
  let f = 0;
  let e = 0;
  for (const input of cat.inputs) {
    if (input.derived) continue;
    if (input.id.startsWith('P_') || zeroBases.has(input.id)) values[input.id] = 0;
    else if (input.kind === 'flag') values[input.id] = input.applicableIf ? null : (flags[f++ % Math.max(1, flags.length)] ?? true);
    else if (input.kind === 'count' && input.whole === null) values[input.id] = events[e++ % Math.max(1, events.length)] ?? 0;
  }
  return withDerived(values, cat);
}

/**
 * The message names the sheet, the cell where the school typed the value and the indicator as the form
 * shows it; `formatMessage` repeats all three.
 */
export function expectLocated(m: Message | undefined, id: string, cat: Catalog = catalog()): void {
  expect(m).toBeDefined();
  const msg = m as Message;
  const at = positionOf(id, cat);
  const label = indicatorLabels(cat)(inputOf(id, cat));
  expect({ sheet: msg.sheet, cell: msg.cell, inputId: msg.inputId, indicator: msg.indicator }).toEqual({
    sheet: at.sheet,
    cell: a1(at.row, at.col),
    inputId: id,
    indicator: label,
  });
  const text = formatMessage(msg);
  expect(text).toMatch(/лист/i);
  expect(text).toContain(`«${at.sheet}»`);
  expect(text).toContain(`ячейка ${a1(at.row, at.col)}`);
  expect(text).toContain(label.length <= 90 ? label : label.slice(0, 89));
  expect(text).toMatch(/[А-Яа-я]/);
}

/**
 * The demo municipality consolidated with last year's result and both surveys: the numbers every chart test draws.
 */
export function demoChartResult(): { outcomes: SchoolOutcome[]; previous: ConsolidationExport; result: ConsolidationExport } {
  const kalar = catalog();
  const outcomes = demoOutcomes();
  const previous = consolidate({ catalog: kalar, campaign: campaign({ year: 2025 }), outcomes: demoOutcomes(REGISTRY.length, 5), previous: null });
  const result: ConsolidationExport = {
    ...consolidate({ catalog: kalar, campaign: campaign(), outcomes, previous }),
    surveys: {
      municipal: { students: { respondents: 300, satisfied: 240, share: 80 }, parents: { respondents: 200, satisfied: 130, share: 65 } },
      previous: { students: { respondents: 280, satisfied: 200, share: 71.4 }, parents: { respondents: 150, satisfied: 90, share: 60 } },
      schools: [],
    },
  };
  return { outcomes, previous, result };
}
