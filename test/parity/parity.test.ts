/**
 * Parity: the same campaign through the add-on (the built dist/Code.js on the fake Google) and through the offline
 * path (the built msoko CLI on a temporary folder) — same registry (one school without a short name), same filled
 * values (one school with a mistake, one silent), same last year, same survey answers, same decisions. Both must
 * give an equal consolidation result, equal lifecycles and decisions, the same refusals, the same output sheets and
 * journal, and the same report.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { School } from '../../src/core/campaign/schema';
import { consolidate as consolidateCore } from '../../src/core/consolidate/consolidate';
import { DEMO_SCHOOLS } from '../../src/core/demo/municipality';
import { demoValues } from '../../src/core/demo/values';
import { type ConsolidationExport, ConsolidationExportSchema } from '../../src/core/export/contract';
import { filledWorkbook, renderSchoolGrid } from '../../src/core/layout/grid';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import { municipalReport } from '../../src/core/recommend/municipal-report';
import { validateFiles } from '../../src/core/submission/collect';
import { type RegisterRow, registerFromValues } from '../../src/core/register/register';
import { DecisionsSchema } from '../../src/core/submission/lifecycle';
import type { Value } from '../../src/core/submission/values';
import { readWorkbookFile } from '../../src/node/xlsx/read/read-workbook';
import { writeWorkbookFile } from '../../src/node/xlsx/write/render';
import type { FakeWorkspace } from '../fakes';
import { msoko, msokoJson } from '../node/cli/helpers';
import { CATALOG, DEPARTMENT, byHand, call, fillAsSchool, newWorkspace, reply, runToEnd } from '../gas/helpers';

const YEAR = 2026;
const MUNICIPALITY = 'Тестовый муниципальный округ';
const CAMPAIGN = { year: YEAR, municipality: MUNICIPALITY, department: 'Отдел управления образованием', catalogId: 'kalar', targetOverrides: {} };
const pick = (id: string): School => DEMO_SCHOOLS.find((s) => s.id === id) as School;
/** «gimn» has no short name in the registry: both front ends fall back to the full name. */
const SCHOOLS: School[] = [pick('sosh1'), { ...pick('gimn'), shortName: pick('gimn').name }, pick('oosh1'), pick('nosh1')];
const REGISTRY_ROWS = SCHOOLS.map((s) => [s.id, s.name, s.id === 'gimn' ? '' : s.shortName, s.type, s.emails.join(';')]);
const SILENT = 'nosh1';
const WITH_MISTAKE = 'oosh1';
const VALUES = new Map<string, Record<string, Value | string>>(
  SCHOOLS.filter((s) => s.id !== SILENT).map((s, i) => {
    const v: Record<string, Value | string> = { ...demoValues(CATALOG, s, SCHOOLS.length, 4242 + i) };
    if (s.id === WITH_MISTAKE) v.A2_R1_C1 = '12 чел.';
    return [s.id, v];
  }),
);
const ANSWERS = {
  students: [
    ['sosh1', 'Полностью удовлетворён(а)'],
    ['gimn', 'Скорее удовлетворён(а)'],
    ['sosh1', 'Не удовлетворён(а)'],
  ],
  parents: [
    ['oosh1', 'Полностью удовлетворён(а)'],
    ['sosh1', 'Скорее не удовлетворён(а)'],
  ],
} as const;

