/**
 * Offline, the register of measures is measures.xlsx in the campaign folder: what the department types into it (in
 * Excel) and the rows it adds survive every `msoko consolidate` — three re-runs, one after a school was accepted late.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { REGISTER_SHEET } from '../../../src/core/register/register';
import { readWorkbookFile } from '../../../src/node/xlsx/read/read-workbook';
import { msoko, tempDir } from './helpers';

async function register(file: string): Promise<unknown[][]> {
  const grid = await readWorkbookFile(file);
  if ('unreadable' in grid) throw new Error(grid.unreadable);
  return grid.sheets.find((s) => s.name === REGISTER_SHEET)?.values ?? [];
}

const base = tempDir('register');

test('entries typed into measures.xlsx and hand rows survive three consolidations', async () => {
  const dir = path.join(base, 'demo');
  expect(msoko(['demo', dir]).code).toBe(0);
  const file = path.join(dir, 'measures.xlsx');
  expect(existsSync(file)).toBe(true);
  const first = await register(file);
  const header = (first[1] ?? []).map((v) => String(v ?? ''));
  const col = (title: string): number => header.findIndex((h) => h.startsWith(title)) + 1;
  expect(first.length).toBeGreaterThan(3);
  // the department types in Excel: an order for the first proposal, and a measure of its own
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet(REGISTER_SHEET);
  if (!sheet) throw new Error('no register sheet');
  expect(sheet.getColumn(col('Ключ')).hidden).toBe(true);
  const typedKey = String(sheet.getCell(3, col('Ключ')).value);
  sheet.getCell(3, col('Вид меры')).value = 'приказ';
  sheet.getCell(3, col('Документ')).value = '№ 45 от 10.12.2026';
  sheet.getCell(3, col('Эффект')).value = 'оценим в 2027 г.';
  const handRow = first.length + 2;
  sheet.getCell(handRow, col('Вывод')).value = 'Семинар для заместителей директоров по ВР';
  sheet.getCell(handRow, col('Вид меры')).value = 'семинар';
  await book.xlsx.writeFile(file);

  for (let run = 0; run < 3; run++) {
    if (run === 1) expect(msoko(['accept', dir, 'sosh1']).code).toBe(0);
    expect([0, 1]).toContain(msoko(['consolidate', dir]).code);
    const rows = await register(file);
    const typed = rows.find((r) => String(r?.[col('Ключ') - 1] ?? '') === typedKey);
    expect([typed?.[col('Вид меры') - 1], typed?.[col('Документ') - 1], typed?.[col('Эффект') - 1]]).toEqual([
      'приказ',
      '№ 45 от 10.12.2026',
      'оценим в 2027 г.',
    ]);
    const hand = rows.find((r) => String(r?.[col('Вывод') - 1] ?? '') === 'Семинар для заместителей директоров по ВР');
    expect([hand?.[col('Вид меры') - 1], hand?.[col('Состояние записи') - 1]]).toEqual(['семинар', 'добавлено отделом']);
  }
}, 180_000);
