/**
 * The fake MailApp and ScriptApp clock triggers: scopes from the reference's «Authorization» blocks, the daily
 * recipient quota (100 consumer, 1,500 Workspace: https://developers.google.com/apps-script/guides/services/quotas),
 * strict messages, and the trigger limits.
 */
import { FakeWorkspace } from '.';

const SEND = 'https://www.googleapis.com/auth/script.send_mail';
const SCRIPTAPP = 'https://www.googleapis.com/auth/script.scriptapp';
const SHEETS = 'https://www.googleapis.com/auth/spreadsheets';

function setup(scopes: string[] = [SEND, SCRIPTAPP, SHEETS], quotas = {}) {
  const ws = new FakeWorkspace({ manifestScopes: scopes, quotas });
  ws.createHostSpreadsheet();
  return { ws, g: ws.installGlobals() };
}

test('sendEmail records the message and counts every recipient against the daily quota', () => {
  const { ws, g } = setup();
  expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
  g.MailApp.sendEmail({ to: 'a@school.ru,b@school.ru', subject: 'Тема', body: 'Текст', name: 'Отдел', replyTo: 'otdel@edu.ru' });
  g.MailApp.sendEmail('c@school.ru', 'Тема 2', 'Текст 2');
  expect(g.MailApp.getRemainingDailyQuota()).toBe(97);
  expect(ws.sentMails.map((m) => [m.to, m.subject, m.name, m.replyTo])).toEqual([
    [['a@school.ru', 'b@school.ru'], 'Тема', 'Отдел', 'otdel@edu.ru'],
    [['c@school.ru'], 'Тема 2', null, null],
  ]);
});

test('over the quota: «Service invoked too many times for one day: email.»; the next day it is back', () => {
  const { ws, g } = setup(undefined, { emailRecipients: 2 });
  g.MailApp.sendEmail({ to: 'a@school.ru', subject: 's', body: 'b' });
  expect(() => g.MailApp.sendEmail({ to: 'a@school.ru,b@school.ru', subject: 's', body: 'b' })).toThrow('Service invoked too many times for one day: email.');
  expect(ws.sentMails).toHaveLength(1);
  ws.nextDay();
  expect(ws.installGlobals().MailApp.getRemainingDailyQuota()).toBe(2);
});

test('a Workspace account has 1,500 recipients a day when the test says so', () => {
  const { g } = setup(undefined, { emailRecipients: 1500 });
  expect(g.MailApp.getRemainingDailyQuota()).toBe(1500);
});

test('strict: unknown options, line breaks in headers and malformed addresses throw', () => {
  const { ws, g } = setup();
  expect(() => g.MailApp.sendEmail({ to: 'a@school.ru', subject: 's', body: 'b', from: 'x@y.ru' })).toThrow(/unknown option 'from'/);
  expect(() => g.MailApp.sendEmail({ to: 'a@school.ru', subject: 's\r\nBcc: evil@x.ru', body: 'b' })).toThrow(/line break in 'subject'/);
  expect(() => g.MailApp.sendEmail({ to: 'a@school.ru', subject: 's', body: 'b', name: 'Отдел\nBcc: e@x.ru' })).toThrow(/line break in 'name'/);
  expect(() => g.MailApp.sendEmail({ to: 'a@school.ru\r\nBcc: evil@x.ru', subject: 's', body: 'b' })).toThrow(/Invalid email/);
  expect(() => g.MailApp.sendEmail({ to: 'Отдел <a@school.ru>', subject: 's', body: 'b' })).toThrow(/Invalid email/);
  expect(ws.sentMails).toEqual([]);
});

test('MailApp needs script.send_mail; triggers need script.scriptapp', () => {
  const { g } = setup([SHEETS]);
  expect(() => g.MailApp.getRemainingDailyQuota()).toThrow(/script\.send_mail/);
  expect(() => g.MailApp.sendEmail({ to: 'a@school.ru', subject: 's', body: 'b' })).toThrow(/script\.send_mail/);
  expect(() => g.ScriptApp.newTrigger('f')).toThrow(/script\.scriptapp/);
  expect(() => g.ScriptApp.getProjectTriggers()).toThrow(/script\.scriptapp/);
});

test('a daily clock trigger: made, listed for its user only, one per user and document, deleted', () => {
  const { ws, g } = setup();
  const t = g.ScriptApp.newTrigger('lettersTrigger').timeBased().everyDays(1).atHour(9).create();
  expect(t.getHandlerFunction()).toBe('lettersTrigger');
  expect(ws.triggers).toEqual([expect.objectContaining({ handler: 'lettersTrigger', everyDays: 1, atHour: 9, user: ws.owner })]);
  expect(() => g.ScriptApp.newTrigger('other').timeBased().everyDays(1).create()).toThrow(/one time-driven trigger per user per document/);
  ws.actAs('colleague@edu.ru');
  expect(ws.installGlobals().ScriptApp.getProjectTriggers()).toEqual([]);
  ws.actAs(ws.owner);
  const g2 = ws.installGlobals();
  const [listed] = g2.ScriptApp.getProjectTriggers();
  expect(listed?.getUniqueId()).toBe(t.getUniqueId());
  if (listed) g2.ScriptApp.deleteTrigger(listed);
  expect(ws.triggers).toEqual([]);
  expect(() => g2.ScriptApp.newTrigger('f').timeBased().atHour(25)).toThrow(/Invalid argument/);
});