/** Last year's result and values of the same schools (different values), so dynamics and year-over-year checks run. */
function lastYear(): { result: ConsolidationExport; values: Record<string, Record<string, Value>> } {
  const campaign = { ...CAMPAIGN, year: YEAR - 1 };
  const files = SCHOOLS.map((s, i) => ({
    file: s.id,
    expectedSchoolId: s.id,
    grid: renderSchoolGrid(schoolWorkbookLayout(CATALOG, campaign, s), demoValues(CATALOG, s, SCHOOLS.length, 1000 + i)),
  }));
  const run = validateFiles(files, CATALOG, YEAR - 1, SCHOOLS);
  const values: Record<string, Record<string, Value>> = {};
  for (const o of run.schools) if (o.submission) values[o.school.id] = o.submission.values;
  // one school reported last year ten times fewer students: this year's count is implausible against it
  const sosh1 = values.sosh1;
  if (sosh1)
    for (const key of Object.keys(sosh1))
      if (key.startsWith('P_') && typeof sosh1[key] === 'number') sosh1[key] = Math.max(1, Math.round((sosh1[key] as number) / 10));
  const result = consolidateCore({ catalog: CATALOG, campaign, outcomes: run.schools, previous: null });
  return { result, values };
}
const PREVIOUS = lastYear();

interface Side {
  result: ConsolidationExport;
  states: Record<string, string>;
  decisions: Record<string, { state: string; reason: string }>;
  refusals: string[];
  sheets: string[];
  journal: string[];
  survey: unknown[][];
  register: RegisterRow[];
}

// ------------------------------------------------------------------------------------------------- Google --
function google(): Side {
  const ws: FakeWorkspace = newWorkspace();
  ws.actAs(DEPARTMENT);
  ws.createHostSpreadsheet();
  expect(reply(ws, 'newCampaign', { year: YEAR, municipality: MUNICIPALITY, deadline: '2026-12-15' }).ok).toBe(true);
  const g = ws.installGlobals();
  g.SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы')?.getRange(2, 1, REGISTRY_ROWS.length, 5).setValues(REGISTRY_ROWS);
  ws.endExecution();
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  // last year's result in the campaign folder, as the department puts it there
  const folderId = ws.installGlobals().PropertiesService.getDocumentProperties()?.getProperty('msoko.folderId') ?? '';
  byHand(ws, () => {
    const folder = ws.installGlobals().DriveApp.getFolderById(folderId);
    folder.createFile(`Итоги ${YEAR - 1}.json`, JSON.stringify({ ...PREVIOUS.result, schoolValues: PREVIOUS.values }), 'application/json');
  });
  ws.endExecution();
  const state = (): { schools: { id: string; state: string; fileUrl: string }[] } =>
    call(ws, 'getState') as { schools: { id: string; state: string; fileUrl: string }[] };
  for (const row of state().schools) {
    const values = VALUES.get(row.id);
    const school = SCHOOLS.find((s) => s.id === row.id);
    if (values && school) fillAsSchool(ws, /\/d\/([^/]+)/.exec(row.fileUrl)?.[1] ?? '', school, values as Record<string, Value>);
  }
  const created = reply(ws, 'createSurvey');
  expect(created.ok).toBe(true);
  const forms = [...ws.files.values()].filter((f) => f.kind === 'form');
  for (const [group, answers] of Object.entries(ANSWERS)) {
    const form = forms.find((f) => f.name.includes(group === 'students' ? 'обучающихся' : 'родителей'));
    for (const [id, answer] of answers) {
      ws.submitFormResponse(form?.id ?? '', {
        'Образовательная организация': SCHOOLS.find((s) => s.id === id)?.shortName ?? '',
        'В целом, насколько Вы удовлетворены условиями воспитания, обучения и развития в школе?': answer,
      });
    }
  }
  expect(reply(ws, 'collectSurvey').ok).toBe(true);
  expect(runToEnd(ws, 'validate')).toMatchObject({ ok: true, done: true });
  const refusals = [reply(ws, 'acceptSchool', { schoolId: SILENT }).message, reply(ws, 'acceptSchool', { schoolId: WITH_MISTAKE }).message];
  expect(reply(ws, 'acceptSchool', { schoolId: 'sosh1' }).ok).toBe(true);
  expect(runToEnd(ws, 'consolidate')).toMatchObject({ ok: true, done: true });
  // returned after the consolidation: in Google the remark goes into the school's own file (status «Заполняется»),
  // offline into a copy; the received file is unchanged until the school sends the copy back
  expect(reply(ws, 'returnSchool', { schoolId: WITH_MISTAKE, reason: 'Исправьте численность' }).ok).toBe(true);
  const snapshot = [...ws.files.values()].find((f) => f.name === `Итоги ${YEAR}.json`);
  const result = ConsolidationExportSchema.parse(JSON.parse(snapshot?.content ?? 'null'));
  const host = ws.installGlobals().SpreadsheetApp.getActiveSpreadsheet();
  const sheets = host?.getSheets().map((s) => s.getName()) ?? [];
  const journal = (host?.getSheetByName('Журнал')?.getDataRange().getValues() ?? []).slice(2).map((r) => String(r[1]));
  const survey = host?.getSheetByName('Удовлетворённость')?.getDataRange().getValues() ?? [];
  const register = registerFromValues(host?.getSheetByName('Реестр мер')?.getDataRange().getValues() ?? []);
  const registry = host?.getSheetByName('Школы')?.getDataRange().getValues() ?? [];
  ws.endExecution();
  const decisions: Side['decisions'] = {};
  for (const row of registry.slice(1)) {
    const json = String(row[13] ?? '');
    if (json) {
      const d = JSON.parse(json) as { state: string; reason: string };
      decisions[String(row[0])] = { state: d.state, reason: d.reason };
    }
  }
  const states = Object.fromEntries((call(ws, 'getState') as { schools: { id: string; state: string }[] }).schools.map((s) => [s.id, s.state]));
  return { result, states, decisions, refusals, sheets, journal, survey: survey.map((r) => r.map(String)), register };
}

