/**
 * Letters to schools in Google (issue 19) on the built dist/Code.js over the strict fake: MailApp with its daily
 * recipient quota, the delivery log, the registry's last-letter columns, the daily reminder trigger.
 */
import type { LettersView } from '../../src/app/letters-panel';
import type { Value } from '../../src/core/submission/values';
import type { FakeWorkspace } from '../fakes';
import { DEPARTMENT, SCHOOLS, byHand, call, fillAsSchool, newWorkspace, reply, runToEnd, setUpCampaign, valuesOf } from './helpers';

type LettersReply = ({ ok: true } & LettersView) | { ok: false; message: string };

let ws: FakeWorkspace;
const fileIdOf = (url: string): string => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';

function letters(request: unknown): LettersView {
  const r = call(ws, 'letters', request) as LettersReply;
  if (!r.ok) throw new Error(r.message);
  return r;
}

interface SchoolState {
  id: string;
  fileUrl: string;
  docUrl: string;
  lifecycle: string;
}
const schools = (): SchoolState[] => (call(ws, 'getState') as { schools: SchoolState[] }).schools;

/** Rows typed by the department after the four schools: a hostile name, no e-mail, an address letters refuse. */
const EXTRA = [
  ['hostile', 'Школа №9\r\nBcc: evil@x.ru', 'Школа №9\r\nBcc: evil@x.ru', 'СОШ', 'nine@edu-demo.ru'],
  ['noaddr', 'Школа без адреса', 'Без адреса', 'ООШ', ''],
  ['cyr', 'Школа с адресом кириллицей', 'Кириллица', 'НОШ', 'школа@почта.рф'],
];

function registryRows(): unknown[][] {
  const { SpreadsheetApp } = ws.installGlobals();
  const values = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы')?.getDataRange().getValues() ?? [];
  ws.endExecution();
  return values;
}

function setRegistryCell(row: number, col: number, value: string): void {
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы')?.getRange(row, col).setValue(value);
    ws.endExecution();
  });
}

function setCampaignDeadline(iso: string): void {
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Кампания')?.getRange(6, 2).setValue(`'${iso}`);
    ws.endExecution();
  });
}

/** The reminders in the hidden log, dated back: as if a week had passed (the bundle's Date is the machine's). */
function backdateReminders(iso: string): void {
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    const sheet = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Письма');
    const values = sheet?.getDataRange().getValues() ?? [];
    values.forEach((row, i) => {
      if (i > 0 && row[1] === 'reminder') sheet?.getRange(i + 1, 3).setValue(`'${iso}`);
    });
    ws.endExecution();
  });
}

const sentTo = (from: number): string[] => ws.sentMails.slice(from).map((m) => m.to.join(','));

beforeAll(() => {
  ws = newWorkspace();
  ws.actAs(DEPARTMENT);
  setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    SpreadsheetApp.getActiveSpreadsheet()
      ?.getSheetByName('Школы')
      ?.getRange(SCHOOLS.length + 2, 1, EXTRA.length, 5)
      .setValues(EXTRA);
    ws.endExecution();
  });
});

test('launch letters go once to each school that has its file, with the link in the body and no attachment', () => {
  const state = letters({ action: 'state' });
  expect(state.reminders).toEqual({ on: false, hour: 9 });
  expect(state.noAddress.map((s) => s.schoolId)).toEqual(['noaddr', 'cyr']);
  ws.resetCalls();
  const r = letters({ action: 'send', kind: 'launch' });
  expect(r.paused).toBe(false);
  // the quota is asked once per batch (of up to 20), before the batch
  expect(ws.countCalls('MailApp.getRemainingDailyQuota')).toBe(1);
  expect(ws.countCalls('MailApp.sendEmail')).toBe(SCHOOLS.length);
  expect(r.letters.map((l) => l.schoolId)).toEqual(SCHOOLS.map((s) => s.id));
  expect(ws.sentMails.map((m) => m.to)).toEqual(SCHOOLS.map((s) => s.emails));
  const rows = schools();
  for (const [i, m] of ws.sentMails.entries()) {
    expect(m.body).toContain(rows[i]?.fileUrl);
    expect(m.attachments).toBe(0);
    expect(m.cc).toEqual([]);
    expect(m.bcc).toEqual([]);
    expect(m.name).toBe('Отдел управления образованием');
    expect(m.subject).toContain(SCHOOLS[i]?.shortName);
  }
  // the three extra rows have no school file yet: skipped with the reason, not silently
  expect(r.skipped.map((s) => s.schoolId).sort()).toEqual(['cyr', 'hostile', 'noaddr']);
  expect(r.skipped[0]?.reason).toContain('нет таблицы школы');
  // the registry shows the last letter; the texts sheet and the hidden log exist
  const values = registryRows();
  expect(values[0]?.slice(14, 16)).toEqual(['Последнее письмо', 'Вид последнего письма']);
  for (let i = 1; i <= SCHOOLS.length; i++) {
    expect(String(values[i]?.[14])).toMatch(/^\d\d\.\d\d\.2026 \d\d:\d\d$/);
    expect(values[i]?.[15]).toBe('О проведении мониторинга');
  }
  expect(values[SCHOOLS.length + 1]?.[15]).toBe('');
  const host = ws.spreadsheetModel(ws.hostId ?? '');
  expect(host.sheets.find((s) => s.name === 'Письма')?.hidden).toBe(true);
  expect(host.sheets.some((s) => s.name === 'Тексты писем')).toBe(true);
});

