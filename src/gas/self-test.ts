import { type ChartData, chartTable } from '../core/layout/chart-data';
import { addChartRequest } from './render/chart-requests';
import { SELF_TEST_CHART } from './self-test-chart';
import { errorText } from '../app/errors';
import type { SelfCheck } from '../app/rpc';
import { MIME, createFile, driveApi, findStamped, trash } from './drive';
import { disabledApiMessage, troubleOf } from './limits';
import { apiFailure, docsBatchUpdate, docsGet, fetchAllApi } from './rest';
import { advancedDocs, advancedSheets } from './services';

const SCRATCH = 'Проверка надстройки «Мониторинг воспитания» (удаляется автоматически)';

/** What to do when a check fails, in the department's words. */
function advice(e: unknown): string {
  const text = errorText(e);
  if (troubleOf(e) === 'disabled') return disabledApiMessage(e);
  if (/permission|not sufficient|authori[sz]/i.test(text)) {
    return (
      `Google не дал разрешения (${text}). Откройте меню надстройки ещё раз и подтвердите доступ; ` +
      'если не помогло — проверьте appsscript.json (npm run deploy).'
    );
  }
  return `Ошибка Google: ${text}`;
}

function check(name: string, run: () => string): SelfCheck {
  try {
    return { name, ok: true, detail: run() };
  } catch (e) {
    return { name, ok: false, detail: advice(e) };
  }
}

/**
 * «Проверка надстройки»: one real call of every service and scope the add-on uses, in a scratch folder that is put
 * in the trash at the end. A department's first run on real Google finds a missing API, service or permission here,
 * in one click, instead of in the middle of a campaign.
 */
export function selfTest(): SelfCheck[] {
  const made: string[] = [];
  let folder = '';
  const checks: SelfCheck[] = [
    check('Таблица отдела (SpreadsheetApp)', () => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      return `«${ss.getName()}», часовой пояс ${ss.getSpreadsheetTimeZone()}`;
    }),
    check('Пользователь (userinfo.email)', () => Session.getEffectiveUser().getEmail() || 'адрес не виден — проверьте разрешение userinfo.email'),
    check('Свойства документа и блокировка', () => {
      PropertiesService.getDocumentProperties().getProperty('msoko.owner');
      const lock = LockService.getDocumentLock();
      if (!lock.tryLock(3000)) return 'блокировка занята другим шагом (это нормально во время шага)';
      lock.releaseLock();
      return 'работают';
    }),
    check('Google Sheets API (расширенная служба)', () => {
      const api = advancedSheets();
      if (!api?.Spreadsheets) throw new Error('служба Sheets не подключена: в редакторе Apps Script «Сервисы» → Google Sheets API → «Добавить»');
      api.Spreadsheets.get(SpreadsheetApp.getActiveSpreadsheet().getId(), { fields: 'spreadsheetId' });
      return 'работает';
    }),
    check('Google Drive API v3: папка и файлы надстройки (drive.file)', () => {
      folder = createFile(SCRATCH, MIME.folder, 'self-test', null).id ?? '';
      made.push(folder);
      const sheet = createFile('Проверка: таблица', MIME.spreadsheet, 'self-test:sheet', folder).id ?? '';
      made.push(sheet);
      const first = SpreadsheetApp.openById(sheet).getSheets()[0];
      first?.getRange(1, 1).setValue('проверка');
      const copy = driveApi().Files.copy({ name: 'Проверка: копия', parents: [folder], writersCanShare: false }, sheet, { fields: 'id' }).id ?? '';
      made.push(copy);
      if (!findStamped('self-test:sheet', folder)) throw new Error('поиск файла по отметке не сработал');
      const chart = first ? drawTestChart(sheet, first) : '';
      return `создание, копирование, поиск — работают${chart}`;
    }),
    check('Google Docs API и документы', () => {
      const doc = createFile('Проверка: документ', MIME.document, 'self-test:doc', folder || null).id ?? '';
      made.push(doc);
      const docs = advancedDocs();
      if (docs?.Documents) docs.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'проверка' } }] }, doc);
      const text = DocumentApp.openById(doc).getBody().getText();
      return docs?.Documents ? `работают (${text.trim()})` : 'служба Docs не подключена: документы будут строиться медленнее (через DocumentApp)';
    }),
    check('Параллельные запросы к Google (UrlFetchApp, script.external_request)', () => {
      // the documents step sends parallel requests only to the Docs API; without it, it goes school by school
      if (!advancedDocs()?.Documents) return 'не нужны, пока служба Docs не подключена (документы строятся по одному)';
      const doc = createFile('Проверка: параллельный документ', MIME.document, 'self-test:parallel', folder || null).id ?? '';
      made.push(doc);
      const replies = fetchAllApi([
        docsGet(doc, 'documentId'),
        docsBatchUpdate(doc, { requests: [{ insertText: { location: { index: 1 }, text: 'проверка' } }] }),
      ]);
      const failed = replies.find((r) => !r.ok);
      if (failed && !failed.ok) throw apiFailure(failed);
      return 'работают: рекомендации школам создаются группами';
    }),
    check('Google Формы', () => {
      const form = createFile('Проверка: анкета', MIME.form, 'self-test:form', folder || null).id ?? '';
      made.push(form);
      const f = FormApp.openById(form);
      f.addListItem().setTitle('Проверка').setChoiceValues(['да']);
      let restricted = false;
      try {
        restricted = f.requiresLogin();
      } catch {
        restricted = false;
      }
      return restricted ? 'работают; формы домена по умолчанию открыты только сотрудникам — надстройка снимает это ограничение' : 'работают';
    }),
    check('Письма школам (MailApp, script.send_mail; триггеры, script.scriptapp)', () => {
      // nothing is sent and no trigger is made: the quota and the trigger list prove both permissions
      const quota = MailApp.getRemainingDailyQuota();
      const reminders = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === 'lettersTrigger').length;
      return `сегодня можно отправить писем ещё ${quota} получателям; ежедневных напоминаний: ${reminders > 0 ? 'включены' : 'нет'}`;
    }),
  ];
  for (const id of made.reverse()) {
    try {
      trash(id);
    } catch {
      // a scratch file left behind is harmless; it is named as such
    }
  }
  return checks;
}

export function selfTestText(checks: SelfCheck[]): string {
  const bad = checks.filter((c) => !c.ok).length;
  const lines = checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  return `${bad === 0 ? 'Всё работает.' : `Не работает: ${bad} из ${checks.length}.`}\n${lines.join('\n')}`;
}

/**
 * One native chart as the consolidation draws them (the same request builder), on the scratch spreadsheet: the fake's
 * chart rules are partly guessed (test/fakes/README.md), so real Google has the last word here.
 */
function drawTestChart(id: string, sheet: GoogleAppsScript.Spreadsheet.Sheet): string {
  const api = advancedSheets();
  if (!api?.Spreadsheets) return '';
  const table = chartTable(SELF_TEST_CHART);
  sheet.getRange(1, 1, table.length, table[0]?.length ?? 1).setValues(table);
  const data: ChartData = {
    chart: SELF_TEST_CHART,
    sheet: sheet.getName(),
    row: 6,
    col: 1,
    top: 1,
    left: 1,
    rows: table.length,
    headers: (table[0] ?? []).map(String),
  };
  api.Spreadsheets.batchUpdate({ requests: [addChartRequest(data, sheet.getSheetId(), sheet.getSheetId())] }, id);
  return '; диаграмма Sheets API — строится';
}
