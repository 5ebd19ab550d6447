import type { Target } from '../../src/core/catalog/types';
import { achieved, consolidate, contribution } from '../../src/core/consolidate/consolidate';
import { formatAchieved, formatChange, formatValue } from '../../src/core/consolidate/format';
import { describe as describeStats, round1 } from '../../src/core/consolidate/stats';
import { catalogExport } from '../../src/core/export/catalog-export';
import { CatalogExportSchema, type ConsolidationExport, ConsolidationExportSchema, type ResultCell } from '../../src/core/export/contract';
import type { SchoolOutcome } from '../../src/core/submission/collect';
import type { Value } from '../../src/core/submission/values';
import { blankValues, campaign, catalog, outcome, school, withDerived } from './builders';

const kalar = catalog();
const valuesOf = (patch: Record<string, Value>): Record<string, Value> => withDerived({ ...blankValues(), ...patch });

/** Three schools with numbers small enough to check by hand. */
const A: Record<string, Value> = {
  P_NOO: 100,
  P_OOO: 0,
  P_SOO: 0,
  A1_R1_C2_NOO: 90,
  A1_R1_C1: true,
  A1_C4: true,
  A3_C1: true,
  A3_C3: 1,
  A7_C3: 5,
  A5_C1: 4,
  A6_C3_FAM: 10,
  A6_C3_CHI: 20,
  B5_CWL: 0,
  A5_C9: 0,
  P_NNR_NOO: 0,
  A7_C2_NOO: null,
  EV_A1_R1: 'https://a.ru/r1',
};
const B: Record<string, Value> = {
  P_NOO: 10,
  P_OOO: 0,
  P_SOO: 0,
  A1_R1_C2_NOO: 1,
  A1_R1_C1: false,
  A1_C4: false,
  A3_C1: true,
  A3_C3: 2,
  A7_C3: 10,
  A5_C1: 3,
  A6_C3_FAM: 10,
  A6_C3_CHI: 20,
  B5_CWL: 0,
  A5_C9: null,
  P_NNR_NOO: 0,
  EV_A1_SCHOOL: 'https://b.ru/school',
};
const C: Record<string, Value> = {
  P_NOO: 40,
  P_OOO: 0,
  P_SOO: 0,
  A1_R1_C2_NOO: 20,
  A1_R1_C1: null,
  A1_C4: true,
  A3_C1: false,
  A3_C3: null,
  A7_C3: 6,
  A5_C1: 2,
  A6_C3_FAM: 9,
  A6_C3_CHI: 19,
  B5_CWL: 0,
  A5_C9: 0,
  P_NNR_NOO: 0,
};
const three = (patch: Partial<Record<'a' | 'b' | 'c', Record<string, Value>>> = {}): SchoolOutcome[] => [
  outcome(school('sosh1'), valuesOf({ ...A, ...patch.a })),
  outcome(school('sosh2'), valuesOf({ ...B, ...patch.b })),
  outcome(school('oosh1'), valuesOf({ ...C, ...patch.c })),
];
const run = (outcomes: SchoolOutcome[], overrides?: Record<string, string>, previous: ConsolidationExport | null = null): ConsolidationExport =>
  consolidate({ catalog: kalar, campaign: campaign(overrides ? { targetOverrides: overrides } : {}), outcomes, previous });
const cellOf = (result: ConsolidationExport, key: string): ResultCell => {
  const found = result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells)).find((c) => c.key === key);
  if (!found) throw new Error(`no cell ${key}`);
  return found;
};
const result = run(three());

