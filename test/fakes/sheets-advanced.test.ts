/**
 * The fake Sheets advanced service (`Sheets`, REST v4) over the same models as SpreadsheetApp.
 * Written against the public API only (plus FakeWorkspace controls), like test/fakes/fakes.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuthMode, FakeWorkspace, PROTECTED_MSG, ProtectionType, type FakeGlobals, type FakeSheetsAdvanced } from '.';
import { runInFreshContext } from '../helpers/run-bundle';

const SCHOOL = 'school1@mail.example';

function setup(): { ws: FakeWorkspace; g: FakeGlobals; api: FakeSheetsAdvanced } {
  const ws = new FakeWorkspace();
  ws.createHostSpreadsheet();
  const g = ws.installGlobals();
  if (!g.Sheets) throw new Error('Sheets advanced service missing');
  return { ws, g, api: g.Sheets };
}

function school(g: FakeGlobals) {
  const ss = g.SpreadsheetApp.create('Школа №1');
  const sheet = ss.getSheets()[0];
  if (!sheet) throw new Error('no sheet');
  return { ss, sheet, id: ss.getId() };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('did not throw an Error');
}

/** Reads a nested field of a reply (replies are plain JSON). */
function dig(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? Reflect.get(v, k) : undefined), value);
}

const grid = (sheetId: number, r0: number, r1: number, c0: number, c1: number) => ({
  sheetId,
  startRowIndex: r0,
  endRowIndex: r1,
  startColumnIndex: c0,
  endColumnIndex: c1,
});

