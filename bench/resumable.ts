/**
 * Long steps on a simulated clock. Consolidation of many schools runs chunk by chunk under the runner's
 * time guard (each chunk a fresh context whose Date reads the fake clock, advanced per call by the latency
 * model): every school must be read exactly once and the result must equal a one-shot run and the core.
 * Generation under the daily «spreadsheets created» quota stops cleanly and resumes the next day without
 * creating anything twice.
 */
import { consolidate } from '../src/core/consolidate/consolidate';
import type { ConsolidationExport } from '../src/core/export/contract';
import { renderSchoolGrid } from '../src/core/layout/grid';
import { schoolWorkbookLayout } from '../src/core/layout/school-workbook';
import { validateFiles } from '../src/core/submission/collect';
import { bundleWithFixes, evidenceOverflowFrom, extentOverflowFrom } from './fixes';
import type { LatencyModel } from './latency';
import { Sim, syntheticSchools, valuesFor } from './sim';

export interface ConsolidationRun {
  chunks: number;
  simulatedS: number;
  /** Schools read exactly once (Values.batchGet per school spreadsheet id), and no other file read. */
  eachReadOnce: boolean;
  reads: number;
  calls: number;
  accepted: number;
  rejected: number;
  refusedReads: number;
  /** The step's message when a chunk failed (the run stops there). */
  failure: string | null;
  /** Node wall time of the slowest chunk (bundle CPU + the fake), s: Apps Script's runtime is slower still. */
  slowestChunkNodeS: number;
}

export interface ResumableResult {
  n: number;
  /** The chunked run on dist/Code.js as built. */
  asBuilt: ConsolidationRun;
  /** Repeating the failed step with the fix: it only finishes, reading nothing again. */
  resumedAfterFailure: ConsolidationRun | null;
  /** Fixes tried on a copy of dist/Code.js when the build failed (bench/fixes.ts). */
  fixesApplied: string[];
  chunked: ConsolidationRun;
  oneShot: ConsolidationRun;
  sameAsOneShot: boolean;
  sameAsCore: boolean;
  /** The 60 reads/min/user quota enforced as the API does (429): what the add-on makes of it. */
  quotaRefused: ConsolidationRun | null;
  /** The same quota with reads paced (a client that waits for the quota). */
  quotaPaced: ConsolidationRun | null;
  /** Fewest schools for which extent() of «Свод по школам» overflows the stack (null: not up to n). */
  extentOverflowFrom: number | null;
  /** Fewest schools for which an evidence cell of an appendix exceeds 50,000 characters (null: not up to n). */
  evidenceOverflowFrom: number | null;
}

const parse = (json: string): ConsolidationExport => JSON.parse(json) as ConsolidationExport;
const pick = (x: ConsolidationExport): unknown[] =>
  x.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells.map((c) => [c.key, c.value, c.count, c.second, c.achieved, c.n, c.median])));

function consolidation(sim: Sim, latency: LatencyModel | null, quota: { limit: number; over: 'refuse' | 'wait' } | null): ConsolidationRun {
  sim.latency = latency;
  sim.readLimitPerMinute = quota?.limit ?? null;
  sim.overLimit = quota?.over ?? 'refuse';
  sim.resetReads();
  const mark = sim.ws.calls.length;
  const started = sim.ws.nowMs();
  let chunks = 0;
  let failure: string | null = null;
  let slowest = 0;
  for (;;) {
    chunks += 1;
    const r = sim.runStep('consolidate');
    slowest = Math.max(slowest, sim.lastRunMs);
    if (!r.ok) failure = r.message;
    if (!r.ok || r.done || chunks >= 1000) break;
  }
  const simulatedS = (sim.ws.nowMs() - started) / 1000;
  const calls = sim.ws.calls.length - mark;
  const reads = [...sim.readsById.values()].reduce((s, n) => s + n, 0);
  const eachReadOnce = sim.readsById.size === sim.schools.length && [...sim.readsById.values()].every((n) => n === 1);
  sim.latency = null;
  const ids = [...sim.fileIds().values()];
  const result = failure ? null : parse(sim.snapshot());
  return {
    chunks,
    simulatedS,
    eachReadOnce: eachReadOnce && ids.length === sim.schools.length && ids.every((id) => sim.readsById.get(id) === 1),
    reads,
    calls,
    accepted: result ? result.schools.filter((s) => s.status === 'accepted').length : 0,
    rejected: result ? result.schools.filter((s) => s.status === 'rejected').length : 0,
    refusedReads: sim.refusedReads,
    failure,
    slowestChunkNodeS: slowest / 1000,
  };
}

export interface ResumableOptions {
  quotaRuns?: boolean;
  log?: (s: string) => void;
}

/** n schools generated and filled (no clock), then consolidated in chunks on the simulated clock. */
export function resumableConsolidation(n: number, model: LatencyModel, opts: ResumableOptions = {}): ResumableResult {
  const log = opts.log ?? ((): void => undefined);
  const sim = new Sim({ quotas: { spreadsheetCreate: Number.POSITIVE_INFINITY } });
  sim.setUp(syntheticSchools(n));
  log(`resumable: generating ${n} school spreadsheets on the fake…`);
  sim.runToEnd('generate');
  log(`resumable: ${n} schools type their values…`);
  sim.fillSchools();
  return consolidateInChunks(sim, model, opts);
}