describe('municipal values, computed by hand', () => {
  test('ratio: Σ numerators / Σ denominators (74 %), not the mean of the schools’ percentages (50 %)', () => {
    const c = cellOf(result, 'A1.R1.C2.NOO');
    expect(c).toMatchObject({ value: 74, count: 111, n: 3, min: 10, median: 50, mean: 50, max: 90, achieved: true, complete: true, notApplicable: false });
    expect(c.targetRule).toEqual({ op: '>=', on: 'value', value: 70, second: null });
  });

  test('a school-scope column (D10) has one input and the same value in every row', () => {
    const r = run(three({ a: { A1_C3: 50 }, b: { A1_C3: 5 }, c: { A1_C3: 20 } }));
    const values = ['R1', 'R2', 'R3', 'R4'].map((row) => cellOf(r, `A1.${row}.C3`).value);
    expect(values).toEqual([50, 50, 50, 50]);
  });

  test('schoolShare: «да» over the schools that answered (1 of 2 → 50 %), no statistics', () => {
    expect(cellOf(result, 'A1.R1.C1')).toMatchObject({ value: 50, count: 1, n: 2, achieved: false, min: null, mean: null });
    expect(cellOf(result, 'A1.R2.C4')).toMatchObject({ value: 66.7, count: 2, n: 3, achieved: null, quarantine: expect.stringMatching(/^D9/) });
  });

  test('schoolCount: the number of «да»', () => {
    expect(cellOf(result, 'A3.R1.C1')).toMatchObject({ value: 2, count: 2, n: 3, achieved: false });
  });

  test('sum: Σ over the schools that answered', () => {
    expect(cellOf(result, 'A3.R1.C3')).toMatchObject({ value: 3, n: 2, achieved: false, min: 1, median: 1.5, mean: 1.5, max: 2 });
    expect(cellOf(result, 'A7.R1.C3')).toMatchObject({ value: 21, n: 3, achieved: true });
  });

  test.each<[string, number, boolean]>([
    ['4 + 3 + 2 = 9 ≤ 9', 4, true],
    ['5 + 3 + 2 = 10 > 9', 5, false],
  ])('countRatio A5.C1 (lower, on the count): %s', (_name, a, ok) => {
    const c = cellOf(run(three({ a: { A5_C1: a } })), 'A5.R1.C1');
    expect(c).toMatchObject({ count: a + 5, value: round1((100 * (a + 5)) / 150), achieved: ok, polarity: 'lower' });
  });

  test.each<[string, number, boolean]>([
    ['29/59', 19, true],
    ['29/58', 18, false],
  ])('countPair A6.C3 (both): %s', (_name, chi, ok) => {
    const c = cellOf(run(three({ c: { A6_C3_CHI: chi } })), 'A6.R1.C3');
    expect(c).toMatchObject({ value: 29, second: 40 + chi, achieved: ok });
  });

  test('BUG: naWhenZeroBase — A5.C9 with B5_CWL = 0 in every school is «не применимо», not «нет данных»', () => {
    // contribution() drops every school whose base is 0 and count is 0, so `answered` is 0 and
    // `notApplicable = answered > 0 && den === 0 && naWhenZeroBase` can never become true for valid data.
    const c = cellOf(result, 'A5.R1.C9');
    expect(c).toMatchObject({ notApplicable: true, achieved: null, value: null });
    expect(formatValue(c)).toBe('не применимо');
  });

  test('naWhenZeroBase with a base somewhere: a normal share', () => {
    const c = cellOf(run(three({ a: { B5_CWL: 4, A5_C9: 3 } })), 'A5.R1.C9');
    expect(c).toMatchObject({ notApplicable: false, value: 75, count: 3, achieved: false });
  });

  test('evidence: a row lists its own links and the school-scope ones', () => {
    const rows = result.appendices[0]?.rows ?? [];
    expect(rows[0]?.evidence).toEqual([
      { schoolId: 'sosh1', url: 'https://a.ru/r1' },
      { schoolId: 'sosh2', url: 'https://b.ru/school' },
    ]);
    expect(rows[1]?.evidence).toEqual([{ schoolId: 'sosh2', url: 'https://b.ru/school' }]);
  });
});

