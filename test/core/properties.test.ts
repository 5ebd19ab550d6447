import fc from 'fast-check';
import type { School } from '../../src/core/campaign/schema';
import { consolidate } from '../../src/core/consolidate/consolidate';
import { round1 } from '../../src/core/consolidate/stats';
import { demoValues } from '../../src/core/demo/values';
import { ConsolidationExportSchema, type ConsolidationExport } from '../../src/core/export/contract';
import { renderSchoolGrid } from '../../src/core/layout/grid';
import type { SchoolOutcome, SchoolStatus } from '../../src/core/submission/collect';
import type { Message } from '../../src/core/submission/messages';
import type { WorkbookGrid } from '../../src/core/submission/parse';
import { validateSubmission } from '../../src/core/submission/validate';
import { MAX_PLAUSIBLE, type Value } from '../../src/core/submission/values';
import { REGISTRY, campaign, catalog, check, cloneGrid, errorsOf, filled, layoutFor, outcome, parse, school, shuffle, zeroStudentValues } from './builders';

const kalar = catalog();
const RUNS = { numRuns: 60 };
const run = (outcomes: SchoolOutcome[]): ConsolidationExport => consolidate({ catalog: kalar, campaign: campaign(), outcomes, previous: null });

/** A municipality: each registry school accepted with demo values of its own seed, rejected or missing. */
const municipality = fc
  .array(fc.record({ seed: fc.nat(), status: fc.constantFrom<SchoolStatus>('accepted', 'accepted', 'accepted', 'rejected', 'missing') }), {
    minLength: REGISTRY.length,
    maxLength: REGISTRY.length,
  })
  .map((plan) =>
    plan.map(({ seed, status }, i) => {
      const s = REGISTRY[i] as School;
      return outcome(s, status === 'missing' ? null : demoValues(kalar, s, REGISTRY.length, seed), status);
    }),
  );

/** The result without what legitimately follows the input order: the list of schools and the order of evidence links. */
const orderFree = (r: ConsolidationExport) => ({
  ...r,
  schools: [...r.schools].sort((a, b) => a.id.localeCompare(b.id)),
  appendices: r.appendices.map((a) => ({
    ...a,
    rows: a.rows.map((row) => ({ ...row, evidence: [...row.evidence].sort((x, y) => `${x.schoolId} ${x.url}`.localeCompare(`${y.schoolId} ${y.url}`)) })),
  })),
});

const allCells = (r: ConsolidationExport) => r.appendices.flatMap((a) => a.rows.flatMap((row) => row.cells));

