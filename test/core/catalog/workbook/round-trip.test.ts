/** The catalog workbook is a second form of the catalog source: source → workbook grid → source, for every built-in catalog. */
import { CATALOG_SOURCES, expandCatalog } from '../../../../src/core/catalog';
import { CatalogSourceSchema } from '../../../../src/core/catalog/schema';
import { catalogWorkbookSpec } from '../../../../src/core/catalog/workbook/layout';
import { parseCatalogWorkbook } from '../../../../src/core/catalog/workbook/parse';
import { formatCatalogProblem } from '../../../../src/core/catalog/workbook/read-table';
import { gridOfSpec } from './grid';

describe.each(Object.keys(CATALOG_SOURCES))('catalog %s', (id) => {
  const source = CatalogSourceSchema.parse(CATALOG_SOURCES[id]);

  test('workbook grid → the same source and the same expanded catalog', () => {
    const result = parseCatalogWorkbook(gridOfSpec(catalogWorkbookSpec(source)));
    if ('problems' in result) throw new Error(result.problems.map(formatCatalogProblem).join('\n'));
    expect(result.source).toStrictEqual(source);
    expect(expandCatalog(result.source)).toStrictEqual(expandCatalog(source));
  });

  test('every editable cell has a validation and a note; headers are frozen', () => {
    const spec = catalogWorkbookSpec(source);
    for (const sheet of spec.sheets) {
      expect(sheet.frozenRows).toBe(3);
      expect(sheet.inputs.length).toBeGreaterThan(0);
      const notes = new Set(sheet.cells.filter((c) => c.note).map((c) => `${c.row}:${c.col}`));
      expect(sheet.inputs.filter((i) => !notes.has(`${i.row}:${i.col}`))).toEqual([]);
    }
  });
});
