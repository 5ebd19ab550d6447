/**
 * Sidebar and help dialog. Called only from menu clicks (full authorization),
 * never from module-level code.
 */

/** Injected by build.mjs (esbuild `define`) from package.json "version". */
declare const __APP_VERSION__: string;

export const APP_TITLE = 'Мониторинг воспитания';

/** The slice of GoogleAppsScript.HTML.HtmlOutput used here. */
export interface HtmlOutputPort {
  setTitle(title: string): HtmlOutputPort;
  setWidth(width: number): HtmlOutputPort;
  setHeight(height: number): HtmlOutputPort;
}

/** The slice of GoogleAppsScript.HTML.HtmlService used here. */
export interface HtmlServicePort<O extends HtmlOutputPort> {
  createHtmlOutput(html: string): O;
  createHtmlOutputFromFile(filename: string): O;
}

/** The slice of GoogleAppsScript.Base.Ui used here. */
export interface DialogUiPort<O extends HtmlOutputPort> {
  showSidebar(userInterface: O): void;
  showModalDialog(userInterface: O, title: string): void;
}

type AssertAssignable<T extends U, U> = T;
export type HtmlServiceSatisfiesPort = AssertAssignable<GoogleAppsScript.HTML.HtmlService, HtmlServicePort<GoogleAppsScript.HTML.HtmlOutput>>;
export type UiSatisfiesDialogPort = AssertAssignable<GoogleAppsScript.Base.Ui, DialogUiPort<GoogleAppsScript.HTML.HtmlOutput>>;

export function appVersion(): string {
  return typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
}

const PAGE_STYLE =
  '<style>body{font-family:Arial,sans-serif;font-size:14px;line-height:1.45;margin:12px;color:#202124}' +
  'h2{font-size:16px;margin:0 0 8px}ol{padding-left:20px}li{margin-bottom:6px}.muted{color:#5f6368;font-size:12px}</style>';

export function sidebarPlaceholderHtml(version: string): string {
  return (
    PAGE_STYLE +
    `<h2>${APP_TITLE}</h2>` +
    `<p>Файл панели (Sidebar.html) не найден в этой установке. Выполните npm run build и clasp push.</p>` +
    `<p class="muted">Текущая версия сборки: ${version}.</p>`
  );
}

export function helpHtml(version: string): string {
  return (
    PAGE_STYLE +
    `<h2>Цикл мониторинга</h2>` +
    '<ol>' +
    '<li><b>Новая кампания.</b> Год, муниципалитет, срок — лист «Кампания»; реестр школ — лист «Школы» (код, наименование, тип, e-mail).</li>' +
    '<li><b>Создать таблицы школ.</b> Каждая школа получает свою защищённую таблицу, открытую только её адресам.</li>' +
    '<li><b>Проверить данные.</b> Состояние каждой школы и сообщения об ошибках — на листе «Школы» и в панели; ' +
    'при необходимости верните таблицу на доработку.</li>' +
    '<li><b>Свести в Приложения 1–11.</b> Доли считаются как отношение сумм; цели, отметки о достижении и динамика — в таблицах приложений.</li>' +
    '<li><b>Рекомендации и отчёт.</b> Адресные рекомендации каждой школе (видит только она) и аналитический отчёт с муниципальными итогами.</li>' +
    '<li><b>Анкета удовлетворённости.</b> Анонимные Google-формы для обучающихся и родителей; второй запуск собирает ответы.</li>' +
    '</ol>' +
    `<p class="muted">Откройте панель: Расширения → ${APP_TITLE} → Открыть панель. Версия сборки: ${version}.</p>`
  );
}

/** The built sidebar (dist/Sidebar.html); the placeholder only if a deployment lacks it. */
export function showSidebarWith<O extends HtmlOutputPort>(html: HtmlServicePort<O>, ui: DialogUiPort<O>): void {
  let output: O;
  try {
    output = html.createHtmlOutputFromFile('Sidebar');
  } catch {
    output = html.createHtmlOutput(sidebarPlaceholderHtml(appVersion()));
  }
  output.setTitle(APP_TITLE);
  ui.showSidebar(output);
}

export function showHelpWith<O extends HtmlOutputPort>(html: HtmlServicePort<O>, ui: DialogUiPort<O>): void {
  const output = html.createHtmlOutput(helpHtml(appVersion()));
  output.setWidth(520).setHeight(380);
  ui.showModalDialog(output, `Справка — ${APP_TITLE}`);
}
