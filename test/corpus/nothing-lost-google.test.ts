/**
 * Nothing lost, in Google Sheets (the built bundle on the FakeWorkspace):
 *  (a) validation, consolidation and the documents never write into a school's spreadsheet;
 *  (b) a consolidation that fails while writing (a fault injected into the Nth write call) leaves the last
 *      good appendix sheets as they were and no «(новое)» staging sheets, replies {ok:false} in Russian,
 *      and running the step again gives the same tables as before.
 * A second concurrent run is refused: test/gas/cycle.test.ts.
 */
import type { SpreadsheetModel } from '../fakes';
import type { FakeWorkspace } from '../fakes';
import { DEPARTMENT, SCHOOLS, type Reply, fillAsSchool, newWorkspace, runToEnd, setUpCampaign, valuesOf } from '../gas/helpers';
import { fileIdOf, schoolStates, sheetValues, snapshot } from './helpers';

/** The department's result sheets, compared by value; «Журнал» is left out (it records the real time of each run). */
const RESULT_SHEET = /^(Приложение \d+|Свод по школам|Динамика|Реестр мер)$/;
const names = (ws: FakeWorkspace, id: string): string[] =>
  ws
    .spreadsheetModel(id)
    .sheets.map((s) => s.name)
    .sort();

interface Campaign {
  ws: FakeWorkspace;
  hostId: string;
  fileIds: string[];
}

function campaign(advanced: boolean): Campaign {
  const ws = newWorkspace();
  ws.advancedSheetsEnabled = advanced;
  ws.actAs(DEPARTMENT);
  const hostId = setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const fileIds = schoolStates(ws).map((s) => fileIdOf(s.fileUrl));
  SCHOOLS.forEach((school, i) => {
    fillAsSchool(ws, fileIds[i] ?? '', school, valuesOf(school, 300 + i));
  });
  return { ws, hostId, fileIds };
}

/** What a failed write must leave: the last good tables, every sheet name as before, no staging sheet. */
function expectUntouched(c: Campaign, before: { values: Record<string, unknown[][]>; names: string[] }): void {
  expect(names(c.ws, c.hostId).filter((n) => n.endsWith('(новое)'))).toEqual([]);
  expect(names(c.ws, c.hostId)).toEqual(before.names);
  expect(sheetValues(c.ws, c.hostId, (n) => RESULT_SHEET.test(n))).toEqual(before.values);
}

const FAILED = /^Шаг «Свод в Приложения» прерван: .*сбой записи \(тест\).*\. Уже сделанное сохранено; повторите шаг\.$/;

describe('Sheets advanced service (the usual path)', () => {
  let c: Campaign;
  let before: { values: Record<string, unknown[][]>; names: string[] };
  beforeAll(() => {
    c = campaign(true);
  });

  test('validate, consolidate and documents leave every school spreadsheet exactly as the school left it', () => {
    const models = new Map<string, SpreadsheetModel>(c.fileIds.map((id) => [id, snapshot(c.ws, id)]));
    for (const step of ['validate', 'consolidate', 'documents']) expect([step, runToEnd(c.ws, step).ok]).toEqual([step, true]);
    for (const [id, model] of models) expect(c.ws.spreadsheetModel(id)).toEqual(model);
    before = { values: sheetValues(c.ws, c.hostId, (n) => RESULT_SHEET.test(n)), names: names(c.ws, c.hostId) };
    expect(Object.keys(before.values)).toHaveLength(14);
  });

  test('one consolidation writes with three Spreadsheets.batchUpdate calls and one Values.batchUpdate', () => {
    c.ws.resetCalls();
    expect(runToEnd(c.ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    expect([c.ws.countCalls('Sheets.Spreadsheets.batchUpdate'), c.ws.countCalls('Sheets.Spreadsheets.Values.batchUpdate')]).toEqual([3, 1]);
    expectUntouched(c, before);
  });

  test.each([
    ['the values', 'Sheets.Spreadsheets.Values.batchUpdate', 1],
    ['the formats', 'Sheets.Spreadsheets.batchUpdate', 2],
  ] as const)('a fault while writing %s: the last tables stay, nothing staged is left, a re-run gives the same tables', (_what, filter, nth) => {
    c.ws.failCall(filter, nth, 'сбой записи (тест)');
    const failed: Reply = runToEnd(c.ws, 'consolidate');
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(FAILED);
    expectUntouched(c, before);
    expect(runToEnd(c.ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    expectUntouched(c, before);
  });

  test('a fault while swapping the new sheets in: no «(новое)» sheet is left behind', () => {
    c.ws.failCall('Sheets.Spreadsheets.batchUpdate', 3, 'сбой записи (тест)');
    const failed: Reply = runToEnd(c.ws, 'consolidate');
    expect(failed.message).toMatch(FAILED);
    try {
      expectUntouched(c, before);
    } finally {
      expect(runToEnd(c.ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    }
  });

  test('after the failures, a re-run still gives the same tables and no staging sheet', () => {
    expect(runToEnd(c.ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    expectUntouched(c, before);
  });
});

describe('SpreadsheetApp only (the advanced service not enabled)', () => {
  let c: Campaign;
  let before: { values: Record<string, unknown[][]>; names: string[] };
  beforeAll(() => {
    c = campaign(false);
    const models = new Map<string, SpreadsheetModel>(c.fileIds.map((id) => [id, snapshot(c.ws, id)]));
    expect(runToEnd(c.ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    for (const [id, model] of models) expect(c.ws.spreadsheetModel(id)).toEqual(model);
    before = { values: sheetValues(c.ws, c.hostId, (n) => RESULT_SHEET.test(n)), names: names(c.ws, c.hostId) };
  });

  test('a fault while inserting the 5th new sheet: the made ones are removed, the last tables stay; a re-run matches', () => {
    c.ws.failCall('Spreadsheet.insertSheet', 5, 'сбой записи (тест)');
    const failed: Reply = runToEnd(c.ws, 'consolidate');
    expect([failed.ok, FAILED.test(failed.message)]).toEqual([false, true]);
    expectUntouched(c, before);
    expect(runToEnd(c.ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    expectUntouched(c, before);
  });

  test('a fault while renaming the 2nd new sheet into place: the last tables stay whole', () => {
    c.ws.failCall('Sheet.setName', 2, 'сбой записи (тест)');
    const failed: Reply = runToEnd(c.ws, 'consolidate');
    expect(failed.message).toMatch(FAILED);
    expect(sheetValues(c.ws, c.hostId, (n) => n === 'Приложение 2')).toEqual({ 'Приложение 2': before.values['Приложение 2'] });
    expectUntouched(c, before);
  });
});
