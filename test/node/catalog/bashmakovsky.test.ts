/**
 * A municipality the project has never seen, from a workbook alone (issue 15 §5): examples/catalog-bashmakovsky.xlsx,
 * written by scripts/catalog-bashmakovsky.mjs, reads back as its source; then the whole offline cycle through the built
 * CLI on it — init --catalog <file>, generate, the schools fill their files (openpyxl), validate, consolidate (every
 * cell against the independent computation), recommend.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expandCatalog } from '../../../src/core/catalog/expand';
import { CatalogSourceSchema } from '../../../src/core/catalog/schema';
import { demoValues } from '../../../src/core/demo/values';
import { ConsolidationExportSchema } from '../../../src/core/export/contract';
import { readCatalogWorkbook } from '../../../src/node/catalog/workbook-file';
import type { ValidationSummary } from '../../../src/node/commands/validate';
import { bashmakovskyCatalog } from '../../fixtures/bashmakovsky/catalog-source';
import { readDocx } from '../../helpers/docx-reader';
import { type CellInput, OPENPYXL, ROOT, fillByNames, formValues, msoko, msokoJson, school, tempDir, withTools, writeRegistry } from '../cli/helpers';
import { expectedCell } from '../cli/oracle';

const EXAMPLE = path.join(ROOT, 'examples', 'catalog-bashmakovsky.xlsx');
const catalog = expandCatalog(bashmakovskyCatalog);
const SCHOOLS = [school('sosh-1', 'СОШ', 'СОШ № 1 р.п. Башмаково'), school('oosh-2', 'ООШ', 'ООШ с. Знаменское'), school('nosh-3', 'НОШ', 'НОШ с. Соседка')];

test('the example workbook is the fixture source, read through the hardened reader (rerun scripts/catalog-bashmakovsky.mjs after editing it)', async () => {
  expect(await readCatalogWorkbook(EXAMPLE)).toStrictEqual(CatalogSourceSchema.parse(bashmakovskyCatalog));
  expect(new Set(catalog.appendices.flatMap((a) => bashmakovskyCatalog.appendices.find((x) => x.number === a.number)?.columns.map((c) => c.group)))).toEqual(
    new Set([
      'показатели по реализации программ, направленных на воспитание и социализацию обучающихся',
      'показатели по развитию добровольчества (волонтерства) среди обучающихся',
      'показатели по профилактике безнадзорности и правонарушений несовершеннолетних обучающихся',
      'показатели по подготовке кадров по приоритетным направлениям воспитания и социализации обучающихся',
    ]),
  );
});

withTools([OPENPYXL], 'Башмаковский район: весь офлайн-цикл на каталоге из книги', () => {
  const dir = path.join(tempDir('bashmakovsky'), 'kampania');
  const received = path.join(dir, 'received');
  const out = path.join(dir, 'out');
  const typed = new Map<string, Record<string, CellInput>>();

  test('init --catalog <книга> keeps the campaign’s copy; catalog DIR --json prints it with rules', () => {
    const r = msoko(['init', dir, '--year', '2026', '--municipality', 'Башмаковский район', '--catalog', EXAMPLE]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(path.join(dir, 'campaign.json'), 'utf8'))).toMatchObject({ catalogId: 'bashmakovsky' });
    const printed = msokoJson<{ catalog: { id: string; version: string }; rules: { id: string; type: string }[] }>(['catalog', dir, '--json']);
    expect(printed.code).toBe(0);
    expect(printed.json.catalog).toMatchObject({ id: 'bashmakovsky', version: expect.stringMatching(/^2026\.1 #[0-9a-f]{8}$/) });
    expect(printed.json.rules).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'A3-sum', type: 'sumLe' })]));
  });

  test('generate, the schools fill and send back, validate accepts all three', () => {
    writeRegistry(dir, SCHOOLS);
    const g = msoko(['generate', dir]);
    expect([g.code, g.stderr]).toEqual([0, '']);
    mkdirSync(received, { recursive: true });
    SCHOOLS.forEach((s, i) => {
      const values = formValues(catalog, demoValues(catalog, s, SCHOOLS.length, 4900 + i));
      typed.set(s.id, values);
      const filled = fillByNames(path.join(dir, 'schools', `${s.id}.xlsx`), path.join(received, `${s.id}.xlsx`), values);
      expect(filled.missing).toEqual([]);
    });
    const { code, json } = msokoJson<ValidationSummary>(['validate', dir, '--json']);
    expect(json.schools.map((s) => [s.id, s.errors])).toEqual(SCHOOLS.map((s) => [s.id, 0]));
    expect(code).toBe(0);
  });

  test('consolidate: every cell equals the independent computation', () => {
    const r = msoko(['consolidate', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(out, 'appendices.json'), 'utf8')));
    expect(result.catalog.id).toBe('bashmakovsky');
    const cells = result.appendices.flatMap((a) => a.rows.flatMap((row) => row.cells));
    expect(cells.length).toBe(catalog.cells.length);
    const forms = SCHOOLS.map((s) => typed.get(s.id) ?? {});
    const wrong = catalog.cells.flatMap((cell) => {
      const got = cells.find((c) => c.key === cell.key);
      const want = expectedCell(catalog, cell, forms);
      const seen = got ? { value: got.value, count: got.count, second: got.second, n: got.n } : null;
      return JSON.stringify(seen) === JSON.stringify(want) ? [] : [{ key: cell.key, got: seen, want }];
    });
    expect(wrong).toEqual([]);
    expect(cells.filter((c) => c.achieved !== null).length).toBeGreaterThan(3);
  });

  test('recommend writes the school recommendations and the report', () => {
    const r = msoko(['recommend', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    for (const s of SCHOOLS) expect(existsSync(path.join(out, 'recommendations', `${s.id}.docx`))).toBe(true);
    expect(existsSync(path.join(out, 'report.docx'))).toBe(true);
    // no Kalar direction text by table number: «Таблица 1» here is not Kalar's Appendix 1 (family upbringing)
    const docs = readDocx([...SCHOOLS.map((s) => path.join(out, 'recommendations', `${s.id}.docx`)), path.join(out, 'report.docx')]);
    const text = Object.values(docs)
      .map((d) => JSON.stringify(d))
      .join('\n');
    expect(text).not.toContain('семейного воспитания');
    expect(text).toContain('Проанализировать причины и включить в план воспитательной работы меры по показателю');
  });
});
