/**
 * One client scenario for both servers: the same clicks in the same built panel (dist/Sidebar.html), in Google over
 * the fake workspace and offline over msoko serve. What happens outside the panel — the registry put in, the schools
 * returning their files — differs by server and is the backstage's part.
 */
import type { Page } from 'playwright-core';
import type { School } from '../../src/core/campaign/schema';
import type { Value } from '../../src/core/submission/values';

export interface Filled {
  school: School;
  values: Record<string, Value>;
}

export interface Backstage {
  /** The registry reaches the server and the panel shows it (Google: typed in «Школы» + «Обновить»; offline: uploaded). */
  registry(page: Page, schools: readonly School[]): Promise<void>;
  /** The schools send their files back (Google: typed into their spreadsheets; offline: dropped onto the panel). */
  returnFiles(page: Page, filled: readonly Filled[]): Promise<void>;
  /** Where a school's file link must point. */
  readonly fileLink: RegExp;
}

export interface ScenarioPlan {
  registry: readonly School[];
  filled: readonly Filled[];
  /** A school whose file has errors (shown, cannot be accepted). */
  withErrors: string;
  returned: string;
  accepted: string;
}

const card = (page: Page, id: string) => page.locator(`[data-school="${id}"]`);
const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);
const notice = (page: Page) => page.locator('.notice .notice-text');

/** Runs the scenario; `shot` keeps a screenshot under a name. Returns the badges at the end, by school. */
export async function panelScenario(page: Page, back: Backstage, plan: ScenarioPlan, shot: (name: string) => Promise<void>): Promise<Record<string, string>> {
  await page.getByRole('heading', { name: 'Новая кампания' }).waitFor();
  await page.getByLabel('Год мониторинга').fill('2026');
  await page.getByLabel('Муниципалитет').fill('Тестовый муниципальный округ');
  await page.getByLabel('Срок сдачи школами').fill('15.12.2026');
  await page.getByRole('button', { name: 'Создать кампанию' }).click();
  await page.getByText('Кампания 2026').waitFor();
  await notice(page).getByText('Кампания создана').waitFor();
  await shot('01-campaign');

  await back.registry(page, plan.registry);
  await page.getByRole('heading', { name: `Школы (${plan.registry.length})` }).waitFor();

  await step(page, 'generate').click();
  await notice(page).getByText(`Таблицы школ готовы: ${plan.registry.length} из ${plan.registry.length}`).waitFor();
  await page.locator('.step-done[data-step="generate"]').waitFor();
  const links = page.locator('.school a', { hasText: 'Таблица школы' });
  if ((await links.count()) !== plan.registry.length) throw new Error('not every school has its file link');
  for (const a of await links.all()) {
    const href = (await a.getAttribute('href')) ?? '';
    if (!back.fileLink.test(href)) throw new Error(`file link ${href} does not match ${back.fileLink}`);
  }
  await shot('02-generated');

  await back.returnFiles(page, plan.filled);
  await step(page, 'validate').click();
  await notice(page).getByText(`Проверено ${plan.registry.length} школ`).waitFor();
  const bad = card(page, plan.withErrors);
  await bad.locator('.badge', { hasText: 'есть ошибки' }).waitFor();
  await bad.locator('summary').click();
  const first = (await bad.locator('.messages li').first().textContent()) ?? '';
  if (!/Лист «[^»]+», ячейка [A-Z]+\d+/.test(first)) throw new Error(`the message does not name sheet and cell: ${first}`);
  if (!(await bad.getByRole('button', { name: /^Принять/ }).isDisabled())) throw new Error('a school with errors can be accepted');
  await shot('03-validated');

  const returned = card(page, plan.returned);
  await returned.getByRole('button', { name: /^Вернуть на доработку/ }).click();
  await returned.getByLabel(/Причина возврата/).fill('Проверьте численность педагогов');
  await returned.getByRole('button', { name: 'Вернуть', exact: true }).click();
  await returned.locator('.badge', { hasText: 'возвращено' }).waitFor();
  await card(page, plan.accepted)
    .getByRole('button', { name: /^Принять/ })
    .click();
  await card(page, plan.accepted).locator('.badge', { hasText: 'принято' }).waitFor();
  await shot('04-decided');

  await step(page, 'consolidate').click();
  await notice(page).getByText('Свод готов').waitFor();
  await page.getByRole('heading', { name: 'Итоги свода' }).waitFor();
  if ((await page.locator('.appendix').count()) !== 11) throw new Error('not 11 appendices in the summary');
  await shot('05-consolidated');

  const badges: Record<string, string> = {};
  for (const s of plan.registry) badges[s.id] = (await card(page, s.id).locator('.badge').textContent()) ?? '';
  return badges;
}
