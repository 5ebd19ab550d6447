/**
 * A mailing longer than one batch on the built bundle: the quota is asked before every batch of 20, and a mailing
 * the execution's time cuts short says «more» and goes on in the next call without sending anything twice. The
 * bundle copy's Date.now() reads 150 s later at each call (as test/helpers/sidebar-flow.ts slowBundle does), so the
 * 240-second budget ends after the first batch.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LettersView } from '../../src/app/letters-panel';
import type { School } from '../../src/core/campaign/schema';
import type { FakeWorkspace } from '../fakes';
import { CODE_JS, runInFreshContext } from '../helpers/run-bundle';
import { typeRegistry } from '../helpers/sidebar-flow';
import { DEPARTMENT, byHand, newWorkspace, reply } from './helpers';

const SCHOOLS: School[] = Array.from({ length: 24 }, (_, i) => ({
  id: `s${i + 1}`,
  name: `Средняя общеобразовательная школа № ${i + 1}`,
  shortName: `СОШ № ${i + 1}`,
  type: 'СОШ',
  emails: [`s${i + 1}@edu-demo.ru`],
}));
let ws: FakeWorkspace;
let dir: string;
let codePath: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'letters-batches-'));
  codePath = path.join(dir, 'Code.js');
  const patch = '(function () { var real = Date.now, calls = 0; Date.now = function () { calls += 1; return real() + calls * 150000; }; })();\n';
  writeFileSync(codePath, patch + readFileSync(CODE_JS, 'utf8'));
  ws = newWorkspace();
  ws.actAs(DEPARTMENT);
  ws.createHostSpreadsheet();
  expect(reply(ws, 'newCampaign', { year: 2026, municipality: 'Тестовый муниципальный округ', deadline: '2026-12-15' }).ok).toBe(true);
  typeRegistry(ws, SCHOOLS);
  // each school's recommendations document, as the documents step records it
  byHand(ws, () => {
    const { SpreadsheetApp } = ws.installGlobals();
    SpreadsheetApp.getActiveSpreadsheet()
      ?.getSheetByName('Школы')
      ?.getRange(2, 13, SCHOOLS.length, 1)
      .setValues(SCHOOLS.map((_, i) => [`https://docs.google.com/document/d/1FakeDOC${String(i + 1).padStart(35, '0')}/edit`]));
    ws.endExecution();
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const send = (): LettersView => {
  const r = runInFreshContext(ws, { codePath }).letters?.({ action: 'send', kind: 'recommendations' }) as
    | ({ ok: true } & LettersView)
    | { ok: false; message: string };
  if (!r.ok) throw new Error(r.message);
  return JSON.parse(JSON.stringify(r)) as LettersView;
};

test('the first call sends one batch and says «more»; the next goes on; each school gets it once; the quota is asked per batch', () => {
  ws.resetCalls();
  const first = send();
  expect(first.more).toBe(true);
  expect(first.letters).toHaveLength(20);
  expect(first.message).toContain('продолжаю');
  expect(ws.countCalls('MailApp.getRemainingDailyQuota')).toBe(1);
  const second = send();
  expect(second.more).toBe(false);
  expect(second.letters.map((l) => l.schoolId)).toEqual(SCHOOLS.slice(20).map((s) => s.id));
  expect(ws.countCalls('MailApp.getRemainingDailyQuota')).toBe(2);
  expect(ws.sentMails.map((m) => m.to.join(','))).toEqual(SCHOOLS.map((s) => s.emails.join(',')));
  expect(send().letters).toEqual([]);
  expect(ws.sentMails).toHaveLength(SCHOOLS.length);
});
