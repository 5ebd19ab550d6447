/**
 * Behaviour of the Apps Script fakes (test/fakes). Written against the public Apps Script API
 * only (plus the FakeWorkspace test controls), so the same expectations can later be checked
 * on live Apps Script in the pilot.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { AuthMode, FakeWorkspace, LOCK_TIMEOUT, PROTECTED_MSG, ProtectionType, type FakeGlobals } from '.';
import { googleScriptRun, readPublicApi, runInFreshContext } from '../helpers/run-bundle';

const SCHOOL = 'school1@mail.example';

function setup(opts: ConstructorParameters<typeof FakeWorkspace>[0] = {}): { ws: FakeWorkspace; g: FakeGlobals } {
  const ws = new FakeWorkspace(opts);
  ws.createHostSpreadsheet();
  return { ws, g: ws.installGlobals() };
}

function firstSheet(g: FakeGlobals, name = 'Школа') {
  const ss = g.SpreadsheetApp.create(name);
  const sheet = ss.getSheets()[0];
  if (!sheet) throw new Error('no sheet');
  return { ss, sheet };
}

describe('Range values', () => {
  test('blank cells read as "", never null; numbers, booleans and Dates round-trip', () => {
    const { g } = setup();
    const { sheet } = firstSheet(g);
    const d = new Date('2026-03-01T00:00:00Z');
    sheet.getRange(1, 1, 1, 4).setValues([[42, true, d, null]]);
    const values = sheet.getRange('A1:E2').getValues();
    expect(values).toEqual([
      [42, true, d, '', ''],
      ['', '', '', '', ''],
    ]);
    expect(values[0]?.[2]).toBeInstanceOf(Date);
    expect(sheet.getRange('E5').getValue()).toBe('');
  });

  test('setValues with the wrong shape throws the Sheets message', () => {
    const { g } = setup();
    const { sheet } = firstSheet(g);
    expect(() =>
      sheet.getRange('A1:B3').setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.');
    expect(() => sheet.getRange('A1:B1').setValues([[1, 2, 3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  test('strings are interpreted like typed input; "@" keeps text; formulas are text, never evaluated', () => {
    const { ws, g } = setup();
    const { ss, sheet } = firstSheet(g);
    sheet.getRange('A1:D1').setValues([['0012', '1,5', 'TRUE', 'текст']]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[12, 1.5, true, 'текст']]);
    sheet.getRange('E1').setNumberFormat('@').setValue('0012');
    expect(sheet.getRange('E1').getValue()).toBe('0012');
    sheet.getRange('F1').setValue('=SUM(A1:B1)');
    expect(sheet.getRange('F1').getFormula()).toBe('=SUM(A1:B1)');
    expect(sheet.getRange('F1').getValue()).toBe('');
    ws.seedComputed(ss.getId(), sheet.getName(), 'F1', 13.5);
    expect(sheet.getRange('F1').getValue()).toBe(13.5);
    expect(sheet.getRange('F1').getDisplayValue()).toBe('13,5');
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  test('geometry, A1 notation, bounds and last row/column', () => {
    const { g } = setup();
    const { sheet } = firstSheet(g);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    const r = sheet.getRange(2, 2, 3, 2);
    expect([r.getA1Notation(), r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual(['B2:C4', 2, 2, 3, 2]);
    expect(r.offset(1, 1, 1, 1).getA1Notation()).toBe('C3');
    expect(r.getSheet().getName()).toBe(sheet.getName());
    sheet.getRange('C7').setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn(), sheet.getDataRange().getA1Notation()]).toEqual([7, 3, 'A1:C7']);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('AA1')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
  });

  test('display values, number formats, notes, formatting read back', () => {
    const { g } = setup();
    const { sheet } = firstSheet(g);
    const r = sheet.getRange('A1:B1');
    r.setValues([[0.256, 3]])
      .setNumberFormats([['0.0%', '0.00']])
      .setBackground('#fce8e6')
      .setFontWeight('bold');
    expect(r.getDisplayValues()).toEqual([['25,6%', '3,00']]);
    expect(r.getBackgrounds()).toEqual([['#fce8e6', '#fce8e6']]);
    expect(r.getFontWeight()).toBe('bold');
    expect(sheet.getRange('C1').getBackground()).toBe('#ffffff');
    sheet.getRange('A2').setNote('Введите число');
    expect(sheet.getRange('A2').getNote()).toBe('Введите число');
  });

  test('merges keep the top-left value; partial overlaps throw', () => {
    const { g } = setup();
    const { sheet } = firstSheet(g);
    sheet.getRange('A1:B1').setValues([['Заголовок', 'лишнее']]);
    sheet.getRange('A1:B1').merge();
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['Заголовок', '']]);
    expect(
      sheet
        .getRange('A1:C3')
        .getMergedRanges()
        .map((m) => m.getA1Notation()),
    ).toEqual(['A1:B1']);
    expect(() => sheet.getRange('B1:C1').merge()).toThrow('You must select all cells in a merged range to merge or unmerge them.');
    sheet.getRange('A3:C4').mergeAcross();
    expect(
      sheet
        .getRange('A3:C4')
        .getMergedRanges()
        .map((m) => m.getA1Notation()),
    ).toEqual(['A3:C3', 'A4:C4']);
    sheet.getRange('A1:C4').breakApart();
    expect(sheet.getRange('A1:C4').isPartOfMerge()).toBe(false);
  });
});

describe('Sheets and named ranges', () => {
  test('getSheetByName is null when missing; insertSheet rejects duplicates; the last sheet stays', () => {
    const { g } = setup();
    const { ss, sheet } = firstSheet(g);
    expect(sheet.getName()).toBe('Лист1'); // ru_RU user locale
    expect(ss.getSheetByName('Нет такого')).toBeNull();
    const data = ss.insertSheet('Данные');
    expect(ss.getActiveSheet().getName()).toBe('Данные');
    expect(() => ss.insertSheet('Данные')).toThrow('A sheet with the name "Данные" already exists. Please enter another name.');
    expect(() => data.setName('лист1')).toThrow('already exists');
    expect(ss.insertSheet(0).getName()).toBe('Лист3');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Лист3', 'Лист1', 'Данные']);
    ss.deleteSheet(data);
    ss.deleteSheet(sheet);
    const only = ss.getSheets()[0];
    if (!only) throw new Error('no sheet');
    expect(() => ss.deleteSheet(only)).toThrow("You can't remove all the sheets in a document.");
    expect(() => only.hideSheet()).toThrow("You can't hide all the sheets in a document.");
  });

  test('named ranges: valid names resolve, invalid names are rejected, missing is null', () => {
    const { g } = setup();
    const { ss, sheet } = firstSheet(g);
    for (const name of ['Ввод_показателей', '_x1', 'Inputs', 'ABCD1']) {
      expect(() => ss.setNamedRange(name, sheet.getRange('B2:C3'))).not.toThrow();
    }
    for (const name of ['A1', 'AB12', 'R1C1', 'R2C', 'C', '1abc', 'has space', 'true', 'x-y', '']) {
      expect(() => ss.setNamedRange(name, sheet.getRange('A1'))).toThrow('Invalid named range name');
    }
    expect(ss.getRangeByName('Ввод_показателей')?.getA1Notation()).toBe('B2:C3');
    expect(ss.getRangeByName('Missing')).toBeNull();
    expect(
      ss
        .getNamedRanges()
        .map((n) => n.getName())
        .sort(),
    ).toEqual(['ABCD1', 'Inputs', 'Ввод_показателей', '_x1'].sort());
  });

  test('insertRows/deleteRows shift content and named ranges; bad deletions throw', () => {
    const { g } = setup();
    const { ss, sheet } = firstSheet(g);
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    ss.setNamedRange('Итог', sheet.getRange('A3'));
    sheet.insertRows(2, 2);
    expect(
      sheet
        .getRange('A1:A5')
        .getValues()
        .map((r) => r[0]),
    ).toEqual(['a', '', '', 'b', 'c']);
    expect(ss.getRangeByName('Итог')?.getA1Notation()).toBe('A5');
    expect(sheet.getMaxRows()).toBe(1002);
    sheet.deleteRows(2, 3);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['a'], ['c']]);
    expect(ss.getRangeByName('Итог')?.getA1Notation()).toBe('A2');
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteRows(1, sheet.getMaxRows())).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });

  test('frozen rows, column widths, visibility, time zone and locale', () => {
    const { g } = setup();
    const { ss, sheet } = firstSheet(g);
    sheet.setFrozenRows(2);
    sheet.setColumnWidths(2, 3, 240);
    ss.insertSheet('Скрытый').hideSheet();
    ss.setSpreadsheetTimeZone('Asia/Chita');
    ss.setSpreadsheetLocale('ru_RU');
    expect([sheet.getFrozenRows(), sheet.getColumnWidth(3), sheet.getColumnWidth(1)]).toEqual([2, 240, 100]);
    expect(ss.getSheetByName('Скрытый')?.isSheetHidden()).toBe(true);
    expect([ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()]).toEqual(['Asia/Chita', 'ru_RU']);
  });
});

describe('Validation and conditional formatting', () => {
  test('data validation rules are readable back; script writes are not blocked by them', () => {
    const { g } = setup();
    const { sheet } = firstSheet(g);
    const { SpreadsheetApp } = g;
    const rule = SpreadsheetApp.newDataValidation().requireNumberBetween(0, 5000).setAllowInvalid(false).setHelpText('Целое число 0–5000').build();
    sheet.getRange('B2:B3').setDataValidation(rule);
    const back = sheet.getRange('B3').getDataValidation();
    expect(back?.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.NUMBER_BETWEEN);
    expect(String(back?.getCriteriaType())).toBe('NUMBER_BETWEEN');
    expect([back?.getCriteriaValues(), back?.getAllowInvalid(), back?.getHelpText()]).toEqual([[0, 5000], false, 'Целое число 0–5000']);
    const list = SpreadsheetApp.newDataValidation().requireValueInList(['да', 'нет'], true).build();
    expect([list.getCriteriaValues(), list.getAllowInvalid(), list.getHelpText()]).toEqual([[['да', 'нет'], true], true, null]);
    const formula = SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=ISNUMBER(B2)').build();
    sheet.getRange('C2:C3').setDataValidations([[formula], [null]]);
    expect(
      sheet
        .getRange('C2:C3')
        .getDataValidations()
        .map((r) => r[0]?.getCriteriaType().toString() ?? null),
    ).toEqual(['CUSTOM_FORMULA', null]);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
    sheet.getRange('B2').setValue('не число'); // validation is a UI guard only
    expect(sheet.getRange('B2').getValue()).toBe('не число');
  });

  test('conditional format rules read back; setConditionalFormatRules replaces all', () => {
    const { g } = setup();
    const { sheet } = firstSheet(g);
    const build = (text: string) =>
      g.SpreadsheetApp.newConditionalFormatRule()
        .whenTextStartsWith(text)
        .setBackground('#f4c7c3')
        .setRanges([sheet.getRange('A1:A10')])
        .build();
    sheet.setConditionalFormatRules([build('Ошибка'), build('Нет')]);
    expect(sheet.getConditionalFormatRules()).toHaveLength(2);
    sheet.setConditionalFormatRules([build('Проверить')]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    const cond = rules[0]?.getBooleanCondition();
    expect([String(cond?.getCriteriaType()), cond?.getCriteriaValues(), cond?.getBackground()]).toEqual(['TEXT_STARTS_WITH', ['Проверить'], '#f4c7c3']);
    expect(rules[0]?.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A10']);
  });
});

describe('Protection', () => {
  test('settings read back; sheet.protect() is one per sheet; enums print their names', () => {
    const { g } = setup();
    const { ss, sheet } = firstSheet(g);
    const p = sheet.protect().setDescription('Форма школы').setWarningOnly(false);
    p.setUnprotectedRanges([sheet.getRange('B2:C3'), sheet.getRange('E5')]);
    p.setDomainEdit(false);
    expect(sheet.protect().getDescription()).toBe('Форма школы');
    sheet.getRange('A1:B1').protect().setDescription('Шапка');
    expect(sheet.getProtections(ProtectionType.SHEET)).toHaveLength(1);
    expect(ss.getProtections(ProtectionType.RANGE).map((x) => x.getRange().getA1Notation())).toEqual(['A1:B1']);
    const back = sheet.getProtections(ProtectionType.SHEET)[0];
    expect(back?.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['B2:C3', 'E5']);
    expect([back?.isWarningOnly(), back?.canDomainEdit(), back?.getProtectionType()]).toEqual([false, false, ProtectionType.SHEET]);
    expect(String(ProtectionType.SHEET)).toBe('SHEET');
    expect(`${AuthMode.NONE}`).toBe('NONE');
  });

  test('a school editor writes only into unprotected input cells once the editor list is set', () => {
    const { ws, g } = setup();
    const { ss, sheet } = firstSheet(g);
    ss.addEditor(SCHOOL);
    const protection = sheet.protect();
    // Until the editor list changes, permissions mirror the file: the school can still edit.
    ws.actAs(SCHOOL);
    expect(() => sheet.getRange('A1').setValue('пока можно')).not.toThrow();
    ws.actAs(ws.owner);
    protection.setUnprotectedRanges([sheet.getRange('B2:C3')]);
    protection.removeEditors(protection.getEditors());
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual([ws.owner]);

    ws.actAs(SCHOOL);
    expect(protection.canEdit()).toBe(false);
    expect(() => sheet.getRange('A1').setValue('нельзя')).toThrow(PROTECTED_MSG);
    expect(() => sheet.getRange('B2:D2').setValues([[1, 2, 3]])).toThrow('You are trying to edit a protected cell or object');
    expect(() => sheet.insertRows(1)).toThrow(PROTECTED_MSG);
    sheet.getRange('B2:C3').setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(sheet.getRange('B2:C3').getValues()).toEqual([
      [1, 2],
      [3, 4],
    ]);

    ws.actAs(ws.owner);
    sheet.getRange('A1').setValue('владелец может');
    protection.setWarningOnly(true);
    ws.actAs(SCHOOL);
    expect(() => sheet.getRange('A1').setValue('предупреждение')).not.toThrow();
  });

  test('range protections block only their cells; removeEditors keeps the owner and current user', () => {
    const { ws, g } = setup();
    const { ss, sheet } = firstSheet(g);
    ss.addEditors([SCHOOL, 'helper@mail.example']);
    const p = sheet.getRange('A1:C1').protect();
    p.addEditor('helper@mail.example').removeEditors([ws.owner, SCHOOL]);
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([ws.owner, 'helper@mail.example'].sort());
    ws.actAs(SCHOOL);
    expect(() => sheet.getRange('B1').setValue(1)).toThrow(PROTECTED_MSG);
    expect(() => sheet.getRange('B2').setValue(1)).not.toThrow();
    ws.actAs('helper@mail.example');
    expect(() => sheet.getRange('B1').setValue(1)).not.toThrow();
  });
});

describe('Sharing and Drive', () => {
  test('addEditor records one notification per new editor; strangers cannot open the file', () => {
    const { ws, g } = setup();
    const { ss } = firstSheet(g);
    ss.addEditor(SCHOOL).addEditor(SCHOOL);
    expect(ws.notifications.filter((n) => n.fileId === ss.getId())).toEqual([expect.objectContaining({ email: SCHOOL, role: 'editor' })]);
    expect(ss.getEditors().map((u) => u.getEmail())).toEqual([SCHOOL]);
    expect(ss.getOwner().getEmail()).toBe(ws.owner);
    ws.actAs('stranger@mail.example');
    expect(() => g.SpreadsheetApp.openById(ss.getId())).toThrow('You do not have permission to access the requested document.');
    ws.actAs(SCHOOL);
    expect(g.SpreadsheetApp.openById(ss.getId()).getName()).toBe('Школа');
    expect(() => g.SpreadsheetApp.openById('nope')).toThrow('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  });

  test('folders, files, moves, iterators, blobs; link sharing is detectable', () => {
    const { ws, g } = setup();
    const { DriveApp } = g;
    const folder = DriveApp.createFolder('Мониторинг 2026');
    const file = folder.createFile('readme.txt', 'Привет', 'text/plain');
    const ss = g.SpreadsheetApp.create('Школа 2');
    DriveApp.getFileById(ss.getId()).moveTo(folder);
    const names: string[] = [];
    for (const it = folder.getFiles(); it.hasNext(); ) names.push(it.next().getName());
    expect(names).toEqual(['readme.txt', 'Школа 2']);
    expect(() => folder.getFiles().next().getParents().next().getId()).not.toThrow();
    expect(DriveApp.getFileById(file.getId()).getBlob().getDataAsString()).toBe('Привет');
    expect(DriveApp.getFileById(ss.getId()).getMimeType()).toBe('application/vnd.google-apps.spreadsheet');
    expect(() => DriveApp.getFileById('missing')).toThrow('No item with the given ID could be found');
    expect(ws.linkSharedFiles()).toEqual([]);
    DriveApp.getFileById(ss.getId()).setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.VIEW);
    expect(ws.linkSharedFiles().map((f) => f.id)).toEqual([ss.getId()]);
    expect(String(DriveApp.getFileById(ss.getId()).getSharingAccess())).toBe('ANYONE_WITH_LINK');
    ss.getSheets()[0]?.getRange('A1').setValue('шаблон');
    const copy = DriveApp.getFileById(ss.getId()).makeCopy('Копия', folder);
    expect(g.SpreadsheetApp.openById(copy.getId()).getSheets()[0]?.getRange('A1').getValue()).toBe('шаблон');
    expect(copy.getSharingAccess()).toBe(DriveApp.Access.PRIVATE);
  });

  test('searchFiles takes a Drive API v2 query (title, not name); trashed files match unless excluded', () => {
    const { g } = setup();
    const { DriveApp } = g;
    const folder = DriveApp.createFolder('Кампания');
    const other = DriveApp.createFolder('Другая');
    folder.createFile('Итоги 2026.json', '{}', 'application/json');
    folder.createFile('Итоги 2025.json', '{}', 'application/json');
    folder.createFile("Отчёт 'черновик'", '', 'text/plain');
    other.createFile('Итоги 2026.json', '{}', 'application/json');
    folder.createFile('Итоги 2024.json', '{}', 'application/json').setTrashed(true);
    const names = (it: { hasNext(): boolean; next(): { getName(): string } }): string[] => {
      const out: string[] = [];
      while (it.hasNext()) out.push(it.next().getName());
      return out.sort();
    };
    expect(names(folder.searchFiles("(title = 'Итоги 2026.json' or title = 'Итоги 2025.json') and trashed = false"))).toEqual([
      'Итоги 2025.json',
      'Итоги 2026.json',
    ]);
    expect(names(folder.searchFiles("title = 'Итоги 2024.json'"))).toEqual(['Итоги 2024.json']);
    expect(names(folder.searchFiles("title = 'Итоги 2024.json' and trashed = false"))).toEqual([]);
    expect(names(folder.searchFiles("title = 'Отчёт \\'черновик\\''"))).toEqual(["Отчёт 'черновик'"]);
    expect(names(folder.searchFiles("not mimeType = 'application/json' and trashed = false"))).toEqual(["Отчёт 'черновик'"]);
    expect(names(DriveApp.searchFiles(`title = "Итоги 2026.json" and '${other.getId()}' in parents`))).toEqual(['Итоги 2026.json']);
    expect(() => folder.searchFiles("name = 'Итоги 2026.json'")).toThrow('Invalid argument: q');
    expect(() => folder.searchFiles("title = 'Итоги")).toThrow('Invalid argument: q');
    expect(() => folder.searchFiles("title contains 'Итоги'")).toThrow('not implemented');
  });
});

describe('DocumentApp', () => {
  test('a new body has one empty paragraph; headings, lists, tables, links; the last paragraph stays', () => {
    const { g } = setup();
    const { DocumentApp } = g;
    const doc = DocumentApp.create('Справка');
    const body = doc.getBody();
    expect(body.getNumChildren()).toBe(1);
    body.appendParagraph('Итоги мониторинга').setHeading(DocumentApp.ParagraphHeading.HEADING1);
    body.appendListItem('Пункт');
    const table = body.appendTable([
      ['Школа', 'Баллы'],
      ['№1', '12'],
    ]);
    table.getRow(0).getCell(0).setBackgroundColor('#eeeeee');
    body.appendHorizontalRule();
    const link = body.appendParagraph('Ссылка на таблицу');
    link.editAsText().setLinkUrl(0, 6, 'https://docs.google.com/spreadsheets/d/x/edit');
    expect(body.getNumChildren()).toBe(6);
    expect(body.getText()).toBe('\nИтоги мониторинга\nПункт\nШкола\tБаллы\n№1\t12\n\nСсылка на таблицу');
    expect(String(body.getParagraphs()[1]?.getHeading())).toBe('HEADING1');
    expect([table.getNumRows(), table.getRow(1).getCell(1).getText(), table.getCell(0, 0).getBackgroundColor()]).toEqual([2, '12', '#eeeeee']);
    expect([link.editAsText().getLinkUrl(3), link.editAsText().getLinkUrl(10), link.getLinkUrl()]).toEqual([
      'https://docs.google.com/spreadsheets/d/x/edit',
      null,
      null,
    ]);
    expect(() => body.removeChild(link)).toThrow("Can't remove the last paragraph in a document section.");
    body.removeChild(table);
    body.clear();
    expect(body.getNumChildren()).toBe(1);
    expect(() => body.removeChild(body.getChild(0))).toThrow("Can't remove the last paragraph in a document section.");
    expect(doc.getUrl()).toBe(`https://docs.google.com/document/d/${doc.getId()}/edit`);
  });
});

describe('FormApp', () => {
  test('script-created forms are unpublished and anonymous by default; responses after publishing', () => {
    const { ws, g } = setup();
    const { FormApp } = g;
    const form = FormApp.create('Анкета родителей');
    form.addListItem().setTitle('Школа').setChoiceValues(['№1', '№2']).setRequired(true);
    form.addScaleItem().setTitle('Удовлетворённость').setBounds(1, 5).setLabels('плохо', 'отлично');
    form.addParagraphTextItem().setTitle('Комментарий');
    expect([form.isPublished(), form.collectsEmail()]).toEqual([false, false]);
    expect(form.getItems().map((i) => `${i.getTitle()}:${i.getType()}`)).toEqual(['Школа:LIST', 'Удовлетворённость:SCALE', 'Комментарий:PARAGRAPH_TEXT']);
    expect(() => ws.submitFormResponse(form.getId(), { Школа: '№1' })).toThrow('not published');
    form.setPublished(true);
    expect(() => ws.submitFormResponse(form.getId(), { Школа: '№3' })).toThrow('not among the choices');
    expect(() => ws.submitFormResponse(form.getId(), { Удовлетворённость: 4 })).toThrow('required items unanswered: Школа');
    expect(() => form.addScaleItem().setBounds(2, 5)).toThrow('Invalid data updating form.');
    ws.advance(60000);
    ws.submitFormResponse(form.getId(), { Школа: '№2', Удовлетворённость: 4 }, 'parent@mail.example');
    const [resp] = form.getResponses();
    expect(resp?.getRespondentEmail()).toBe('');
    expect(resp?.getTimestamp().getTime()).toBe(ws.nowMs());
    expect(resp?.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()])).toEqual([
      ['Школа', '№2'],
      ['Удовлетворённость', '4'],
    ]);
    expect(form.getEditUrl()).toContain(form.getId());
  });
});

describe('PropertiesService', () => {
  test('strings only, null when missing, 9 KB per value, 500 KB per store', () => {
    const { g } = setup();
    const props = g.PropertiesService.getScriptProperties();
    expect(props.getProperty('cursor')).toBeNull();
    props.setProperty('cursor', 17);
    expect(props.getProperty('cursor')).toBe('17');
    expect(() => props.setProperty('obj', { a: 1 })).toThrow('Invalid argument: value');
    expect(() => props.setProperty('big', 'я'.repeat(4700))).toThrow('Argument too large: value'); // 9,400 bytes
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    for (let i = 0; i < 55; i++) props.setProperty(`k${i}`, 'x'.repeat(9000)); // ≈504 KB of keys + values
    expect(() => props.setProperty('k55', 'x'.repeat(9000))).toThrow('You have exceeded the property storage quota');
    expect(props.getProperty('k55')).toBeNull();
    props.setProperties({ a: '1', b: '2' }, true);
    expect([props.getKeys().sort(), props.getProperties()]).toEqual([['a', 'b'], { a: '1', b: '2' }]);
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
    expect(g.PropertiesService.getDocumentProperties()).not.toBeNull();
  });
});

describe('LockService', () => {
  test('a lock held by one execution blocks another until released or the holder ends', () => {
    const ws = new FakeWorkspace();
    const a = ws.installGlobals();
    const b = ws.installGlobals();
    const lockA = a.LockService.getScriptLock();
    expect(lockA.tryLock(1000)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    const lockB = b.LockService.getScriptLock();
    const t0 = ws.nowMs();
    expect(lockB.tryLock(5000)).toBe(false);
    expect(ws.nowMs() - t0).toBe(5000);
    expect(() => lockB.waitLock(30000)).toThrow(LOCK_TIMEOUT);
    lockA.releaseLock();
    expect(lockB.tryLock(0)).toBe(true);
    ws.endExecution(ws.currentExecutionId); // b ends: its lock is released
    const c = ws.installGlobals();
    expect(c.LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(c.LockService.getDocumentLock()).toBeNull(); // no host document
  });
});

describe('HtmlService and Ui', () => {
  test('html files, sidebars, dialogs, alerts and prompts are recorded; answers can be scripted', () => {
    const { ws, g } = setup();
    const { HtmlService, SpreadsheetApp } = g;
    expect(() => HtmlService.createHtmlOutputFromFile('Sidebar')).toThrow('No HTML file named Sidebar was found.');
    ws.registerHtmlFile('Sidebar.html', '<p>Панель</p>');
    const ui = SpreadsheetApp.getUi();
    ui.showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Мониторинг'));
    ui.showModalDialog(HtmlService.createHtmlOutput('<b>x</b>').setWidth(520).setHeight(380), 'Справка');
    expect(ws.ui.sidebars).toEqual([{ title: 'Мониторинг', content: '<p>Панель</p>', width: null, height: null }]);
    expect(ws.ui.dialogs[0]).toMatchObject({ dialogTitle: 'Справка', width: 520, modal: true });
    ws.ui.answer({ button: 'NO' });
    expect(ui.alert('Удалить?', 'Точно?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Готово')).toBe(ui.Button.OK);
    ws.ui.answer({ button: 'OK', text: '2026' });
    const resp = ui.prompt('Год кампании', ui.ButtonSet.OK_CANCEL);
    expect([resp.getResponseText(), String(resp.getSelectedButton())]).toEqual(['2026', 'OK']);
    expect(ws.ui.alerts.map((x) => x.kind)).toEqual(['alert', 'alert', 'prompt']);
  });
});

describe('Utilities, Session, clock', () => {
  test('formatDate, sleep on the fake clock, blobs and base64', () => {
    const { ws, g } = setup({ start: '2026-02-02T00:30:05Z' });
    const { Utilities, Session } = g;
    expect(Utilities.formatDate(ws.now(), 'Asia/Chita', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2026-02-02T09:30:05');
    expect(Utilities.formatDate(ws.now(), 'UTC', 'dd.MM.yy H:mm')).toBe('02.02.26 0:30');
    Utilities.sleep(1500);
    expect(ws.nowMs()).toBe(Date.parse('2026-02-02T00:30:06.500Z'));
    const enc = Utilities.base64Encode('Привет');
    expect(Utilities.newBlob(Utilities.base64Decode(enc)).getDataAsString()).toBe('Привет');
    expect(Utilities.base64Decode(enc).some((b) => b < 0)).toBe(true); // signed bytes
    expect([Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone()]).toEqual([ws.owner, 'Asia/Chita']);
    g.Logger.log('Школ: %s', 3);
    g.console.warn('медленно', { ms: 900 });
    expect(ws.logs.map((l) => `${l.level} ${l.message}`)).toEqual(['Logger Школ: 3', 'warn медленно {"ms":900}']);
  });
});

describe('Auth modes, quotas, call log, realms', () => {
  test('AuthMode.NONE blocks services but not the add-on menu', () => {
    const { ws } = setup();
    const g = ws.installGlobals({ authMode: AuthMode.NONE });
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    expect(() => g.PropertiesService.getUserProperties()).toThrow('You do not have permission to call PropertiesService.getUserProperties');
    expect(() => g.DriveApp.getRootFolder()).toThrow('You do not have permission');
    g.SpreadsheetApp.getUi().createAddonMenu().addItem('Открыть', 'showSidebar').addSeparator().addToUi();
    expect(() => g.SpreadsheetApp.getUi().alert('x')).toThrow('You do not have permission to call Ui.alert');
    expect(ws.ui.menuFunctionNames()).toEqual(['showSidebar']);
    expect(g.Utilities.formatDate(ws.now(), 'UTC', 'yyyy')).toBe('2026');
    const limited = ws.installGlobals({ authMode: 'LIMITED' });
    expect(limited.SpreadsheetApp.getActiveSpreadsheet()?.getId()).toBe(ws.hostId);
    expect(() => limited.SpreadsheetApp.create('x')).toThrow('You do not have permission to call SpreadsheetApp.create');
  });

  test('daily creation quotas throw the Apps Script message and reset the next day', () => {
    const ws = new FakeWorkspace({ quotas: { documentCreate: 2 } });
    const g = ws.installGlobals();
    for (let i = 0; i < 250; i++) g.SpreadsheetApp.create(`Школа ${i}`);
    expect(() => g.SpreadsheetApp.create('251-я')).toThrow('Service invoked too many times for one day: spreadsheet create.');
    g.DocumentApp.create('a');
    g.DocumentApp.create('b');
    expect(() => g.DocumentApp.create('c')).toThrow('Service invoked too many times for one day: docs create.');
    ws.nextDay();
    expect(() => g.SpreadsheetApp.create('на следующий день')).not.toThrow();
    expect(ws.filesOfKind('spreadsheet')).toHaveLength(251);
  });

  test('Drive copies of spreadsheets and documents count against the daily creation quotas', () => {
    const ws = new FakeWorkspace({ quotas: { spreadsheetCreate: 3, documentCreate: 1 } });
    const g = ws.installGlobals();
    const template = g.SpreadsheetApp.create('Шаблон');
    const file = g.DriveApp.getFileById(template.getId());
    file.makeCopy('Школа 1');
    file.makeCopy('Школа 2');
    expect(() => file.makeCopy('Школа 3')).toThrow('Service invoked too many times for one day: spreadsheet create.');
    expect(ws.filesOfKind('spreadsheet')).toHaveLength(3);
    const doc = g.DocumentApp.create('Рекомендации');
    expect(() => g.DriveApp.getFileById(doc.getId()).makeCopy('копия')).toThrow('Service invoked too many times for one day: docs create.');
    const blob = g.DriveApp.createFile('итоги.json', '{}', 'application/json');
    expect(() => blob.makeCopy('копия итогов')).not.toThrow();
    ws.nextDay();
    expect(file.makeCopy('Школа 3').getName()).toBe('Школа 3');
  });

  test('onCall observes every logged call with its arguments before the method runs', () => {
    const { ws, g } = setup();
    const { ss, sheet } = firstSheet(g);
    const id = ss.getId();
    const seen: string[] = [];
    ws.onCall = (call, args) => {
      seen.push(`${call.service}.${call.method}(${args.map((a) => JSON.stringify(a)).join(',')})`);
      ws.advance(50);
    };
    const before = ws.nowMs();
    sheet.getRange(1, 2).getValue();
    g.Sheets?.Spreadsheets?.Values?.batchGet(id, { ranges: ['A1:B2'] });
    expect(seen).toEqual(['Sheet.getRange(1,2)', 'Range.getValue()', `Sheets.Spreadsheets.Values.batchGet("${id}",{"ranges":["A1:B2"]})`]);
    expect(ws.nowMs() - before).toBe(150);
    ws.onCall = null;
    sheet.getRange('A1').getValue();
    expect(seen).toHaveLength(3);
  });

  test('failCall makes the nth matching call throw once, before the method runs', () => {
    const { ws, g } = setup();
    const { ss, sheet } = firstSheet(g);
    ws.failCall('Spreadsheet.insertSheet', 2, 'Service Spreadsheets failed while accessing document');
    ss.insertSheet('Первый');
    expect(() => ss.insertSheet('Второй')).toThrow('Service Spreadsheets failed while accessing document');
    expect(ss.getSheetByName('Второй')).toBeNull();
    ss.insertSheet('Третий');
    expect(ss.getSheets().map((s) => s.getName())).toEqual([sheet.getName(), 'Первый', 'Третий']);
    ws.failCall((c) => c.service === 'Sheets.Spreadsheets' && c.method === 'batchUpdate');
    expect(() => g.Sheets?.Spreadsheets?.batchUpdate({ requests: [{ addSheet: { properties: { title: 'Четвёртый' } } }] }, ss.getId())).toThrow(
      'Fake fault injected',
    );
    expect(ss.getSheetByName('Четвёртый')).toBeNull();
    ws.failCall('Sheet.setName');
    ws.failCall(null);
    sheet.setName('Переименован');
    expect(sheet.getName()).toBe('Переименован');
    expect(() => ws.failCall('Sheet', 0)).toThrow('positive integer');
  });

  test('every service call is logged as Class.method and can be counted', () => {
    const { ws, g } = setup();
    const { sheet } = firstSheet(g);
    ws.resetCalls();
    sheet.getRange('A1:C3').getValues();
    sheet.getRange('A1:C1').setValues([[1, 2, 3]]);
    sheet.getRange('A1').getValue();
    expect(ws.countCalls('Range.getValues')).toBe(1);
    expect(ws.countCalls('Sheet.getRange')).toBe(3);
    expect(ws.countCalls('Range')).toBe(3);
    expect(ws.countCalls((c) => c.method.startsWith('set'))).toBe(1);
    expect(ws.calls[0]).toEqual({ service: 'Sheet', method: 'getRange', execution: ws.currentExecutionId, denied: false });
    ws.resetCalls();
    expect(ws.countCalls()).toBe(0);
  });

  test('bindRealm makes returned arrays, Dates and errors belong to the vm context', () => {
    const { ws, g } = setup();
    const { sheet } = firstSheet(g);
    sheet.getRange('A1').setValue(new Date('2026-01-01T00:00:00Z'));
    const ctx = vm.createContext({});
    ws.bindRealm(ctx);
    const CtxArray: unknown = vm.runInContext('Array', ctx);
    const CtxDate: unknown = vm.runInContext('Date', ctx);
    const CtxError: unknown = vm.runInContext('Error', ctx);
    const values = sheet.getRange('A1').getValues();
    expect(typeof CtxArray === 'function' && values instanceof CtxArray).toBe(true);
    // biome-ignore lint/suspicious/useIsArray: the point is that the array comes from another realm, which Array.isArray cannot tell
    expect(values instanceof Array).toBe(false);
    expect(typeof CtxDate === 'function' && values[0]?.[0] instanceof CtxDate).toBe(true);
    let caught: unknown;
    try {
      sheet.getRange(0, 1);
    } catch (e) {
      caught = e;
    }
    expect(typeof CtxError === 'function' && caught instanceof CtxError).toBe(true);
    expect(String(caught)).toBe('Exception: The starting row of the range is too small.');
  });
});

describe('The built bundle over the fakes', () => {
  test('onOpen in AuthMode.NONE records the add-on menu; its items name top-level functions', () => {
    const ws = new FakeWorkspace();
    ws.createHostSpreadsheet();
    const fns = runInFreshContext(ws, { authMode: 'NONE' });
    expect(Object.keys(fns).sort()).toEqual([...readPublicApi()].sort());
    const exec = ws.currentExecutionId;
    fns['onOpen']?.({ authMode: AuthMode.NONE });
    expect(ws.ui.menus).toHaveLength(1);
    expect(ws.ui.menus[0]?.kind).toBe('addon');
    const names = ws.ui.menuFunctionNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(Object.keys(fns)).toContain(name);
      expect(name.endsWith('_')).toBe(false);
    }
    expect(ws.calls.filter((c) => c.execution === exec && c.denied)).toEqual([]);
    expect(() => fns['onInstall']?.()).toThrow('already ran onOpen()');
  });

  test('menu targets run in a fresh context each; google.script.run applies the transport rules', async () => {
    const ws = new FakeWorkspace();
    ws.createHostSpreadsheet();
    runInFreshContext(ws)['showSidebar']?.();
    expect(ws.ui.sidebars).toHaveLength(1);
    await expect(googleScriptRun(ws, 'showHelp')).resolves.toBeUndefined();
    expect(ws.ui.dialogs).toHaveLength(1);
    await expect(googleScriptRun(ws, 'secret_')).rejects.toThrow('google.script.run.secret_ is not a function');
    await expect(googleScriptRun(ws, 'notExported')).rejects.toThrow('is not a function');
    await expect(googleScriptRun(ws, 'showHelp', [{ when: new Date() }])).rejects.toThrow('Failed due to illegal value in property: when');

    const dir = mkdtempSync(path.join(tmpdir(), 'fake-bundle-'));
    const codePath = path.join(dir, 'Code.js');
    writeFileSync(
      codePath,
      [
        'function showSidebar(a) { return { got: a, isArray: Array.isArray(a.list) && a.list instanceof Array, f: function () {} }; }',
        'function showHelp() { return { when: new Date() }; }',
        'function onOpen() { throw new Error("Нет доступа"); }',
      ].join('\n'),
    );
    await expect(googleScriptRun(ws, 'showSidebar', [{ list: [1, undefined], skip: undefined }], { codePath })).resolves.toEqual({
      got: { list: [1, null] },
      isArray: true,
    });
    await expect(googleScriptRun(ws, 'showHelp', [], { codePath })).resolves.toBeNull();
    await expect(googleScriptRun(ws, 'onOpen', [], { codePath })).rejects.toThrow('Нет доступа');
  });
});
