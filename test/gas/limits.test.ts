/**
 * Google's limits as the add-on meets them: a per-minute 429 is waited out (never «continue tomorrow»), a daily quota
 * pauses the step, a disabled API is named in Russian with how to enable it, and a chunk that has used its time leaves
 * the closing work to the next chunk instead of running into the 6-minute kill.
 */
import type { School } from '../../src/core/campaign/schema';
import { loadLatencyModel } from '../../bench/latency';
import { Sim, syntheticSchools } from '../../bench/sim';
import type { FakeWorkspace } from '../fakes';
import { SCHOOLS, call, fillAsSchool, newWorkspace, reply, runToEnd, setUpCampaign, valuesOf } from './helpers';

const PER_MINUTE =
  "API call to sheets.spreadsheets.get failed with error: Quota exceeded for quota metric 'Read requests' and limit " +
  "'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:1'.";
const DISABLED =
  'API call to sheets.spreadsheets.get failed with error: Google Sheets API has not been used in project 1 before ' +
  'or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=1 then retry.';

function campaignWithFiles(): FakeWorkspace {
  const ws = newWorkspace();
  setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const state = call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] };
  SCHOOLS.forEach((s: School, i) => {
    const row = state.schools.find((x) => x.id === s.id);
    fillAsSchool(ws, /\/d\/([^/]+)/.exec(row?.fileUrl ?? '')?.[1] ?? '', s, valuesOf(s, 700 + i));
  });
  return ws;
}

test('a per-minute limit is waited out: every school is read, nothing is «paused until tomorrow»', () => {
  const ws = campaignWithFiles();
  // the first school's read
  ws.failCall('Sheets.Spreadsheets.get', 1, PER_MINUTE);
  const r = runToEnd(ws, 'validate');
  expect(r).toMatchObject({ ok: true, done: true });
  expect(r.paused).toBe(false);
  const states = (call(ws, 'getState') as { schools: { state: string }[] }).schools.map((s) => s.state);
  expect(states).toEqual(SCHOOLS.map(() => 'ready'));
});

test('a disabled API is named, with where to enable it', () => {
  const ws = campaignWithFiles();
  ws.failCall('Sheets.Spreadsheets.get', 1, DISABLED);
  const r = reply(ws, 'runStep', 'validate');
  expect(r.ok).toBe(false);
  expect(r.message).toContain('выключен Google Sheets API');
  expect(r.message).toContain('«Библиотека»');
});

test('a daily quota pauses the step; the next day it goes on from where it stopped', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  ws.failCall('Drive.Files.copy', 2, 'Service invoked too many times for one day: driveapp.');
  const first = runToEnd(ws, 'generate');
  expect(first).toMatchObject({ ok: true, done: false, paused: true });
  expect(first.message).toContain('завтра');
  const next = runToEnd(ws, 'generate');
  expect(next).toMatchObject({ ok: true, done: true });
});

test('a chunk that used its time leaves the consolidation tables to the next chunk', () => {
  // each school read takes 28 s on the simulated clock: eight schools take 224 s of the first chunk, too late to finish
  const model = loadLatencyModel();
  const zero = { ms: 0, source: 'test' };
  const latency = { ...model, defaultMs: zero, executionOverheadMs: zero, calls: { 'Sheets.Spreadsheets.get': { ms: 28_000, source: 'test' } } };
  const sim = new Sim({ latency });
  sim.setUp(syntheticSchools(8));
  expect(sim.runToEnd('generate').last.done).toBe(true);
  sim.fillSchools();
  const first = sim.runStep('consolidate');
  expect(first).toMatchObject({ ok: true, done: false, processed: 8 });
  expect(first.message).toContain('в следующей порции');
  const second = sim.runStep('consolidate');
  expect(second).toMatchObject({ ok: true, done: true });
  expect(second.message).toContain('Свод готов: 8 из 8 ОО');
});
