/** A formula in an input cell: plain arithmetic is a warning; one that reaches outside is an error whatever its value. */
import { reachesOutside } from '../../src/core/submission/parse';
import { addressOf, catalog, filled, parse, positionOf, sheetOf } from './builders';

test.each([
  ['=12+15', false],
  ['=SUM(D5:D9)', false],
  ['=WEBSERVICE("https://example.ru/n")', true],
  ['=HYPERLINK("javascript:alert(1)";"12")', true],
  ['=IMPORTRANGE("id";"A1")', true],
  ['=importxml("https://x";"//a")', true],
  ["='C:\\\\Школа\\\\[план.xlsx]Лист1'!A1", true],
  ['=[1]Лист1!A1', true],
  ['=INDIRECT("A1")', true],
])('%s reaches outside: %s', (formula, outside) => {
  expect(reachesOutside(formula)).toBe(outside);
});

test('the error keeps the value out and names the cell; arithmetic stays a warning', () => {
  const f = filled();
  const input = catalog().inputs.find((i) => i.kind === 'count' && !i.derived && !i.id.startsWith('P_'));
  if (!input) throw new Error('no input');
  const pos = positionOf(input.id);
  const sheet = sheetOf(f.grid, pos.sheet);
  sheet.formulas = sheet.values.map((r) => r.map(() => null));
  const row = sheet.formulas[pos.row - 1];
  if (!row) throw new Error('no row');
  row[pos.col - 1] = '=WEBSERVICE("https://example.ru/n")';
  const sub = parse(f.grid);
  const m = sub.messages.find((x) => x.code === 'formula-outside');
  expect(m?.severity).toBe('error');
  expect(m?.cell).toBe(addressOf(input.id));
  expect(sub.values[input.id]).toBeNull();
  row[pos.col - 1] = '=12+15';
  expect(parse(f.grid).messages.find((x) => x.inputId === input.id)?.code).toBe('formula-input');
});