describe('Values.batchGet', () => {
  test('sees SpreadsheetApp writes; trailing empty rows and cells are omitted, inner blanks are ""', () => {
    const { api, g } = setup();
    const { sheet, id } = school(g);
    sheet.getRange('A1:C3').setValues([
      ['Школа', '', 3],
      ['', '', ''],
      [1.5, true, ''],
    ]);
    const res = api.Spreadsheets.Values.batchGet(id, { ranges: ["'Лист1'!A1:G40", 'Лист1!E1:F2'], valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(res.spreadsheetId).toBe(id);
    expect(res.valueRanges).toEqual([
      { range: "'Лист1'!A1:G40", majorDimension: 'ROWS', values: [['Школа', '', 3], [], [1.5, true]] },
      { range: "'Лист1'!E1:F2", majorDimension: 'ROWS' }, // no values at all for an empty range
    ]);
  });

  test('render options: formatted strings by default, formulas, seeded results, date serials', () => {
    const { ws, api, g } = setup();
    const { sheet, id } = school(g);
    sheet.getRange('A1:D1').setValues([[1.5, true, '=SUM(A1:A1)', new Date('2026-03-01T00:00:00+09:00')]]);
    sheet.getRange('A2:B2').setValues([['=A1*2', 'x']]);
    const get = (opts: object) => api.Spreadsheets.Values.batchGet(id, { ranges: ['Лист1!A1:D2'], ...opts }).valueRanges?.[0]?.values;
    expect(get({})).toEqual([
      ['1,5', 'TRUE', '', '01.03.2026'],
      ['', 'x'],
    ]);
    expect(get({ valueRenderOption: 'FORMULA' })).toEqual([
      [1.5, true, '=SUM(A1:A1)', 46082],
      ['=A1*2', 'x'],
    ]);
    expect(get({ valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' })).toEqual([
      [1.5, true, '', '01.03.2026'],
      ['', 'x'],
    ]);
    ws.seedComputed(id, 'Лист1', 'C1', 1.5);
    expect(get({ valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([
      [1.5, true, 1.5, 46082],
      ['', 'x'],
    ]);
  });

  test('range forms: sheet name alone, whole columns, no sheet name (first visible sheet)', () => {
    const { api, g } = setup();
    const { ss, sheet, id } = school(g);
    ss.insertSheet('Data').getRange('B2').setValue('b2');
    sheet.getRange('A1').setValue('a1');
    const ranges = ['Data', 'Data!A:G', "'Data'!B2", 'A1:B2'];
    const res = api.Spreadsheets.Values.batchGet(id, { ranges, valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(res.valueRanges?.map((v) => [v.range, v.values])).toEqual([
      ['Data!A1:Z1000', [[], ['', 'b2']]],
      ['Data!A1:G1000', [[], ['', 'b2']]],
      ['Data!B2', [['b2']]],
      ["'Лист1'!A1:B2", [['a1']]],
    ]);
    expect(() => api.Spreadsheets.Values.batchGet(id, { ranges: ['Data!A1001'] })).toThrow(
      'Range (Data!A1001) exceeds grid limits. Max rows: 1000, max columns: 26',
    );
  });

  test('a range naming a missing sheet fails like the real API', () => {
    const { api, g } = setup();
    const { id } = school(g);
    const e = thrown(() => api.Spreadsheets.Values.batchGet(id, { ranges: ["'Лист1'!A1", "'Лист'!A1:B2"] }));
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(String(e)).toBe(
      "GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchGet failed with error: Unable to parse range: 'Лист'!A1:B2",
    );
    expect(Reflect.get(e, 'details')).toEqual({ code: 400, message: "Unable to parse range: 'Лист'!A1:B2" });
  });
});

describe('Values.batchUpdate', () => {
  test('RAW keeps text; USER_ENTERED parses like typed input; null skips a cell; SpreadsheetApp sees the result', () => {
    const { api, g } = setup();
    const { sheet, id } = school(g);
    sheet.getRange('C1').setValue('остаётся');
    const data = [
      { range: 'Лист1!A1:C1', values: [['0012', '=1+1', null]] },
      {
        range: "'Лист1'!A3",
        values: [
          [1, 2],
          [3, true],
        ],
      },
    ];
    const res = api.Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data }, id);
    expect([res.totalUpdatedCells, res.responses.map((r) => r.updatedRange)]).toEqual([6, ["'Лист1'!A1:C1", "'Лист1'!A3:B4"]]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['0012', '=1+1', 'остаётся']]);
    expect(sheet.getRange('B1').getFormula()).toBe('');
    api.Spreadsheets.Values.batchUpdate(
      { valueInputOption: 'USER_ENTERED', data: [{ range: 'Лист1!A1:D1', values: [['0012', '1,5', '=SUM(A3:A4)', "'0012"]] }] },
      id,
    );
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[12, 1.5, '', '0012']]);
    expect(sheet.getRange('C1').getFormula()).toBe('=SUM(A3:A4)');
  });

  test('data larger than a multi-cell range, or no valueInputOption, fails and writes nothing', () => {
    const { api, g } = setup();
    const { sheet, id } = school(g);
    const write = (body: object) => () => api.Spreadsheets.Values.batchUpdate(body, id);
    const data = [
      { range: 'Лист1!A1', values: [[1]] },
      { range: 'Лист1!A1:B1', values: [[1, 2, 3]] },
    ];
    expect(write({ valueInputOption: 'RAW', data })).toThrow("Requested writing within range ['Лист1'!A1:B1], but tried writing to column [C]");
    expect(write({ data: [{ range: 'Лист1!A1', values: [[1]] }] })).toThrow("'valueInputOption' is required but not specified");
    expect(sheet.getRange('A1').getValue()).toBe(''); // the first range of the failed batch was not applied
  });
});

describe('Spreadsheets.get', () => {
  test('properties and sheets like the API (defaults omitted); a fields mask trims the response', () => {
    const { api, g } = setup();
    const { ss, sheet, id } = school(g);
    sheet.setFrozenRows(2);
    ss.insertSheet('Скрытый').hideSheet();
    sheet.getRange('A1:B1').merge();
    const res = api.Spreadsheets.get(id);
    expect(res.properties).toEqual({ title: 'Школа №1', locale: 'ru_RU', autoRecalc: 'ON_CHANGE', timeZone: 'Asia/Chita' });
    expect(res.sheets?.map((s) => s.properties)).toEqual([
      { sheetId: 0, title: 'Лист1', index: 0, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 2 } },
      { sheetId: 1, title: 'Скрытый', index: 1, sheetType: 'GRID', hidden: true, gridProperties: { rowCount: 1000, columnCount: 26 } },
    ]);
    expect(res.sheets?.[0]?.merges).toEqual([grid(0, 0, 1, 0, 2)]);
    expect(api.Spreadsheets.get(id, { fields: 'sheets(properties(sheetId,title))' })).toEqual({
      sheets: [{ properties: { sheetId: 0, title: 'Лист1' } }, { properties: { sheetId: 1, title: 'Скрытый' } }],
    });
  });
});

describe('Spreadsheets.batchUpdate', () => {
  test('sheets: addSheet replies with the new sheetId; updateSheetProperties honours the fields mask; deleteSheet', () => {
    const { api, g } = setup();
    const { ss, id } = school(g);
    const res = api.Spreadsheets.batchUpdate(
      { requests: [{ addSheet: { properties: { title: 'Сводка', index: 0, gridProperties: { rowCount: 50, columnCount: 8 } } } }] },
      id,
    );
    const sheetId = Number(dig(res.replies[0], 'addSheet', 'properties', 'sheetId'));
    const added = ss.getSheetById(sheetId);
    expect([added?.getName(), added?.getIndex(), added?.getMaxRows(), added?.getMaxColumns()]).toEqual(['Сводка', 1, 50, 8]);
    const props = { sheetId, title: 'Итог', hidden: true, gridProperties: { frozenRowCount: 3 } };
    api.Spreadsheets.batchUpdate({ requests: [{ updateSheetProperties: { properties: props, fields: 'title,gridProperties.frozenRowCount' } }] }, id);
    expect([added?.getName(), added?.isSheetHidden(), added?.getFrozenRows()]).toEqual(['Итог', false, 3]);
    api.Spreadsheets.batchUpdate({ requests: [{ deleteSheet: { sheetId } }] }, id);
    expect(ss.getSheetById(sheetId)).toBeNull();
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ deleteSheet: { sheetId: 0 } }] }, id)).toThrow(
      "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.",
    );
  });

  test('atomic: when one request fails, none of the batch is applied', () => {
    const { api, g } = setup();
    const { ss, sheet, id } = school(g);
    sheet.getRange('A1:B2').merge();
    const requests = [
      { addSheet: { properties: { title: 'Новый' } } },
      { repeatCell: { range: grid(0, 5, 6, 0, 1), cell: { userEnteredFormat: { backgroundColor: { red: 1 } } }, fields: 'userEnteredFormat.backgroundColor' } },
      { mergeCells: { range: grid(0, 1, 3, 1, 3), mergeType: 'MERGE_ALL' } },
    ];
    const e = thrown(() => api.Spreadsheets.batchUpdate({ requests }, id));
    expect(String(e)).toBe(
      "GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[2].mergeCells: You can't merge cells that overlap other merged cells.",
    );
    expect(ss.getSheetByName('Новый')).toBeNull();
    expect(sheet.getRange('A6').getBackground()).toBe('#ffffff');
    expect(
      sheet
        .getRange('A1:D4')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:B2']);
  });

  test('merges: visible through SpreadsheetApp; only the top-left value survives; unknown request kinds fail', () => {
    const { api, g } = setup();
    const { sheet, id } = school(g);
    sheet.getRange('A1:C1').setValues([['заголовок', 'x', 'y']]);
    api.Spreadsheets.batchUpdate({ requests: [{ mergeCells: { range: grid(0, 0, 1, 0, 3), mergeType: 'MERGE_ALL' } }] }, id);
    expect(sheet.getRange('A1').isPartOfMerge()).toBe(true);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['заголовок', '', '']]);
    api.Spreadsheets.batchUpdate({ requests: [{ unmergeCells: { range: grid(0, 0, 1, 0, 3) } }] }, id);
    expect(sheet.getRange('A1').isPartOfMerge()).toBe(false);
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ mergeCels: {} }] }, id)).toThrow(
      'Unknown name "mergeCels" at \'requests[0]\': Cannot find field.',
    );
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ sortRange: {} }] }, id)).toThrow(
      "Fake Sheets service: request 'sortRange' (requests[0]) is not implemented by the fake",
    );
  });

  test('repeatCell formats read back through Range getters; the fields mask limits what changes', () => {
    const { api, g } = setup();
    const { sheet, id } = school(g);
    const format = {
      backgroundColor: { red: 0.85, green: 0.92, blue: 0.83 },
      textFormat: { bold: true, italic: true, fontSize: 12, foregroundColor: { red: 1 } },
      wrapStrategy: 'WRAP',
      horizontalAlignment: 'CENTER',
      verticalAlignment: 'TOP',
      numberFormat: { type: 'NUMBER', pattern: '0.00' },
    };
    api.Spreadsheets.batchUpdate(
      { requests: [{ repeatCell: { range: grid(0, 0, 2, 0, 2), cell: { userEnteredFormat: format }, fields: 'userEnteredFormat' } }] },
      id,
    );
    const b2 = sheet.getRange('B2');
    expect([
      b2.getBackground(),
      b2.getFontWeight(),
      b2.getFontColor(),
      b2.getWrap(),
      b2.getHorizontalAlignment(),
      b2.getVerticalAlignment(),
      b2.getNumberFormat(),
    ]).toEqual(['#d9ebd4', 'bold', '#ff0000', true, 'center', 'top', '0.00']);
    const notBold = { userEnteredFormat: { textFormat: { bold: false }, backgroundColor: { blue: 1 } } };
    api.Spreadsheets.batchUpdate(
      { requests: [{ repeatCell: { range: grid(0, 1, 2, 1, 2), cell: notBold, fields: 'userEnteredFormat(textFormat.bold)' } }] },
      id,
    );
    expect([b2.getFontWeight(), b2.getBackground(), b2.getFontColor()]).toEqual(['normal', '#d9ebd4', '#ff0000']);
    api.Spreadsheets.batchUpdate({ requests: [{ repeatCell: { range: grid(0, 1, 2, 1, 2), cell: {}, fields: 'userEnteredFormat.backgroundColor' } }] }, id);
    expect(b2.getBackground()).toBe('#ffffff'); // in the mask but absent: reset to default
    api.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            updateDimensionProperties: {
              range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 1, endIndex: 3 },
              properties: { pixelSize: 240 },
              fields: 'pixelSize',
            },
          },
          {
            updateDimensionProperties: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 },
              properties: { pixelSize: 42 },
              fields: 'pixelSize',
            },
          },
          { updateBorders: { range: grid(0, 0, 2, 0, 2), top: { style: 'SOLID', color: { red: 0.65 } } } },
        ],
      },
      id,
    );
    expect([sheet.getColumnWidth(1), sheet.getColumnWidth(2), sheet.getColumnWidth(3), sheet.getRowHeight(1), sheet.getRowHeight(2)]).toEqual([
      100, 240, 240, 42, 21,
    ]);
  });

  test('setDataValidation shows up as SpreadsheetApp DataValidation objects', () => {
    const { api, g } = setup();
    const { sheet, id } = school(g);
    const dv = (col: number, type: string, values: string[], extra: object = {}) => ({
      setDataValidation: {
        range: grid(0, 0, 1, col, col + 1),
        rule: { condition: { type, values: values.map((userEnteredValue) => ({ userEnteredValue })) }, ...extra },
      },
    });
    api.Spreadsheets.batchUpdate(
      {
        requests: [
          dv(0, 'ONE_OF_LIST', ['да', 'нет'], { strict: true, showCustomUi: true, inputMessage: 'Выберите' }),
          dv(1, 'NUMBER_BETWEEN', ['0', '5000'], { strict: true }),
          dv(2, 'TEXT_IS_URL', []),
          dv(3, 'CUSTOM_FORMULA', ['=ISNUMBER(D1)']),
          dv(4, 'NUMBER_GREATER_THAN_EQ', ['0']),
        ],
      },
      id,
    );
    const got = sheet
      .getRange('A1:F1')
      .getDataValidations()[0]
      ?.map((v) => (v ? [String(v.getCriteriaType()), v.getCriteriaValues(), v.getAllowInvalid(), v.getHelpText()] : null));
    expect(got).toEqual([
      ['VALUE_IN_LIST', [['да', 'нет'], true], false, 'Выберите'],
      ['NUMBER_BETWEEN', [0, 5000], false, null],
      ['TEXT_IS_VALID_URL', [], true, null],
      ['CUSTOM_FORMULA', ['=ISNUMBER(D1)'], true, null],
      ['NUMBER_GREATER_THAN_OR_EQUAL_TO', [0], true, null],
      null,
    ]);
    expect(sheet.getRange('A1').getDataValidation()?.getCriteriaType()).toBe(g.SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST);
  });

  test('addConditionalFormatRule is visible through Sheet.getConditionalFormatRules', () => {
    const { api, g } = setup();
    const { sheet, id } = school(g);
    const format = { backgroundColor: { red: 0.96, green: 0.78, blue: 0.76 }, textFormat: { foregroundColor: { red: 0.6 } } };
    const cf = (type: string, value: string, index: number) => ({
      addConditionalFormatRule: {
        rule: { ranges: [grid(0, 0, 10, 0, 1)], booleanRule: { condition: { type, values: [{ userEnteredValue: value }] }, format } },
        index,
      },
    });
    api.Spreadsheets.batchUpdate({ requests: [cf('TEXT_STARTS_WITH', 'Ошибка', 0), cf('TEXT_EQ', 'Нет', 1), cf('CUSTOM_FORMULA', '=A1<0', 0)] }, id);
    const rules = sheet.getConditionalFormatRules().map((r) => [r.getBooleanCondition(), r.getRanges().map((x) => x.getA1Notation())] as const);
    expect(rules.map(([c, ranges]) => [String(c?.getCriteriaType()), c?.getCriteriaValues(), c?.getBackground(), c?.getFontColor(), ranges])).toEqual([
      ['CUSTOM_FORMULA', ['=A1<0'], '#f5c7c2', '#990000', ['A1:A10']],
      ['TEXT_STARTS_WITH', ['Ошибка'], '#f5c7c2', '#990000', ['A1:A10']],
      ['TEXT_EQUAL_TO', ['Нет'], '#f5c7c2', '#990000', ['A1:A10']],
    ]);
  });

  test('addProtectedRange: visible through getProtections and enforced for the school', () => {
    const { ws, api, g } = setup();
    const { ss, sheet, id } = school(g);
    ss.addEditor(SCHOOL);
    const res = api.Spreadsheets.batchUpdate(
      {
        requests: [
          { addProtectedRange: { protectedRange: { range: { sheetId: 0 }, description: 'Форма школы', unprotectedRanges: [grid(0, 1, 3, 1, 3)] } } },
          { addProtectedRange: { protectedRange: { range: grid(0, 9, 10, 0, 2), description: 'Шапка', warningOnly: true } } },
        ],
      },
      id,
    );
    expect(dig(res.replies[0], 'addProtectedRange', 'protectedRange')).toMatchObject({
      range: { sheetId: 0 },
      description: 'Форма школы',
      editors: { users: [ws.owner] },
    });
    const [p] = sheet.getProtections(ProtectionType.SHEET);
    expect([p?.getDescription(), p?.getUnprotectedRanges().map((r) => r.getA1Notation()), p?.getEditors().map((u) => u.getEmail())]).toEqual([
      'Форма школы',
      ['B2:C3'],
      [ws.owner],
    ]);
    expect(sheet.getProtections(ProtectionType.RANGE).map((x) => [x.getRange().getA1Notation(), x.isWarningOnly()])).toEqual([['A10:B10', true]]);
    ws.actAs(SCHOOL);
    expect(() => sheet.getRange('A1').setValue('нельзя')).toThrow(PROTECTED_MSG);
    sheet.getRange('B2:C3').setValues([
      [1, 2],
      [3, 4],
    ]);
    const write = (range: string) => () => api.Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data: [{ range, values: [[5]] }] }, id);
    expect(write('Лист1!A1')).toThrow(`API call to sheets.spreadsheets.values.batchUpdate failed with error: ${PROTECTED_MSG}`);
    expect(write('Лист1!C3')).not.toThrow();
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ mergeCells: { range: grid(0, 0, 1, 0, 2) } }] }, id)).toThrow(PROTECTED_MSG);
    expect(sheet.getRange('B2:C3').getValues()).toEqual([
      [1, 2],
      [3, 5],
    ]);
  });

  test('addNamedRange: visible through getNamedRanges/getRangeByName; names are validated', () => {
    const { api, g } = setup();
    const { ss, id } = school(g);
    api.Spreadsheets.batchUpdate({ requests: [{ addNamedRange: { namedRange: { name: 'Ввод_показателей', range: grid(0, 1, 3, 1, 3) } } }] }, id);
    expect(ss.getRangeByName('Ввод_показателей')?.getA1Notation()).toBe('B2:C3');
    expect(ss.getNamedRanges().map((n) => n.getName())).toEqual(['Ввод_показателей']);
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ addNamedRange: { namedRange: { name: 'A1', range: grid(0, 0, 1, 0, 1) } } }] }, id)).toThrow(
      'Invalid requests[0].addNamedRange: Invalid named range name: "A1"',
    );
  });
});

