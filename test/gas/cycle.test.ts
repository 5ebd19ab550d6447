/**
 * The whole campaign on the built dist/Code.js, one fresh vm context per execution over one FakeWorkspace:
 * onOpen → new campaign → school files → schools fill them as editors → validate → consolidate →
 * recommendations and report → survey → return / accept.
 */
import { DEMO_CAMPAIGN } from '../../src/core/demo/municipality';
import { consolidate } from '../../src/core/consolidate/consolidate';
import { ConsolidationExportSchema } from '../../src/core/export/contract';
import { renderSchoolGrid } from '../../src/core/layout/grid';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import { validateFiles } from '../../src/core/submission/collect';
import type { Value } from '../../src/core/submission/values';
import { AuthMode, type FakeWorkspace } from '../fakes';
import { runInFreshContext } from '../helpers/run-bundle';
import { CATALOG, DEPARTMENT, SCHOOLS, call, fillAsSchool, newWorkspace, reply, runToEnd, setUpCampaign, valuesOf } from './helpers';

const CAMPAIGN = { ...DEMO_CAMPAIGN, municipality: 'Тестовый муниципальный округ', department: 'Отдел управления образованием' };
let ws: FakeWorkspace;
let hostId = '';
const values = new Map<string, Record<string, Value>>();

interface SchoolState {
  id: string;
  lifecycle: string;
  fileUrl: string;
  docUrl: string;
  errors: number;
  messages: string[];
}

function schools(): SchoolState[] {
  const state = call(ws, 'getState') as { schools: SchoolState[] };
  return state.schools;
}
const fileIdOf = (url: string): string => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';

beforeAll(() => {
  ws = newWorkspace();
  ws.actAs(DEPARTMENT);
  hostId = setUpCampaign(ws);
});

test('onOpen works in AuthMode.NONE and names only public functions', () => {
  runInFreshContext(ws, { authMode: 'NONE' }).onOpen?.({ authMode: AuthMode.NONE });
  const names = ws.ui.menuFunctionNames();
  expect(names).toEqual([
    'showSidebar',
    'menuNewCampaign',
    'menuGenerate',
    'menuValidate',
    'menuConsolidate',
    'menuDocuments',
    'menuLaunchLetters',
    'menuRemind',
    'menuRecommendationLetters',
    'menuSurvey',
    'menuSelfTest',
    'showHelp',
  ]);
});

test('one spreadsheet per school, shared with that school only, only inputs editable', () => {
  const r = runToEnd(ws, 'generate');
  expect(r).toMatchObject({ ok: true, done: true, processed: SCHOOLS.length });
  const rows = schools();
  expect(rows.every((s) => s.fileUrl.startsWith('https://'))).toBe(true);
  expect(ws.linkSharedFiles()).toEqual([]);
  const { SpreadsheetApp } = ws.installGlobals();
  for (const [i, school] of SCHOOLS.entries()) {
    const ss = SpreadsheetApp.openById(fileIdOf(rows[i]?.fileUrl ?? ''));
    const editors = ss.getEditors().map((u) => u.getEmail());
    expect(editors).toEqual(school.emails);
    const profile = ss.getSheetByName('Сведения об ОО');
    expect(profile?.getRange('D4').getValue()).toBe(school.id);
    const protection = profile?.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    expect(protection?.getEditors().map((u) => u.getEmail())).not.toContain(school.emails[0]);
    expect((protection?.getUnprotectedRanges().length ?? 0) > 0).toBe(true);
    expect(ss.getRangeByName('P_NOO')?.getDataValidation()).not.toBeNull();
  }
  ws.endExecution();
  // a second run creates nothing twice
  const again = runToEnd(ws, 'generate');
  expect(again.ok).toBe(true);
  expect(schools().map((s) => s.fileUrl)).toEqual(rows.map((s) => s.fileUrl));
});

test('a school can type into its inputs but not into a label cell', () => {
  const row = schools()[0] as SchoolState;
  const school = SCHOOLS[0];
  if (!school) throw new Error('no school');
  ws.actAs(school.emails[0] as string);
  const { SpreadsheetApp } = ws.installGlobals();
  const ss = SpreadsheetApp.openById(fileIdOf(row.fileUrl));
  expect(() => ss.getSheetByName('Приложение 1')?.getRange('B5').setValue('подпись изменена')).toThrow(/protected/i);
  ws.endExecution();
  ws.actAs(DEPARTMENT);
});

test('schools fill their files; validation marks them ready', () => {
  const rows = schools();
  SCHOOLS.forEach((school, i) => {
    const v = valuesOf(school, 700 + i);
    values.set(school.id, v);
    fillAsSchool(ws, fileIdOf(rows[i]?.fileUrl ?? ''), school, v);
  });
  const r = runToEnd(ws, 'validate');
  expect(r).toMatchObject({ ok: true, done: true });
  const after = schools();
  expect(after.map((s) => s.lifecycle)).toEqual(SCHOOLS.map(() => 'готово к проверке'));
  expect(after.every((s) => s.errors === 0)).toBe(true);
});

