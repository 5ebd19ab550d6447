/** «Проверка надстройки»: every service and scope checked with one real call, in a scratch folder that goes to the trash. */
import { call, newWorkspace, setUpCampaign } from './helpers';

interface Checked {
  ok: boolean;
  message: string;
  checks: { name: string; ok: boolean; detail: string }[];
}

test('all services work on a well-set deployment; nothing is left outside the trash', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  const before = [...ws.files.values()].filter((f) => !f.trashed).length;
  const r = call(ws, 'selfTest') as Checked;
  expect(r.ok).toBe(true);
  expect(r.checks.filter((c) => !c.ok)).toEqual([]);
  expect(r.checks.map((c) => c.name)).toEqual([
    'Таблица отдела (SpreadsheetApp)',
    'Пользователь (userinfo.email)',
    'Свойства документа и блокировка',
    'Google Sheets API (расширенная служба)',
    'Google Drive API v3: папка и файлы надстройки (drive.file)',
    'Google Docs API и документы',
    'Параллельные запросы к Google (UrlFetchApp, script.external_request)',
    'Google Формы',
    'Письма школам (MailApp, script.send_mail; триггеры, script.scriptapp)',
  ]);
  expect(r.message).toBe('Всё работает.');
  expect([...ws.files.values()].filter((f) => !f.trashed).length).toBe(before);
});

test('a missing advanced service is named with what to enable; the other checks still run', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  ws.advancedSheetsEnabled = false;
  ws.advancedDriveEnabled = false;
  const r = call(ws, 'selfTest') as Checked;
  expect(r.ok).toBe(true);
  expect(r.message).toMatch(/^Не работает: \d из 9\.$/);
  const sheets = r.checks.find((c) => c.name.startsWith('Google Sheets API'));
  expect(sheets?.detail).toContain('«Сервисы» → Google Sheets API');
  const drive = r.checks.find((c) => c.name.startsWith('Google Drive API'));
  expect(drive?.detail).toContain('Drive API');
  expect(r.checks.find((c) => c.name.startsWith('Таблица отдела'))?.ok).toBe(true);
});

test('a manifest without script.external_request: the parallel check says what to grant', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  ws.manifestScopes = (ws.manifestScopes ?? []).filter((s) => !s.endsWith('script.external_request'));
  const r = call(ws, 'selfTest') as Checked;
  const parallel = r.checks.find((c) => c.name.startsWith('Параллельные запросы'));
  expect(parallel?.ok).toBe(false);
  expect(parallel?.detail).toContain('не дал разрешения');
  expect(r.checks.filter((c) => !c.ok)).toHaveLength(1);
});
