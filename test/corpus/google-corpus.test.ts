/**
 * The bad-input corpus in Google Sheets: the built bundle on the FakeWorkspace. The department creates the
 * school files, each school fills its own as an editor, then the department (the owner) damages each file
 * the way the table says — a value typed into an input cell, a formula, an edited stamp, a deleted, renamed
 * or shifted sheet, removed named ranges or protection, a link to something that is not a spreadsheet, a
 * file it can no longer open. `runStep('validate')` must complete; the registry («Школы», read with
 * getState) shows each damaged school «есть ошибки» (or still «готово к проверке» for the warnings) with a
 * message naming sheet, cell and indicator, and the codes the table expects are in «_Данные».
 */
import type { School } from '../../src/core/campaign/schema';
import { a1 } from '../../src/core/layout/a1';
import type { FakeWorkspace } from '../fakes';
import { school } from '../node/cli/helpers';
import { DEPARTMENT, fillAsSchool, newWorkspace, runToEnd } from '../gas/helpers';
import { BAD_INPUTS, type BadInput, type GoogleRecipe, VALID, expectationFor } from './bad-inputs';
import {
  type SchoolData,
  type SchoolState,
  type WorkRecord,
  fileIdOf,
  findLine,
  googleCampaign,
  placeOf,
  resolveFill,
  schoolData,
  schoolStates,
  whereOf,
  workRecords,
} from './helpers';

const KINDS = BAD_INPUTS.filter((b) => b.google.kind !== 'none');
const REGISTRY: School[] = [...VALID, ...KINDS.map((b) => b.id)].map((id) => school(id, 'СОШ', `Школа ${id}`));
const DATA = new Map<string, SchoolData>(REGISTRY.map((s, i) => [s.id, schoolData(s, REGISTRY.length, 4400 + i)]));
const data = (id: string): SchoolData => DATA.get(id) ?? { typed: {}, values: {} };

let ws: FakeWorkspace;
let hostId = '';
let validated: { ok: boolean; message: string; done?: boolean } = { ok: false, message: '' };
let states: SchoolState[] = [];
let records = new Map<string, WorkRecord>();

/** The department (owner of every school file) damages one school's file. */
function damage(fileId: string, registryRow: number, s: School, r: GoogleRecipe): void {
  const { SpreadsheetApp, DocumentApp } = ws.installGlobals();
  const ss = SpreadsheetApp.openById(fileId);
  const sheet = (name: string) => {
    const found = ss.getSheetByName(name);
    if (!found) throw new Error(`нет листа ${name}`);
    return found;
  };
  switch (r.kind) {
    case 'value': {
      const p = placeOf(r.input);
      const value = r.value instanceof Date ? r.value : resolveFill(r.value, data(s.id).typed);
      sheet(p.sheet)
        .getRange(p.row, p.col)
        .setValue(value ?? '');
      break;
    }
    case 'formula': {
      const p = placeOf(r.input);
      sheet(p.sheet).getRange(p.row, p.col).setFormula(r.formula);
      ws.seedComputed(fileId, p.sheet, p.cell, r.result);
      break;
    }
    case 'stamp':
      sheet('Служебный').getRange(r.cell).setValue(r.value);
      break;
    case 'delete-sheet':
      ss.deleteSheet(sheet(r.sheet));
      break;
    case 'rename-sheet':
      sheet(r.sheet).setName(r.to);
      break;
    case 'insert-rows':
      sheet(r.sheet).insertRowsBefore(r.before, r.amount);
      break;
    case 'delete-named-ranges':
      for (const named of ss.getNamedRanges()) named.remove();
      break;
    case 'unprotect-relabel':
      for (const p of sheet(r.sheet).getProtections(SpreadsheetApp.ProtectionType.SHEET)) p.remove();
      sheet(r.sheet).getRange(r.row, 2).setValue(r.label);
      break;
    case 'not-a-spreadsheet': {
      const doc = DocumentApp.create(`${s.shortName} — отчёт`);
      SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы')?.getRange(registryRow, 6).setValue(doc.getUrl());
      break;
    }
    case 'no-access': {
      // the school made itself the owner and removed the department
      const rec = ws.file(fileId);
      rec.owner = s.emails[0] ?? '';
      rec.editors = rec.editors.filter((e) => e !== DEPARTMENT && e !== rec.owner);
      break;
    }
    case 'none':
      break;
  }
  ws.endExecution();
}

beforeAll(() => {
  ws = newWorkspace();
  ws.actAs(DEPARTMENT);
  hostId = googleCampaign(ws, REGISTRY);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const generated = schoolStates(ws);
  REGISTRY.forEach((s, i) => {
    fillAsSchool(ws, fileIdOf(generated[i]?.fileUrl ?? ''), s, data(s.id).values);
  });
  KINDS.forEach((b) => {
    const i = REGISTRY.findIndex((s) => s.id === b.id);
    damage(fileIdOf(generated[i]?.fileUrl ?? ''), i + 2, REGISTRY[i] as School, b.google);
  });
  validated = runToEnd(ws, 'validate');
  states = schoolStates(ws);
  records = workRecords(ws, hostId);
});

test(`${KINDS.length} kinds have a Google form of damage; the others say why not`, () => {
  expect(KINDS.length).toBeGreaterThanOrEqual(25);
  expect(BAD_INPUTS.filter((b) => b.google.kind === 'none').map((b) => [b.id, b.google.kind === 'none' ? b.google.why.length > 10 : false])).toEqual([
    ['dup', true],
  ]);
});

test('runStep(validate) completes; the valid schools stay «готово к проверке» without errors', () => {
  expect(validated).toMatchObject({ ok: true, done: true });
  expect(validated.message).toMatch(/^Проверено \d+ школ: с ошибками — \d+, не получено — 0\.$/);
  expect(states.filter((s) => VALID.includes(s.id)).map((s) => [s.id, s.lifecycle, s.errors])).toEqual(VALID.map((id) => [id, 'готово к проверке', 0]));
});

test.each(KINDS.map((b) => [b.id, b.ru, b] as const))(
  '%s (%s): «Школы» shows the state and a message naming sheet, cell and indicator',
  (_id, _ru, b: BadInput) => {
    const e = expectationFor(b, 'google');
    const state = states.find((s) => s.id === b.id);
    const record = records.get(b.id);
    expect([state?.lifecycle, (state?.errors ?? 0) > 0]).toEqual(e.outcome === 'accepted' ? ['готово к проверке', false] : ['есть ошибки', true]);
    if (e.code === null) {
      expect({ messages: state?.messages }).toEqual({ messages: [] });
    } else {
      const lines = state?.messages ?? [];
      expect({ lines, found: findLine(lines, e) !== undefined }).toEqual({ lines, found: true });
      const w = whereOf(e);
      const coded = (record?.messages ?? []).filter((m) => m.code === e.code && m.severity === e.severity && m.sheet === w.sheet && m.cell === w.cell);
      expect(coded.map((m) => [m.code, m.inputId])).toContainEqual([e.code, e.input ?? null]);
    }
    for (const input of e.reads ?? []) expect([input, record?.values?.[input]]).toEqual([input, data(b.id).values[input]]);
  },
);

test('the formula kind: Google reads the computed value silently (the .xlsx path warns «formula-input»)', () => {
  const p = placeOf('A5_C6_PROG');
  expect([a1(p.row, p.col), records.get('formula')?.values?.A5_C6_PROG, records.get('formula')?.messages]).toEqual([p.cell, 12, []]);
});