test('one-click consolidation: Appendix 1–11 equal to the core computed from the same values', () => {
  const r = runToEnd(ws, 'consolidate');
  expect(r).toMatchObject({ ok: true, done: true });
  const { SpreadsheetApp } = ws.installGlobals();
  const host = SpreadsheetApp.getActiveSpreadsheet();
  const names = host?.getSheets().map((s) => s.getName()) ?? [];
  for (let n = 1; n <= 11; n++) expect(names).toContain(`Приложение ${n}`);
  for (const name of ['Свод по школам', 'Динамика', 'Реестр мер', 'Журнал']) expect(names).toContain(name);
  expect(names.some((n) => n.endsWith('(новое)'))).toBe(false);
  const a1 = host?.getSheetByName('Приложение 1')?.getDataRange().getValues() ?? [];
  expect(String(a1[0]?.[0])).toContain('Приложение 1. Таблица 4.1');
  ws.endExecution();

  const snapshot = [...ws.files.values()].find((f) => f.name === 'Итоги 2026.json');
  const result = ConsolidationExportSchema.parse(JSON.parse(snapshot?.content ?? 'null'));
  const files = SCHOOLS.map((s) => ({
    file: s.id,
    expectedSchoolId: s.id,
    grid: renderSchoolGrid(schoolWorkbookLayout(CATALOG, CAMPAIGN, s), values.get(s.id) ?? {}),
  }));
  const expected = consolidate({ catalog: CATALOG, campaign: CAMPAIGN, outcomes: validateFiles(files, CATALOG, 2026, SCHOOLS).schools, previous: null });
  const pick = (x: typeof result) =>
    x.appendices.flatMap((a) => a.rows.flatMap((row) => row.cells.map((c) => [c.key, c.value, c.count, c.second, c.achieved])));
  expect(pick(result)).toEqual(pick(expected));
  expect(result.schools.every((s) => s.status === 'accepted')).toBe(true);
});

test('native charts: one under each appendix per caption, all on «Диаграммы», each reading its numbers from the hidden data sheet', () => {
  const host = ws.spreadsheetModel(hostId);
  const byName = new Map(host.sheets.map((s) => [s.name, s]));
  const data = byName.get('Данные диаграмм');
  expect(data?.hidden).toBe(true);
  const text = (sheet: (typeof host.sheets)[number], row: number, col: number): unknown => sheet.rows[row - 1]?.[col - 1]?.value;
  for (let n = 1; n <= CATALOG.appendices.length; n++) {
    const sheet = byName.get(`Приложение ${n}`);
    if (!sheet) throw new Error(`нет листа Приложение ${n}`);
    const captions = sheet.rows.filter((r) => String(r?.[0]?.value ?? '').startsWith('Диаграмма: ')).length;
    expect([n, sheet.charts?.length ?? 0]).toEqual([n, captions]);
    // each chart sits right under its caption
    for (const c of sheet.charts ?? []) expect(String(text(sheet, c.anchor.row - 1, 1))).toMatch(/^Диаграмма: /);
  }
  const all = byName.get('Диаграммы')?.charts ?? [];
  expect(all.length).toBeGreaterThan(CATALOG.appendices.length);
  const kinds = new Set(all.map((c) => Object.keys(c.spec).find((k) => k.endsWith('Chart'))));
  expect([...kinds].sort()).toEqual(['basicChart', 'candlestickChart']);
  for (const chart of all) {
    const basic = chart.spec['basicChart'] as { domains: { domain: { sourceRange: { sources: { sheetId: number; startRowIndex: number }[] } } }[] } | undefined;
    if (!basic) continue;
    const src = basic.domains[0]?.domain.sourceRange.sources[0];
    expect(src?.sheetId).toBe(data?.id);
    // the header row of its table names the axis: «Показатель» or «Год»
    if (data && src) expect(['Показатель', 'Год']).toContain(text(data, src.startRowIndex + 1, 1));
  }
});

