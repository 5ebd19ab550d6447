/**
 * The panel's «charts» call as a use case: the charts of the last consolidation the store holds (the same as the
 * department's «Диаграммы» sheet, internal ones included and marked), checked against the chart model's schema;
 * a clear Russian empty state before the first consolidation.
 */
import { departmentCharts } from '../../src/app/charts';
import { NO_CHARTS_YET, panelCharts } from '../../src/app/panel-charts';
import { PANEL_CALLS, parsePanelArgs } from '../../src/app/panel-calls';
import { INTERNAL_MARK } from '../../src/core/chart/model';
import { ChartSchema } from '../../src/core/chart/schema';
import { consolidate } from '../../src/core/consolidate/consolidate';
import { DEMO_CAMPAIGN } from '../../src/core/demo/municipality';
import { REGISTRY, campaign, catalog, demoOutcomes } from '../core/builders';
import { MemoryStore } from './memory-store';

const ctx = { campaign: { ...DEMO_CAMPAIGN, targetOverrides: {} }, catalog: catalog(), schools: REGISTRY };
const outcomes = demoOutcomes();
const previous = consolidate({
  catalog: ctx.catalog,
  campaign: campaign({ year: DEMO_CAMPAIGN.year - 1 }),
  outcomes: demoOutcomes(REGISTRY.length, 5),
  previous: null,
});
const result = consolidate({ catalog: ctx.catalog, campaign: campaign(), outcomes, previous });
const schoolValues = Object.fromEntries(outcomes.flatMap((o) => (o.submission ? [[o.school.id, o.submission.values] as const] : [])));

test('the contract: «charts» takes nothing', () => {
  expect(PANEL_CALLS.charts).toBeNull();
  expect(parsePanelArgs('charts', [])).toEqual({ ok: true, args: [] });
  expect(parsePanelArgs('charts', [{ x: 1 }])).toEqual({ ok: false, message: 'Запрос «charts» не принимает данных.' });
});

test('before any consolidation: no charts and a Russian empty state', () => {
  const out = panelCharts(ctx, new MemoryStore());
  expect(out).toEqual({ title: '', charts: [], message: NO_CHARTS_YET });
  expect(out.message).toMatch(/^Диаграмм пока нет.*«Свод»/);
});

test("after a consolidation: the department's charts, the internal analysis last and marked", () => {
  const store = new MemoryStore();
  store.now = { result, schoolValues };
  const out = panelCharts(ctx, store);
  expect(out.message).toBe('');
  expect(out.title).toBe(`Диаграммы — ${result.municipality}, ${result.year}`);
  expect(out.charts).toEqual(departmentCharts(ctx.catalog, result, schoolValues));
  const ids = out.charts.map((c) => c.id);
  expect(ids[0]).toBe('overview');
  expect(ids).toEqual(expect.arrayContaining(['appendix-1-1', 'appendix-11-1', 'distribution-1-1']));
  const internal = out.charts.filter((c) => c.audience === 'internal');
  expect(internal.length).toBeGreaterThan(0);
  expect(internal.every((c) => c.kind === 'distribution' && c.title.includes(INTERNAL_MARK))).toBe(true);
  // the internal ones come after every shareable one
  expect(out.charts.findIndex((c) => c.audience === 'internal')).toBe(out.charts.length - internal.length);
  // plain data: survives JSON as it is (what both transports do to a reply)
  expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  // no school named anywhere in what the panel gets
  const text = JSON.stringify(out.charts);
  for (const s of REGISTRY) expect(text).not.toContain(s.shortName);
});

test('the schema is the model: a number JSON cannot carry, or a series of the wrong length, is refused', () => {
  const chart = departmentCharts(ctx.catalog, result, schoolValues)[0];
  if (!chart) throw new Error('no chart');
  expect(ChartSchema.safeParse(chart).success).toBe(true);
  const series = chart.series[0];
  if (!series) throw new Error('no series');
  const withNaN = { ...chart, series: [{ ...series, values: series.values.map((v, i) => (i === 0 ? Number.NaN : v)) }] };
  expect(ChartSchema.safeParse(withNaN).success).toBe(false);
  const infinite = { ...chart, max: Number.POSITIVE_INFINITY };
  expect(ChartSchema.safeParse(infinite).success).toBe(false);
  const short = { ...chart, series: [{ ...series, values: series.values.slice(1) }] };
  expect(ChartSchema.safeParse(short).success).toBe(false);
  const store = new MemoryStore();
  const broken = structuredClone(result);
  const cell = broken.appendices[0]?.rows[0]?.cells.find((c) => c.value !== null && c.aggregate === 'ratio');
  if (!cell) throw new Error('no ratio cell');
  cell.value = Number.NaN;
  store.now = { result: broken, schoolValues };
  expect(() => panelCharts(ctx, store)).toThrow();
});