test('a second run sends nothing; «send again» sends to each school once more', () => {
  const before = ws.sentMails.length;
  const again = letters({ action: 'send', kind: 'launch' });
  expect(ws.sentMails.length).toBe(before);
  expect(again.letters).toEqual([]);
  expect(again.message).toContain('к отправке нет');
  expect(again.skipped.filter((s) => s.reason.includes('уже отправлено'))).toHaveLength(SCHOOLS.length);
  const resent = letters({ action: 'send', kind: 'launch', resend: true, schools: ['gimn'] });
  expect(resent.letters.map((l) => l.schoolId)).toEqual(['gimn']);
  expect(sentTo(before)).toEqual(['gimn@edu-demo.ru']);
});

test('the daily quota pauses the mailing; the next day it goes on and nobody gets it twice', () => {
  const before = ws.sentMails.length;
  ws.quotaUsed.emailRecipients = ws.quotaLimits.emailRecipients - 2;
  const first = letters({ action: 'send', kind: 'launch', resend: true });
  expect(first.paused).toBe(true);
  expect(first.letters).toHaveLength(2);
  expect(first.message).toContain('квота');
  // the same day: the quota is spent, nothing goes
  const blocked = letters({ action: 'send', kind: 'launch', resend: true });
  expect(blocked.letters).toEqual([]);
  expect(blocked.paused).toBe(true);
  expect(letters({ action: 'state' }).message).toContain('Не закончена рассылка «О проведении мониторинга»');
  ws.nextDay();
  // the next day the paused resend goes on (asked again without «resend»): only the two that did not get it
  const next = letters({ action: 'send', kind: 'launch' });
  expect(next.paused).toBe(false);
  expect(next.letters).toHaveLength(2);
  expect(sentTo(before).sort()).toEqual(SCHOOLS.map((s) => s.emails.join(',')).sort());
  // finished: a plain run sends nothing
  expect(letters({ action: 'send', kind: 'launch' }).letters).toEqual([]);
  expect(ws.sentMails.length).toBe(before + SCHOOLS.length);
});

test('reminders go to schools that have not delivered, with their findings, at most once in the interval; no address is listed', () => {
  const rows = schools();
  const ready = SCHOOLS[0];
  const partly = SCHOOLS[1];
  if (!ready || !partly) throw new Error('no schools');
  fillAsSchool(ws, fileIdOf(rows[0]?.fileUrl ?? ''), ready, valuesOf(ready, 11));
  const half: Record<string, Value> = Object.fromEntries(Object.entries(valuesOf(partly, 12)).slice(0, 5));
  fillAsSchool(ws, fileIdOf(rows[1]?.fileUrl ?? ''), partly, half, 'Готово к проверке');
  expect(runToEnd(ws, 'validate')).toMatchObject({ ok: true, done: true });
  const before = ws.sentMails.length;
  const r = letters({ action: 'send', kind: 'reminder' });
  const expected = [...SCHOOLS.slice(1).map((s) => s.id), 'hostile'];
  expect(r.letters.map((l) => l.schoolId)).toEqual(expected);
  expect(r.noAddress.map((s) => s.schoolId)).toEqual(['noaddr', 'cyr']);
  expect(r.noAddress[1]?.reason).toContain('адрес не принят');
  expect(r.message).toContain('Без действительного адреса');
  expect(r.skipped.map((s) => s.schoolId)).toEqual([ready.id]);
  const toPartly = ws.sentMails.slice(before).find((m) => m.to.includes(partly.emails[0] ?? ''));
  expect(toPartly?.body).toMatch(/ячейка [A-Z]+\d+/);
  // the hostile name: one recipient, no Bcc, a one-line subject
  const hostile = ws.sentMails.slice(before).find((m) => m.to.includes('nine@edu-demo.ru'));
  expect(hostile?.to).toEqual(['nine@edu-demo.ru']);
  expect(hostile?.bcc).toEqual([]);
  expect(hostile?.cc).toEqual([]);
  expect(hostile?.subject).not.toMatch(/[\r\n]/);
  expect(ws.sentMails.slice(before).flatMap((m) => [...m.to, ...m.cc, ...m.bcc])).not.toContain('evil@x.ru');
  // again the same day: within the interval, nothing
  const again = letters({ action: 'send', kind: 'reminder' });
  expect(again.letters).toEqual([]);
  expect(again.skipped.filter((s) => s.reason.includes('напоминание уже отправлено'))).toHaveLength(expected.length);
  const values = registryRows();
  expect(values[2]?.[15]).toBe('Напоминание');
  expect(values[1]?.[15]).toBe('О проведении мониторинга');
});