describe('targets, previous year, coverage', () => {
  test('campaign target overrides replace the source value and lift the quarantine', () => {
    const r = run(three(), { 'A1.R1.C1': 'Не < 40', 'A1.R2.C4': '50' });
    expect(cellOf(r, 'A1.R1.C1')).toMatchObject({ target: 'Не < 40', targetRule: { op: '>=', on: 'value', value: 40, second: null }, achieved: true });
    expect(cellOf(r, 'A1.R2.C4')).toMatchObject({
      target: '50',
      quarantine: null,
      targetRule: { op: '>=', on: 'value', value: 50, second: null },
      achieved: true,
    });
    expect(cellOf(r, 'A1.R1.C4')).toMatchObject({ target: '4', targetRule: null, achieved: null });
    expect(formatAchieved(cellOf(r, 'A1.R1.C4'))).toBe('цель не утверждена');
  });

  test('BUG: an override of a quarantined countRatio cell keeps the column’s targetOn (A2.C5 → on the count)', () => {
    // overrideTarget() guesses targetOn from cell.target, which is null for quarantined cells → 'percent'.
    expect(cellOf(run(three(), { 'A2.R1.C5': '34' }), 'A2.R1.C5').targetRule).toEqual({ op: '>=', on: 'count', value: 34, second: null });
  });

  test('BUG: a pair override of a countPair cell keeps the column’s compare (A10.C5 compares the first count only)', () => {
    // overrideTarget() never passes `compare`, so «150/20» becomes on: 'both' although the column says compare: 'first'.
    expect(cellOf(run(three(), { 'A10.R1.C5.SPORT': '150/20' }), 'A10.R1.C5.SPORT').targetRule).toEqual({ op: '>=', on: 'first', value: 150, second: null });
  });

  test('previous year: value, count and change come from the previous result', () => {
    const before = run(three({ a: { A1_R1_C2_NOO: 45, A5_C1: 1 } }));
    expect(cellOf(before, 'A1.R1.C2.NOO').value).toBe(44);
    const now = run(three(), undefined, before);
    expect(cellOf(now, 'A1.R1.C2.NOO')).toMatchObject({ value: 74, previous: 44, change: 30 });
    expect(cellOf(now, 'A5.R1.C1')).toMatchObject({ count: 9, previousCount: 6, previous: 4, change: 3 }); // the target is on the count (≤ 9), so the change is too
    expect(formatChange(cellOf(now, 'A1.R1.C2.NOO'))).toBe('▲ +30 п.п.');
    expect(cellOf(result, 'A1.R1.C2.NOO')).toMatchObject({ previous: null, change: null });
  });

  test('rejected and missing schools are excluded, the result is marked incomplete, every school is listed', () => {
    const huge = valuesOf({ ...A, P_NOO: 1000, A1_R1_C2_NOO: 0, A3_C3: 500 });
    const rejected = {
      ...outcome(school('sosh3'), huge, 'rejected'),
      messages: [{ severity: 'error' as const, code: 'x', sheet: 'S', cell: 'D4', inputId: 'A3_C3', indicator: 'I', text: 'плохо' }],
    };
    const r = run([...three(), rejected, outcome(school('gimn'), null, 'missing')]);
    expect(cellOf(r, 'A1.R1.C2.NOO')).toMatchObject({ value: 74, n: 3, complete: false });
    expect(cellOf(r, 'A3.R1.C3')).toMatchObject({ value: 3, complete: false });
    expect(r.schools.map((s) => [s.id, s.status])).toEqual([
      ['sosh1', 'accepted'],
      ['sosh2', 'accepted'],
      ['oosh1', 'accepted'],
      ['sosh3', 'rejected'],
      ['gimn', 'missing'],
    ]);
    expect(r.schools[3]?.messages).toEqual([{ severity: 'error', sheet: 'S', cell: 'D4', inputId: 'A3_C3', indicator: 'I', text: 'плохо' }]);
    expect(ConsolidationExportSchema.safeParse(r).success).toBe(true);
  });

  test('no accepted school: every value is null, nothing is achieved', () => {
    const r = run([outcome(school('sosh1'), null, 'missing')]);
    const cells = r.appendices.flatMap((a) => a.rows.flatMap((x) => x.cells));
    expect(cells.filter((c) => c.value !== null || c.achieved !== null || c.n !== 0)).toEqual([]);
  });
});

