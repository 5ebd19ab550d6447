import { CATALOG_SOURCES, getCatalog } from '../../src/core/catalog';
import { expandCatalog } from '../../src/core/catalog/expand';
import { INPUT_ID_PATTERN } from '../../src/core/catalog/schema';
import type { Polarity } from '../../src/core/catalog/schema';
import { parseTarget } from '../../src/core/catalog/targets';
import type { Aggregate, Catalog, Target } from '../../src/core/catalog/types';
import { catalog } from './builders';

const kalar = catalog('kalar');
const CYRILLIC = /[А-Яа-яЁё]/;

/** The input ids a cell refers to, whatever their role. */
const refsOf = (c: Catalog['cells'][number]): string[] => {
  const i = c.inputs;
  return [...(i.numerator ?? []), ...(i.denominator ?? []), ...(i.sum ?? []), ...(i.second ?? []), ...(i.flag ? [i.flag] : []), ...(i.aux ? [i.aux] : [])];
};

describe('kalar catalog expansion', () => {
  test('has 11 appendices and 192 cells, split as in tables 4.1–4.11', () => {
    expect(kalar.appendices.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(kalar.cells).toHaveLength(192);
    const perAppendix = kalar.appendices.map((a) => kalar.cells.filter((c) => c.appendix === a.number).length);
    expect(perAppendix).toEqual([28, 96, 7, 4, 13, 12, 8, 4, 3, 12, 5]);
    expect(new Set(kalar.cells.map((c) => c.key)).size).toBe(192);
  });

  test('input ids are unique, match INPUT_ID_PATTERN and never look like A1 or R1C1 references', () => {
    const ids = kalar.inputs.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(INPUT_ID_PATTERN);
      expect(id).not.toMatch(/^[A-Z]{1,3}\d+$/);
      expect(id).not.toMatch(/^R\d*C\d*$/);
    }
  });

  test('every cell refers only to inputs that exist, and every whole/derived/applicableIf reference exists', () => {
    const ids = new Set(kalar.inputs.map((i) => i.id));
    for (const cell of kalar.cells)
      for (const ref of refsOf(cell)) expect({ cell: cell.key, ref, exists: ids.has(ref) }).toEqual({ cell: cell.key, ref, exists: true });
    for (const input of kalar.inputs) {
      for (const ref of [input.whole, input.applicableIf, ...(input.derived ?? [])]) if (ref) expect(ids.has(ref)).toBe(true);
    }
  });

  test.each<[Aggregate, (c: Catalog['cells'][number]) => boolean]>([
    ['ratio', (c) => (c.inputs.numerator?.length ?? 0) > 0 && (c.inputs.denominator?.length ?? 0) > 0],
    ['countRatio', (c) => (c.inputs.numerator?.length ?? 0) > 0 && (c.inputs.denominator?.length ?? 0) > 0 && (c.inputs.sum?.length ?? 0) > 0],
    ['schoolShare', (c) => typeof c.inputs.flag === 'string'],
    ['schoolCount', (c) => typeof c.inputs.flag === 'string'],
    ['sum', (c) => (c.inputs.sum?.length ?? 0) > 0],
    ['countPair', (c) => (c.inputs.sum?.length ?? 0) > 0 && (c.inputs.second?.length ?? 0) > 0],
  ])('%s cells have the inputs their aggregate needs', (aggregate, ok) => {
    const cells = kalar.cells.filter((c) => c.aggregate === aggregate);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => !ok(c)).map((c) => c.key)).toEqual([]);
  });

  test('flags of schoolShare cells are flag inputs; numerators are counts', () => {
    const kind = (id: string | undefined): string | undefined => kalar.inputs.find((i) => i.id === id)?.kind;
    for (const c of kalar.cells) {
      if (c.inputs.flag) expect(kind(c.inputs.flag)).toBe('flag');
      for (const n of c.inputs.numerator ?? []) expect(kind(n)).toBe('count');
    }
  });

  test('exactly the D9 cells are quarantined: no target, a note', () => {
    const quarantined = kalar.cells
      .filter((c) => c.quarantine !== null)
      .map((c) => c.key)
      .sort();
    const rows = (app: number, n: number, col: string): string[] => Array.from({ length: n }, (_, i) => `A${app}.R${i + 1}.${col}`);
    const expected = [...rows(1, 4, 'C4'), 'A2.R2.C1', ...rows(2, 8, 'C5'), ...rows(2, 8, 'C7'), 'A5.R1.C2.SOO', 'A6.R1.C2.SOO', 'A10.R1.C4'].sort();
    expect(quarantined).toEqual(expected);
    for (const key of expected) {
      const cell = kalar.cells.find((c) => c.key === key);
      expect(cell?.target).toBeNull();
      expect(cell?.quarantine).toMatch(/^D9: /);
      expect(cell?.source).not.toBe('');
    }
  });

  test('every cell that is neither context nor quarantined has a parsed target', () => {
    const missing = kalar.cells.filter((c) => c.polarity !== 'context' && c.quarantine === null && c.target === null);
    expect(missing.map((c) => c.key)).toEqual([]);
  });

  test('polarity: lower only for A5.C1 and A5.C3; context for A5.C2.*, A6.C1, A6.C2.*', () => {
    const by = (p: Polarity): string[] =>
      kalar.cells
        .filter((c) => c.polarity === p)
        .map((c) => c.key)
        .sort();
    expect(by('lower')).toEqual(['A5.R1.C1', 'A5.R1.C3']);
    expect(by('context')).toEqual(['A5.R1.C2.NOO', 'A5.R1.C2.OOO', 'A5.R1.C2.SOO', 'A6.R1.C1', 'A6.R1.C2.NOO', 'A6.R1.C2.OOO', 'A6.R1.C2.SOO'].sort());
    for (const c of kalar.cells.filter((x) => x.polarity === 'context')) expect(c.target).toBeNull();
  });

  test.each<[string, Target]>([
    ['A5.R1.C1', { op: '<=', on: 'count', value: 9, second: null }],
    ['A5.R1.C3', { op: '<=', on: 'percent', value: 1.7, second: null }],
    ['A5.R1.C4', { op: '>=', on: 'count', value: 5, second: null }],
    ['A5.R1.C5.OTHER', { op: '>=', on: 'value', value: 45, second: null }],
    ['A5.R1.C9', { op: '>=', on: 'percent', value: 100, second: null }],
    ['A6.R1.C3', { op: '>=', on: 'both', value: 29, second: 59 }],
    ['A9.R1.C2', { op: '>=', on: 'percent', value: 100, second: null }],
    ['A10.R1.C5.SPORT', { op: '>=', on: 'first', value: 150, second: null }],
    ['A2.R1.C4.FED', { op: '>=', on: 'value', value: 54.6, second: null }],
  ])('%s has target %o', (key, target) => {
    expect(kalar.cells.find((c) => c.key === key)?.target).toEqual(target);
  });

  test('school-scope columns share one input across rows (D10) and add one evidence link per group', () => {
    const c3 = kalar.cells.filter((c) => c.appendix === 1 && c.column === 'C3');
    expect(c3).toHaveLength(4);
    expect(new Set(c3.map((c) => c.inputs.numerator?.[0]))).toEqual(new Set(['A1_C3']));
    const groups = new Set(kalar.inputs.filter((i) => i.sheet === 1).map((i) => i.group));
    expect(groups).toEqual(new Set(['R1', 'R2', 'R3', 'R4', 'school']));
    for (const g of groups) expect(kalar.inputs.filter((i) => i.sheet === 1 && i.group === g && i.kind === 'url')).toHaveLength(1);
  });
});

