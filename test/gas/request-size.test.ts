/** Every Sheets API body the consolidation sends stays within 2,000,000 bytes, for 1,000 schools too. */
import { consolidateCampaign } from '../../src/app/consolidate';
import type { School } from '../../src/core/campaign/schema';
import { DEMO_CAMPAIGN, DEMO_SCHOOLS } from '../../src/core/demo/municipality';
import { demoValues } from '../../src/core/demo/values';
import { formatRequests, roleRanges, valueGrid } from '../../src/gas/render/sheet-renderer';
import { MAX_REQUEST_BYTES, jsonBytes, utf8Bytes, valueRangesWithin, withinBudget } from '../../src/gas/render/request-size';
import { MemoryStore, fixedClock } from '../app/memory-store';
import { catalog } from '../core/builders';

const SCHOOLS: School[] = Array.from({ length: 1000 }, (_, i) => {
  const base = DEMO_SCHOOLS[i % DEMO_SCHOOLS.length] as School;
  return { ...base, id: `s${i}`, shortName: `${base.shortName} ${i}` };
});

const out = consolidateCampaign(
  { campaign: { ...DEMO_CAMPAIGN, targetOverrides: {} }, catalog: catalog(), schools: SCHOOLS },
  SCHOOLS.map((school, i) => ({
    school,
    status: 'accepted' as const,
    files: [],
    submission: { schoolId: school.id, stamp: {}, values: demoValues(catalog(), school, SCHOOLS.length, i), cells: {}, status: null, messages: [] },
    messages: [],
  })),
  [],
  [],
  new MemoryStore(),
  fixedClock(),
);

test('UTF-8 sizes as Google counts them', () => {
  expect(utf8Bytes('aё€😀')).toBe(1 + 2 + 3 + 4);
  expect(jsonBytes({ a: 'ё' })).toBe(10);
});

test('formatting: rectangles, not one request per row; batches within the budget', () => {
  const schoolsSheet = out.sheets.find((s) => s.name === 'Свод по школам');
  if (!schoolsSheet) throw new Error('no sheet');
  const ranges = [...roleRanges(schoolsSheet).values()].flat();
  expect(ranges.length).toBeLessThan(20);
  const all = out.sheets.flatMap((s, i) => formatRequests(s, i));
  const batches = withinBudget(all);
  for (const b of batches) expect(jsonBytes({ requests: b })).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
  expect(batches.flat()).toEqual(all);
});

test('values: row blocks and batches within the budget, nothing lost', () => {
  const data = out.sheets.flatMap((s) => valueRangesWithin(`'${s.name}'`, valueGrid(s)));
  const batches = withinBudget(data);
  for (const b of batches) expect(jsonBytes({ valueInputOption: 'USER_ENTERED', data: b })).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
  const rows = (name: string): number => data.filter((d) => d.range.startsWith(`'${name}'!`)).reduce((n, d) => n + d.values.length, 0);
  for (const s of out.sheets) expect(rows(s.name)).toBe(valueGrid(s).length);
});

test('a small budget splits rows and batches without losing or reordering anything', () => {
  const grid = Array.from({ length: 500 }, (_, r) => Array.from({ length: 20 }, (_, c) => (c === 0 ? `строка ${r}` : r * c)));
  const blocks = valueRangesWithin("'Лист'", grid, 5_000);
  expect(blocks.length).toBeGreaterThan(10);
  expect(blocks.flatMap((b) => b.values)).toEqual(grid);
  expect(blocks.map((b) => b.range)[1]).toBe(`'Лист'!A${(blocks[0]?.values.length ?? 0) + 1}`);
  const batches = withinBudget(blocks, 20_000);
  for (const b of batches) expect(jsonBytes(b)).toBeLessThanOrEqual(20_000);
  expect(batches.flat()).toEqual(blocks);
  expect(() => withinBudget([{ big: 'x'.repeat(30_000) }], 20_000)).toThrow('больше 20000 байт');
});
