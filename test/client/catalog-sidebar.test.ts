/**
 * The «Каталог показателей» section of the sidebar in headless Chromium over the built add-on: the department chooses
 * examples/catalog-bashmakovsky.xlsx; the page sends it as base64 through importCatalog and the «Каталог…» sheets of
 * the spreadsheet become the Bashmakovsky catalog. A file that is no workbook is answered in Russian.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { FakeWorkspace } from '../fakes';
import { DEPARTMENT, SCHOOLS, newWorkspace } from '../gas/helpers';
import { setUpCampaignWith } from '../helpers/sidebar-flow';
import { ROOT, type SidebarPage, browserDescribe, launchChromium, openSidebar, shoot } from '../helpers/sidebar-page';

const EXAMPLE = path.join(ROOT, 'examples', 'catalog-bashmakovsky.xlsx');
const suite = browserDescribe('test/client/catalog-sidebar.test.ts');

suite('sidebar: the department’s own catalog', () => {
  let browser: Browser;
  let ws: FakeWorkspace;
  let sb: SidebarPage;

  beforeAll(async () => {
    ws = newWorkspace();
    ws.actAs(DEPARTMENT);
    setUpCampaignWith(ws, SCHOOLS);
    browser = await launchChromium();
    sb = await openSidebar(browser, ws);
  });
  afterAll(async () => {
    await sb?.page.close();
    await browser?.close();
  });
  afterEach(() => {
    expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
  });

  test('an uploaded .xlsx becomes the campaign’s catalog on the «Каталог…» sheets', async () => {
    const page = sb.page;
    await page.getByRole('heading', { name: 'Каталог показателей' }).waitFor();
    await page
      .getByLabel('Книга каталога .xlsx')
      .setInputFiles({ name: 'catalog-bashmakovsky.xlsx', mimeType: 'application/octet-stream', buffer: readFileSync(EXAMPLE) });
    await page.locator('.notice-success').waitFor();
    expect(await page.locator('.notice').textContent()).toMatch(/Каталог «.+» \(версия 2026\.1 #[0-9a-f]{8}\) записан на листы/);
    const call = sb.bridge.calls.find((c) => c.name === 'importCatalog');
    expect(call?.args[0]).toMatchObject({ kind: 'xlsx', name: 'catalog-bashmakovsky.xlsx', base64: readFileSync(EXAMPLE).toString('base64') });
    const general = ws.spreadsheetModel(ws.hostId ?? '').sheets.find((s) => s.name === 'Каталог');
    expect(general?.rows.some((r) => r?.[1]?.value === 'bashmakovsky')).toBe(true);
    await page.getByText('Каталог: bashmakovsky').waitFor();
    await shoot(page, 'catalog-uploaded');
  });

  test('a file that is no workbook is refused in Russian', async () => {
    const page = sb.page;
    await page.getByLabel('Книга каталога .xlsx').setInputFiles({ name: 'не-книга.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('текст') });
    await page.locator('.notice-error').waitFor();
    expect(await page.locator('.notice').textContent()).toContain('это не книга Excel (.xlsx)');
  });
});
