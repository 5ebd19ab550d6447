/**
 * «Письма школам» in the sidebar, in real headless Chromium over the built bundle and the strict fake: the section
 * lists the school without an address before anything is sent, «Разослать письма о запуске» sends through MailApp once
 * per school, the daily-reminders toggle makes and removes the trigger. Screenshot: test-output/sidebar/letters-*.png.
 */
import type { Page } from 'playwright-core';
import type { School } from '../../src/core/campaign/schema';
import type { FakeWorkspace } from '../fakes';
import { DEPARTMENT, SCHOOLS, newWorkspace, runToEnd } from '../gas/helpers';
import { setUpCampaignWith } from '../helpers/sidebar-flow';
import { type SidebarPage, browserDescribe, launchChromium, openSidebar, shoot } from '../helpers/sidebar-page';

const NO_ADDRESS: School = { id: 'noaddr', name: 'Школа без адреса', shortName: 'Без адреса', type: 'ООШ', emails: [] };
const suite = browserDescribe('test/client/letters-sidebar.test.ts');

suite('sidebar: letters to schools', () => {
  let ws: FakeWorkspace;
  let sb: SidebarPage;
  let page: Page;

  beforeAll(async () => {
    ws = newWorkspace();
    ws.actAs(DEPARTMENT);
    setUpCampaignWith(ws, [...SCHOOLS, NO_ADDRESS]);
    expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
    sb = await openSidebar(await launchChromium(), ws);
    page = sb.page;
  }, 120_000);
  afterAll(async () => {
    await page?.context().browser()?.close();
  });

  test('the section lists the school without an address, sends the launch letters once, switches the reminders', async () => {
    const section = page.getByRole('region', { name: 'Письма школам' });
    await section.getByText('Без действительного адреса (1)').waitFor();
    await section.getByText('Без адреса (noaddr): в реестре нет адреса электронной почты').waitFor();
    await section.getByRole('button', { name: 'Разослать письма о запуске' }).click();
    await section.getByText('Отправлено писем «О проведении мониторинга»: 4.').waitFor();
    expect(ws.sentMails.map((m) => m.to)).toEqual(SCHOOLS.map((s) => s.emails));
    await section.getByText('Без адреса (noaddr): в реестре нет адреса электронной почты').waitFor();
    await shoot(page, 'letters-sent');
    await section.getByRole('button', { name: 'Разослать письма о запуске' }).click();
    await section.getByText('Писем «О проведении мониторинга» к отправке нет.', { exact: false }).waitFor();
    expect(ws.sentMails).toHaveLength(SCHOOLS.length);
    await section.getByRole('checkbox', { name: 'Ежедневные напоминания после срока' }).check();
    await section.getByText('Ежедневные напоминания включены', { exact: false }).waitFor();
    expect(ws.triggers.map((t) => t.handler)).toEqual(['lettersTrigger']);
    await section.getByRole('checkbox', { name: 'Ежедневные напоминания после срока' }).uncheck();
    await section.getByText('Ежедневные напоминания отключены.').waitFor();
    expect(ws.triggers).toEqual([]);
    expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
  });
});
