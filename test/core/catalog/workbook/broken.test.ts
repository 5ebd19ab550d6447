/**
 * Broken catalog workbooks (issue 15 §3): each mutation of the good Kalar workbook is reported in Russian at its sheet,
 * row and column, and a workbook with several problems gets all of them at once.
 */
import { kalarCatalog } from '../../../../src/core/catalog/kalar';
import { catalogWorkbookSpec } from '../../../../src/core/catalog/workbook/layout';
import { parseCatalogWorkbook } from '../../../../src/core/catalog/workbook/parse';
import { formatCatalogProblem } from '../../../../src/core/catalog/workbook/read-table';
import type { WorkbookGrid } from '../../../../src/core/submission/parse';
import { BROKEN, FIELDS, RULES } from './broken-cases';
import { gridOfSpec } from './grid';

const good = (): WorkbookGrid => gridOfSpec(catalogWorkbookSpec(kalarCatalog));

test('the corpus holds at least 15 kinds of broken catalog', () => {
  expect(BROKEN.length).toBeGreaterThanOrEqual(15);
});

test.each(BROKEN.map((c) => [c.name, c] as const))('%s: a placed Russian message', (_name, c) => {
  const grid = good();
  const { at, text } = c.breakIt(grid);
  const result = parseCatalogWorkbook(grid);
  expect('problems' in result).toBe(true);
  const messages = 'problems' in result ? result.problems.map(formatCatalogProblem) : [];
  expect(messages.filter((m) => m.startsWith(at) && m.includes(text))).toHaveLength(1);
  for (const m of messages) expect(m).toMatch(/^Лист «[^»]+»/);
});

test('several problems are reported at once', () => {
  const grid = good();
  const expected = [BROKEN[1], BROKEN[9], BROKEN[10], BROKEN[17]].map((c) => c?.breakIt(grid));
  const result = parseCatalogWorkbook(grid);
  const messages = 'problems' in result ? result.problems.map(formatCatalogProblem) : [];
  for (const e of expected) expect(messages.some((m) => m.startsWith(e?.at ?? '?') && m.includes(e?.text ?? '?'))).toBe(true);
});

test('a missing sheet and a missing header are named', () => {
  const grid = good();
  grid.sheets = grid.sheets.filter((s) => s.name !== RULES);
  const fields = grid.sheets.find((s) => s.name === FIELDS);
  if (fields?.values[2]) fields.values[2][3] = 'Вид';
  const result = parseCatalogWorkbook(grid);
  const messages = 'problems' in result ? result.problems.map(formatCatalogProblem) : [];
  expect(messages).toContain(`Лист «${RULES}»: листа нет в книге — верните его (можно пустым, с заголовками)`);
  expect(messages).toContain(`Лист «${FIELDS}», строка 3: в заголовке нет столбцов «Тип» — верните их (заголовки в строке 3)`);
});
