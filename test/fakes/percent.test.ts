/**
 * A typed «85%» is the number 0.85 with a percent format, on every path that parses input as typed
 * (SpreadsheetApp writes, Sheets API USER_ENTERED); RAW keeps the text. Public API plus FakeWorkspace controls.
 */
import { FakeWorkspace, type FakeGlobals, type FakeSheet, type FakeSheetsAdvanced } from '.';

function setup(userLocale = 'ru_RU'): { g: FakeGlobals; api: FakeSheetsAdvanced; sheet: FakeSheet; id: string } {
  const ws = new FakeWorkspace({ userLocale });
  const id = ws.createHostSpreadsheet();
  const g = ws.installGlobals();
  const sheet = g.SpreadsheetApp.openById(id).getSheets()[0];
  if (!g.Sheets || !sheet) throw new Error('no Sheets service or sheet');
  return { g, api: g.Sheets, sheet, id };
}

describe('SpreadsheetApp writes', () => {
  test('«85%», «85 %», «8,5%» in ru_RU: numbers with a percent format', () => {
    const { sheet } = setup();
    const cell = sheet.getRange('A1');
    cell.setValue('85%');
    expect(cell.getValue()).toBe(0.85);
    expect(cell.getDisplayValue()).toBe('85%');
    expect(cell.getNumberFormat()).toBe('0%');
    sheet.getRange('A2:C2').setValues([['85 %', '8,5%', '-12%']]);
    expect(sheet.getRange('A2:C2').getValues()).toEqual([[0.85, 0.085, -0.12]]);
    expect(sheet.getRange('A2:C2').getDisplayValues()).toEqual([['85%', '8,50%', '-12%']]);
    expect(sheet.getRange('A2:C2').getNumberFormats()).toEqual([['0%', '0.00%', '0%']]);
  });

  test('the separator is the locale’s; text that is not a percent stays text', () => {
    const en = setup('en_US').sheet;
    en.getRange('A1:B1').setValues([['8.5%', '8,5%']]);
    expect(en.getRange('A1:B1').getValues()).toEqual([[0.085, '8,5%']]);
    const { sheet } = setup();
    sheet.getRange('A1:E1').setValues([['8.5%', '%', '85%%', '85% годовых', "'85%"]]);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['8.5%', '%', '85%%', '85% годовых', '85%']]);
  });

  test('a text format keeps «85%» as text; a number format set before is kept', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('@').setValue('85%');
    expect(sheet.getRange('A1').getValue()).toBe('85%');
    sheet.getRange('A2').setNumberFormat('0.0%').setValue('85%');
    expect(sheet.getRange('A2').getValue()).toBe(0.85);
    expect(sheet.getRange('A2').getNumberFormat()).toBe('0.0%');
  });
});

describe('Sheets API', () => {
  test('USER_ENTERED parses «85%»; UNFORMATTED_VALUE reads 0.85, FORMATTED_VALUE «85%»; RAW keeps the text', () => {
    const { api, id } = setup();
    api.Spreadsheets.Values.update({ values: [['85%', '8,5%']] }, id, 'Лист1!A1', { valueInputOption: 'USER_ENTERED' });
    api.Spreadsheets.Values.update({ values: [['85%']] }, id, 'Лист1!A2', { valueInputOption: 'RAW' });
    const unformatted = api.Spreadsheets.Values.batchGet(id, { ranges: ['Лист1!A1:B2'], valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(unformatted.valueRanges?.[0]?.values).toEqual([[0.85, 0.085], ['85%']]);
    expect(api.Spreadsheets.Values.get(id, 'Лист1!A1:B2').values).toEqual([['85%', '8,50%'], ['85%']]);
  });

  test('Spreadsheets.get with ranges and a fields mask shows the percent number format and the effective value', () => {
    const { api, id, sheet } = setup();
    sheet.getRange('B2:C2').setValues([['85%', 'текст']]);
    const res = api.Spreadsheets.get(id, {
      ranges: ['Лист1!B2:C2'],
      fields: 'sheets(properties.title,data.rowData.values(effectiveValue,formattedValue,effectiveFormat.numberFormat))',
    });
    expect(res.sheets).toEqual([
      {
        properties: { title: 'Лист1' },
        data: [
          {
            rowData: [
              {
                values: [
                  { effectiveValue: { numberValue: 0.85 }, formattedValue: '85%', effectiveFormat: { numberFormat: { type: 'PERCENT', pattern: '0%' } } },
                  { effectiveValue: { stringValue: 'текст' }, formattedValue: 'текст' },
                ],
              },
            ],
          },
        ],
      },
    ]);
  });

  test('includeGridData: the sheets the ranges are on, start row and column, userEnteredValue and format; no mask, no data', () => {
    const { api, id, sheet, g } = setup();
    g.SpreadsheetApp.openById(id).insertSheet('Другой');
    sheet.getRange('B2').setValue('50%');
    sheet.getRange('B3').setFormula('=B2*2');
    const res = api.Spreadsheets.get(id, { ranges: ['Лист1!B2:B4'], includeGridData: true });
    expect(res.sheets?.map((s) => s.properties?.title)).toEqual(['Лист1']);
    expect(res.sheets?.[0]?.data).toEqual([
      {
        startRow: 1,
        startColumn: 1,
        rowData: [
          {
            values: [
              {
                userEnteredValue: { numberValue: 0.5 },
                effectiveValue: { numberValue: 0.5 },
                formattedValue: '50%',
                userEnteredFormat: { numberFormat: { type: 'PERCENT', pattern: '0%' } },
                effectiveFormat: { numberFormat: { type: 'PERCENT', pattern: '0%' } },
              },
            ],
          },
          { values: [{ userEnteredValue: { formulaValue: '=B2*2' } }] },
        ],
      },
    ]);
    expect(api.Spreadsheets.get(id).sheets?.every((s) => s.data === undefined)).toBe(true);
    expect(api.Spreadsheets.get(id, { includeGridData: true }).sheets?.map((s) => s.data?.length)).toEqual([1, 1]);
  });
});