describe('parseTarget', () => {
  type Pair = Parameters<typeof parseTarget>[3];
  test.each<[string, Polarity, Aggregate, Pair, Target | null]>([
    ['Не < 5', 'higher', 'countRatio', { targetOn: 'count', percentIsContext: true }, { op: '>=', on: 'count', value: 5, second: null }],
    ['Не < 5', 'higher', 'sum', {}, { op: '>=', on: 'value', value: 5, second: null }],
    ['Не <45', 'higher', 'sum', {}, { op: '>=', on: 'value', value: 45, second: null }],
    ['Не < 1 500', 'higher', 'sum', {}, { op: '>=', on: 'value', value: 1500, second: null }],
    ['44/10,3', 'higher', 'countRatio', { targetOn: 'percent' }, { op: '>=', on: 'percent', value: 10.3, second: null }],
    ['44/10,3', 'context', 'countRatio', { targetOn: 'percent' }, null],
    ['100 (при наличии таких детей)', 'higher', 'countRatio', { targetOn: 'percent' }, { op: '>=', on: 'percent', value: 100, second: null }],
    ['19/1,7', 'lower', 'countRatio', { targetOn: 'percent' }, { op: '<=', on: 'percent', value: 1.7, second: null }],
    ['71/100', 'higher', 'countRatio', { targetOn: 'percent' }, { op: '>=', on: 'percent', value: 100, second: null }],
    ['67/118', 'higher', 'countPair', { compare: 'both' }, { op: '>=', on: 'both', value: 67, second: 118 }],
    ['150/20', 'higher', 'countPair', { compare: 'first' }, { op: '>=', on: 'first', value: 150, second: null }],
    ['9', 'lower', 'countRatio', { targetOn: 'count' }, { op: '<=', on: 'count', value: 9, second: null }],
    ['54,6', 'higher', 'ratio', {}, { op: '>=', on: 'value', value: 54.6, second: null }],
    ['  ', 'higher', 'ratio', {}, null],
  ])('«%s» (%s, %s) → %o', (source, polarity, aggregate, pair, expected) => {
    expect(parseTarget(source, polarity, aggregate, pair)).toEqual(expected);
  });

  test.each<[string, Polarity, Aggregate, RegExp]>([
    ['Не < 5', 'lower', 'sum', /где лучше меньше/],
    ['Не < пять', 'higher', 'sum', /не число после/],
    ['44/10,3', 'higher', 'ratio', /пара значений у показателя без пары/],
    ['a/b', 'higher', 'countPair', /ожидалась пара чисел/],
    ['наличие', 'higher', 'schoolShare', /не удалось прочитать/],
  ])('«%s» (%s, %s) is rejected in Russian', (source, polarity, aggregate, message) => {
    expect(() => parseTarget(source, polarity, aggregate, {})).toThrow(message);
  });
});

