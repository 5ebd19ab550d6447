/**
 * One panel, two servers: the same client scenario (test/helpers/panel-scenario.ts) clicked in headless Chromium on
 * the built dist/Sidebar.html — in Google over the built dist/Code.js on the fake workspace, and offline over
 * msoko serve on a temporary campaign folder, where the schools' files are dropped onto the page (the accepted school's as
 * an .ods saved by LibreOffice). Both must end
 * with the same badges. Offline, the page is also shot at 1280 px and appendices.xlsx is downloaded and opened.
 * Screenshots: test-output/panel/{google,offline}-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { School } from '../../src/core/campaign/schema';
import { REGISTRY_CSV_HEADER } from '../../src/core/campaign/registry';
import { demoValues } from '../../src/core/demo/values';
import { filledWorkbook } from '../../src/core/layout/grid';
import { STATUS_VALUES } from '../../src/core/layout/positions';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import { loadCampaign } from '../../src/node/campaign/load';
import { toCsv } from '../../src/node/csv';
import { type Serving, serve } from '../../src/node/server/serve';
import { readWorkbookFile } from '../../src/node/xlsx/read/read-workbook';
import { writeWorkbookFile } from '../../src/node/xlsx/write/render';
import { CATALOG, DEPARTMENT, SCHOOLS, call, fillAsSchool, newWorkspace } from '../gas/helpers';
import { fileIdOf, typeRegistry } from '../helpers/sidebar-flow';
import { CALC, toOds } from '../node/cli/helpers';
import { type Backstage, type Filled, type ScenarioPlan, panelScenario } from '../helpers/panel-scenario';
import { ROOT, VIEWPORT, browserDescribe, launchChromium, openSidebar } from '../helpers/sidebar-page';

const SHOTS = path.join(ROOT, 'test-output', 'panel');
const XSS: School = { id: 'xss1', name: '<img src=x onerror=alert(1)>', shortName: '<img src=x onerror=alert(1)>', type: 'СОШ', emails: ['xss1@edu-demo.ru'] };
const REGISTRY: School[] = [...SCHOOLS, XSS];
const FILLED: Filled[] = REGISTRY.map((school, i) => {
  const values = demoValues(CATALOG, school, REGISTRY.length, 700 + i);
  // the last school sends a table filled only in part: errors that name sheet and cell
  return { school, values: school.id === XSS.id ? Object.fromEntries(Object.entries(values).slice(0, 20)) : values };
});
const PLAN: ScenarioPlan = { registry: REGISTRY, filled: FILLED, withErrors: XSS.id, returned: (SCHOOLS[2] as School).id, accepted: (SCHOOLS[0] as School).id };

const ODS_SCHOOL = PLAN.accepted;
/** The .xlsx saved as .ods by LibreOffice (soffice --convert-to ods); without LibreOffice, outside CI, the .xlsx itself. */
function odsOf(xlsx: string, dir: string): string {
  if (CALC.present) return toOds([xlsx], path.join(dir, 'ods'))[0] as string;
  if (process.env['CI'] === 'true') throw new Error(`в CI нет LibreOffice — установите: apt-get install ${CALC.packages}`);
  process.stderr.write(`panel-both: без .ods от LibreOffice — установите: apt-get install ${CALC.packages}\n`);
  return xlsx;
}

const suite = browserDescribe('test/client/panel-both.test.ts');
const shooter = (page: Page, prefix: string) => async (name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `${prefix}-${name}.png`), fullPage: true });
};

let browser: Browser;
const badges: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  if (process.env['CI'] === 'true' || (await import('../helpers/sidebar-page')).haveChromium()) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

