/**
 * «Диаграммы» in real headless Chromium on both transports: the built dist/Sidebar.html over google.script.run
 * (the built dist/Code.js on the fake workspace) and over fetch (msoko serve on a campaign folder). Before the
 * consolidation the section says when charts come; after «Свод» the panel asks «charts» and draws every chart as an
 * SVG (role="img", labelled by its title) with bars and a caption; the internal ones sit under «Для служебного
 * пользования». Both servers draw the same charts from the same schools' values. Screenshots at 300 px and 1280 px:
 * test-output/panel/charts-{google,offline}-{300,1280}.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NO_CHARTS_YET } from '../../src/app/panel-charts';
import { REGISTRY_CSV_HEADER } from '../../src/core/campaign/registry';
import type { Chart } from '../../src/core/chart/model';
import { ChartSchema } from '../../src/core/chart/schema';
import { filledWorkbook } from '../../src/core/layout/grid';
import { STATUS_VALUES } from '../../src/core/layout/positions';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import { loadCampaign } from '../../src/node/campaign/load';
import { toCsv } from '../../src/node/csv';
import { FolderPanel } from '../../src/node/server/folder-panel';
import { type Serving, serve } from '../../src/node/server/serve';
import { writeWorkbookFile } from '../../src/node/xlsx/write/render';
import { DEPARTMENT, SCHOOLS, call, fillAsSchool, newWorkspace, runToEnd, setUpCampaign, valuesOf } from '../gas/helpers';
import { fileIdOf } from '../helpers/sidebar-flow';
import { ROOT, VIEWPORT, browserDescribe, launchChromium, openSidebar } from '../helpers/sidebar-page';

const SHOTS = path.join(ROOT, 'test-output', 'panel');
const YEAR = 2026;
const MUNICIPALITY = 'Тестовый муниципальный округ';
const VALUES = new Map(SCHOOLS.map((s, i) => [s.id, valuesOf(s, 900 + i)]));

const suite = browserDescribe('test/client/panel-charts.test.ts');

interface Drawn {
  ids: string[];
  titles: string[];
  captions: string[];
  bars: number;
}

/** What the server sent, checked against the chart model's schema (the reply crossed a transport as JSON). */
function chartsOf(reply: unknown): Chart[] {
  const r = reply as { ok: boolean; charts?: unknown[] };
  if (!r.ok || !Array.isArray(r.charts)) throw new Error(`charts: ${JSON.stringify(reply).slice(0, 300)}`);
  return r.charts.map((c) => ChartSchema.parse(c));
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * The clicks, the same on both servers: the empty state, «Свод», «Показать диаграммы»; then what a person sees is
 * checked against what the server sent, at 300 px and at 1280 px (the charts in the right-hand pane).
 */
async function chartsScenario(page: Page, prefix: string, sent: () => Promise<Chart[]>): Promise<Drawn> {
  const section = page.locator('section.charts');
  await section.getByText('Диаграммы появятся после шага «Свод»').waitFor();
  await page.locator('[data-step="consolidate"]').click();
  await page.locator('.notice .notice-text').getByText('Свод готов').waitFor();
  await section.getByRole('button', { name: 'Показать диаграммы' }).click();
  await section.locator('figure.chart').first().waitFor();
  const charts = await sent();
  const figures = section.locator('figure.chart');
  expect(await figures.count()).toBe(charts.length);
  const drawn: Drawn = {
    ids: await figures.evaluateAll((fs) => fs.map((f) => f.getAttribute('data-chart') ?? '')),
    titles: await section.locator('figure.chart svg[role="img"]').evaluateAll((ss) => ss.map((s) => s.getAttribute('aria-label') ?? '')),
    captions: await section.locator('figure.chart figcaption').allTextContents(),
    bars: await section.locator('figure.chart svg rect.c-bar').count(),
  };
  expect(drawn.ids).toEqual([...charts.filter((c) => c.audience !== 'internal'), ...charts.filter((c) => c.audience === 'internal')].map((c) => c.id));
  const byId = new Map(charts.map((c) => [c.id, c]));
  expect(drawn.titles).toEqual(drawn.ids.map((id) => byId.get(id)?.title));
  expect(drawn.captions).toEqual(drawn.ids.map((id) => byId.get(id)?.alt));
  expect(drawn.bars).toBeGreaterThan(20);
  // every bar of the first appendix's chart: one per value, «√» or «×» beside each judged one
  const first = section.locator('figure[data-chart="appendix-1-1"]');
  const chart = byId.get('appendix-1-1');
  const judged = chart?.categories.filter((c, i) => c.standing !== 'none' && chart.series[0]?.values[i] !== null).length ?? 0;
  expect(await first.locator('rect.c-bar').count()).toBe(chart?.series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0));
  expect(await first.locator('text.c-value', { hasText: /[√×]$/ }).count()).toBe(judged);
  // the internal analysis under its heading, after the rest
  const internal = section.locator('.charts-internal');
  await internal.getByRole('heading', { name: 'Для служебного пользования', exact: true }).waitFor();
  expect(await internal.locator('figure.chart-internal svg g.c-box-plot').count()).toBeGreaterThan(0);
  expect(await section.locator('figure.chart:not(.chart-internal)').evaluateAll((fs) => fs.every((f) => !f.closest('.charts-internal')))).toBe(true);
  // 300 px: each drawing fits the sidebar, no sideways scroll
  const widths = await section.locator('figure.chart svg').evaluateAll((ss) => ss.map((s) => s.getBoundingClientRect().right));
  expect(Math.max(...widths)).toBeLessThanOrEqual(300);
  expect(
    await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
  ).toBeLessThanOrEqual(300);
  await section.screenshot({ path: path.join(SHOTS, `charts-${prefix}-300.png`) });
  // 1280 px: the charts in the right-hand pane, several side by side
  await page.setViewportSize({ width: 1280, height: 900 });
  const [main, side, chartBox] = await Promise.all([
    page.locator('.col-main').boundingBox(),
    page.locator('.col-side').boundingBox(),
    section.locator('figure.chart').nth(1).boundingBox(),
  ]);
  expect((side?.x ?? 0) >= (main?.x ?? 0) + (main?.width ?? 0)).toBe(true);
  expect(await page.locator('.col-side section.charts').count()).toBe(1);
  expect((chartBox?.x ?? 0) > (side?.x ?? 0) + 100).toBe(true); // the second chart beside the first
  await shoot(page, `charts-${prefix}-1280`);
  return drawn;
}

