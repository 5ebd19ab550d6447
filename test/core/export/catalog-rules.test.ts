/** The export contract carries the control rules and each input's applicability (issue 15 §6). */
import { CATALOG_SOURCES, getCatalog } from '../../../src/core/catalog';
import { catalogExport } from '../../../src/core/export/catalog-export';
import { CatalogExportSchema } from '../../../src/core/export/contract';

const kalar = catalogExport(getCatalog('kalar'));

test('every built-in catalog export parses strictly with rules and applies', () => {
  for (const id of Object.keys(CATALOG_SOURCES)) {
    const exported = catalogExport(getCatalog(id));
    expect(CatalogExportSchema.parse(exported)).toStrictEqual(exported);
    expect(exported.inputs.every((i) => i.applies === null || exported.inputs.some((x) => x.id === i.applies?.input))).toBe(true);
  }
});

test('kalar: the cross-checks, part ≤ whole and derived totals are rules', () => {
  expect(kalar.rules.find((r) => r.id === 'A6-levels')).toEqual({
    id: 'A6-levels',
    type: 'sumEq',
    parts: ['A6_C2_NOO', 'A6_C2_OOO', 'A6_C2_SOO'],
    total: 'A6_C1_CHI',
    severity: 'error',
    message: 'Сумма детей в трудной жизненной ситуации по уровням должна равняться их общему числу',
  });
  expect(kalar.rules.find((r) => r.id === 'derived-P_STU')).toMatchObject({ type: 'derived', parts: ['P_NOO', 'P_OOO', 'P_SOO'], total: 'P_STU' });
  expect(kalar.rules.find((r) => r.id === 'le-P_NNR_NOO')).toMatchObject({ type: 'le', parts: ['P_NNR_NOO'], total: 'P_NOO', severity: 'error' });
  expect(new Set(kalar.rules.map((r) => r.type))).toEqual(new Set(['le', 'derived', 'sumEq', 'sumLe', 'implies']));
  expect(new Set(kalar.rules.map((r) => r.id)).size).toBe(kalar.rules.length);
});

test('kalar: A11.C5 is asked only when the school has students with ОВЗ; a part under its whole only when the whole is above zero', () => {
  const c5 = kalar.inputs.find((i) => i.id.startsWith('A11_') && i.id.includes('C5') && i.kind === 'flag');
  expect(c5?.applies).toEqual({ input: 'P_OVZ', when: 'gt0' });
  expect(kalar.inputs.find((i) => i.id === 'P_NNR_NOO')?.applies).toEqual({ input: 'P_NOO', when: 'gt0' });
  expect(kalar.inputs.find((i) => i.id === 'P_NOO')?.applies).toBeNull();
});

test('no rule message of a built-in catalog names a decision number such as «(D18)», which a user reads as a cell', () => {
  for (const id of Object.keys(CATALOG_SOURCES)) {
    for (const r of catalogExport(getCatalog(id)).rules) expect(r.message).not.toMatch(/\bD\d{1,2}\b/);
  }
});