describe('Call log, auth modes, access, the switch', () => {
  test('each call is logged once under its Sheets.* name', () => {
    const { ws, api, g } = setup();
    const { id } = school(g);
    ws.resetCalls();
    api.Spreadsheets.Values.batchGet(id, { ranges: ['Лист1!A1'] });
    api.Spreadsheets.batchUpdate({ requests: [{ addSheet: {} }] }, id);
    api.Spreadsheets.get(id);
    expect(ws.calls.map((c) => `${c.service}.${c.method}`)).toEqual([
      'Sheets.Spreadsheets.Values.batchGet',
      'Sheets.Spreadsheets.batchUpdate',
      'Sheets.Spreadsheets.get',
    ]);
    expect(ws.countCalls('Sheets.Spreadsheets.Values.batchGet')).toBe(1);
    expect(ws.countCalls((c) => c.service.startsWith('Sheets.'))).toBe(3);
  });

  test('AuthMode.NONE and LIMITED refuse the service', () => {
    const { ws } = setup();
    const id = ws.hostId ?? '';
    for (const authMode of [AuthMode.NONE, AuthMode.LIMITED]) {
      const Sheets = ws.installGlobals({ authMode }).Sheets;
      expect(() => Sheets?.Spreadsheets.Values.batchGet(id, { ranges: ['A1'] })).toThrow(
        'You do not have permission to call Sheets.Spreadsheets.Values.batchGet',
      );
    }
    expect(ws.calls.filter((c) => c.denied).map((c) => `${c.service}.${c.method}`)).toEqual([
      'Sheets.Spreadsheets.Values.batchGet',
      'Sheets.Spreadsheets.Values.batchGet',
    ]);
  });

  test('the acting user needs access to read and edit rights to write', () => {
    const { ws, api, g } = setup();
    const { ss, id } = school(g);
    ws.actAs('stranger@mail.example');
    expect(() => api.Spreadsheets.Values.batchGet(id, { ranges: ['A1'] })).toThrow('failed with error: The caller does not have permission');
    ws.actAs(ws.owner);
    ss.addViewer('viewer@mail.example');
    ws.actAs('viewer@mail.example');
    expect(() => api.Spreadsheets.get(id)).not.toThrow();
    expect(() => api.Spreadsheets.batchUpdate({ requests: [{ addSheet: {} }] }, id)).toThrow('The caller does not have permission');
    expect(() => api.Spreadsheets.get('1NoSuchFile')).toThrow('API call to sheets.spreadsheets.get failed with error: Requested entity was not found.');
  });

  test('ws.advancedSheetsEnabled = false: no Sheets global, in installGlobals and in the bundle context', () => {
    const ws = new FakeWorkspace();
    const id = ws.createHostSpreadsheet();
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-sheets-'));
    const codePath = path.join(dir, 'Code.js');
    writeFileSync(
      codePath,
      `function probe(id) {
  if (typeof Sheets === 'undefined') return 'absent';
  const r = Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['A1:B2'] });
  return r.valueRanges instanceof Array ? 'present' : 'foreign arrays';
}`,
    );
    expect(runInFreshContext(ws, { codePath })['probe']?.(id)).toBe('present');
    ws.advancedSheetsEnabled = false;
    expect('Sheets' in ws.installGlobals()).toBe(false);
    expect(runInFreshContext(ws, { codePath })['probe']?.(id)).toBe('absent');
  });
});