// ------------------------------------------------------------------------------------------------ offline --
async function offline(dir: string): Promise<Side> {
  writeFileSync(path.join(dir, 'campaign.json'), JSON.stringify({ ...CAMPAIGN, password: 'p', previous: 'last/appendices.json' }));
  writeFileSync(path.join(dir, 'schools.csv'), ['id,name,short_name,type,emails', ...REGISTRY_ROWS.map((r) => r.map((c) => `"${c}"`).join(','))].join('\n'));
  mkdirSync(path.join(dir, 'last'));
  writeFileSync(path.join(dir, 'last', 'appendices.json'), JSON.stringify(PREVIOUS.result));
  writeFileSync(path.join(dir, 'last', 'school-values.json'), JSON.stringify(PREVIOUS.values));
  for (const school of SCHOOLS) {
    const values = VALUES.get(school.id);
    if (!values) continue;
    const layout = schoolWorkbookLayout(CATALOG, CAMPAIGN, school);
    await writeWorkbookFile(filledWorkbook(layout, values, 'Готово к проверке'), path.join(dir, 'received', `${school.id}.xlsx`), {
      password: 'p',
      definedNames: true,
    });
  }
  for (const [group, answers] of Object.entries(ANSWERS)) {
    const csv = path.join(dir, `${group}.csv`);
    const question = 'В целом, насколько Вы удовлетворены условиями воспитания, обучения и развития в школе?';
    const rows = answers.map(([id, a]) => `2026/11/20 10:00:00,"${SCHOOLS.find((s) => s.id === id)?.shortName ?? ''}","${a}"`);
    writeFileSync(csv, [`Отметка времени,Образовательная организация,"${question}"`, ...rows].join('\n'));
    expect(msoko(['import-survey', dir, csv, '--group', group]).code).toBe(0);
  }
  expect(msoko(['validate', dir]).code).toBe(1);
  const refusals = [SILENT, WITH_MISTAKE].map((id) =>
    msoko(['accept', dir, id])
      .stderr.replace(/^Ошибка: /, '')
      .trim(),
  );
  expect(msoko(['accept', dir, 'sosh1']).code).toBe(0);
  expect(msoko(['consolidate', dir]).code).toBe(1);
  expect(msoko(['return', dir, WITH_MISTAKE, '--reason', 'Исправьте численность']).code).toBe(0);
  const result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(dir, 'out', 'appendices.json'), 'utf8')));
  const book = await readWorkbookFile(path.join(dir, 'out', 'appendices.xlsx'));
  if ('unreadable' in book) throw new Error(book.unreadable);
  const sheetValues = (name: string): unknown[][] => book.sheets.find((s) => s.name === name)?.values ?? [];
  const measures = await readWorkbookFile(path.join(dir, 'measures.xlsx'));
  if ('unreadable' in measures) throw new Error(measures.unreadable);
  const register = registerFromValues(measures.sheets[0]?.values ?? []);
  const journal = sheetValues('Журнал')
    .slice(2)
    .map((r) => String(r?.[1] ?? ''));
  const status = msokoJson<{ rows: { id: string; state: string }[] }>(['status', dir, '--json']).json;
  const stored = DecisionsSchema.parse(JSON.parse(readFileSync(path.join(dir, 'decisions.json'), 'utf8')));
  return {
    result,
    states: Object.fromEntries(status.rows.map((r) => [r.id, r.state])),
    decisions: Object.fromEntries(Object.entries(stored).map(([id, d]) => [id, { state: d.state, reason: d.reason }])),
    refusals,
    sheets: book.sheets.map((s) => s.name),
    journal,
    survey: sheetValues('Удовлетворённость').map((r) => (r ?? []).map((v) => (v === null || v === undefined ? '' : String(v)))),
    register,
  };
}

