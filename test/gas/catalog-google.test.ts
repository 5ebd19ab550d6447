/**
 * The department's own catalog in Google (issue 15), the built add-on on the strict fake: «Новая кампания» draws the
 * built-in catalog onto the «Каталог…» sheets (losslessly for every built-in catalog); examples/catalog-bashmakovsky.xlsx
 * uploaded through the panel's importCatalog call (Drive converts it, the add-on reads it and deletes the copy) becomes
 * the campaign's catalog; then the whole cycle — generate, the schools fill, validate, consolidate (every cell against
 * the core), recommendations and report. The specialist edits the catalog in the spreadsheet: a target applies at the
 * next consolidation; a formula is a placed error; a change of the school form after generation is refused in Russian.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { School } from '../../src/core/campaign/schema';
import { CATALOG_SOURCES } from '../../src/core/catalog';
import { expandCatalog } from '../../src/core/catalog/expand';
import { sameSource } from '../../src/core/catalog/form-version';
import type { CatalogSource } from '../../src/core/catalog/schema';
import { parseCatalogWorkbook } from '../../src/core/catalog/workbook/parse';
import { consolidate } from '../../src/core/consolidate/consolidate';
import { demoValues } from '../../src/core/demo/values';
import { ConsolidationExportSchema } from '../../src/core/export/contract';
import { cellValueOf, renderSchoolGrid } from '../../src/core/layout/grid';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import { validateFiles } from '../../src/core/submission/collect';
import type { WorkbookGrid } from '../../src/core/submission/parse';
import type { Value } from '../../src/core/submission/values';
import type { FakeWorkspace } from '../fakes';
import { bashmakovskyCatalog } from '../fixtures/bashmakovsky/catalog-source';
import { DEPARTMENT, byHand, call, newWorkspace, reply, runToEnd } from './helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'catalog-bashmakovsky.xlsx');
const CATALOG_SHEETS = [
  'Каталог',
  'Каталог. Поля',
  'Каталог. Таблицы',
  'Каталог. Строки',
  'Каталог. Показатели',
  'Каталог. Подграфы',
  'Каталог. Пары',
  'Каталог. Цели',
  'Каталог. Правила',
];
const SCHOOLS: School[] = [
  { id: 'sosh-1', name: 'МБОУ СОШ № 1 р.п. Башмаково', shortName: 'СОШ № 1 р.п. Башмаково', type: 'СОШ', emails: ['sosh1@bashmakovo.ru'] },
  { id: 'oosh-2', name: 'МБОУ ООШ с. Знаменское', shortName: 'ООШ с. Знаменское', type: 'ООШ', emails: ['oosh2@bashmakovo.ru'] },
  { id: 'nosh-3', name: 'МБОУ НОШ с. Соседка', shortName: 'НОШ с. Соседка', type: 'НОШ', emails: ['nosh3@bashmakovo.ru'] },
];
const CAMPAIGN = { year: 2026, municipality: 'Башмаковский район', department: 'Отдел управления образованием', catalogId: 'bashmakovsky' };
const BASH = expandCatalog(bashmakovskyCatalog);

let ws: FakeWorkspace;
let hostId = '';
const values = new Map<string, Record<string, Value>>();

/** The «Каталог…» sheets of a spreadsheet as the workbook reader sees them (values and formulas), straight from the model. */
function catalogGrid(id: string): WorkbookGrid {
  const model = ws.spreadsheetModel(id);
  return {
    sheets: model.sheets
      .filter((s) => s.name.startsWith('Каталог'))
      .map((s) => ({
        name: s.name,
        values: s.rows.map((r) => (r ?? []).map((c) => c?.value ?? '')),
        formulas: s.rows.map((r) => (r ?? []).map((c) => (c?.formula ? c.formula.slice(1) : null))),
      })),
  };
}

function sourceOnSheets(id: string): CatalogSource {
  const read = parseCatalogWorkbook(catalogGrid(id));
  if (!('source' in read)) throw new Error(JSON.stringify(read.problems.slice(0, 5)));
  return read.source;
}

