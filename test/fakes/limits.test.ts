/**
 * Limits the fake enforces as Google does: Sheets API request size (our 2,000,000-byte budget), per-minute read and
 * write quotas on the fake clock, 50,000 characters per cell on every write path, 10 million cells per spreadsheet.
 * Written against the public API plus FakeWorkspace controls.
 */
import { FakeWorkspace, type FakeGlobals, type FakeSheetsAdvanced } from '.';

const MINUTE = 60_000;
const TOO_LONG = 'Your input contains more than the maximum of 50000 characters in a single cell.';
const TOO_MANY_CELLS = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

function setup(opts: ConstructorParameters<typeof FakeWorkspace>[0] = {}): { ws: FakeWorkspace; g: FakeGlobals; api: FakeSheetsAdvanced; id: string } {
  const ws = new FakeWorkspace(opts);
  const id = ws.createHostSpreadsheet();
  const g = ws.installGlobals();
  if (!g.Sheets) throw new Error('Sheets advanced service missing');
  return { ws, g, api: g.Sheets, id };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  throw new Error('did not throw');
}

describe('Sheets API request size', () => {
  test('each request’s body size is in the call log; reads send none; maxRequestBytes() is the largest', () => {
    const { ws, api, id } = setup();
    const body = { valueInputOption: 'RAW', data: [{ range: 'Лист1!A1', values: [['Ёлка', 1]] }] };
    api.Spreadsheets.Values.batchUpdate(body, id);
    api.Spreadsheets.Values.batchGet(id, { ranges: ['Лист1!A1:B1'] });
    const [write, read] = ws.calls.filter((c) => c.service.startsWith('Sheets.'));
    expect(write?.bytes).toBe(Buffer.byteLength(JSON.stringify(body), 'utf8'));
    expect(read?.bytes).toBe(0);
    expect(ws.calls.find((c) => c.service === 'SpreadsheetApp')?.bytes).toBeUndefined();
    expect(ws.maxRequestBytes()).toBe(write?.bytes);
    expect(ws.maxRequestBytes('Sheets.Spreadsheets.Values.batchGet')).toBe(0);
  });

  test('a body over 2,000,000 bytes is refused before anything is written; just under passes', () => {
    const { ws, api, id } = setup();
    const big = 'я'.repeat(25_000); // 50,000 bytes in UTF-8, half the cell limit in characters
    const rows = (n: number): string[][] => Array.from({ length: n }, () => [big]);
    const e = thrown(() => api.Spreadsheets.Values.update({ values: rows(40) }, id, 'Лист1!A1', { valueInputOption: 'RAW' }));
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(e.message).toBe('API call to sheets.spreadsheets.values.update failed with error: Request payload size exceeds the limit: 2000000 bytes.');
    expect(Reflect.get(e, 'details')).toMatchObject({ code: 400 });
    expect(api.Spreadsheets.Values.get(id, 'Лист1!A1:A40').values).toBeUndefined();
    expect(() => api.Spreadsheets.Values.update({ values: rows(39) }, id, 'Лист1!A1', { valueInputOption: 'RAW' })).not.toThrow();
    expect(ws.maxRequestBytes()).toBeGreaterThan(1_950_000);
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ repeatCell: { cell: { note: big.repeat(41) }, fields: 'note' } }] }, id)).toThrow(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Request payload size exceeds the limit: 2000000 bytes.',
    );
  });

  test('the budget is a workspace setting', () => {
    const { api, id } = setup({ apiLimits: { requestBytes: 100 } });
    expect(() => api.Spreadsheets.Values.update({ values: [['x'.repeat(100)]] }, id, 'A1', { valueInputOption: 'RAW' })).toThrow(
      'Request payload size exceeds the limit: 100 bytes.',
    );
  });
});

describe('Sheets API per-minute quotas (fake clock)', () => {
  const read = (api: FakeSheetsAdvanced, id: string) => () => api.Spreadsheets.Values.batchGet(id, { ranges: ['A1'] });
  const write = (api: FakeSheetsAdvanced, id: string) => () => api.Spreadsheets.Values.update({ values: [[1]] }, id, 'A1', { valueInputOption: 'RAW' });

  test('60 reads a minute per user; the 61st answers 429 as the API does; a minute later reads work again', () => {
    const { ws, api, id } = setup();
    for (let i = 0; i < 60; i++) read(api, id)();
    const e = thrown(read(api, id));
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(e.message).toBe(
      "API call to sheets.spreadsheets.values.batchGet failed with error: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:1'.",
    );
    expect(Reflect.get(e, 'details')).toMatchObject({ code: 429 });
    expect(() => api.Spreadsheets.get(id)).toThrow(/Read requests per minute per user/);
    expect(write(api, id)).not.toThrow(); // writes have their own quota
    ws.advance(MINUTE - 1);
    expect(read(api, id)).toThrow(/Quota exceeded/);
    ws.advance(1);
    expect(read(api, id)).not.toThrow();
  });

  test('60 writes a minute per user, counted apart from reads; refused calls do not count', () => {
    const { ws, api, id } = setup();
    for (let i = 0; i < 60; i++) write(api, id)();
    expect(write(api, id)).toThrow(
      "API call to sheets.spreadsheets.values.update failed with error: Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:1'.",
    );
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ addSheet: {} }] }, id)).toThrow(/Write requests per minute per user/);
    expect(read(api, id)).not.toThrow();
    ws.advance(MINUTE);
    for (let i = 0; i < 60; i++) write(api, id)();
    expect(write(api, id)).toThrow(/Quota exceeded/);
  });

  test('per user: another user has a minute of their own, up to 300 a minute for the project', () => {
    const { ws, api, id } = setup();
    ws.installGlobals().SpreadsheetApp.openById(id).addEditors(['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example']);
    for (let i = 0; i < 60; i++) read(api, id)();
    expect(read(api, id)).toThrow(/per minute per user/);
    for (const user of ['a', 'b', 'c', 'd']) {
      ws.actAs(`${user}@x.example`);
      for (let i = 0; i < 60; i++) read(api, id)();
    }
    ws.actAs('e@x.example');
    expect(read(api, id)).toThrow("limit 'Read requests per minute' of service 'sheets.googleapis.com'");
  });

  test('the quotas are workspace settings; resetApiQuotas() starts a fresh minute', () => {
    const { ws, api, id } = setup({ apiLimits: { sheetsReadsPerMinutePerUser: 2 } });
    read(api, id)();
    read(api, id)();
    expect(read(api, id)).toThrow(/Quota exceeded/);
    ws.resetApiQuotas();
    expect(read(api, id)).not.toThrow();
    ws.apiLimits.sheetsReadsPerMinutePerUser = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 100; i++) read(api, id)();
  });
});

