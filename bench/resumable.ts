/**
 * Long steps on a simulated clock. Consolidation of many schools runs chunk by chunk under the runner's
 * time guard (each chunk a fresh context whose Date reads the fake clock, advanced per call by the latency
 * model): every school must be read exactly once and the result must equal a one-shot run and the core.
 * The documents step of the same municipality runs chunk by chunk under the Docs API's 60 writes a minute.
 * The whole cycle (generate → fill → validate → consolidate → documents) keeps every request body it sends
 * within the 2,000,000-byte budget. Generation under the daily «spreadsheets created» quota stops cleanly and
 * resumes the next day without creating anything twice.
 */
import { consolidate } from '../src/core/consolidate/consolidate';
import type { ConsolidationExport } from '../src/core/export/contract';
import { renderSchoolGrid } from '../src/core/layout/grid';
import { schoolWorkbookLayout } from '../src/core/layout/school-workbook';
import { validateFiles } from '../src/core/submission/collect';
import { performance } from 'node:perf_hooks';
import { bundleWithFixes, evidenceOverflowFrom, extentOverflowFrom } from './fixes';
import type { CallCounts, LatencyModel } from './latency';
import { DEPARTMENT, type LargestRequest, Sim, syntheticSchools, valuesFor } from './sim';

export interface ConsolidationRun {
  chunks: number;
  simulatedS: number;
  /** Schools read exactly once (one Spreadsheets.get per school spreadsheet id), and no other file read. */
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

export interface DocumentsRun {
  n: number;
  chunks: number;
  /** Simulated time from the first chunk's start to the last one's end (daily-quota nights left out), s. */
  simulatedS: number;
  /** Days the daily «docs created» quota spread the step over (1: it did not bind). */
  days: number;
  calls: CallCounts;
  /** The REST requests of the parallel UrlFetchApp.fetchAll rounds. */
  requests: CallCounts;
  /** Google documents in Drive afterwards: one per school and the report (n + 1), each made once. */
  documents: number;
  createdOnce: boolean;
  /** Docs API writes as the fake's 60-a-minute quota counted them (bench/sim.ts mirrors it on the same clock). */
  docsWrites: number;
  docsWritesRefused: number;
  docsWritesMaxPerMinute: number;
  /** A probe after the run: the 61st Docs write of a minute on this very workspace is refused with 429. */
  docsWriteQuotaEnforced: boolean;
  failure: string | null;
  /** Node wall time of the whole step and of its slowest chunk, s. */
  nodeS: number;
  slowestChunkNodeS: number;
}

/** Request bodies over a whole cycle: the largest of each step of the add-on, and of the schools' typing (not the add-on's). */
export interface CycleBytes {
  n: number;
  largest: LargestRequest & { step: string };
  byStep: Record<string, LargestRequest>;
  /** The schools' own Values.batchUpdate (bench/sim.ts fillSchools): not a request of the add-on. */
  fill: LargestRequest;
  /** The consolidation snapshot «Итоги <год>.json» the add-on uploads as media (not a JSON request body), bytes. */
  snapshotUploadBytes: number;
}

export interface CycleResult {
  resumable: ResumableResult;
  documents: DocumentsRun;
  bytes: CycleBytes;
}

/**
 * n schools through the whole cycle on one workspace: generate, the schools type, validate (no clock), the
 * consolidation runs of consolidateInChunks (simulated clock), then the documents step on the simulated clock
 * under the Docs write quota, with the daily «docs created» quota of a Workspace account. Every request body
 * the add-on sent is measured on the way.
 */
export function cycle(n: number, model: LatencyModel, opts: ResumableOptions = {}): CycleResult {
  const log = opts.log ?? ((): void => undefined);
  const sim = new Sim({
    quotas: { spreadsheetCreate: Number.POSITIVE_INFINITY, documentCreate: model.daily.documentsCreated.workspace },
  });
  const byStep: Record<string, LargestRequest> = {};
  let mark = 0;
  const measured = (name: string): void => {
    const largest = sim.largestRequestSince(mark);
    const prev = byStep[name];
    if (!prev || largest.bytes > prev.bytes) byStep[name] = largest;
    mark = sim.ws.calls.length;
  };
  sim.setUp(syntheticSchools(n));
  measured('newCampaign');
  log(`cycle: generating ${n} school spreadsheets on the fake…`);
  sim.runToEnd('generate');
  measured('generate');
  log(`cycle: ${n} schools type their values…`);
  sim.fillSchools();
  const fill = sim.largestRequestSince(mark);
  mark = sim.ws.calls.length;
  log(`cycle: validating ${n} schools…`);
  sim.runToEnd('validate');
  measured('validate');
  const resumable = consolidateInChunks(sim, model, opts);
  measured('consolidate');
  const snapshotUploadBytes = Buffer.byteLength(sim.snapshot(), 'utf8');
  log(`cycle: documents for ${n} schools on the simulated clock (60 Docs writes a minute enforced)…`);
  const documents = documentsInChunks(sim, model);
  measured('documents');
  const [step, largest] = Object.entries(byStep).reduce((a, b) => (b[1].bytes > a[1].bytes ? b : a));
  return { resumable, documents, bytes: { n, largest: { ...largest, step }, byStep, fill, snapshotUploadBytes } };
}

/** The documents step chunk after chunk on the simulated clock until done (next day when the daily quota pauses it). */
export function documentsInChunks(sim: Sim, model: LatencyModel): DocumentsRun {
  sim.latency = model;
  sim.resetDocsWrites();
  const mark = sim.ws.calls.length;
  const started = sim.ws.nowMs();
  const nodeStarted = performance.now();
  let chunks = 0;
  let days = 1;
  let failure: string | null = null;
  let slowest = 0;
  for (;;) {
    chunks += 1;
    const r = sim.runStep('documents');
    slowest = Math.max(slowest, sim.lastRunMs);
    if (!r.ok) failure = r.message;
    if (r.paused && days < 10) {
      sim.ws.nextDay();
      days += 1;
      continue;
    }
    if (!r.ok || r.done || r.paused || chunks >= 1000) break;
  }
  const simulatedS = (sim.ws.nowMs() - started - (days - 1) * 24 * 3600 * 1000) / 1000;
  const nodeS = (performance.now() - nodeStarted) / 1000;
  sim.latency = null;
  const calls = sim.callsSince(mark);
  const requests = sim.callsSince(mark, true);
  const docs = sim.ws.filesOfKind('document').filter((f) => !f.trashed);
  const n = sim.schools.length;
  return {
    n,
    chunks,
    simulatedS,
    days,
    calls,
    requests,
    documents: docs.length,
    createdOnce: docs.length === n + 1 && new Set(docs.map((d) => d.name)).size === n + 1,
    docsWrites: sim.docsWrites.accepted,
    docsWritesRefused: sim.docsWrites.refused,
    docsWritesMaxPerMinute: sim.docsWrites.maxPerMinute,
    docsWriteQuotaEnforced: docsWriteQuotaProbe(sim),
    failure,
    nodeS,
    slowestChunkNodeS: slowest / 1000,
  };
}

/**
 * Whether this workspace refuses the 61st Docs API write of a minute: 61 batchUpdates of a missing document by a
 * user of its own (the quota is counted before the document is looked up: 404 sixty times, then 429).
 */
export function docsWriteQuotaProbe(sim: Sim): boolean {
  const latency = sim.latency;
  sim.latency = null;
  sim.ws.actAs('docs-quota-probe@edu-bench.ru');
  const { Docs } = sim.ws.installGlobals();
  let refused = false;
  try {
    for (let i = 0; i < 61 && !refused; i++) {
      try {
        Docs?.Documents.batchUpdate({ requests: [] }, 'no-such-document');
      } catch (e) {
        refused = /Write requests per minute per user/.test(e instanceof Error ? e.message : String(e));
      }
    }
  } finally {
    sim.ws.endExecution();
    sim.ws.actAs(DEPARTMENT);
    sim.latency = latency;
  }
  return refused;
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