describe('Sheet.getRangeList', () => {
  test('formats several ranges in one call; protections are checked for all ranges first', () => {
    const { ws, g } = setup();
    const { ss, sheet } = school(g);
    ws.resetCalls();
    const list = sheet.getRangeList(['A1:B1', 'D4']).setBackground('#fce8b2').setFontWeight('bold').setValue('x');
    expect(ws.calls.map((c) => `${c.service}.${c.method}`)).toEqual([
      'Sheet.getRangeList',
      'RangeList.setBackground',
      'RangeList.setFontWeight',
      'RangeList.setValue',
    ]);
    expect(list.getRanges().map((r) => [r.getA1Notation(), r.getBackground(), r.getFontWeight(), r.getValue()])).toEqual([
      ['A1:B1', '#fce8b2', 'bold', 'x'],
      ['D4', '#fce8b2', 'bold', 'x'],
    ]);
    ss.addEditor(SCHOOL);
    sheet.getRange('D4').protect().removeEditors([SCHOOL]);
    ws.actAs(SCHOOL);
    expect(() => sheet.getRangeList(['A1', 'D4']).setValue('y')).toThrow(PROTECTED_MSG);
    expect(sheet.getRange('A1').getValue()).toBe('x');
  });
});

describe('addChart', () => {
  const column = (sheetId: number, c: number, rows = 3) => ({ sourceRange: { sources: [grid(sheetId, 0, rows, c, c + 1)] } });
  const bar = (sheetId: number, extra: Record<string, unknown> = {}) => ({
    chartType: 'BAR',
    headerCount: 1,
    domains: [{ domain: column(sheetId, 0) }],
    series: [{ series: column(sheetId, 1), targetAxis: 'BOTTOM_AXIS' }],
    ...extra,
  });
  const add = (sheetId: number, basicChart: unknown, anchor = { rowIndex: 5, columnIndex: 0 }) => ({
    addChart: {
      chart: {
        spec: { title: 'Доли', basicChart },
        position: { overlayPosition: { anchorCell: { sheetId, ...anchor }, widthPixels: 760, heightPixels: 300 } },
      },
    },
  });

  test('a chart over the sheet, its data read from single columns, goes away with its sheet', () => {
    const { ws, g, api } = setup();
    const { ss, sheet, id } = school(g);
    const sid = sheet.getSheetId();
    const reply = api.Spreadsheets?.batchUpdate({ requests: [add(sid, bar(sid))] }, id);
    expect(typeof dig(reply, 'replies', '0', 'addChart', 'chart', 'chartId')).toBe('number');
    expect(ws.spreadsheetModel(id).sheets[0]?.charts?.[0]?.anchor).toEqual({ row: 6, col: 1 });
    const other = ss.insertSheet('Другой');
    api.Spreadsheets?.batchUpdate({ requests: [{ deleteSheet: { sheetId: sid } }] }, id);
    expect(ws.spreadsheetModel(id).sheets.flatMap((s) => s.charts ?? [])).toEqual([]);
    expect(other.getName()).toBe('Другой');
  });

  test.each([
    ['an anchor outside the grid', (sid: number) => add(sid, bar(sid), { rowIndex: 5000, columnIndex: 0 }), /outside the grid/],
    [
      'a two-column source',
      (sid: number) => add(sid, bar(sid, { domains: [{ domain: { sourceRange: { sources: [grid(sid, 0, 3, 0, 2)] } } }] })),
      /single row or column/,
    ],
    ['a series longer than the domain', (sid: number) => add(sid, bar(sid, { series: [{ series: column(sid, 1, 4) }] })), /same number of points/],
    [
      'a BAR series on the left axis',
      (sid: number) => add(sid, bar(sid, { series: [{ series: column(sid, 1), targetAxis: 'LEFT_AXIS' }] })),
      /not valid for BAR/,
    ],
    ['a range past the last row', (sid: number) => add(sid, bar(sid, { domains: [{ domain: column(sid, 0, 5000) }] })), /exceeds grid limits/],
    ['no chart type', (sid: number) => add(sid, undefined), /must specify a chart type/],
  ])('%s is refused and nothing is added', (_, request, message) => {
    const { ws, g, api } = setup();
    const { sheet, id } = school(g);
    const sid = sheet.getSheetId();
    expect(thrown(() => api.Spreadsheets?.batchUpdate({ requests: [request(sid)] }, id)).message).toMatch(message);
    expect(ws.spreadsheetModel(id).sheets.flatMap((s) => s.charts ?? [])).toEqual([]);
  });
});