describe('50,000 characters per cell, on every write path', () => {
  test('SpreadsheetApp: setValue, setValues, appendRow, setFormula', () => {
    const { g } = setup();
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet()?.getSheets()[0];
    if (!sheet) throw new Error('no sheet');
    const ok = 'x'.repeat(50_000);
    const long = `${ok}x`;
    expect(() => sheet.getRange('A1').setValue(ok)).not.toThrow();
    expect(thrown(() => sheet.getRange('A1').setValue(long))).toMatchObject({ name: 'Exception', message: TOO_LONG });
    expect(() => sheet.getRange('A1:B1').setValues([['a', long]])).toThrow(TOO_LONG);
    expect(() => sheet.appendRow([long])).toThrow(TOO_LONG);
    expect(() => sheet.getRange('C1').setFormula(`="${long}"`)).toThrow(TOO_LONG);
  });

  test('Sheets API: RAW and USER_ENTERED values, repeatCell stringValue', () => {
    const { api, id } = setup();
    const long = 'x'.repeat(50_001);
    for (const valueInputOption of ['RAW', 'USER_ENTERED']) {
      expect(() => api.Spreadsheets.Values.update({ values: [[long]] }, id, 'A1', { valueInputOption })).toThrow(
        `API call to sheets.spreadsheets.values.update failed with error: ${TOO_LONG}`,
      );
    }
    expect(() =>
      api.Spreadsheets.batchUpdate(
        {
          requests: [
            {
              repeatCell: {
                range: { sheetId: 0, endRowIndex: 1, endColumnIndex: 1 },
                cell: { userEnteredValue: { stringValue: long } },
                fields: 'userEnteredValue',
              },
            },
          ],
        },
        id,
      ),
    ).toThrow(TOO_LONG);
  });
});

describe('10,000,000 cells per spreadsheet', () => {
  // 384,615 rows × 26 columns = 9,999,990 cells: 10 short of the limit
  const nearlyFull = (g: FakeGlobals) => g.SpreadsheetApp.create('Большая', 384_615, 26);

  test('SpreadsheetApp.create, insertSheet, insertRows/Columns and appendRow growth', () => {
    const { g } = setup();
    expect(() => g.SpreadsheetApp.create('Слишком', 10_000_001, 1)).toThrow(TOO_MANY_CELLS);
    const ss = nearlyFull(g);
    const sheet = ss.getSheets()[0];
    if (!sheet) throw new Error('no sheet');
    expect(thrown(() => ss.insertSheet('Ещё'))).toMatchObject({ name: 'Exception', message: TOO_MANY_CELLS });
    expect(ss.getSheets()).toHaveLength(1);
    expect(() => sheet.insertRowsAfter(1, 1)).toThrow(TOO_MANY_CELLS);
    expect(() => sheet.insertColumnAfter(1)).toThrow(TOO_MANY_CELLS);
    sheet.getRange(384_615, 1).setValue('последняя строка');
    expect(() => sheet.appendRow(['ещё строка'])).toThrow(TOO_MANY_CELLS);
    expect(sheet.getMaxRows()).toBe(384_615);
    sheet.deleteColumns(26, 1);
    expect(() => sheet.insertRowsAfter(1, 10)).not.toThrow(); // 384,625 × 25 is well under
  });

  test('Sheets API: addSheet with gridProperties and appendDimension fail as the API does', () => {
    const { g, api } = setup();
    const id = nearlyFull(g).getId();
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ addSheet: { properties: { title: 'Ещё' } } }] }, id)).toThrow(
      `API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].addSheet: ${TOO_MANY_CELLS}`,
    );
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } }] }, id)).toThrow(
      `Invalid requests[0].appendDimension: ${TOO_MANY_CELLS}`,
    );
    const small = g.SpreadsheetApp.create('Маленькая');
    api.Spreadsheets.batchUpdate(
      {
        requests: [
          { addSheet: { properties: { title: 'Узкий', gridProperties: { rowCount: 5, columnCount: 2 } } } },
          { appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 4 } },
        ],
      },
      small.getId(),
    );
    expect(small.getSheetByName('Узкий')?.getMaxRows()).toBe(5);
    expect(small.getSheets()[0]?.getMaxColumns()).toBe(30);
    const huge = { addSheet: { properties: { title: 'Огромный', gridProperties: { rowCount: 1_000_000, columnCount: 11 } } } };
    expect(() => api.Spreadsheets.batchUpdate({ requests: [huge] }, small.getId())).toThrow(TOO_MANY_CELLS);
  });
});