test('recommendations per school (shared with that school only, read access) and the municipal report', () => {
  const r = runToEnd(ws, 'documents');
  expect(r.message).toContain('Рекомендации готовы');
  expect(r).toMatchObject({ ok: true, done: true });
  const rows = schools();
  const { DocumentApp } = ws.installGlobals();
  rows.forEach((row, i) => {
    const doc = DocumentApp.openById(fileIdOf(row.docUrl));
    expect(doc.getViewers().map((u) => u.getEmail())).toEqual(SCHOOLS[i]?.emails);
    const text = doc.getBody().getText();
    expect(text).toContain('Адресные рекомендации');
    for (const other of SCHOOLS.filter((_, j) => j !== i)) expect(text).not.toContain(other.shortName);
  });
  const report = [...ws.files.values()].find((f) => f.name.startsWith('Аналитический отчёт'));
  const body = DocumentApp.openById(report?.id ?? '')
    .getBody()
    .getText();
  expect(body).toContain('Охват мониторинга');
  for (const s of SCHOOLS) expect(body).not.toContain(s.shortName);
  ws.endExecution();

  // every chart of the report has its picture from the spreadsheet's native chart, right above its caption
  const elements = report?.document?.body ?? [];
  const captions = elements.map((e, i) => ({ e, i })).filter(({ e }) => e.text.startsWith('Диаграмма: '));
  expect(captions.length).toBeGreaterThan(CATALOG.appendices.length);
  expect(r.message).toContain(`диаграмм: ${captions.length}`);
  for (const { e, i } of captions) {
    const image = elements[i - 1]?.image;
    expect([image?.contentType, (image?.width ?? 0) <= 600, image?.alt]).toEqual(['image/png', true, e.text.slice('Диаграмма: '.length)]);
  }
  // the department's own analysis (distribution of schools' values) stays out of the report
  expect(elements.some((e) => e.text.includes('для служебного пользования'))).toBe(false);
});

test('satisfaction survey: published anonymous forms, responses aggregated by ratio of sums', () => {
  const created = reply(ws, 'createSurvey') as ReturnType<typeof reply> & { forms?: { group: string; url: string }[] };
  expect(created.ok).toBe(true);
  const forms = [...ws.files.values()].filter((f) => f.kind === 'form');
  expect(forms).toHaveLength(2);
  const { FormApp } = ws.installGlobals();
  for (const f of forms) {
    const form = FormApp.openById(f.id);
    expect(form.collectsEmail()).toBe(false);
  }
  ws.endExecution();
  const students = forms.find((f) => f.name.includes('обучающихся'));
  const answers = ['Полностью удовлетворён(а)', 'Скорее удовлетворён(а)', 'Не удовлетворён(а)', 'Полностью удовлетворён(а)'];
  answers.forEach((a, i) => {
    ws.submitFormResponse(students?.id ?? '', {
      'Образовательная организация': SCHOOLS[i % 2]?.shortName ?? '',
      'В целом, насколько Вы удовлетворены условиями воспитания, обучения и развития в школе?': a,
    });
  });
  const collected = reply(ws, 'collectSurvey');
  expect(collected.ok).toBe(true);
  expect(collected.message).toContain('обучающиеся — 75 %');
});

test('return for rework writes the reasons into the school file; accept records the decision', () => {
  const target = SCHOOLS[2];
  if (!target) throw new Error('no school');
  const back = reply(ws, 'returnSchool', { schoolId: target.id, reason: 'Проверьте численность педагогов' });
  expect([back.ok, back.message]).toEqual([true, expect.any(String)]);
  const row = schools().find((s) => s.id === target.id) as SchoolState;
  expect(row.lifecycle).toBe('возвращено');
  const { SpreadsheetApp } = ws.installGlobals();
  const profile = SpreadsheetApp.openById(fileIdOf(row.fileUrl)).getSheetByName('Сведения об ОО');
  expect(String(profile?.getRange('B10').getValue())).toContain('Проверьте численность педагогов');
  expect(profile?.getRange('D7').getValue()).toBe('Заполняется');
  ws.endExecution();
  expect(reply(ws, 'returnSchool', { schoolId: target.id }).ok).toBe(false);
  const accepted = reply(ws, 'acceptSchool', { schoolId: SCHOOLS[0]?.id });
  expect(accepted).toMatchObject({ ok: true });
  expect(schools().find((s) => s.id === SCHOOLS[0]?.id)?.lifecycle).toBe('принято');
  expect(reply(ws, 'acceptSchool', { schoolId: 'nope' })).toMatchObject({ ok: false });
});

test('a second concurrent run is refused with a clear message', () => {
  const { LockService } = ws.installGlobals();
  const held = LockService.getDocumentLock();
  expect(held?.tryLock(1000)).toBe(true);
  const holder = ws.currentExecutionId;
  const r = reply(ws, 'runStep', 'validate');
  expect(r).toMatchObject({ ok: false });
  expect(r.message).toContain('другой шаг');
  ws.endExecution(holder);
  expect(reply(ws, 'runStep', 'nonsense')).toMatchObject({ ok: false, message: 'Неизвестный шаг.' });
});

test('every call of the whole cycle was authorized by the scopes of appsscript.json (no DriveApp, no full drive scope)', () => {
  expect(ws.manifestScopes).toContain('https://www.googleapis.com/auth/drive.file');
  expect(ws.manifestScopes).not.toContain('https://www.googleapis.com/auth/drive');
  expect(ws.calls.filter((c) => c.denied).map((c) => `${c.service}.${c.method}`)).toEqual([]);
  expect(ws.calls.some((c) => c.service === 'DriveApp' || c.service === 'File' || c.service === 'Folder')).toBe(false);
});