const trimRows = (rows: unknown[][]): string[][] =>
  rows
    .map((r) =>
      r
        .map((v) => String(v ?? ''))
        .join('\u0001')
        .replace(/\u0001+$/, '')
        .split('\u0001'),
    )
    .filter((r) => r.join('') !== '');

let g: Side;
let o: Side;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'msoko-parity-'));
  g = google();
  o = await offline(dir);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the same consolidation result (export contract), surveys included', () => {
  expect(o.result.surveys?.municipal.students.respondents).toBe(3);
  expect(g.result).toEqual(o.result);
});

test('year-over-year warnings on both sides', () => {
  const warnings = (r: ConsolidationExport): string[] =>
    r.schools.flatMap((s) => s.messages.filter((m) => m.severity === 'warning').map((m) => `${s.id}: ${m.text}`));
  expect(warnings(o.result).length).toBeGreaterThan(0);
  expect(warnings(g.result)).toEqual(warnings(o.result));
});

test('the same lifecycles and decisions', () => {
  expect(o.states).toEqual({ sosh1: 'accepted', gimn: 'ready', oosh1: 'returned', nosh1: 'missing' });
  expect(g.states).toEqual(o.states);
  expect(o.decisions).toEqual({ oosh1: { state: 'returned', reason: 'Исправьте численность' }, sosh1: { state: 'accepted', reason: '' } });
  expect(g.decisions).toEqual(o.decisions);
});

test('the same refusals: no acceptance without a file or with errors', () => {
  expect(o.refusals[0]).toContain('файл не получен');
  expect(o.refusals[1]).toContain('есть ошибки');
  expect(g.refusals).toEqual(o.refusals);
});

test('the same output sheets, journal and satisfaction table', () => {
  for (const name of o.sheets) expect(g.sheets).toContain(name);
  for (const name of ['Динамика', 'Удовлетворённость', 'Журнал']) expect(o.sheets).toContain(name);
  expect(g.sheets).toContain('Реестр мер');
  expect(g.journal).toEqual(o.journal);
  expect(trimRows(g.survey)).toEqual(trimRows(o.survey));
});

test('the same register of measures (the sheet in Google, measures.xlsx offline)', () => {
  expect(o.register.length).toBeGreaterThan(0);
  expect(g.register).toEqual(o.register);
});

test('the same report', () => {
  const text = (r: ConsolidationExport): string[] =>
    municipalReport(CATALOG, { ...CAMPAIGN }, r).blocks.flatMap((b) => ('text' in b && typeof b.text === 'string' ? [b.text] : []));
  expect(text(g.result)).toEqual(text(o.result));
});
