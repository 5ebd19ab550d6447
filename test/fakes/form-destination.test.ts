/** Form.setDestination: answers land in a sheet of the spreadsheet (earlier ones copied, later ones appended). */
import { FakeWorkspace } from './index';

test('linked responses sheet: header, earlier and later answers; requiresLogin on Workspace', () => {
  const ws = new FakeWorkspace({ owner: 'otdel@edu-demo.ru' });
  const g = ws.installGlobals();
  const form = g.FormApp.create('Анкета');
  form.addListItem().setTitle('Школа').setChoiceValues(['А', 'Б']);
  form.setPublished(true);
  ws.submitFormResponse(form.getId(), { Школа: 'А' });
  const ss = g.SpreadsheetApp.create('Ответы');
  expect(() => form.getDestinationId()).toThrow('does not currently have a response destination');
  form.setDestination(g.FormApp.DestinationType.SPREADSHEET, ss.getId());
  ws.submitFormResponse(form.getId(), { Школа: 'Б' });
  expect(form.getDestinationId()).toBe(ss.getId());
  const sheet = ss.getSheets()[0];
  expect(sheet?.getName()).toBe('Ответы на форму (1)');
  const rows = sheet?.getDataRange().getValues() ?? [];
  expect(rows.map((r) => r.slice(1))).toEqual([['Школа'], ['А'], ['Б']]);
  expect(rows[0]?.[0]).toBe('Отметка времени');
  expect(form.requiresLogin()).toBe(false);
  expect(() => form.setRequireLogin(false)).toThrow('only available for Google Workspace');
  ws.workspaceDomain = 'edu-demo.ru';
  const domainForm = ws.installGlobals().FormApp.create('Анкета домена');
  expect(domainForm.requiresLogin()).toBe(true);
  domainForm.setRequireLogin(false);
  expect(domainForm.requiresLogin()).toBe(false);
});