describe('consolidation properties', () => {
  test('(1) the order of schools does not matter', () => {
    fc.assert(
      fc.property(municipality, fc.array(fc.double({ noNaN: true }), { minLength: REGISTRY.length, maxLength: REGISTRY.length }), (outcomes, keys) => {
        const [a, b] = [orderFree(run(shuffle(outcomes, keys))), orderFree(run(outcomes))];
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(a).toEqual(b);
      }),
      { numRuns: 30 },
    );
  });

  test('(2) every ratio cell is round1(100·Σnumerators/Σdenominators) over the accepted schools', () => {
    const sum = (values: Record<string, Value>, ids: string[] | undefined): number =>
      (ids ?? []).reduce((s, id) => s + (typeof values[id] === 'number' ? (values[id] as number) : 0), 0);
    fc.assert(
      fc.property(municipality, (outcomes) => {
        const r = run(outcomes);
        const accepted = outcomes.filter((o) => o.status === 'accepted').map((o) => o.submission?.values ?? {});
        const shares = kalar.cells.filter((c) => c.aggregate === 'ratio' || c.aggregate === 'countRatio');
        const expected = shares.map((cell) => {
          const num = accepted.reduce((s, v) => s + sum(v, cell.inputs.numerator), 0);
          const den = accepted.reduce((s, v) => s + sum(v, cell.inputs.denominator), 0);
          return [cell.key, den > 0 ? round1((100 * num) / den) : null];
        });
        const got = new Map(allCells(r).map((c) => [c.key, c.value]));
        expect(shares.map((cell) => [cell.key, got.get(cell.key)])).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  test('(3) a school with no students changes no share over students', () => {
    const zeroSchool = school('nosh2');
    fc.assert(
      fc.property(municipality, fc.array(fc.boolean(), { minLength: 1 }), fc.array(fc.nat({ max: 50 }), { minLength: 1 }), (outcomes, flags, events) => {
        const others = outcomes.filter((o) => o.school.id !== zeroSchool.id);
        const zero = zeroStudentValues(flags, events);
        const shares = (r: ConsolidationExport) =>
          allCells(r)
            .filter((c) => c.aggregate === 'ratio' || c.aggregate === 'countRatio')
            .map((c) => [c.key, c.value, c.count]);
        expect(shares(run([...others, outcome(zeroSchool, zero)]))).toEqual(shares(run(others)));
      }),
      { numRuns: 25 },
    );
  });

  test('(3a) that zero-student school is itself a valid file', () => {
    const s = school('nosh2');
    const grid = renderSchoolGrid(layoutFor(s), zeroStudentValues([true, false], [3, 0, 7]));
    expect(errorsOf(check(grid, { expected: s.id }).messages)).toEqual([]);
  });

  test('(6) consolidate never throws on arbitrary accepted value maps', () => {
    const ids = kalar.inputs.map((i) => i.id);
    const anyValue: fc.Arbitrary<Value> = fc.oneof(
      fc.integer({ min: -5, max: 2000 }),
      fc.double(),
      fc.boolean(),
      fc.string({ maxLength: 5 }),
      fc.constant(null),
    );
    const school = fc
      .array(anyValue, { minLength: ids.length, maxLength: ids.length })
      .map((vs) => Object.fromEntries(ids.map((id, i) => [id, vs[i] ?? null])));
    fc.assert(
      fc.property(fc.array(school, { minLength: 0, maxLength: 6 }), (maps) => {
        const outcomes = maps.map((values, i) => outcome(REGISTRY[i] as School, values));
        expect(() => run(outcomes)).not.toThrow();
      }),
      { numRuns: 40 },
    );
  });

  test('(6a) with whole, non-negative counts the result always fits the export contract', () => {
    const ids = kalar.inputs.map((i) => i.id);
    const value: fc.Arbitrary<Value> = fc.oneof(fc.nat({ max: MAX_PLAUSIBLE }), fc.boolean(), fc.constant(null));
    const school = fc.array(value, { minLength: ids.length, maxLength: ids.length }).map((vs) => Object.fromEntries(ids.map((id, i) => [id, vs[i] ?? null])));
    fc.assert(
      fc.property(fc.array(school, { maxLength: 5 }), (maps) => {
        const r = run(maps.map((values, i) => outcome(REGISTRY[i] as School, values)));
        expect(ConsolidationExportSchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

describe('parse(render(values)) round-trips', () => {
  test('(4) demo values of any seed and school type come back unchanged, without messages', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...REGISTRY), (seed, s) => {
        const f = filled(s, seed);
        const sub = parse(f.grid, s.id);
        expect(sub.messages).toEqual([]);
        const of = (values: Record<string, Value>) => kalar.inputs.map((i) => [i.id, values[i.id] ?? null]);
        expect(of(sub.values)).toEqual(of(f.values));
      }),
      RUNS,
    );
  });

  test('(4a) arbitrary counts, flags and links come back unchanged', () => {
    const typed = kalar.inputs.filter((i) => !i.derived);
    const valueFor = (kind: string): fc.Arbitrary<Value> =>
      kind === 'flag'
        ? fc.option(fc.boolean(), { nil: null })
        : kind === 'url'
          ? fc.option(fc.webUrl({ validSchemes: ['http', 'https'] }), { nil: null })
          : fc.option(fc.nat({ max: MAX_PLAUSIBLE }), { nil: null });
    fc.assert(
      fc.property(fc.tuple(...typed.map((i) => valueFor(i.kind))), (vs) => {
        const values = Object.fromEntries(typed.map((input, i) => [input.id, vs[i] ?? null]));
        const sub = parse(renderSchoolGrid(layoutFor(school('sosh1')), values));
        expect(sub.messages).toEqual([]);
        expect(typed.map((i) => [i.id, sub.values[i.id]])).toEqual(typed.map((i) => [i.id, values[i.id]]));
      }),
      RUNS,
    );
  });

  test('BUG: demoValues satisfies the catalog’s sum checks (A5-pdn/A5-school fail for some seeds, e.g. 81 and 134)', () => {
    const broken: string[] = [];
    for (let seed = 0; seed < 200; seed += 1) {
      for (const type of ['НОШ', 'ООШ', 'СОШ'] as const) {
        const v = demoValues(kalar, REGISTRY.find((s) => s.type === type) as School, REGISTRY.length, seed);
        for (const c of kalar.checks.filter((x) => x.type !== 'implies')) {
          const sum = c.parts.reduce((s, p) => s + (typeof v[p] === 'number' ? (v[p] as number) : 0), 0);
          const total = typeof v[c.total] === 'number' ? (v[c.total] as number) : 0;
          if (c.type === 'sumLe' ? sum > total : sum !== total) broken.push(`${seed}/${type}/${c.id}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('fuzz: parsing never throws', () => {
  /** fc.anything() minus objects that cannot be turned into a string at all (see the failing test below). */
  const cellValue = fc.oneof(
    fc.anything({ key: fc.string().filter((k) => !['toString', 'valueOf', '__proto__'].includes(k)), withDate: true }),
    fc.constantFrom('да', 'нет', '#REF!', '12 чел.', '', ' ', 'https://x.ru', ...kalar.inputs.slice(0, 40).map((i) => i.id)),
    fc.double(),
  );
  const sheetName = fc.oneof(fc.constantFrom(...layoutFor(school('sosh1')).workbook.sheets.map((s) => s.name)), fc.string({ maxLength: 12 }));
  const randomGrid: fc.Arbitrary<WorkbookGrid> = fc.record({
    sheets: fc.array(fc.record({ name: sheetName, values: fc.array(fc.array(cellValue, { maxLength: 8 }), { maxLength: 30 }) }), { maxLength: 6 }),
  });
  const base = filled(school('sosh1'), 3).grid;
  const edit = fc.record({
    sheet: fc.nat(),
    row: fc.nat({ max: 120 }),
    col: fc.nat({ max: 8 }),
    value: cellValue,
    op: fc.constantFrom('set', 'set', 'insert', 'delete', 'rename'),
  });
  const damaged: fc.Arbitrary<WorkbookGrid> = fc.array(edit, { maxLength: 25 }).map((edits) => {
    const grid = cloneGrid(base);
    for (const e of edits) {
      const sheet = grid.sheets[e.sheet % grid.sheets.length];
      if (!sheet) continue;
      if (e.op === 'rename') sheet.name = String(e.row);
      else if (e.op === 'insert') sheet.values.splice(e.row, 0, [e.value]);
      else if (e.op === 'delete') sheet.values.splice(e.row, 1);
      else {
        while (sheet.values.length <= e.row) sheet.values.push([]);
        (sheet.values[e.row] as unknown[])[e.col] = e.value;
      }
    }
    return grid;
  });

  const located = (messages: Message[]): Message[] => messages.filter((m) => m.inputId !== null && (m.cell === null || m.sheet === null));

  test.each([
    ['random grids', randomGrid],
    ['damaged valid files', damaged],
  ] as const)('(5) %s: parseSubmission and validateSubmission never throw; every message about a field has a sheet and a cell', (_name, grids) => {
    fc.assert(
      fc.property(grids, fc.option(fc.constantFrom(...REGISTRY.map((s) => s.id)), { nil: null }), (grid, expected) => {
        const sub = parse(grid, expected);
        const more = validateSubmission(sub, kalar, { A3_C3: 10, P_NOO: 'x', P_OOO: 200 });
        expect(located([...sub.messages, ...more])).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  test('BUG: a cell holding an object with no string form (null prototype, non-callable toString) does not crash the parser', () => {
    for (const raw of [Object.create(null) as unknown, { toString: 1 }]) {
      for (const [sheet, row, col] of [
        ['Служебный', 1, 0],
        ['Приложение 3', 4, 6],
        ['Приложение 3', 4, 3],
      ] as const) {
        const grid = cloneGrid(base);
        ((grid.sheets.find((s) => s.name === sheet)?.values[row] ?? []) as unknown[])[col] = raw;
        expect(() => parse(grid)).not.toThrow();
      }
    }
  });
});