test('a hostile address in the registry cannot add a recipient: the row is refused and nothing is sent', () => {
  const before = ws.sentMails.length;
  const row = SCHOOLS.length + 2;
  setRegistryCell(row, 5, 'nine@edu-demo.ru\r\nBcc: evil@x.ru');
  const r = call(ws, 'letters', { action: 'send', kind: 'reminder', resend: true }) as LettersReply;
  expect(r.ok).toBe(false);
  expect(ws.sentMails.length).toBe(before);
  setRegistryCell(row, 5, 'nine@edu-demo.ru, evil');
  const refused = call(ws, 'letters', { action: 'send', kind: 'reminder' }) as LettersReply;
  expect(refused.ok).toBe(false);
  expect(ws.sentMails.length).toBe(before);
  setRegistryCell(row, 5, 'nine@edu-demo.ru');
});

test('recommendations go to the schools that have their document, with its link, signed as the campaign says', () => {
  // a «Кампания» sheet made before the letters: the rows come back on the next mailing; a registry without the
  // last-letter headers gets them back
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    const host = SpreadsheetApp.getActiveSpreadsheet();
    host?.getSheetByName('Кампания')?.deleteRows(8, 3);
    host
      ?.getSheetByName('Школы')
      ?.getRange(1, 15, 1, 2)
      .setValues([['', '']]);
    ws.endExecution();
  });
  expect(letters({ action: 'send', kind: 'recommendations' }).letters).toEqual([]);
  const campaign = (): unknown[][] => {
    const { SpreadsheetApp } = ws.installGlobals();
    const values = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Кампания')?.getDataRange().getValues() ?? [];
    ws.endExecution();
    return values;
  };
  expect(
    campaign()
      .map((r) => r[0])
      .slice(7, 10),
  ).toEqual(['Подпись писем школам (имя, должность)', 'Адрес для ответов школ (e-mail)', 'Напоминать школе не чаще, чем раз в (дней)']);
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    SpreadsheetApp.getActiveSpreadsheet()
      ?.getSheetByName('Кампания')
      ?.getRange(8, 2, 2, 1)
      .setValues([['Иванова И. И.\nBcc: evil@x.ru'], ['otdel@edu-demo.ru']]);
    ws.endExecution();
  });
  const docUrl = 'https://docs.google.com/document/d/1FakeDOC000000000000000000000000000000000099/edit';
  setRegistryCell(3, 13, docUrl);
  const before = ws.sentMails.length;
  const r = letters({ action: 'send', kind: 'recommendations' });
  expect(r.letters.map((l) => l.schoolId)).toEqual(['gimn']);
  expect(ws.sentMails.slice(before).map((m) => m.to)).toEqual([['gimn@edu-demo.ru']]);
  expect(ws.sentMails[before]?.body).toContain(docUrl);
  expect(ws.sentMails[before]?.name).toBe('Иванова И. И. Bcc: evil@x.ru');
  expect(ws.sentMails[before]?.replyTo).toBe('otdel@edu-demo.ru');
  expect(ws.sentMails[before]?.bcc).toEqual([]);
  expect(registryRows()[0]?.slice(14, 16)).toEqual(['Последнее письмо', 'Вид последнего письма']);
  expect(registryRows()[2]?.[15]).toBe('Адресные рекомендации');
  expect(letters({ action: 'send', kind: 'recommendations' }).letters).toEqual([]);
});