/** The department edits a cell of a «Каталог…» sheet by hand (found by the text in its column `col`). */
function editCatalog(sheet: string, find: (row: unknown[]) => boolean, col: number, value: string): string {
  const { SpreadsheetApp } = ws.installGlobals();
  const s = SpreadsheetApp.openById(hostId).getSheetByName(sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const rows = s.getDataRange().getValues();
  const r = rows.findIndex(find);
  if (r < 0) throw new Error(`no row in ${sheet}`);
  const cell = s.getRange(r + 1, col);
  const before = String(cell.getFormula() || cell.getValue());
  cell.setValue(value);
  ws.endExecution();
  return before;
}

function step(name: string) {
  ws.advance(61_000);
  return runToEnd(ws, name);
}

const fileIdOf = (url: string): string => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';
const schoolRows = () => (call(ws, 'getState') as { schools: { id: string; fileUrl: string; docUrl: string; lifecycle: string; errors: number }[] }).schools;

beforeAll(() => {
  ws = newWorkspace();
  ws.actAs(DEPARTMENT);
  hostId = ws.createHostSpreadsheet('Мониторинг воспитания — Башмаковский район');
});

test('«Новая кампания» draws the built-in catalog on the «Каталог…» sheets, with a note and a validation on every editable cell, in few calls', () => {
  ws.resetCalls();
  const created = reply(ws, 'newCampaign', { year: 2026, municipality: 'Башмаковский район' });
  expect(created).toMatchObject({ ok: true });
  const names = ws.spreadsheetModel(hostId).sheets.map((s) => s.name);
  for (const n of CATALOG_SHEETS) expect(names).toContain(n);
  expect(sameSource(sourceOnSheets(hostId), CATALOG_SOURCES['kalar'] as CatalogSource)).toBe(true);
  const columns = ws.spreadsheetModel(hostId).sheets.find((s) => s.name === 'Каталог. Показатели');
  const method = columns?.rows[3]?.[6];
  expect(method?.note).toContain('доля обучающихся');
  expect(method?.validation).toBeDefined();
  expect(columns?.frozenRows).toBe(3);
  // batched: no per-cell note or validation, a handful of Sheets calls for nine sheets
  expect(ws.countCalls('Range.setNote') + ws.countCalls('Range.setDataValidation')).toBe(0);
  expect(ws.countCalls((c) => c.service.startsWith('Sheets.'))).toBeLessThanOrEqual(12);
});

test.each(['tomarinsky', 'mosalsky', 'kalar'])('the built-in catalog «%s» survives the sheets unchanged (import → read back)', (id) => {
  ws.advance(61_000);
  expect(reply(ws, 'importCatalog', { kind: 'builtin', id })).toMatchObject({ ok: true });
  expect(sameSource(sourceOnSheets(hostId), CATALOG_SOURCES[id] as CatalogSource)).toBe(true);
});

test('an .xlsx that is no workbook, and a workbook with mistakes, are refused in Russian; nothing is left in Drive', () => {
  const before = ws.files.size;
  const junk = reply(ws, 'importCatalog', { kind: 'xlsx', name: 'каталог.xlsx', base64: Buffer.from('не книга').toString('base64') });
  expect(junk).toMatchObject({ ok: false, message: expect.stringContaining('это не книга Excel') });
  expect(reply(ws, 'importCatalog', { kind: 'xlsx', name: 'x.xlsx', base64: '!!!' })).toMatchObject({ ok: false });
  expect(ws.files.size).toBe(before);
});

test('the Bashmakovsky workbook uploaded from the sidebar becomes the campaign catalog; Drive’s converted copy is deleted', () => {
  ws.advance(61_000);
  const base64 = readFileSync(EXAMPLE).toString('base64');
  const r = reply(ws, 'importCatalog', { kind: 'xlsx', name: 'catalog-bashmakovsky.xlsx', base64 });
  expect(r).toMatchObject({ ok: true, message: expect.stringContaining('записан на листы «Каталог…» этой таблицы (9)') });
  expect(r.message).toMatch(/версия 2026\.1 #[0-9a-f]{8}/);
  expect(sameSource(sourceOnSheets(hostId), bashmakovskyCatalog)).toBe(true);
  expect([...ws.files.values()].filter((f) => f.name.startsWith('Каталог (чтение загрузки)'))).toEqual([]);
  expect(ws.countCalls('Drive.Files.remove')).toBe(1);
  const campaign = ws.spreadsheetModel(hostId).sheets.find((s) => s.name === 'Кампания');
  expect(campaign?.rows.some((row) => row?.[1]?.value === 'bashmakovsky')).toBe(true);
  // «Прошлые годы» lists the new catalog's cells for the department to type earlier years into
  const history = ws.spreadsheetModel(hostId).sheets.find((s) => s.name === 'Прошлые годы');
  const rows = (history?.rows ?? []).map((r) => (r ?? []).map((c) => String(c?.value ?? '')));
  const header = rows.findIndex((r) => r.includes('Ключ'));
  const keys = rows
    .slice(header + 1)
    .map((r) => r[(rows[header] ?? []).indexOf('Ключ')] ?? '')
    .filter((k) => k !== '');
  expect(new Set(keys)).toEqual(new Set(BASH.cells.map((c) => c.key)));
});

test('generate: one file per school on the Bashmakovsky form', () => {
  const { SpreadsheetApp } = ws.installGlobals();
  const sheet = SpreadsheetApp.openById(hostId).getSheetByName('Школы');
  sheet?.getRange(2, 1, SCHOOLS.length, 5).setValues(SCHOOLS.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')]));
  ws.endExecution();
  const r = step('generate');
  expect(r).toMatchObject({ ok: true, done: true, processed: SCHOOLS.length });
  const { SpreadsheetApp: app } = ws.installGlobals();
  const file = app.openById(fileIdOf(schoolRows()[0]?.fileUrl ?? ''));
  for (const a of BASH.appendices) expect(file.getSheets().map((s) => s.getName())).toContain(`Таблица ${a.number}`);
  ws.endExecution();
});

test('the schools fill their files; validation accepts all three', () => {
  const rows = schoolRows();
  SCHOOLS.forEach((school, i) => {
    const v = demoValues(BASH, school, SCHOOLS.length, 4900 + i);
    values.set(school.id, v);
    ws.actAs(school.emails[0] as string);
    const ss = ws.installGlobals().SpreadsheetApp.openById(fileIdOf(rows[i]?.fileUrl ?? ''));
    for (const [id, value] of Object.entries(v)) {
      const input = BASH.inputs.find((x) => x.id === id);
      if (!input || input.derived || value === null) continue;
      const range = ss.getRangeByName(id);
      if (!range) throw new Error(`no named range ${id}`);
      range.setValue(cellValueOf(value));
    }
    ss.getRangeByName('STATUS')?.setValue('Готово к проверке');
    ws.endExecution();
    ws.actAs(DEPARTMENT);
  });
  expect(step('validate')).toMatchObject({ ok: true, done: true });
  expect(schoolRows().map((s) => [s.id, s.lifecycle, s.errors])).toEqual(SCHOOLS.map((s) => [s.id, 'готово к проверке', 0]));
});

function result() {
  const snapshot = [...ws.files.values()].find((f) => f.name === 'Итоги 2026.json');
  return ConsolidationExportSchema.parse(JSON.parse(snapshot?.content ?? 'null'));
}

test('consolidate: the catalog’s tables, every cell equal to the core computed from the same values', () => {
  expect(step('consolidate')).toMatchObject({ ok: true, done: true });
  const got = result();
  expect(got.catalog).toMatchObject({ id: 'bashmakovsky', version: expect.stringMatching(/^2026\.1 #[0-9a-f]{8}$/) });
  const catalog = { ...BASH, version: got.catalog.version };
  const files = SCHOOLS.map((s) => ({
    file: s.id,
    expectedSchoolId: s.id,
    grid: renderSchoolGrid(schoolWorkbookLayout(catalog, CAMPAIGN, s), values.get(s.id) ?? {}),
  }));
  const expected = consolidate({ catalog, campaign: CAMPAIGN, outcomes: validateFiles(files, catalog, 2026, SCHOOLS).schools, previous: null });
  const pick = (x: typeof got) => x.appendices.flatMap((a) => a.rows.flatMap((row) => row.cells.map((c) => [c.key, c.value, c.count, c.second, c.achieved])));
  expect(pick(got)).toEqual(pick(expected));
  expect(pick(got).length).toBe(BASH.cells.length);
  const names = ws.spreadsheetModel(hostId).sheets.map((s) => s.name);
  for (const a of BASH.appendices) expect(names).toContain(`Таблица ${a.number}`);
});

test('recommendations and the report follow the catalog’s own words (no Kalar direction texts)', () => {
  const r = step('documents');
  expect(r).toMatchObject({ ok: true, done: true, message: expect.stringContaining('Рекомендации готовы') });
  const { DocumentApp } = ws.installGlobals();
  const texts = schoolRows().map((row) => DocumentApp.openById(fileIdOf(row.docUrl)).getBody().getText());
  const report = [...ws.files.values()].find((f) => f.name.startsWith('Аналитический отчёт'));
  texts.push(
    DocumentApp.openById(report?.id ?? '')
      .getBody()
      .getText(),
  );
  ws.endExecution();
  const all = texts.join('\n');
  expect(all).not.toContain('семейного воспитания');
  expect(all).toContain('Проанализировать причины и включить в план воспитательной работы меры по показателю');
});

test('a target edited on «Каталог. Цели» after the files went out applies at the next consolidation', () => {
  const key = BASH.cells.find((c) => c.target !== null && c.polarity === 'higher');
  if (!key) throw new Error('no cell with a target');
  const [, row, column] = key.key.split('.');
  const appendix = Number(key.key.split('.')[0]?.slice(1));
  const before = editCatalog('Каталог. Цели', (r) => r[0] === appendix && r[1] === row && r[2] === column, 5, '97');
  expect(before).not.toBe('97');
  expect(step('consolidate')).toMatchObject({ ok: true, done: true });
  const cell = result()
    .appendices.flatMap((a) => a.rows.flatMap((r) => r.cells))
    .find((c) => c.key === key.key);
  expect(cell?.target).toBe('97');
  editCatalog('Каталог. Цели', (r) => r[0] === appendix && r[1] === row && r[2] === column, 5, before);
});

test('a formula on a «Каталог…» sheet is a placed error, never evaluated', () => {
  const before = editCatalog('Каталог. Показатели', (r) => r[1] === 'C1', 3, '=1+1');
  const r = step('validate');
  expect(r.ok).toBe(false);
  expect(r.message).toMatch(/Лист «Каталог\. Показатели», строка \d+/);
  expect(r.message).toContain('формула «=1+1»: в каталоге допускаются только значения');
  editCatalog('Каталог. Показатели', (x) => x[1] === 'C1', 3, before);
  expect(step('validate')).toMatchObject({ ok: true, done: true });
});

test('a change of the school form after generation is refused in Russian — on the sheets and by import', () => {
  const before = editCatalog('Каталог. Поля', (r) => r[1] === 'P_NOO', 3, 'Обучающихся начальной школы, чел.');
  const r = step('consolidate');
  expect(r.ok).toBe(false);
  expect(r.message).toContain('Каталог на листах «Каталог…» не принят: таблицы школ уже разосланы (файлов: 3), а новый каталог меняет форму школы');
  editCatalog('Каталог. Поля', (x) => x[1] === 'P_NOO', 3, before);
  expect(step('consolidate')).toMatchObject({ ok: true, done: true });
  ws.advance(61_000);
  expect(reply(ws, 'importCatalog', { kind: 'builtin', id: 'kalar' })).toMatchObject({
    ok: false,
    message: 'Каталог не заменён: таблицы школ уже разосланы по каталогу «bashmakovsky», а новый каталог — «kalar».',
  });
});

test('the same catalog from a Google Sheets link is accepted after generation (the form is unchanged)', () => {
  // the department keeps its catalog in a spreadsheet of its own: Drive converted the workbook when it was uploaded by hand
  const copy = byHand(ws, () => {
    const { Drive, Utilities } = ws.installGlobals();
    const bytes = [...readFileSync(EXAMPLE)].map((b) => (b > 127 ? b - 256 : b));
    const blob = Utilities.newBlob(bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Каталог.xlsx');
    const file = Drive?.Files.create({ name: 'Каталог Башмаковского района', mimeType: 'application/vnd.google-apps.spreadsheet' }, blob, { fields: 'id' });
    ws.endExecution();
    return file?.id ?? '';
  });
  ws.advance(61_000);
  const r = reply(ws, 'importCatalog', { kind: 'url', url: `https://docs.google.com/spreadsheets/d/${copy}/edit#gid=0` });
  expect(r).toMatchObject({ ok: true });
  expect(reply(ws, 'importCatalog', { kind: 'url', url: `https://docs.google.com/spreadsheets/d/${hostId}/edit` })).toMatchObject({
    ok: false,
    message: expect.stringContaining('это и есть таблица кампании'),
  });
});

test('a campaign on its own catalog whose «Каталог…» sheets were all deleted is told how to bring them back', () => {
  const { SpreadsheetApp } = ws.installGlobals();
  const host = SpreadsheetApp.openById(hostId);
  for (const name of CATALOG_SHEETS) {
    const sheet = host.getSheetByName(name);
    if (sheet) host.deleteSheet(sheet);
  }
  ws.endExecution();
  const r = step('validate');
  expect(r).toMatchObject({ ok: false, message: expect.stringContaining('В таблице нет листов «Каталог…» с каталогом кампании «bashmakovsky»') });
  ws.advance(61_000);
  const base64 = readFileSync(EXAMPLE).toString('base64');
  expect(reply(ws, 'importCatalog', { kind: 'xlsx', name: 'catalog-bashmakovsky.xlsx', base64 })).toMatchObject({ ok: true });
  expect(step('validate')).toMatchObject({ ok: true, done: true });
});

test('every call was authorized by the manifest scopes (drive.file, spreadsheets), with no DriveApp', () => {
  expect(ws.calls.filter((c) => c.denied).map((c) => `${c.service}.${c.method}`)).toEqual([]);
  expect(ws.calls.some((c) => c.service === 'DriveApp')).toBe(false);
});

test('without the Sheets advanced service: the sheets are drawn with notes and validations per column run, a formula is still a placed error', () => {
  const other = newWorkspace();
  other.advancedSheetsEnabled = false;
  other.actAs(DEPARTMENT);
  const id = other.createHostSpreadsheet('Мониторинг — без Sheets API');
  expect(reply(other, 'newCampaign', { year: 2026, municipality: 'Башмаковский район' })).toMatchObject({ ok: true });
  expect(other.countCalls('Range.setNote')).toBe(0);
  const columns = other.spreadsheetModel(id).sheets.find((s) => s.name === 'Каталог. Показатели');
  expect(columns?.rows[3]?.[6]?.note).toContain('доля обучающихся');
  expect(columns?.rows[3]?.[6]?.validation).toBeDefined();
  const host = other.installGlobals().SpreadsheetApp.openById(id);
  host
    .getSheetByName('Школы')
    ?.getRange(2, 1, 1, 5)
    .setValues([[SCHOOLS[0]?.id, SCHOOLS[0]?.name, SCHOOLS[0]?.shortName, 'СОШ', 'sosh1@bashmakovo.ru']]);
  host.getSheetByName('Каталог. Показатели')?.getRange('C4').setFormula('=B4');
  other.endExecution();
  const r = reply(other, 'runStep', 'generate');
  expect(r.ok).toBe(false);
  expect(r.message).toContain('Лист «Каталог. Показатели», строка 4: в ячейке C4 формула «=B4»');
});
