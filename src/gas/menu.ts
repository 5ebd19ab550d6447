/**
 * Add-on menu (Extensions → «Мониторинг воспитания»).
 *
 * Runs from onOpen/onInstall, possibly in AuthMode.NONE: it may use nothing
 * but the Ui object it is given. Item targets must be names from
 * src/gas/public-api.json (top-level functions of the bundle).
 */

/** The slice of GoogleAppsScript.Base.Menu the menu builder uses. */
export interface MenuPort {
  addItem(caption: string, functionName: string): MenuPort;
  addSeparator(): MenuPort;
  addToUi(): void;
}

/** The slice of GoogleAppsScript.Base.Ui the menu builder uses. */
export interface MenuUiPort {
  createAddonMenu(): MenuPort;
}

/** Compile-time check that the real Apps Script Ui satisfies the port (no runtime code). */
type AssertAssignable<T extends U, U> = T;
export type UiSatisfiesMenuPort = AssertAssignable<GoogleAppsScript.Base.Ui, MenuUiPort>;

/** Public functions the menu may call (subset of src/gas/public-api.json). */
export type MenuFunctionName =
  | 'showSidebar'
  | 'menuNewCampaign'
  | 'menuGenerate'
  | 'menuValidate'
  | 'menuConsolidate'
  | 'menuDocuments'
  | 'menuSurvey'
  | 'menuSelfTest'
  | 'menuLaunchLetters'
  | 'menuRemind'
  | 'menuRecommendationLetters'
  | 'showHelp';

export interface MenuItem {
  readonly label: string;
  readonly functionName: MenuFunctionName;
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { label: 'Открыть панель', functionName: 'showSidebar' },
  { label: 'Новая кампания', functionName: 'menuNewCampaign' },
  { label: 'Создать таблицы школ', functionName: 'menuGenerate' },
  { label: 'Проверить данные', functionName: 'menuValidate' },
  { label: 'Свести в Приложения 1–11', functionName: 'menuConsolidate' },
  { label: 'Рекомендации и отчёт', functionName: 'menuDocuments' },
  { label: 'Разослать письма о запуске', functionName: 'menuLaunchLetters' },
  { label: 'Напомнить не сдавшим', functionName: 'menuRemind' },
  { label: 'Разослать рекомендации', functionName: 'menuRecommendationLetters' },
  { label: 'Анкета удовлетворённости', functionName: 'menuSurvey' },
  { label: 'Проверка надстройки', functionName: 'menuSelfTest' },
  { label: 'Справка', functionName: 'showHelp' },
];

export function buildMenu(ui: MenuUiPort): void {
  let menu = ui.createAddonMenu();
  for (const item of MENU_ITEMS) {
    menu = menu.addItem(item.label, item.functionName);
  }
  menu.addToUi();
}
