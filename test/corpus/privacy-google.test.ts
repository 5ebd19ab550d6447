/**
 * Privacy in Google (the built bundle on the FakeWorkspace): nothing a school receives holds another school's
 * name, code or values; the municipal report holds aggregates only, with small sensitive counts as «<3»;
 * every school file and document is shared with that school's addresses only — never by link, never with
 * the domain — and the report with nobody.
 */
import type { FakeWorkspace } from '../fakes';
import { DEPARTMENT, fillAsSchool, newWorkspace, runToEnd } from '../gas/helpers';
import { PRIVACY_SCHOOLS, SUPPRESSED, cellName, cellsOf, fileIdOf, googleCampaign, namesOf, privacyValues, schoolStates } from './helpers';

let ws: FakeWorkspace;
let fileIds: string[] = [];
let docIds: string[] = [];
let reportId = '';

beforeAll(() => {
  ws = newWorkspace();
  ws.actAs(DEPARTMENT);
  googleCampaign(ws, PRIVACY_SCHOOLS);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  fileIds = schoolStates(ws).map((s) => fileIdOf(s.fileUrl));
  PRIVACY_SCHOOLS.forEach((s, i) => {
    fillAsSchool(ws, fileIds[i] ?? '', s, privacyValues(i));
  });
  for (const step of ['validate', 'consolidate', 'documents'])
    expect([step, runToEnd(ws, step)]).toEqual([step, expect.objectContaining({ ok: true, done: true })]);
  const states = schoolStates(ws);
  expect(states.map((s) => s.lifecycle)).toEqual(PRIVACY_SCHOOLS.map(() => 'готово к проверке'));
  docIds = states.map((s) => fileIdOf(s.docUrl));
  reportId = ws.filesOfKind('document').find((f) => f.name.startsWith('Аналитический отчёт'))?.id ?? '';
});

const othersOf = (id: string): string[] => PRIVACY_SCHOOLS.filter((s) => s.id !== id).flatMap(namesOf);
function docText(id: string): string {
  const { DocumentApp } = ws.installGlobals();
  const text = DocumentApp.openById(id).getBody().getText();
  ws.endExecution();
  return text;
}
/** The report's table row of an indicator: «показатель\tзначение\t…» (the fake joins cells with tabs). */
const rowOf = (text: string, name: string): string[] => (text.split('\n').find((l) => l.startsWith(`${name}\t`)) ?? '').split('\t');

test('each school spreadsheet holds no other school’s code or name, in any cell or its file name', () => {
  PRIVACY_SCHOOLS.forEach((s, i) => {
    const id = fileIds[i] ?? '';
    const texts = cellsOf(ws.spreadsheetModel(id)).map((c) => `${String(c.cell.value ?? '')} ${c.cell.formula ?? ''}`);
    expect([s.id, othersOf(s.id).filter((n) => texts.some((t) => t.includes(n)))]).toEqual([s.id, []]);
    expect([s.id, texts.some((t) => t.includes(s.name))]).toEqual([s.id, true]);
    expect([s.id, othersOf(s.id).filter((n) => ws.file(id).name.includes(n))]).toEqual([s.id, []]);
  });
});

test('each recommendations document names only its own school; the small counts of the first one are «<3»', () => {
  PRIVACY_SCHOOLS.forEach((s, i) => {
    const text = docText(docIds[i] ?? '');
    expect([s.id, text.includes(s.shortName), othersOf(s.id).filter((n) => text.includes(n))]).toEqual([s.id, true, []]);
  });
  const first = docText(docIds[0] ?? '');
  // weak points table: «направление\tпоказатель\tзначение ОО\tплановое значение»
  const shown = ['A6.R1.C6', 'A6.R1.C7'].map((key) => [
    key,
    first
      .split('\n')
      .find((l) => l.includes(`\t${cellName(key)}\t`))
      ?.split('\t')[2],
  ]);
  expect(shown).toEqual([
    ['A6.R1.C6', '<3'],
    ['A6.R1.C7', '<3'],
  ]);
  expect(first).not.toMatch(/\(1 чел\.\)|\(2 чел\.\)|33,3 %/);
});

test('the report names no school and shows the municipal counts under 3 children as «<3»', () => {
  const text = docText(reportId);
  expect(text).toContain('Охват мониторинга');
  expect(PRIVACY_SCHOOLS.flatMap(namesOf).filter((n) => text.includes(n))).toEqual([]);
  expect(SUPPRESSED.map(([key]) => [key, rowOf(text, cellName(key))[1]])).toEqual(SUPPRESSED);
});

test('sharing: school files and documents go to that school’s addresses only; nothing by link or domain; the report to nobody', () => {
  expect(ws.linkSharedFiles().map((f) => f.name)).toEqual([]);
  // the department looks at the sharing in Drive by hand: not bound by the add-on's scopes
  const scopes = ws.manifestScopes;
  ws.manifestScopes = null;
  const { SpreadsheetApp, DocumentApp, DriveApp } = ws.installGlobals();
  const emails = (users: GoogleAppsScript.Base.User[]): string[] => users.map((u) => u.getEmail()).sort();
  PRIVACY_SCHOOLS.forEach((s, i) => {
    const ss = SpreadsheetApp.openById(fileIds[i] ?? '');
    const doc = DocumentApp.openById(docIds[i] ?? '');
    expect([s.id, emails(ss.getEditors()), emails(ss.getViewers())]).toEqual([s.id, [...s.emails].sort(), []]);
    expect([s.id, emails(doc.getEditors()), emails(doc.getViewers())]).toEqual([s.id, [], [...s.emails].sort()]);
  });
  const report = DocumentApp.openById(reportId);
  expect([emails(report.getEditors()), emails(report.getViewers())]).toEqual([[], []]);
  const access = [...ws.files.values()]
    .filter((f) => f.id !== ws.rootFolderId)
    .map((f) => [f.name, String((f.kind === 'folder' ? DriveApp.getFolderById(f.id) : DriveApp.getFileById(f.id)).getSharingAccess())]);
  expect(access.length).toBeGreaterThan(2 * PRIVACY_SCHOOLS.length + 3);
  expect(access.filter(([, a]) => a !== String(DriveApp.Access.PRIVATE))).toEqual([]);
  ws.endExecution();
  ws.manifestScopes = scopes;
  // every sharing e-mail went to an address of the school whose file it is
  const owner = new Map<string, string[]>(
    PRIVACY_SCHOOLS.flatMap((s, i) => [
      [fileIds[i] ?? '', s.emails],
      [docIds[i] ?? '', s.emails],
    ]),
  );
  expect(ws.notifications.filter((n) => !(owner.get(n.fileId) ?? []).includes(n.email))).toEqual([]);
});