suite('one panel, two servers: the same clicks', () => {
  test('in Google Sheets (google.script.run → dist/Code.js on the fake workspace)', async () => {
    const ws = newWorkspace();
    ws.actAs(DEPARTMENT);
    ws.createHostSpreadsheet();
    const sb = await openSidebar(browser, ws);
    const back: Backstage = {
      fileLink: /^https:\/\/docs\.google\.com\/spreadsheets\/d\//,
      registry: async (page, schools) => {
        typeRegistry(ws, schools);
        await page.getByRole('button', { name: 'Обновить', exact: true }).click();
      },
      returnFiles: async (_page, filled) => {
        const rows = (call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] }).schools;
        for (const f of filled) fillAsSchool(ws, fileIdOf(rows.find((r) => r.id === f.school.id)?.fileUrl ?? ''), f.school, f.values);
      },
    };
    badges['google'] = await panelScenario(sb.page, back, PLAN, shooter(sb.page, 'google'));
    expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
    await sb.page.close();
  });

  test('offline (fetch → msoko serve on a campaign folder), files dropped onto the page', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'panel-offline-'));
    process.env['MSOKO_HOME'] = path.join(root, 'home');
    const dir = path.join(root, 'кампания');
    let serving: Serving | null = null;
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'ru-RU', acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    try {
      serving = await serve({ dir, port: 0, open: false, print: () => undefined });
      const origin = new URL(serving.url).origin;
      page.on('request', (r) => {
        if (!r.url().startsWith(origin)) errors.push(`request outside the server: ${r.url()}`);
      });
      const back: Backstage = {
        fileLink: /^http:\/\/127\.0\.0\.1:\d+\/files\/school\/[a-z0-9]+$/,
        registry: async (p, schools) => {
          const csv = toCsv([REGISTRY_CSV_HEADER, ...schools.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')])]);
          await p.locator('input[type=file][accept=".csv,.xlsx"]').setInputFiles({ name: 'реестр.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
          await p.locator('.notice').getByText(`Реестр загружен: школ — ${schools.length}.`).waitFor();
        },
        returnFiles: async (p, filled) => {
          const folder = await loadCampaign(dir);
          const staged = path.join(root, 'from-schools');
          const files: { name: string; b64: string }[] = [];
          for (const f of filled) {
            const file = path.join(staged, `${f.school.id}.xlsx`);
            const layout = schoolWorkbookLayout(folder.catalog, folder.campaign, f.school);
            await writeWorkbookFile(filledWorkbook(layout, f.values, STATUS_VALUES[1]), file, { password: null, definedNames: true });
            // the school that is accepted works in LibreOffice and sends its own format, saved by LibreOffice itself
            const sent = f.school.id === ODS_SCHOOL ? odsOf(file, staged) : file;
            files.push({ name: path.basename(sent), b64: readFileSync(sent).toString('base64') });
          }
          // runs in the page: the DOM's DataTransfer and File, which the Node typings of this file do not declare
          const data = await p.evaluateHandle((list) => {
            const dom = globalThis as unknown as {
              DataTransfer: new () => { items: { add(file: unknown): void } };
              File: new (parts: Uint8Array[], name: string) => unknown;
            };
            const dt = new dom.DataTransfer();
            for (const f of list) dt.items.add(new dom.File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
            return dt;
          }, files);
          await p.dispatchEvent('[data-drop="received"]', 'drop', { dataTransfer: data });
          await p.locator('.notice').getByText(`Принято файлов: ${filled.length}.`).waitFor();
          expect(readdirSync(path.join(dir, 'received')).sort()).toEqual(files.map((f) => f.name).sort());
        },
      };
      await page.goto(serving.url);
      expect(page.url()).toBe(`${origin}/`);
      badges['offline'] = await panelScenario(page, back, PLAN, shooter(page, 'offline'));

      const returned = page.locator(`[data-school="${PLAN.returned}"] a`, { hasText: 'Копия для возврата' });
      expect(await returned.getAttribute('href')).toBe(`${origin}/files/returned/${PLAN.returned}`);
      await page.reload();
      await page.locator(`[data-school="${PLAN.accepted}"] .badge`, { hasText: 'принято' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /appendices\.xlsx/ }).click()]);
      const saved = path.join(root, 'appendices.xlsx');
      await download.saveAs(saved);
      const book = await readWorkbookFile(saved);
      if ('unreadable' in book) throw new Error(book.unreadable);
      expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Приложение 1', 'Приложение 11']));
      await page.setViewportSize({ width: 1280, height: 900 });
      await shooter(page, 'offline')('06-wide-1280');
      const [main, side] = await Promise.all([page.locator('.col-main').boundingBox(), page.locator('.col-side').boundingBox()]);
      expect((side?.x ?? 0) > (main?.x ?? 0) + (main?.width ?? 0) - 1).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await serving?.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('both servers end with the same badges', () => {
    expect(badges['offline']).toEqual(badges['google']);
    expect(Object.values(badges['google'] ?? {})).toContain('принято');
  });
});