describe('the export contract', () => {
  test('the consolidation result validates against ConsolidationExportSchema', () => {
    const parsed = ConsolidationExportSchema.safeParse(result);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(result).toMatchObject({ year: 2026, municipality: campaign().municipality, catalog: { id: 'kalar', version: '2022.1' } });
  });

  test('catalogExport(kalar) validates against CatalogExportSchema: 11 appendices, all 192 targets', () => {
    const exported = catalogExport(kalar);
    const parsed = CatalogExportSchema.safeParse(exported);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(exported.appendices).toHaveLength(11);
    const cells = exported.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells));
    expect(cells).toHaveLength(192);
    expect(cells.filter((c) => c.target.trim() === '').map((c) => c.key)).toEqual([]);
    expect(cells.filter((c) => c.targetRule !== null)).toHaveLength(163);
    expect(exported.inputs).toHaveLength(kalar.inputs.length);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });
});

describe('helpers', () => {
  test('describe: n/min/median/mean/max, rounded to one decimal', () => {
    expect(describeStats([])).toEqual({ n: 0, min: null, median: null, mean: null, max: null });
    expect(describeStats([90, 10, 50])).toEqual({ n: 3, min: 10, median: 50, mean: 50, max: 90 });
    expect(describeStats([1, 2, 4, 10])).toEqual({ n: 4, min: 1, median: 3, mean: 4.3, max: 10 });
  });

  test.each<[number, number]>([
    [74, 74],
    [66.666, 66.7],
    [1.25, 1.3],
    [-1.26, -1.3],
    [0.05, 0.1],
    [2.449, 2.4],
  ])('round1(%p) = %p', (n, r) => {
    expect(round1(n)).toBe(r);
  });

  const t = (op: Target['op'], on: Target['on'], value: number, second: number | null = null): Target => ({ op, on, value, second });
  test.each<[Target | null, number | null, number | null, number | null, boolean | null]>([
    [null, 5, 5, 5, null],
    [t('>=', 'value', 70), 70, null, null, true],
    [t('>=', 'value', 70), null, null, null, null],
    [t('<=', 'count', 9), 1, 10, null, false],
    [t('<=', 'percent', 1.7), 1.7, 99, null, true],
    [t('>=', 'both', 29, 59), 29, null, 58, false],
    [t('>=', 'both', 29, 59), 29, null, null, null],
    [t('>=', 'second', 3), 0, null, 3, true],
  ])('achieved(%o, value %p, count %p, second %p) = %p', (target, value, count, second, expected) => {
    expect(achieved(target, value, count, second)).toBe(expected);
  });

  test('contribution: a school without the base changes no share', () => {
    const cell = kalar.cells.find((c) => c.key === 'A1.R1.C2.NOO');
    if (!cell) throw new Error('no cell');
    expect(contribution(cell, valuesOf({ P_NOO: 0, A1_R1_C2_NOO: null }), () => true)).toBeNull();
    expect(contribution(cell, valuesOf({ P_NOO: 10, A1_R1_C2_NOO: 4 }), () => true)).toMatchObject({ num: 4, den: 10, own: 40 });
  });

  test('formatValue suppresses small sensitive counts and never leaks them through the percentage', () => {
    const c = cellOf(result, 'A5.R1.C1');
    expect(formatValue(c)).toBe(`9/${String(c.value).replace('.', ',')}`);
    const small = { ...c, count: 2 };
    expect(formatValue(small, { suppressSmall: true, sensitive: true })).toBe('<3/—');
    expect(formatValue(cellOf(result, 'A6.R1.C3'), { suppressSmall: false, sensitive: true })).toBe('29/59');
  });
});
