import fc from 'fast-check';
import type { School } from '../../src/core/campaign/schema';
import { getCatalog } from '../../src/core/catalog/index';
import { DEMO_CAMPAIGN } from '../../src/core/demo/municipality';
import { TEMPLATE_SCHOOL, isProbeOf, probeSchool, schoolSpecificCells, substituteSheet, tokenValues } from '../../src/core/layout/school-template';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';

const TYPES: School['type'][] = ['СОШ', 'ООШ', 'НОШ'];

describe('the school workbook depends on the school only through its texts', () => {
  for (const id of ['kalar', 'tomarinsky', 'mosalsky']) {
    test(`${id}: any school's layout is the probe layout with its name, short name and code filled in`, () => {
      const catalog = getCatalog(id);
      const probes = new Map(TYPES.map((t) => [t, schoolWorkbookLayout(catalog, DEMO_CAMPAIGN, probeSchool(t)).workbook]));
      fc.assert(
        fc.property(
          fc.record({
            id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/),
            name: fc.string({ minLength: 1, maxLength: 200 }),
            shortName: fc.string({ minLength: 1, maxLength: 40 }),
            type: fc.constantFrom(...TYPES),
          }),
          (s) => {
            const school: School = { ...s, emails: [] };
            const mine = schoolWorkbookLayout(catalog, DEMO_CAMPAIGN, school).workbook;
            const probe = probes.get(school.type);
            if (!probe) throw new Error('no probe');
            expect(isProbeOf(probe, mine, school)).toBe(true);
            const [first] = probe.sheets;
            if (!first) throw new Error('no probe sheet');
            expect(substituteSheet(first, tokenValues(school))).toEqual(mine.sheets[0]);
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  test('a layout that differs in anything else is not taken for the probe', () => {
    const catalog = getCatalog('kalar');
    const school: School = { id: 'a1', name: 'Школа', shortName: 'Ш', type: 'СОШ', emails: [] };
    const probe = schoolWorkbookLayout(catalog, DEMO_CAMPAIGN, probeSchool('СОШ')).workbook;
    const mine = schoolWorkbookLayout(catalog, DEMO_CAMPAIGN, school).workbook;
    const moved = { ...mine, sheets: mine.sheets.map((s, i) => (i === 2 ? { ...s, frozenRows: s.frozenRows + 1 } : s)) };
    expect(isProbeOf(probe, moved, school)).toBe(false);
    expect(isProbeOf(probe, mine, { ...school, name: 'Другая' })).toBe(false);
  });

  test("the template file with the school-specific cells written is the school's own layout (the Google path)", () => {
    const catalog = getCatalog('kalar');
    const school: School = { id: 'sosh-7', name: 'МБОУ «СОШ № 7» & <ко>', shortName: 'СОШ № 7', type: 'ООШ', emails: [] };
    const template = schoolWorkbookLayout(catalog, DEMO_CAMPAIGN, TEMPLATE_SCHOOL).workbook;
    const cells = schoolSpecificCells(catalog, DEMO_CAMPAIGN, school);
    const written = template.sheets.map((sheet) => ({
      ...sheet,
      cells: sheet.cells.map((c) => {
        const mine = cells.find((x) => x.sheet === sheet.name && x.row === c.row && x.col === c.col);
        return mine ? { ...c, value: mine.value } : c;
      }),
    }));
    expect(written).toEqual(schoolWorkbookLayout(catalog, DEMO_CAMPAIGN, school).workbook.sheets);
    expect(cells.length).toBeLessThan(40);
  });
});
