/**
 * «Реестр мер» belongs to the department: what it types (kind, document, dates, effect) and the rows it adds by hand
 * survive every consolidation — three re-runs, one after a school was accepted late.
 */
import type { FakeWorkspace } from '../fakes';
import { SCHOOLS, byHand, call, fillAsSchool, newWorkspace, reply, runToEnd, setUpCampaign, valuesOf } from './helpers';

function registerValues(ws: FakeWorkspace): unknown[][] {
  const values = byHand(ws, () => ws.installGlobals().SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Реестр мер')?.getDataRange().getValues() ?? []);
  ws.endExecution();
  return values;
}

test('the department’s entries and hand rows survive three consolidations; the key column is hidden', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const state = call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] };
  const late = SCHOOLS[SCHOOLS.length - 1];
  SCHOOLS.forEach((s, i) => {
    if (s === late) return;
    fillAsSchool(ws, /\/d\/([^/]+)/.exec(state.schools.find((x) => x.id === s.id)?.fileUrl ?? '')?.[1] ?? '', s, valuesOf(s, 40 + i));
  });
  expect(runToEnd(ws, 'consolidate')).toMatchObject({ ok: true, done: true });
  const first = registerValues(ws);
  const header = (first[1] ?? []).map(String);
  expect(first.length).toBeGreaterThan(2);
  const col = (title: string): number => header.findIndex((h) => h.startsWith(title)) + 1;
  // the department types an order into the first proposal and adds a row of its own below the register
  byHand(ws, () => {
    const sheet = ws.installGlobals().SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Реестр мер');
    if (!sheet) throw new Error('no register');
    expect(sheet.isColumnHiddenByUser(col('Ключ'))).toBe(true);
    sheet.getRange(3, col('Вид меры')).setValue('приказ');
    sheet.getRange(3, col('Документ')).setValue('№ 45 от 10.12.2026');
    sheet.getRange(3, col('Ответственный')).setValue('Иванова И. И.');
    sheet.getRange(first.length + 1, col('Вывод')).setValue('Семинар для заместителей директоров по ВР');
    sheet.getRange(first.length + 1, col('Вид меры')).setValue('семинар');
  });
  ws.endExecution();
  const typedKey = String(first[2]?.[col('Ключ') - 1]);
  for (let run = 0; run < 3; run++) {
    if (run === 1 && late) {
      fillAsSchool(ws, /\/d\/([^/]+)/.exec(state.schools.find((x) => x.id === late.id)?.fileUrl ?? '')?.[1] ?? '', late, valuesOf(late, 99));
      expect(runToEnd(ws, 'validate')).toMatchObject({ ok: true, done: true });
      expect(reply(ws, 'acceptSchool', { schoolId: late.id }).ok).toBe(true);
    }
    expect(runToEnd(ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    const rows = registerValues(ws);
    const typed = rows.find((r) => String(r[col('Ключ') - 1]) === typedKey);
    expect([typed?.[col('Вид меры') - 1], typed?.[col('Документ') - 1], typed?.[col('Ответственный') - 1]]).toEqual([
      'приказ',
      '№ 45 от 10.12.2026',
      'Иванова И. И.',
    ]);
    const hand = rows.find((r) => String(r[col('Вывод') - 1]) === 'Семинар для заместителей директоров по ВР');
    expect(hand?.[col('Вид меры') - 1]).toBe('семинар');
    expect(hand?.[col('Состояние записи') - 1]).toBe('добавлено отделом');
  }
});
