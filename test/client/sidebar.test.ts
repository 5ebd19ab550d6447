/**
 * The sidebar in real headless Chromium (Debian's /usr/bin/chromium via playwright-core): dist/Sidebar.html
 * as showSidebar() serves it, google.script.run bridged to the built dist/Code.js over one FakeWorkspace.
 * A whole campaign is clicked through and checked by what a person sees; screenshots go to
 * test-output/sidebar/*.png (300×900).
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { School } from '../../src/core/campaign/schema';
import { DEMO_SCHOOLS } from '../../src/core/demo/municipality';
import { demoValues } from '../../src/core/demo/values';
import type { FakeWorkspace } from '../fakes';
import { CATALOG, DEPARTMENT, SCHOOLS, call, fillAsSchool, newWorkspace } from '../gas/helpers';
import { type SidebarPage, browserDescribe, gate, launchChromium, openSidebar, shoot } from '../helpers/sidebar-page';
import { fileIdOf, setUpCampaignWith, slowBundle, typeRegistry } from '../helpers/sidebar-flow';

const XSS = '<img src=x onerror=alert(1)>';
const XSS_SCHOOL: School = { id: 'xss1', name: XSS, shortName: XSS, type: 'СОШ', emails: ['xss1@edu-demo.ru'] };
const REGISTRY: School[] = [...SCHOOLS, XSS_SCHOOL];
const RETURNED = SCHOOLS[2] as School;
const ACCEPTED = SCHOOLS[0] as School;

const suite = browserDescribe('test/client/sidebar.test.ts');

interface State {
  schools: { id: string; lifecycle: string; fileUrl: string; reason: string }[];
  job: { step: string; processed: number; total: number; done: boolean; cancelled: boolean } | null;
}
const stateOf = (ws: FakeWorkspace): State => call(ws, 'getState') as State;

const card = (page: Page, id: string) => page.locator(`[data-school="${id}"]`);
const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);
const notice = (page: Page) => page.locator('.notice');

let launched: Promise<Browser> | null = null;
const chromiumOnce = (): Promise<Browser> => (launched ??= launchChromium());
afterAll(async () => {
  await (await launched?.catch(() => null))?.close();
});

suite('sidebar: a whole campaign, clicked through', () => {
  let ws: FakeWorkspace;
  let sb: SidebarPage;
  let page: Page;
  const firstState = gate();

  beforeAll(async () => {
    ws = newWorkspace();
    ws.actAs(DEPARTMENT);
    ws.createHostSpreadsheet();
    let held = false;
    sb = await openSidebar(await chromiumOnce(), ws, {
      before: async (name) => {
        if (name === 'getState' && !held) {
          held = true;
          await firstState.promise;
        }
      },
    });
    page = sb.page;
  });
  afterEach(() => {
    expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
  });
  afterAll(async () => {
    await page?.close();
  });

  test('renders «Загрузка…» without script errors before the server answers', async () => {
    expect(sb.html).toMatch(/<html lang="ru">[\s\S]*<meta charset="utf-8">[\s\S]*Загрузка…/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    await page.getByText('Загрузка…').waitFor();
    expect(sb.bridge.calls.map((c) => c.name)).toEqual(['getState']);
    await shoot(page, '01-loading');
    firstState.open();
    await page.getByRole('heading', { name: 'Новая кампания' }).waitFor();
    expect(await page.getByText('Загрузка…').count()).toBe(0);
  });

  test('no campaign yet: the «Новая кампания» form creates one', async () => {
    await shoot(page, '02-new-campaign');
    await page.getByLabel('Муниципалитет').fill('');
    await page.getByLabel('Срок сдачи школами').fill('31.02.2026');
    await page.getByRole('button', { name: 'Создать кампанию' }).click();
    await notice(page).locator('[role=alert], .notice-text').first().waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('укажите муниципалитет; срок — дата в виде ДД.ММ.ГГГГ');
    expect(sb.bridge.calls.some((c) => c.name === 'newCampaign')).toBe(false);
    await page.getByLabel('Год мониторинга').fill('2026');
    await page.getByLabel('Муниципалитет').fill('Тестовый муниципальный округ');
    await page.getByLabel('Срок сдачи школами').fill('15.12.2026');
    await page.getByRole('button', { name: 'Создать кампанию' }).click();
    await page.getByText('Кампания 2026').waitFor();
    expect(await notice(page).textContent()).toContain('Кампания создана');
    expect(await page.locator('.campaign').textContent()).toContain('Срок: 15.12.2026');
    expect(sb.bridge.calls.find((c) => c.name === 'newCampaign')?.args).toEqual([
      { year: 2026, municipality: 'Тестовый муниципальный округ', deadline: '2026-12-15' },
    ]);
    await page.getByText('Реестр пуст').waitFor();
    expect(await step(page, 'generate').isDisabled()).toBe(true);
    await shoot(page, '03-campaign-empty');
  });

  test('registry typed in the sheet → «Таблицы школ» with progress → files, «не получено»', async () => {
    typeRegistry(ws, REGISTRY);
    await page.getByRole('button', { name: 'Обновить', exact: true }).click();
    await page.getByRole('heading', { name: 'Школы (5)' }).waitFor();
    // the school named like an HTML tag is text, not an element
    await card(page, 'xss1').getByText(XSS, { exact: true }).waitFor();
    expect(await page.locator('img').count()).toBe(0);

    sb.bridge.delayMs = 600;
    await step(page, 'generate').click();
    await page.locator('.progress-count', { hasText: 'Обработано 0 из 5' }).waitFor();
    await page.getByRole('progressbar').first().waitFor();
    expect(await step(page, 'validate').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Отменить' }).isVisible()).toBe(true);
    await shoot(page, '04-progress');
    await notice(page).getByText('Таблицы школ готовы: 5 из 5').waitFor();
    sb.bridge.delayMs = 0;
    await page.locator('.step-done[data-step="generate"]').waitFor();
    expect(await page.locator('.school .badge').allTextContents()).toEqual(REGISTRY.map(() => 'не получено'));
    const links = page.locator('.school a', { hasText: 'Таблица школы' });
    expect(await links.count()).toBe(5);
    for (const a of await links.all()) {
      expect(await a.getAttribute('href')).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\//);
      expect(await a.getAttribute('target')).toBe('_blank');
      expect(await a.getAttribute('rel')).toContain('noopener');
    }
    await shoot(page, '05-generated');
  });

  test('schools fill their files → «Проверка» → «готово к проверке», errors with messages', async () => {
    const rows = stateOf(ws).schools;
    REGISTRY.forEach((school, i) => {
      const values = demoValues(CATALOG, school, REGISTRY.length, 700 + i);
      // the last school fills only a part of its table and still says «Готово к проверке»
      const typed = school.id === XSS_SCHOOL.id ? Object.fromEntries(Object.entries(values).slice(0, 20)) : values;
      fillAsSchool(ws, fileIdOf(rows[i]?.fileUrl ?? ''), school, typed);
    });
    await step(page, 'validate').click();
    await notice(page).getByText('Проверено 5 школ').waitFor();
    for (const s of SCHOOLS) await card(page, s.id).locator('.badge', { hasText: 'готово к проверке' }).waitFor();
    const bad = card(page, 'xss1');
    expect(await bad.locator('.badge').textContent()).toBe('есть ошибки');
    await bad.locator('summary').click();
    expect(await bad.locator('.messages li').first().textContent()).toContain('не заполнено');
    expect(await bad.getByRole('button', { name: /^Принять/ }).isDisabled()).toBe(true);
    await page.locator('.chip', { hasText: 'есть ошибки' }).click();
    expect(await page.locator('.school').count()).toBe(1);
    await shoot(page, '06-validated-errors');
    await page.locator('.chip', { hasText: 'есть ошибки' }).click();
    expect(await page.locator('.school').count()).toBe(5);
  });

  test('«вернуть на доработку» with a reason → «возвращено»; «принять» → «принято»', async () => {
    const returned = card(page, RETURNED.id);
    await returned.getByRole('button', { name: /^Вернуть на доработку/ }).click();
    await returned.getByRole('button', { name: 'Вернуть', exact: true }).click();
    expect(await notice(page).textContent()).toContain('Укажите причину возврата');
    await returned.getByLabel(/Причина возврата/).fill('Проверьте численность педагогов');
    await returned.getByRole('button', { name: 'Вернуть', exact: true }).click();
    await returned.locator('.badge', { hasText: 'возвращено' }).waitFor();
    expect(await returned.locator('.reason').textContent()).toBe('Причина возврата: Проверьте численность педагогов');
    await card(page, ACCEPTED.id)
      .getByRole('button', { name: /^Принять/ })
      .click();
    await card(page, ACCEPTED.id).locator('.badge', { hasText: 'принято' }).waitFor();
    expect(await notice(page).textContent()).toContain('приняты');
    const server = stateOf(ws).schools;
    expect(server.find((s) => s.id === RETURNED.id)).toMatchObject({ lifecycle: 'возвращено', reason: 'Проверьте численность педагогов' });
    expect(server.find((s) => s.id === ACCEPTED.id)?.lifecycle).toBe('принято');
    await shoot(page, '07-decisions');
  });

  test('«Свод» → targets achieved per appendix with links to the appendix sheets', async () => {
    await step(page, 'consolidate').click();
    await notice(page).getByText('Свод готов').waitFor();
    const items = page.locator('.appendix');
    await page.getByRole('heading', { name: 'Итоги свода' }).waitFor();
    expect(await items.count()).toBe(11);
    for (let n = 1; n <= 11; n++) {
      const a = page.locator(`[data-appendix="${n}"] a`);
      expect(await a.textContent()).toBe(`Приложение ${n}`);
      expect(await a.getAttribute('href')).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\/[^/]+\/edit#gid=\d+$/);
      expect(await page.locator(`[data-appendix="${n}"] .appendix-score`).textContent()).toMatch(/^\d+ из \d+$/);
    }
    // the panel's total is the sum over the appendices and agrees with the server's message
    const total = (await page.locator('.total-n').textContent()) ?? '';
    const scores = (await page.locator('.appendix-score').allTextContents()).map((t) => t.split(' из ').map(Number));
    expect(total).toBe(`${scores.reduce((a, [x]) => a + (x ?? 0), 0)} из ${scores.reduce((a, [, y]) => a + (y ?? 0), 0)}`);
    expect(await notice(page).textContent()).toContain(`целевых значений достигнуто ${total}`);
    await shoot(page, '08-summary');
  });

  test('«Рекомендации» → done, each school links its recommendations', async () => {
    await step(page, 'documents').click();
    await notice(page).getByText('Рекомендации готовы').waitFor();
    await page.locator('.step-done[data-step="documents"]').waitFor();
    expect(await page.locator('.school a', { hasText: 'Рекомендации' }).count()).toBe(5);
    // the report's address in the server's message is a link (built from text, http(s) only)
    expect(await notice(page).locator('a').getAttribute('href')).toMatch(/^https:\/\/docs\.google\.com\/document\/d\/[^/]+\/edit(\?usp=drivesdk)?$/);
    await shoot(page, '09-documents');
  });

  test('«Анкета» → links to the published forms', async () => {
    await step(page, 'survey').click();
    await notice(page).getByText('Анкеты опубликованы').waitFor();
    const answer = page.locator('.form-link a', { hasText: 'Ссылка для ответа' });
    expect(await answer.count()).toBe(2);
    for (const a of await answer.all()) expect(await a.getAttribute('href')).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/);
    expect(await page.locator('.form-group').allTextContents()).toEqual(['Обучающиеся', 'Родители (законные представители)']);
    await page.getByRole('button', { name: 'Собрать ответы' }).click();
    await page.locator('.notice-success').waitFor();
    await shoot(page, '10-survey');
  });
});

suite('sidebar: a long step is cancelled and resumed', () => {
  // 12 schools on a slowed-down bundle (see slowBundle): two schools per runStep, six chunks.
  const twelve: School[] = [
    ...DEMO_SCHOOLS,
    ...['extra1', 'extra2'].map(
      (id, i): School => ({ id, name: `Дополнительная школа № ${i + 1}`, shortName: `Доп. школа ${i + 1}`, type: 'ООШ', emails: [`${id}@edu-demo.ru`] }),
    ),
  ];
  let ws: FakeWorkspace;
  let sb: SidebarPage;
  let page: Page;
  let slow: { codePath: string; dir: string };

  beforeAll(async () => {
    ws = newWorkspace();
    ws.actAs(DEPARTMENT);
    setUpCampaignWith(ws, twelve);
    slow = slowBundle();
    sb = await openSidebar(await chromiumOnce(), ws, { runOptions: { codePath: slow.codePath }, delayMs: 500 });
    page = sb.page;
    await page.getByRole('heading', { name: 'Школы (12)' }).waitFor();
  });
  afterEach(() => {
    expect(sb.incidents).toEqual({ errors: [], dialogs: [], requests: [] });
  });
  afterAll(async () => {
    await page?.close();
    rmSync(slow.dir, { recursive: true, force: true });
  });

  test('«Отменить» during progress stops after the chunk in flight; the button then says «Продолжить»', async () => {
    await step(page, 'generate').click();
    await page.locator('.progress-count', { hasText: 'Обработано 2 из 12' }).waitFor();
    await page.getByRole('button', { name: 'Отменить' }).click();
    await page.getByRole('button', { name: 'Отменяю…' }).waitFor();
    await page.getByText('Шаг отменён').first().waitFor();
    await step(page, 'generate').getByText('Продолжить').waitFor();
    const job = stateOf(ws).job;
    expect(job).toMatchObject({ step: 'generate', cancelled: true, done: false, total: 12 });
    expect(job?.processed).toBeGreaterThanOrEqual(4);
    expect(job?.processed).toBeLessThan(12);
    expect(await page.locator('.progress.paused .progress-count').textContent()).toBe(`Обработано ${job?.processed ?? -1} из 12`);
    // after cancelStep no further chunk was requested
    const names = sb.bridge.calls.map((c) => c.name);
    expect(names.slice(names.indexOf('cancelStep') + 1).filter((n) => n === 'runStep')).toEqual([]);
    expect(names.filter((n) => n === 'runStep').length).toBe((job?.processed ?? 0) / 2);
    expect(await page.locator('.school a', { hasText: 'Таблица школы' }).count()).toBe(job?.processed);
    await shoot(page, '11-cancelled');
  });

  test('«Продолжить» finishes the step; nothing is created twice', async () => {
    sb.bridge.delayMs = 100;
    await step(page, 'generate').click();
    await notice(page).getByText('Таблицы школ готовы: 12 из 12').waitFor({ timeout: 30_000 });
    await page.locator('.step-done[data-step="generate"]').waitFor();
    expect(await step(page, 'generate').textContent()).not.toContain('Продолжить');
    expect(await page.locator('.progress').count()).toBe(0);
    const urls = stateOf(ws).schools.map((s) => s.fileUrl);
    expect(new Set(urls).size).toBe(12);
    const made = [...ws.files.values()].filter((f) => f.kind === 'spreadsheet' && urls.some((u) => fileIdOf(u) === f.id));
    expect(made).toHaveLength(12);
    await shoot(page, '12-resumed');
  });
});