let browser: Browser;
const drawn: Record<string, Drawn> = {};
beforeAll(async () => {
  if (process.env['CI'] === 'true' || (await import('../helpers/sidebar-page')).haveChromium()) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

suite('«Диаграммы» in the panel, on both transports', () => {
  test('in Google Sheets (google.script.run → dist/Code.js on the fake workspace)', async () => {
    const ws = newWorkspace();
    ws.actAs(DEPARTMENT);
    setUpCampaign(ws);
    expect(call(ws, 'charts')).toEqual({ ok: true, title: '', charts: [], message: NO_CHARTS_YET });
    expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
    const rows = (call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] }).schools;
    for (const s of SCHOOLS) fillAsSchool(ws, fileIdOf(rows.find((r) => r.id === s.id)?.fileUrl ?? ''), s, VALUES.get(s.id) ?? {});
    expect(runToEnd(ws, 'validate')).toMatchObject({ ok: true, done: true });
    const sb = await openSidebar(browser, ws);
    try {
      drawn['google'] = await chartsScenario(sb.page, 'google', async () => chartsOf(call(ws, 'charts')));
      expect(sb.bridge.calls.filter((c) => c.name === 'charts')).toEqual([{ name: 'charts', args: [] }]);
      expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
    } finally {
      await sb.page.close();
    }
  });

  test('offline (fetch → msoko serve on a campaign folder)', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'panel-charts-'));
    process.env['MSOKO_HOME'] = path.join(root, 'home');
    const dir = path.join(root, 'кампания');
    mkdirSync(path.join(dir, 'received'), { recursive: true });
    writeFileSync(
      path.join(dir, 'campaign.json'),
      JSON.stringify({ year: YEAR, municipality: MUNICIPALITY, catalogId: 'kalar', deadline: '2026-12-15', password: 'p' }),
    );
    writeFileSync(path.join(dir, 'schools.csv'), toCsv([REGISTRY_CSV_HEADER, ...SCHOOLS.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')])]));
    const folder = await loadCampaign(dir);
    for (const s of SCHOOLS) {
      const layout = schoolWorkbookLayout(folder.catalog, folder.campaign, s);
      const file = path.join(dir, 'received', `${s.id}.xlsx`);
      await writeWorkbookFile(filledWorkbook(layout, VALUES.get(s.id) ?? {}, STATUS_VALUES[1]), file, { password: 'p', definedNames: true });
    }
    expect(await new FolderPanel(dir, () => '').charts()).toEqual({ ok: true, title: '', charts: [], message: NO_CHARTS_YET });
    let serving: Serving | null = null;
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'ru-RU' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const replies: unknown[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/rpc/charts')) replies.push(r.json());
    });
    try {
      serving = await serve({ dir, port: 0, open: false, print: () => undefined });
      const origin = new URL(serving.url).origin;
      page.on('request', (r) => {
        if (!r.url().startsWith(origin)) errors.push(`request outside the server: ${r.url()}`);
      });
      await page.goto(serving.url);
      drawn['offline'] = await chartsScenario(page, 'offline', async () => chartsOf(await replies[0]));
      expect(replies).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await serving?.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('both servers draw the same charts from the same values', () => {
    expect(drawn['offline']?.ids).toEqual(drawn['google']?.ids);
    expect(drawn['offline']?.bars).toBe(drawn['google']?.bars);
    expect(drawn['offline']?.captions).toEqual(drawn['google']?.captions);
  });
});