/** The schools of a generated and filled municipality consolidated in chunks, checked against a one-shot run and the core. */
export function consolidateInChunks(sim: Sim, model: LatencyModel, opts: ResumableOptions = {}): ResumableResult {
  const log = opts.log ?? ((): void => undefined);
  const schools = sim.schools;
  const n = schools.length;
  const files = schools.map((s, i) => ({
    file: s.id,
    expectedSchoolId: s.id,
    grid: renderSchoolGrid(schoolWorkbookLayout(sim.catalog, sim.campaign, s), valuesFor(sim.catalog, schools, i)),
  }));
  const outcomes = validateFiles(files, sim.catalog, sim.campaign.year, schools).schools;
  const core = consolidate({ catalog: sim.catalog, campaign: sim.campaign, outcomes, previous: null });
  log('resumable: consolidation in chunks on the simulated clock (dist/Code.js as built)…');
  const asBuilt = consolidation(sim, model, null);
  let resumedAfterFailure: ConsolidationRun | null = null;
  let fixesApplied: string[] = [];
  if (asBuilt.failure) {
    log(`resumable: FAILED after ${asBuilt.chunks} chunks: ${asBuilt.failure}`);
    const fixed = bundleWithFixes();
    if (fixed.applied.length === 0) throw new Error(`consolidation of ${n} schools failed and no known fix applies: ${asBuilt.failure}`);
    sim.codePath = fixed.path;
    fixesApplied = fixed.applied;
    log(`resumable: the same step repeated on a copy of the bundle with: ${fixesApplied.join('; ')}…`);
    resumedAfterFailure = consolidation(sim, model, null);
    log('resumable: a fresh chunked consolidation with the fix…');
  }
  const chunked = fixesApplied.length > 0 ? consolidation(sim, model, null) : asBuilt;
  const chunkedJson = sim.snapshot();
  log(`resumable: ${chunked.chunks} chunks, ${Math.round(chunked.simulatedS)} s simulated; one-shot run for comparison…`);
  const oneShot = consolidation(sim, null, null);
  const oneShotJson = sim.snapshot();
  const result: ResumableResult = {
    n,
    asBuilt,
    resumedAfterFailure,
    fixesApplied,
    chunked,
    oneShot,
    sameAsOneShot: JSON.stringify(parse(chunkedJson).appendices) === JSON.stringify(parse(oneShotJson).appendices),
    sameAsCore: JSON.stringify(pick(parse(chunkedJson))) === JSON.stringify(pick(core)),
    quotaRefused: null,
    quotaPaced: null,
    extentOverflowFrom: extentOverflowFrom(
      sim.catalog,
      outcomes.filter((o) => o.status === 'accepted'),
    ),
    evidenceOverflowFrom: evidenceOverflowFrom(core),
  };
  if (opts.quotaRuns) {
    const limit = model.sheetsApi.readsPerMinutePerUser;
    log(`resumable: again with the ${limit} reads/min quota enforced as the API does (429)…`);
    result.quotaRefused = consolidation(sim, model, { limit, over: 'refuse' });
    log(`resumable: again with reads paced to ${limit}/min…`);
    result.quotaPaced = consolidation(sim, model, { limit, over: 'wait' });
  }
  return result;
}

export interface QuotaGeneration {
  n: number;
  perDay: number;
  days: number;
  chunks: number;
  pauses: number;
  /** Every pause said so in Russian («Дневная квота …»). */
  pauseMessagesOk: boolean;
  pauseMessage: string;
  /** Spreadsheet files besides the department's own: must be n + 1 (the template). */
  spreadsheets: number;
  distinctFiles: number;
  createdOnce: boolean;
  /** Simulated working time (the nights between days left out), s. */
  simulatedS: number;
}

/** Generation of n schools under a daily creation quota: day after day until done. */
export function quotaGeneration(n: number, perDay: number, model: LatencyModel, maxDays = 30): QuotaGeneration {
  const sim = new Sim({ latency: model, quotas: { spreadsheetCreate: perDay } });
  sim.setUp(syntheticSchools(n));
  const started = sim.ws.nowMs();
  let days = 1;
  let chunks = 0;
  let pauses = 0;
  let pauseMessagesOk = true;
  let pauseMessage = '';
  for (;;) {
    const { chunks: c, last } = sim.runToEnd('generate');
    chunks += c;
    if (last.done) break;
    pauses += 1;
    pauseMessage ||= last.message;
    if (!/^Дневная квота Google/.test(last.message)) pauseMessagesOk = false;
    if (days >= maxDays) throw new Error(`generation not done after ${maxDays} days`);
    sim.ws.nextDay();
    days += 1;
  }
  const spreadsheets = sim.ws.filesOfKind('spreadsheet').filter((f) => f.id !== sim.ws.hostId).length;
  const ids = sim.fileIds();
  const distinctFiles = new Set(ids.values()).size;
  return {
    n,
    perDay,
    days,
    chunks,
    pauses,
    pauseMessagesOk,
    pauseMessage,
    spreadsheets,
    distinctFiles,
    createdOnce: spreadsheets === n + 1 && distinctFiles === n && ids.size === n,
    simulatedS: (sim.ws.nowMs() - started - (days - 1) * 24 * 3600 * 1000) / 1000,
  };
}
