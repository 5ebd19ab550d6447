/**
 * Drive v3 import conversion (an .xlsx into a Google spreadsheet), files.remove, and blobs made from bytes — what the
 * add-on's catalog upload uses (issue 15), through the real typings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { driveOf, setup, thrown } from '../helpers/drive-v3';

const SHEET = 'application/vnd.google-apps.spreadsheet';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'catalog-bashmakovsky.xlsx');
const signed = (buf: Buffer): number[] => [...buf].map((b) => (b > 127 ? b - 256 : b));

test('a blob made from bytes keeps them exactly', () => {
  const { g } = setup();
  const bytes = signed(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80]));
  const b = g.Utilities.newBlob(bytes, XLSX, 'x.xlsx');
  expect(b.getBytes()).toEqual(bytes);
  expect(b.copyBlob().getBytes()).toEqual(bytes);
});

test('an .xlsx uploaded with the spreadsheet mimeType becomes a spreadsheet with the workbook’s sheets and values', () => {
  const { g, Drive } = setup({ manifestScopes: ['https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/spreadsheets'] });
  const media = g.Utilities.newBlob(signed(readFileSync(EXAMPLE)), XLSX, 'catalog.xlsx') as unknown as GoogleAppsScript.Base.Blob;
  const file = Drive.Files.create({ name: 'Каталог', mimeType: SHEET }, media, { fields: 'id,mimeType' });
  expect(file.mimeType).toBe(SHEET);
  const ss = g.SpreadsheetApp.openById(file.id ?? '');
  expect(ss.getSheets().map((s) => s.getName())).toEqual(expect.arrayContaining(['Каталог', 'Каталог. Показатели', 'Каталог. Правила']));
  expect(ss.getSheetByName('Каталог')?.getRange('B4').getValue()).toBe('bashmakovsky');
});

test('bytes that are no workbook are refused; an upload of another type into a Google type is not modelled', () => {
  const { g, Drive } = setup();
  const junk = g.Utilities.newBlob(signed(Buffer.from('не книга')), XLSX, 'x.xlsx') as unknown as GoogleAppsScript.Base.Blob;
  expect(thrown(() => Drive.Files.create({ name: 'x', mimeType: SHEET }, junk)).message).toContain('could not be converted');
  const csv = g.Utilities.newBlob('a,b', 'text/csv', 'x.csv') as unknown as GoogleAppsScript.Base.Blob;
  expect(thrown(() => Drive.Files.create({ name: 'x', mimeType: SHEET }, csv)).message).toContain('not implemented');
});

test('files.remove deletes the owner’s file at once; another user’s file is refused', () => {
  const { ws, Drive } = setup();
  const mine = Drive.Files.create({ name: 'временный', mimeType: SHEET });
  Drive.Files.remove(mine.id ?? '');
  expect(thrown(() => Drive.Files.get(mine.id ?? '')).message).toContain('File not found');
  const kept = Drive.Files.create({ name: 'общий', mimeType: SHEET });
  ws.installGlobals()
    .SpreadsheetApp.openById(kept.id ?? '')
    .addEditor('colleague@gmail.com');
  ws.endExecution();
  ws.actAs('colleague@gmail.com');
  const theirs = driveOf(ws.installGlobals());
  const e = thrown(() => theirs.Files.remove(kept.id ?? ''));
  expect(e.message).toContain('The user does not have sufficient permissions');
  expect(ws.countCalls('Drive.Files.remove')).toBe(2);
});
