/** The management cycle across years (issue 16): history over five years, typed earlier years, effect of measures, four components. */
import type { ConsolidationExport, ResultCell } from '../../../src/core/export/contract';
import { consolidate } from '../../../src/core/consolidate/consolidate';
import { dynamicsOf, historyBefore, trendOf, yearOf } from '../../../src/core/history/history';
import { previousYearsSheet, readPreviousYears } from '../../../src/core/history/previous-years';
import { componentRows } from '../../../src/core/register/components';
import { applyCarried, carriedRows, measureEffects } from '../../../src/core/register/effect';
import { REGISTER_COLUMNS, type RegisterRow, mergeRegister } from '../../../src/core/register/register';
import { valueGrid } from '../../../src/gas/render/sheet-renderer';
import { REGISTRY, campaign, catalog, demoOutcomes } from '../builders';

const CAT = catalog();
const CELL = CAT.cells.find((c) => c.aggregate === 'ratio' && c.polarity === 'higher' && c.target?.op === '>=') as (typeof CAT.cells)[number];
const resultOf = (year: number, seed: number): ConsolidationExport =>
  consolidate({ catalog: CAT, campaign: campaign({ year }), outcomes: demoOutcomes(REGISTRY.length, seed), previous: null });
const withValue = (r: ConsolidationExport, key: string, value: number | null): ConsolidationExport => ({
  ...r,
  appendices: r.appendices.map((a) => ({
    ...a,
    rows: a.rows.map((row) => ({
      ...row,
      cells: row.cells.map((c): ResultCell => (c.key === key ? { ...c, value, achieved: value !== null && value >= 100 } : c)),
    })),
  })),
});
const blank = (): RegisterRow => Object.fromEntries(REGISTER_COLUMNS.map((c) => [c.field, ''])) as RegisterRow;

