/**
 * Excel's limits held while reading (src/node/xlsx/read/sheet-limits.ts): a reference beyond the sheet is a placed
 * error and allocates nothing, a text over 32,767 characters is an error at its cell and is not kept, and the merge
 * check stays near-linear.
 */
import { getCatalog } from '../../../src/core/catalog';
import { parseSubmission } from '../../../src/core/submission/parse';
import { leanReadWorkbook } from '../../../src/node/xlsx/read/package-reader';
import { minimalParts, sheetXml } from '../hostile/parts';
import { buildZip } from '../hostile/zip-build';

const book = (sheet: string): Buffer => buildZip(Object.entries(minimalParts(sheet)).map(([name, data]) => ({ name, data })));
type Grid = { sheets: { values: unknown[][] }[]; problems?: { sheet: string; cell: string | null; text: string }[] };
const read = (sheet: string): Grid => {
  const got = leanReadWorkbook(book(sheet));
  if (!('grid' in got)) throw new Error(JSON.stringify(got));
  return got.grid as Grid;
};
const filled = (values: unknown[][]): number => values.reduce((n: number, row) => n + (row ? Object.keys(row).length : 0), 0);

test.each([
  ['a row at 10,000,000,000', '<row r="10000000000"><c r="A10000000000"><v>1</v></c></row>'],
  ['a row at 100,000,000', '<row r="100000000"><c r="B100000000"><v>1</v></c></row>'],
  ['a column beyond XFD', '<row r="2"><c r="XFE2"><v>1</v></c></row>'],
  ['a column of four letters', '<row r="2"><c r="AAAA2"><v>1</v></c></row>'],
])('%s is a placed error, not an allocation', (_name, row) => {
  const started = Date.now();
  const grid = read(sheetXml(`<row r="1"><c r="A1"><v>7</v></c></row>${row}`));
  expect(Date.now() - started).toBeLessThan(1000);
  expect(grid.sheets[0]?.values).toEqual([[7]]);
  expect(grid.problems).toEqual([{ sheet: 'Лист1', cell: null, text: expect.stringMatching(/^ячейка «.+» — за пределами листа Excel/) }]);
});

test('a cell on the last row is read, and the rows in between are holes', () => {
  const grid = read(sheetXml('<row r="1"><c r="A1"><v>7</v></c></row><row r="1048576"><c r="XFD1048576"><v>8</v></c></row>'));
  const values = grid.sheets[0]?.values ?? [];
  expect(values.length).toBe(1_048_576);
  expect(filled(values)).toBe(2);
  expect(values[1_048_575]?.[16_383]).toBe(8);
  expect(grid.problems).toBeUndefined();
});

test('a text over 32,767 characters is an error at its cell, quoted in at most 100 characters, and not kept', () => {
  const long = `a\tb\n${'Щ'.repeat(40_000)}`;
  const grid = read(sheetXml(`<row r="3"><c r="D3" t="inlineStr"><is><t>${long}</t></is></c><c r="E3"><v>5</v></c></row>`));
  expect(grid.sheets[0]?.values[2]).toEqual(['', '', '', '', 5]);
  expect(grid.problems).toHaveLength(1);
  const problem = grid.problems?.[0];
  expect(problem?.cell).toBe('D3');
  const quote = /«(.*)»/.exec(problem?.text ?? '')?.[1] ?? '';
  expect(quote.length).toBeLessThanOrEqual(100);
  expect(quote).not.toMatch(/[\t\n]/);
});

test('240,000 merges (57 s of CPU before) are checked in linear time', () => {
  const merges = Array.from({ length: 240_000 }, (_, i) => `<mergeCell ref="A${2 * i + 1}:B${2 * i + 1}"/>`).join('');
  const started = Date.now();
  const grid = read(sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>', `<mergeCells>${merges}</mergeCells>`));
  expect(Date.now() - started).toBeLessThan(5000);
  expect(grid.sheets[0]?.values).toEqual([[1]]);
});

test('a merge over the whole sheet is refused as a placed error, not walked cell by cell', () => {
  const grid = read(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>'));
  expect(grid.problems?.[0]?.text).toMatch(/объединённые ячейки/);
});

test('the core turns each placed problem into an error of the file', () => {
  const catalog = getCatalog('kalar');
  const sub = parseSubmission(
    { sheets: [{ name: 'Лист1', values: [] }], problems: [{ sheet: 'Лист1', cell: 'D3', text: 'текст длиннее 32 767 знаков' }] },
    { catalog, year: 2026, registry: [], expectedSchoolId: null },
  );
  expect(sub.messages).toContainEqual(expect.objectContaining({ severity: 'error', code: 'sheet-limit', sheet: 'Лист1', cell: 'D3' }));
});
