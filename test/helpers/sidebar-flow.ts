/** Node-side moves of the sidebar tests: what the department and the schools do outside the panel. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { School } from '../../src/core/campaign/schema';
import type { FakeWorkspace } from '../fakes';
import { reply } from '../gas/helpers';
import { CODE_JS } from './run-bundle';

export const fileIdOf = (url: string): string => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';

/** The department types the registry into the «Школы» sheet (code, name, short name, type, e-mails). */
export function typeRegistry(ws: FakeWorkspace, schools: readonly School[]): void {
  const { SpreadsheetApp } = ws.installGlobals();
  const sheet = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы');
  if (!sheet) throw new Error('no registry sheet «Школы»');
  sheet.getRange(2, 1, schools.length, 5).setValues(schools.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')]));
  ws.endExecution();
}

/** A campaign created through the bundle, with the registry typed in. */
export function setUpCampaignWith(ws: FakeWorkspace, schools: readonly School[]): void {
  ws.createHostSpreadsheet();
  const created = reply(ws, 'newCampaign', { year: 2026, municipality: 'Тестовый муниципальный округ', deadline: '2026-12-15' });
  if (!created.ok) throw new Error(created.message);
  typeRegistry(ws, schools);
}

/**
 * A copy of dist/Code.js on a slow server: inside each execution every Date.now() reads 100 s later
 * than the previous one, so the runner's 270 s chunk budget ends after two schools and a long step
 * really takes several runStep calls (the cursor, the job store and cancelStep are the real ones).
 */
export function slowBundle(): { codePath: string; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sidebar-slow-'));
  const codePath = path.join(dir, 'Code.js');
  const patch = '(function () { var real = Date.now, calls = 0; Date.now = function () { calls += 1; return real() + calls * 100000; }; })();\n';
  writeFileSync(codePath, patch + readFileSync(CODE_JS, 'utf8'));
  return { codePath, dir };
}
