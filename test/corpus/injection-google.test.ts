/**
 * Injection, in Google Sheets (the built bundle on the FakeWorkspace): the same five dangerous school names
 * typed into «Школы» as text. Whatever the add-on writes — the school's spreadsheet, «Свод по школам»,
 * «Журнал», the registry — holds each name as a value, not a formula (`getFormula()` is ''); the Google
 * Docs hold it as plain text.
 */
import type { FakeWorkspace } from '../fakes';
import { DEPARTMENT, fillAsSchool, newWorkspace, runToEnd } from '../gas/helpers';
import { INJECTIONS, type PlacedCell, cellsOf, fileIdOf, googleCampaign, injectionSchools, schoolData, schoolStates } from './helpers';

const SCHOOLS = injectionSchools();
const REJECTED = SCHOOLS[SCHOOLS.length - 1]?.id ?? '';
let ws: FakeWorkspace;
let hostId = '';
let fileIds: string[] = [];
let docIds: string[] = [];

beforeAll(() => {
  ws = newWorkspace();
  ws.actAs(DEPARTMENT);
  hostId = googleCampaign(ws, SCHOOLS);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  fileIds = schoolStates(ws).map((s) => fileIdOf(s.fileUrl));
  SCHOOLS.forEach((s, i) => {
    const values = schoolData(s, SCHOOLS.length, 830 + i).values;
    fillAsSchool(ws, fileIds[i] ?? '', s, s.id === REJECTED ? { ...values, A1_C3: -5 } : values);
  });
  for (const step of ['validate', 'consolidate', 'documents']) expect([step, runToEnd(ws, step).ok]).toEqual([step, true]);
  docIds = schoolStates(ws).map((s) => fileIdOf(s.docUrl));
});

/** Cells whose text starts with a dangerous name, and cells whose formula carries one. */
function scan(id: string): { leading: (PlacedCell & { needle: string })[]; formulas: PlacedCell[] } {
  const all = cellsOf(ws.spreadsheetModel(id));
  const leading = all.flatMap((c) =>
    INJECTIONS.filter((n) => typeof c.cell.value === 'string' && c.cell.value.startsWith(n)).map((needle) => ({ ...c, needle })),
  );
  // «+1» and «-2» typed without protection would become the numbers 1 and -2; the others would become formulas
  const formulas = all.filter((c) => ['HYPERLINK("http://x"', '@SUM(A1)', 'onerror'].some((n) => (c.cell.formula ?? '').includes(n)));
  return { leading, formulas };
}

/** getFormula() and getValue() through SpreadsheetApp, as the department's script would see the cells. */
function throughApi(id: string, cells: PlacedCell[]): [string, string, unknown][] {
  const { SpreadsheetApp } = ws.installGlobals();
  const ss = SpreadsheetApp.openById(id);
  const out = cells.map((c): [string, string, unknown] => {
    const range = ss.getSheetByName(c.sheet)?.getRange(c.row, c.col);
    return [c.sheet, range?.getFormula() ?? 'нет ячейки', range?.getValue()];
  });
  ws.endExecution();
  return out;
}

test('the department’s spreadsheet: every name in «Школы», «Свод по школам» and «Журнал» is a value, not a formula', () => {
  const { leading, formulas } = scan(hostId);
  expect(formulas).toEqual([]);
  const sheetsOf = (needle: string): string[] => [...new Set(leading.filter((c) => c.needle === needle).map((c) => c.sheet))].sort();
  for (const n of INJECTIONS.slice(0, 4)) expect([n, sheetsOf(n)]).toEqual([n, ['Свод по школам', 'Школы']]);
  expect(sheetsOf(INJECTIONS[4] ?? '')).toEqual(['Журнал', 'Школы']);
  const api = throughApi(hostId, leading);
  expect(api.filter(([, formula]) => formula !== '')).toEqual([]);
  expect(api.every(([, , value], i) => typeof value === 'string' && value.startsWith(leading[i]?.needle ?? '?'))).toBe(true);
});

test('each school’s spreadsheet holds its own name as a value (profile, heading), never as a formula', () => {
  SCHOOLS.forEach((s, i) => {
    const { leading, formulas } = scan(fileIds[i] ?? '');
    expect([s.id, formulas]).toEqual([s.id, []]);
    const own = leading.filter((c) => c.needle === s.shortName);
    expect([s.id, own.length >= 2]).toEqual([s.id, true]);
    expect(throughApi(fileIds[i] ?? '', own).filter(([, formula]) => formula !== '')).toEqual([]);
  });
});

test('each recommendations document holds its school’s name as plain text', () => {
  const { DocumentApp } = ws.installGlobals();
  SCHOOLS.forEach((s, i) => {
    const text = DocumentApp.openById(docIds[i] ?? '')
      .getBody()
      .getText();
    expect([s.id, text.includes(s.shortName)]).toEqual([s.id, true]);
  });
  ws.endExecution();
});
