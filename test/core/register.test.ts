/** The register of measures: the department's entries survive every merge; proposals fill only what is empty. */
import { REGISTER_COLUMNS, type RegisterRow, mergeRegister, registerFromValues, registerSheet } from '../../src/core/register/register';
import { valueGrid } from '../../src/gas/render/sheet-renderer';

const blank = (): RegisterRow => Object.fromEntries(REGISTER_COLUMNS.map((c) => [c.field, ''])) as RegisterRow;
const proposal = (key: string, finding: string): RegisterRow => ({
  ...blank(),
  key,
  finding,
  recommendation: `рекомендация ${key}`,
  measure: `мера ${key}`,
  watch: `показатель ${key}`,
  state: 'предложено по итогам 2026 г.',
});

test('entries kept, findings refreshed, gone findings kept only with entries, hand rows kept, new proposals appended', () => {
  const typed: RegisterRow = { ...proposal('A1.R1', 'старый вывод'), kind: 'приказ', document: '№ 12 от 01.02.2026', recommendation: 'своя формулировка' };
  const untouched = proposal('A2.R1', 'вывод 2');
  const goneTyped: RegisterRow = { ...proposal('A3.R1', 'вывод 3'), effect: 'эффективна' };
  const goneEmpty = proposal('A4.R1', 'вывод 4');
  const hand: RegisterRow = { ...blank(), finding: 'наш вывод', kind: 'семинар' };
  const merged = mergeRegister(
    [typed, untouched, goneTyped, goneEmpty, hand],
    [proposal('A1.R1', 'новый вывод'), proposal('A2.R1', 'вывод 2'), proposal('A5.R1', 'вывод 5')],
    2026,
  );
  expect(merged.map((r) => [r.key, r.finding, r.kind, r.document, r.recommendation, r.effect, r.state])).toEqual([
    ['A1.R1', 'новый вывод', 'приказ', '№ 12 от 01.02.2026', 'своя формулировка', '', 'предложено по итогам 2026 г.'],
    ['A2.R1', 'вывод 2', '', '', 'рекомендация A2.R1', '', 'предложено по итогам 2026 г.'],
    ['A3.R1', 'вывод 3', '', '', 'рекомендация A3.R1', 'эффективна', 'вывод снят по итогам 2026 г.'],
    ['', 'наш вывод', 'семинар', '', '', '', 'добавлено отделом'],
    ['A5.R1', 'вывод 5', '', '', 'рекомендация A5.R1', '', 'предложено по итогам 2026 г.'],
  ]);
  // merging again with the same proposals changes nothing
  expect(mergeRegister(merged, [proposal('A1.R1', 'новый вывод'), proposal('A2.R1', 'вывод 2'), proposal('A5.R1', 'вывод 5')], 2026)).toEqual(merged);
});

test('the sheet reads back as written, whatever order the department put the columns in; the key column is hidden', () => {
  const rows = [
    { ...proposal('A1.R1', 'вывод'), document: '=1+1 не формула' },
    { ...blank(), finding: 'строка отдела' },
  ];
  const spec = registerSheet(rows, 2026);
  expect(spec.hiddenColumns).toEqual([REGISTER_COLUMNS.length]);
  const grid = valueGrid(spec).map((r) => r.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v)));
  expect(registerFromValues(grid)).toEqual(rows);
  const reordered = grid.map((r) => [...r].reverse());
  expect(registerFromValues(reordered)).toEqual(rows);
  expect(registerFromValues([['что-то'], ['без заголовка']])).toEqual([]);
});