test('history: last year, its own history and typed years, stored results first, at most four earlier years', () => {
  const prev = { ...resultOf(2025, 2), history: [yearOf(resultOf(2022, 5)), yearOf(resultOf(2023, 4)), yearOf(resultOf(2024, 3))] };
  const typed = [{ year: 2021, catalogId: 'kalar', source: 'typed' as const, values: { [CELL.key]: 12 } }];
  const h = historyBefore(2026, prev, typed);
  expect(h.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
  expect(historyBefore(2026, null, typed).map((y) => y.year)).toEqual([2021]);
  expect(trendOf([10, 20, 30], 'higher')).toBe('▲ улучшение, устойчиво');
  expect(trendOf([30, null, 20], 'higher')).toBe('▼ ухудшение');
  expect(trendOf([30, 20], 'lower')).toBe('▼ улучшение');
  expect(trendOf([null, 20], 'higher')).toBe('недостаточно данных');
});

test('dynamics match indicators by key: a gone indicator is named, a new one marked, never compared', () => {
  const now = { ...resultOf(2026, 1), history: [{ year: 2025, catalogId: 'old', source: 'result' as const, values: { [CELL.key]: 40, 'A99.R1.C1': 5 } }] };
  const d = dynamicsOf(now);
  expect(d.years).toEqual([2025, 2026]);
  expect(d.gone).toEqual([{ key: 'A99.R1.C1', years: [2025] }]);
  expect(d.lines.find((l) => l.key === CELL.key)?.isNew).toBe(false);
  expect(d.lines.filter((l) => l.isNew).length).toBe(d.lines.length - 1);
});

test('«Прошлые годы»: the blank reads back what is typed; a bad value names the sheet, the cell and the indicator', () => {
  const sheet = previousYearsSheet(CAT, 2026);
  const values = valueGrid(sheet) as unknown[][];
  const at = sheet.cells.find((c) => c.col === 1 && c.value === CELL.key)?.row as number;
  const row = values[at - 1] as unknown[];
  row[6] = '54,6'; // 2025
  row[5] = 'много'; // 2024
  row[3] = 120; // 2022, a share above 100
  const read = readPreviousYears(CAT, values, 2026);
  expect(read.years).toEqual([{ year: 2025, catalogId: 'kalar', source: 'typed', values: { [CELL.key]: 54.6 } }]);
  expect(read.problems).toHaveLength(2);
  expect(read.problems[0]).toMatch(new RegExp(`^Лист «Прошлые годы», ячейка D${at} \\(«.+»\\): доля в процентах не больше 100$`));
  expect(read.problems[1]).toMatch(new RegExp(`^Лист «Прошлые годы», ячейка F${at} \\(«.+»\\): нужно число$`));
});

test('effect: municipal measure judged on the watched indicator; a list of fewer than 3 schools is not judged and names no school', () => {
  const then = withValue(resultOf(2025, 2), CELL.key, 40);
  const measure = (patch: Partial<RegisterRow>): RegisterRow => ({
    ...blank(),
    key: `A${CELL.appendix}.${CELL.row}`,
    measure: 'Семинар для заместителей директоров',
    kind: 'семинар',
    document: 'Приказ № 15 от 10.02.2025',
    done: 'да',
    watch: CELL.key,
    ...patch,
  });
  const input = (now: ConsolidationExport, register: RegisterRow[]) => ({
    catalog: CAT,
    campaign: campaign({ year: 2026 }),
    schools: REGISTRY,
    register,
    before: then,
    after: now,
    thenValues: {},
    nowValues: {},
  });
  const better = measureEffects(input(withValue(resultOf(2026, 1), CELL.key, 50), [measure({})]));
  expect(better.map((e) => [e.key, e.verdict, e.reason])).toEqual([[`2025/A${CELL.appendix}.${CELL.row}`, 'эффективна', '1 из 1 показателей']]);
  expect(better[0]?.lines[0]).toMatchObject({ document: 'Приказ № 15 от 10.02.2025', before: '40', after: '50', verdict: 'эффективна' });
  expect(measureEffects(input(withValue(resultOf(2026, 1), CELL.key, 30), [measure({})]))[0]?.verdict).toBe('без эффекта');
  expect(measureEffects(input(withValue(resultOf(2026, 1), CELL.key, 50), [measure({ done: 'нет' })]))[0]?.verdict).toBe('недостаточно данных');
  const two = REGISTRY.slice(0, 2)
    .map((s) => s.shortName)
    .join('; ');
  const few = measureEffects(input(resultOf(2026, 1), [measure({ schools: two })]))[0];
  expect(few?.verdict).toBe('недостаточно данных');
  expect(JSON.stringify(few?.lines)).not.toContain(REGISTRY[0]?.shortName);
  // the report is public: a school the department named in its measure is not named there
  const named = measureEffects(
    input(resultOf(2026, 1), [measure({ measure: `Выездной семинар в ${REGISTRY[1]?.shortName}`, document: `№ 5 (${REGISTRY[2]?.name})` })]),
  );
  expect(named[0]?.lines[0]).toMatchObject({ measure: 'Выездной семинар в [ОО]', document: '№ 5 ([ОО])' });
});

test('carried measures: the verdict fills «Эффект» unless the department wrote its own; entries survive re-merges; components flag gaps', () => {
  const then = withValue(resultOf(2025, 2), CELL.key, 40);
  const now = withValue(resultOf(2026, 1), CELL.key, 50);
  const key = `A${CELL.appendix}.${CELL.row}`;
  const last: RegisterRow = { ...blank(), key, measure: 'Курсы', kind: 'курсы повышения квалификации', document: '№ 7', done: 'да', watch: CELL.key };
  const effects = measureEffects({
    catalog: CAT,
    campaign: campaign({ year: 2026 }),
    schools: REGISTRY,
    register: [last],
    before: then,
    after: now,
    thenValues: {},
    nowValues: {},
  });
  const carried = carriedRows(effects, 2025, 2026);
  let rows = applyCarried(mergeRegister([], carried, 2026), carried);
  expect(rows[0]?.effect).toBe('оценка свода 2026: эффективна (1 из 1 показателей)');
  rows = rows.map((r) => ({ ...r, responsible: 'Иванова' }));
  for (let i = 0; i < 3; i++) rows = applyCarried(mergeRegister(rows, carried, 2026), carried);
  expect(rows[0]).toMatchObject({ responsible: 'Иванова', document: '№ 7' });
  rows = rows.map((r) => ({ ...r, effect: 'эффект подтверждён проверкой' }));
  rows = applyCarried(mergeRegister(rows, carried, 2026), carried);
  expect(rows[0]?.effect).toBe('эффект подтверждён проверкой');
  const comps = componentRows(CAT, now, rows, effects);
  const mine = comps.find((c) => c.key === key);
  expect(mine?.decisions).toContain('эффект мер прошлого года: эффективна');
  expect(mine?.missing).toContain('Управленческие решения и эффект');
  const decided = componentRows(CAT, now, [...rows, { ...blank(), key, kind: 'приказ', document: '№ 3' }], effects).find((c) => c.key === key);
  expect(decided?.missing).toEqual([]);
});
