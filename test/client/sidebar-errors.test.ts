/**
 * The sidebar's failures, in real headless Chromium: each shows as a red Russian notice and the panel
 * stays usable. (The happy path is test/client/sidebar.test.ts.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { FakeWorkspace } from '../fakes';
import { DEPARTMENT, SCHOOLS, newWorkspace } from '../gas/helpers';
import { setUpCampaignWith } from '../helpers/sidebar-flow';
import { ROOT, VIEWPORT, browserDescribe, launchChromium, openSidebar, shoot } from '../helpers/sidebar-page';

const suite = browserDescribe('test/client/sidebar-errors.test.ts');

suite('sidebar: clear Russian errors', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('opened outside Apps Script (no google.script.run): says so, no script error', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent(readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8'));
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Панель работает только внутри Google Таблиц');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a server exception and a refusal are red notices; the step can be started again', async () => {
    const ws: FakeWorkspace = newWorkspace();
    ws.actAs(DEPARTMENT);
    setUpCampaignWith(ws, SCHOOLS);
    let failNext = true;
    const sb = await openSidebar(browser, ws, {
      before: (name) => {
        if (name === 'runStep' && failNext) {
          failNext = false;
          throw new Error('Exceeded maximum execution time');
        }
      },
    });
    const { page } = sb;
    const generate = page.locator('[data-step="generate"]');
    await generate.click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Сервер не уложился в 6 минут');
    await page.locator('[data-step="generate"]:not([disabled])').waitFor();

    // another execution holds the document lock: the server refuses, in Russian
    const { LockService } = ws.installGlobals();
    expect(LockService.getDocumentLock()?.tryLock(1000)).toBe(true);
    const holder = ws.currentExecutionId;
    await generate.click();
    await page.getByRole('alert').getByText('Сейчас выполняется другой шаг').waitFor();
    await shoot(page, '13-error');
    ws.endExecution(holder);

    await generate.click();
    await page.locator('.notice-success').getByText('Таблицы школ готовы: 4 из 4').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
    await page.close();
  });

  test('«Проверка надстройки»: a missing service is a red notice that lists each check', async () => {
    const ws: FakeWorkspace = newWorkspace();
    ws.actAs(DEPARTMENT);
    setUpCampaignWith(ws, SCHOOLS);
    ws.advancedDocsEnabled = false;
    const sb = await openSidebar(browser, ws);
    const { page } = sb;
    await page.getByRole('button', { name: 'Проверка надстройки' }).click();
    await page.getByRole('status').getByText('Всё работает.').waitFor();
    const ok = await page.locator('.notice').textContent();
    expect(ok).toContain('Google Docs API и документы: служба Docs не подключена');
    await shoot(page, '20-self-test');
    ws.advancedDriveEnabled = false;
    await page.getByRole('button', { name: 'Проверка надстройки' }).click();
    await page
      .getByRole('alert')
      .getByText(/^Не работает: \d из 9\.$/)
      .waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Drive API');
    expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
    await page.close();
  });
});
