import path from 'node:path';
import { FakeWorkspace, manifestScopesOf } from '../fakes';
import { runInFreshContext } from '../helpers/run-bundle';
import type { School } from '../../src/core/campaign/schema';
import { getCatalog } from '../../src/core/catalog';
import { DEMO_SCHOOLS } from '../../src/core/demo/municipality';
import { demoValues } from '../../src/core/demo/values';
import { cellValueOf } from '../../src/core/layout/grid';
import type { Value } from '../../src/core/submission/values';

export const DEPARTMENT = 'otdel@edu-demo.ru';
export const CATALOG = getCatalog('kalar');
/** A small municipality: two СОШ, an ООШ and a НОШ. */
export const SCHOOLS: School[] = ['sosh1', 'gimn', 'oosh1', 'nosh1'].map((id) => DEMO_SCHOOLS.find((s) => s.id === id) as School);

export interface Reply {
  ok: boolean;
  message: string;
  done?: boolean;
  paused?: boolean;
  processed?: number;
  total?: number;
}

export function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'ok' in v;
}

/** One execution of a public function of the built bundle, as a menu click or google.script.run call. */
export function call(ws: FakeWorkspace, name: string, ...args: unknown[]): unknown {
  const fns = runInFreshContext(ws, { authMode: 'FULL' });
  const fn = fns[name];
  if (!fn) throw new Error(`no public function ${name}`);
  return JSON.parse(JSON.stringify(fn(...args) ?? null)) as unknown;
}

export function reply(ws: FakeWorkspace, name: string, ...args: unknown[]): Reply {
  const r = call(ws, name, ...args);
  if (!isReply(r)) throw new Error(`${name} returned ${JSON.stringify(r)}`);
  return r;
}

/** Runs a long step chunk by chunk, as the sidebar does, until it is done. */
export function runToEnd(ws: FakeWorkspace, step: string, maxChunks = 50): Reply {
  for (let i = 0; i < maxChunks; i++) {
    const r = reply(ws, 'runStep', step);
    if (!r.ok || r.done || r.paused) return r;
  }
  throw new Error(`${step}: not done after ${maxChunks} chunks`);
}

/** The department's spreadsheet with a campaign and the registry typed into «Школы». */
export function setUpCampaign(ws: FakeWorkspace): string {
  const hostId = ws.createHostSpreadsheet();
  const created = reply(ws, 'newCampaign', { year: 2026, municipality: 'Тестовый муниципальный округ', deadline: '2026-12-15' });
  if (!created.ok) throw new Error(created.message);
  const { SpreadsheetApp } = ws.installGlobals();
  const host = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = host ? host.getSheetByName('Школы') : null;
  if (!sheet) throw new Error('no registry sheet');
  sheet.getRange(2, 1, SCHOOLS.length, 5).setValues(SCHOOLS.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')]));
  ws.endExecution();
  return hostId;
}

export function valuesOf(school: School, seed: number): Record<string, Value> {
  return demoValues(CATALOG, school, SCHOOLS.length, seed);
}

/** The school's deputy director types the values into the input cells (found by their named ranges). */
export function fillAsSchool(ws: FakeWorkspace, fileId: string, school: School, values: Record<string, Value>, status = 'Готово к проверке'): void {
  ws.actAs(school.emails[0] as string);
  const { SpreadsheetApp } = ws.installGlobals();
  const ss = SpreadsheetApp.openById(fileId);
  for (const [id, value] of Object.entries(values)) {
    const input = CATALOG.inputs.find((i) => i.id === id);
    if (!input || input.derived || value === null) continue;
    const range = ss.getRangeByName(id);
    if (!range) throw new Error(`no named range ${id}`);
    range.setValue(cellValueOf(value));
  }
  ss.getRangeByName('STATUS')?.setValue(status);
  ws.endExecution();
  ws.actAs(DEPARTMENT);
}

/** The manifest the add-on ships: every call of the bundle must be authorized by these scopes, as on Google. */
export const MANIFEST_SCOPES = manifestScopesOf(path.join(__dirname, '..', '..', 'appsscript.json'));

export function newWorkspace(): FakeWorkspace {
  return new FakeWorkspace({ owner: DEPARTMENT, manifestScopes: MANIFEST_SCOPES });
}

/**
 * What a person does in Drive or Sheets by hand (puts a file into the folder, shares the spreadsheet): not bound by
 * the add-on's manifest scopes, so checked without them.
 */
export function byHand<T>(ws: FakeWorkspace, act: () => T): T {
  const scopes = ws.manifestScopes;
  ws.manifestScopes = null;
  try {
    return act();
  } finally {
    ws.manifestScopes = scopes;
  }
}