test('a formula on «Тексты писем» is refused, never evaluated; nothing is sent', () => {
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Тексты писем')?.getRange('C5').setFormula('=HYPERLINK("http://x";"y")');
    ws.endExecution();
  });
  const before = ws.sentMails.length;
  const r = call(ws, 'letters', { action: 'send', kind: 'reminder', resend: true }) as LettersReply;
  expect(r.ok).toBe(false);
  expect(r.ok ? '' : r.message).toContain('C5: формула');
  expect(ws.sentMails.length).toBe(before);
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Тексты писем')?.getRange('C5').setValue('Напоминание: {школа_кратко}, срок {срок}');
    ws.endExecution();
  });
});

test('the daily trigger: made when switched on, reminds only after the deadline, removed when off and at a new campaign', () => {
  const on = letters({ action: 'reminders', on: true });
  expect(on.reminders).toEqual({ on: true, hour: 9 });
  expect(ws.triggers).toHaveLength(1);
  const trigger = ws.triggers[0];
  expect(trigger).toMatchObject({ handler: 'lettersTrigger', everyDays: 1, atHour: 9, user: DEPARTMENT });
  // before the deadline: nothing goes (the bundle runs on the machine's clock, so the deadline is moved instead of time)
  setCampaignDeadline('2099-12-31');
  const before = ws.sentMails.length;
  call(ws, 'lettersTrigger', { triggerUid: trigger?.id });
  expect(ws.sentMails.length).toBe(before);
  // after it, and a week after the last reminders (their log entries are dated back): the schools that have not delivered, once
  setCampaignDeadline('2026-01-15');
  backdateReminders('2026-01-01T00:00:00.000Z');
  call(ws, 'lettersTrigger', { triggerUid: trigger?.id });
  const reminded = ws.sentMails.slice(before);
  expect(reminded.map((m) => m.to.join(','))).toEqual([...SCHOOLS.slice(1).map((s) => s.emails.join(',')), 'nine@edu-demo.ru']);
  expect(reminded.every((m) => m.subject.startsWith('Напоминание'))).toBe(true);
  expect(letters({ action: 'state' }).message).toMatch(
    /Ежедневные напоминания, последний запуск \d\d\.\d\d\.\d{4} \d\d:\d\d: Отправлено писем «Напоминание»: 4\./,
  );
  call(ws, 'lettersTrigger', { triggerUid: trigger?.id });
  expect(ws.sentMails.length).toBe(before + SCHOOLS.length);
  // switched off: the trigger goes
  expect(letters({ action: 'reminders', on: false }).reminders).toEqual({ on: false, hour: 9 });
  expect(ws.triggers).toEqual([]);
  // on again, then a new campaign: the trigger goes, the setting says off
  letters({ action: 'reminders', on: true });
  expect(ws.triggers).toHaveLength(1);
  expect(reply(ws, 'newCampaign', { year: 2027, municipality: 'Тестовый муниципальный округ', deadline: '2027-12-15' }).ok).toBe(true);
  expect(ws.triggers).toEqual([]);
  expect(letters({ action: 'state' }).reminders).toEqual({ on: false, hour: 9 });
});

test("«Напомнить не сдавшим» from the menu: the new campaign's own letters, the schools without an address in the dialog; a stale trigger removes itself", () => {
  call(ws, 'menuRemind');
  const alert = ws.ui.alerts[ws.ui.alerts.length - 1];
  // the 2027 campaign (started in the trigger test) has sent nothing yet: last year's log does not hold its letters back
  expect(alert?.prompt).toContain('Отправлено писем «Напоминание»: 4.');
  expect(alert?.prompt).toContain('Без адреса электронной почты:');
  expect(alert?.prompt).toContain('— Без адреса (noaddr): в реестре нет адреса электронной почты');
  call(ws, 'lettersTrigger', { triggerUid: '424242' });
  expect(ws.triggers).toEqual([]);
});

test('the local-only action is refused in Google with a Russian reason', () => {
  const r = call(ws, 'letters', { action: 'markSent', kind: 'launch' }) as LettersReply;
  expect(r).toMatchObject({ ok: false });
  expect(r.ok ? '' : r.message).toContain('отмечаются отправленными сами');
  const bad = call(ws, 'letters', { action: 'send', kind: 'spam' }) as LettersReply;
  expect(bad.ok).toBe(false);
});