describe('expandCatalog rejects a bad catalog with a Russian message', () => {
  type Raw = Record<string, unknown> & { profile: Record<string, unknown>[]; appendices: { columns: { targets: unknown[][] }[] }[] };
  const kalarRaw = (): Raw => JSON.parse(JSON.stringify(CATALOG_SOURCES.kalar)) as Raw;
  const rejection = (raw: unknown): string => {
    try {
      expandCatalog(raw);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expandCatalog accepted a bad catalog');
  };

  test('the source itself expands', () => {
    expect(() => expandCatalog(kalarRaw())).not.toThrow();
  });

  /** A copy of the Kalar source changed by `mutate`. */
  const bad = (mutate: (raw: Raw) => unknown): Raw => {
    const raw = kalarRaw();
    mutate(raw);
    return raw;
  };
  const measure = (raw: Raw, app: number, col: number): Record<string, unknown> =>
    ((raw.appendices[app] as unknown as { columns: { measure: Record<string, unknown> }[] }).columns[col] as { measure: Record<string, unknown> }).measure;

  test.each<[string, () => unknown, RegExp[]]>([
    ['missing field', () => bad((raw) => delete raw.title), [/^Каталог показателей не прошёл проверку/, /title/]],
    ['bad input id', () => bad((raw) => ((raw.profile[0] as Record<string, unknown>).id = 'p-noo')), [/profile\.0\.id/, /заглавные латинские буквы/]],
    ['not a catalog at all', () => 'kalar', [/^Каталог показателей не прошёл проверку/]],
    [
      'wrong number of target rows',
      () => bad((raw) => raw.appendices[0]?.columns[0]?.targets.pop()),
      [/^Каталог «kalar» противоречив/, /Приложение 1, C1: целевых строк 3, а строк таблицы 4/],
    ],
    ['wrong number of part targets', () => bad((raw) => raw.appendices[0]?.columns[1]?.targets[0]?.pop()), [/R1\.C2: значений 2, а подграф 3/]],
    ['reference to an unknown input (whole)', () => bad((raw) => ((raw.profile[5] as Record<string, unknown>).whole = 'P_NONE')), [/P_CLT: нет поля «P_NONE»/]],
    ['reference to an unknown input (denominator)', () => bad((raw) => (measure(raw, 2, 3).denominator = 'P_GHOST')), [/нет поля «P_GHOST»/]],
    [
      'unreadable reference value',
      () => bad((raw) => ((raw.appendices[2]?.columns[0]?.targets[0] as unknown[])[0] = 'четыре')),
      [/A3\.R1\.C1: «четыре»: не удалось прочитать/],
    ],
  ])('%s', (_name, make, patterns) => {
    const text = rejection(make());
    expect(text).toMatch(CYRILLIC);
    for (const p of patterns) expect(text).toMatch(p);
  });

  test('the checks must name existing inputs', () => {
    const raw = kalarRaw();
    (raw.checks as { total: string }[])[0] = { ...(raw.checks as { total: string }[])[0], total: 'A6_C9_CHI' } as { total: string };
    expect(rejection(raw)).toMatch(/проверка A6-levels: нет поля «A6_C9_CHI»/);
  });
});

describe('optional catalogs', () => {
  test.each(['tomarinsky', 'mosalsky'])('%s expands with unique, well-formed input ids and existing references', (id) => {
    const cat = getCatalog(id);
    expect(cat.id).toBe(id);
    expect(cat.cells.length).toBeGreaterThan(0);
    const ids = cat.inputs.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const x of ids) expect(x).toMatch(INPUT_ID_PATTERN);
    const known = new Set(ids);
    for (const cell of cat.cells) for (const ref of refsOf(cell)) expect(known.has(ref)).toBe(true);
  });

  test('an unknown catalog id is refused in Russian, naming the available ones', () => {
    expect(() => getCatalog('nope')).toThrow(/Каталог «nope» не найден\. Доступны: kalar, tomarinsky, mosalsky/);
  });
});
