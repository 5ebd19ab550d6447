/**
 * A municipality on the FakeWorkspace running the built add-on (dist/Code.js): one fresh vm context per
 * execution, as in Apps Script. Optionally a simulated clock: `Date` inside each context reads the fake
 * clock, and every service call advances it by the latency model (ws.onCall), so the runner's time guard
 * sees Apps Script time. Also counts Sheets API reads per spreadsheet and can enforce the per-minute
 * read quota the way the API does (a 429 error), and mirrors the fake's Docs API write quota (60 a minute per
 * user, left on: the documents step runs under it) to report how close the add-on came to it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import type { Campaign, School } from '../src/core/campaign/schema';
import { getCatalog } from '../src/core/catalog';
import type { Catalog } from '../src/core/catalog/types';
import { demoValues } from '../src/core/demo/values';
import { sheetRef } from '../src/core/layout/a1';
import { cellValueOf } from '../src/core/layout/grid';
import { STATUS_ID, STATUS_VALUES, inputPositions } from '../src/core/layout/positions';
import type { Value } from '../src/core/submission/values';
import { type CallRecord, FakeWorkspace, type QuotaLimits, manifestScopesOf } from '../test/fakes';
import { apiName } from '../test/fakes/api-limits';
import { DOCS_WRITES_PER_MINUTE } from '../test/fakes/docs-advanced';
import { type CallCounts, type LatencyModel, ROOT, callMs } from './latency';

export const DEPARTMENT = 'otdel@edu-bench.ru';
export const CAMPAIGN_INPUT = { year: 2026, municipality: 'Тестовый муниципальный округ', department: 'Отдел управления образованием', deadline: '2026-12-15' };
/** The Sheets API reads: a school file is read with one Spreadsheets.get (grid data), the department's with a batchGet. */
const READS = new Set(['Sheets.Spreadsheets.Values.batchGet', 'Sheets.Spreadsheets.get']);
/** The Docs API write requests (the fake counts both against 60 a minute per user). */
const DOCS_WRITES = new Set(['Docs.Documents.batchUpdate', 'Docs.Documents.create']);

/** Docs API writes as the fake's quota saw them (mirrored from the call log on the same fake clock). */
export interface DocsWriteTally {
  accepted: number;
  /** Refused with 429 (over 60 in the last minute for the user): the add-on then backs off. */
  refused: number;
  /** Most accepted writes of one user within any 60 s (the quota allows 60). */
  maxPerMinute: number;
}

/** The largest request body among some logged calls (bytes of JSON, as the fake logs them) and the call that sent it. */
export interface LargestRequest {
  bytes: number;
  call: string;
}

export const CODE_JS = path.join(ROOT, 'dist', 'Code.js');
const compiled = new Map<string, vm.Script>();
function bundleScript(file: string): vm.Script {
  let script = compiled.get(file);
  if (!script) {
    script = new vm.Script(readFileSync(file, 'utf8'), { filename: 'Code.js' });
    compiled.set(file, script);
  }
  return script;
}

/** Replaces the context's Date with one whose now() and new Date() read the fake clock. */
const DATE_SHIM = `(() => {
  const RealDate = Date;
  const now = globalThis.__benchNow;
  delete globalThis.__benchNow;
  class SimDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
    static now() { return now(); }
  }
  globalThis.Date = SimDate;
})();`;

/** n schools: two СОШ, two ООШ and one НОШ in every five. */
export function syntheticSchools(n: number): School[] {
  const types: School['type'][] = ['СОШ', 'СОШ', 'ООШ', 'ООШ', 'НОШ'];
  return Array.from({ length: n }, (_, i) => {
    const id = `b${String(i + 1).padStart(4, '0')}`;
    return {
      id,
      name: `Муниципальное бюджетное общеобразовательное учреждение «Школа № ${i + 1}»`,
      shortName: `Школа № ${i + 1}`,
      type: types[i % 5] ?? 'СОШ',
      emails: [`${id}@edu-bench.ru`],
    };
  });
}

export function valuesFor(catalog: Catalog, schools: School[], i: number): Record<string, Value> {
  return demoValues(catalog, schools[i] as School, schools.length, 9000 + i);
}

export interface StepReply {
  ok: boolean;
  message: string;
  done?: boolean;
  paused?: boolean;
  processed?: number;
  total?: number;
}

function isReply(v: unknown): v is StepReply {
  return typeof v === 'object' && v !== null && 'ok' in v && 'message' in v;
}

export interface SimOptions {
  /** Advance the fake clock per call and give the bundle a Date on that clock. */
  latency?: LatencyModel | null;
  catalogId?: string;
  quotas?: Partial<QuotaLimits>;
  /** The bundle to run; dist/Code.js by default. */
  codePath?: string;
}

export class Sim {
  readonly ws: FakeWorkspace;
  readonly catalog: Catalog;
  readonly catalogId: string;
  /** The bundle each execution loads (dist/Code.js unless a patched copy is being tried). */
  codePath: string;
  latency: LatencyModel | null;
  /** Sheets API reads (Spreadsheets.get of a school, batchGet) per spreadsheet id; reset with resetReads(). */
  readonly readsById = new Map<string, number>();
  /** The department's spreadsheet. */
  hostId = '';
  /** Sheets API reads per 60 s (fake clock) allowed to this user; null: unlimited. */
  readLimitPerMinute: number | null = null;
  /** Over the limit: 'refuse' as the API does (429 error), or 'wait' as a paced client would (clock advances). */
  overLimit: 'refuse' | 'wait' = 'refuse';
  refusedReads = 0;
  private readTimes: number[] = [];
  /** Docs API writes since resetDocsWrites(), as the fake's per-user quota counted them. */
  docsWrites: DocsWriteTally = { accepted: 0, refused: 0, maxPerMinute: 0 };
  private readonly docsWriteTimes = new Map<string, number[]>();
  schools: School[] = [];
  /** Real (Node) time of the last execution, ms: the bundle's own CPU plus the fake's. */
  lastRunMs = 0;
  /** Input cells each school typed (by school id), for checking what a reader got back. */
  readonly typedCells = new Map<string, number>();
  /** Inputs computed by formulas in the school file: nobody types them. */
  private readonly derived: Set<string>;

  constructor(opts: SimOptions = {}) {
    // The Sheets API per-minute quotas stay this class's business (readLimitPerMinute, 'refuse' or 'wait'): the fake's
    // own (60 reads and 60 writes a minute per user, test/fakes/api-limits.ts) are off, so the schools' typing
    // (fillSchools, as the department) and the unlimited runs measure what they did before. The 2 MB budget stays, and
    // so do the Docs API's 60 writes / 300 reads a minute per user (test/fakes/docs-advanced.ts): not configurable, on.
    const off = Number.POSITIVE_INFINITY;
    const apiLimits = {
      sheetsReadsPerMinutePerUser: off,
      sheetsWritesPerMinutePerUser: off,
      sheetsReadsPerMinutePerProject: off,
      sheetsWritesPerMinutePerProject: off,
    };
    this.ws = new FakeWorkspace({
      owner: DEPARTMENT,
      apiLimits,
      // every call of the bundle authorized by the scopes of the manifest it ships with, as on Google
      manifestScopes: manifestScopesOf(path.join(ROOT, 'appsscript.json')),
      ...(opts.quotas ? { quotas: opts.quotas } : {}),
    });
    this.latency = opts.latency ?? null;
    this.catalogId = opts.catalogId ?? 'kalar';
    this.codePath = opts.codePath ?? CODE_JS;
    this.catalog = getCatalog(this.catalogId);
    this.derived = new Set(this.catalog.inputs.filter((x) => x.derived).map((x) => x.id));
    this.ws.onCall = (call, args) => this.observe(call, args);
    // the requests of one UrlFetchApp.fetchAll travel together: the clock moves by the slowest of them
    this.ws.onParallel = (calls) => {
      if (this.latency) this.ws.advance(Math.max(0, ...calls.map((c) => callMs(this.latency as LatencyModel, `${c.service}.${c.method}`))));
    };
  }

  get campaign(): Campaign {
    return { ...CAMPAIGN_INPUT, catalogId: this.catalogId };
  }

  private observe(call: CallRecord, args: readonly unknown[]): void {
    const key = `${call.service}.${call.method}`;
    if (this.latency && !call.via) this.ws.advance(callMs(this.latency, key));
    if (DOCS_WRITES.has(key) && !call.denied) this.tallyDocsWrite();
    if (!READS.has(key)) return;
    const now = this.ws.nowMs();
    if (this.readLimitPerMinute !== null) {
      this.readTimes = this.readTimes.filter((t) => t > now - 60_000);
      const oldest = this.readTimes[0];
      if (this.readTimes.length >= this.readLimitPerMinute && this.overLimit === 'wait' && oldest !== undefined) {
        this.ws.advance(oldest + 60_000 - now);
        this.readTimes.shift();
      } else if (this.readTimes.length >= this.readLimitPerMinute) {
        this.refusedReads += 1;
        throw this.ws.error(
          `GoogleJsonResponseException: API call to ${apiName(call.service, call.method)} failed with error: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:1'.`,
        );
      }
      this.readTimes.push(this.ws.nowMs());
    }
    const id = String(args[0]);
    // the department's own «Кампания» and «Школы» are read once per chunk: not a school read
    if (id === this.hostId) return;
    this.readsById.set(id, (this.readsById.get(id) ?? 0) + 1);
  }

  resetReads(): void {
    this.readsById.clear();
    this.readTimes = [];
    this.refusedReads = 0;
  }

  /** The fake's rule (docs-advanced.ts): a write is refused when the user already made 60 in the last minute. */
  private tallyDocsWrite(): void {
    const now = this.ws.nowMs();
    const user = this.ws.currentUser;
    const times = (this.docsWriteTimes.get(user) ?? []).filter((t) => t > now - 60_000);
    this.docsWriteTimes.set(user, times);
    if (times.length >= DOCS_WRITES_PER_MINUTE) {
      this.docsWrites.refused += 1;
      return;
    }
    times.push(now);
    this.docsWrites.accepted += 1;
    this.docsWrites.maxPerMinute = Math.max(this.docsWrites.maxPerMinute, times.length);
  }

  resetDocsWrites(): void {
    this.docsWrites = { accepted: 0, refused: 0, maxPerMinute: 0 };
  }

  /** The largest request body logged from index `mark` on (to `end`), among calls matching `filter`. */
  largestRequestSince(mark: number, end = this.ws.calls.length, filter?: (call: CallRecord) => boolean): LargestRequest {
    let best: LargestRequest = { bytes: 0, call: '' };
    for (let i = mark; i < end; i++) {
      const c = this.ws.calls[i];
      if (c && (c.bytes ?? 0) > best.bytes && (!filter || filter(c))) best = { bytes: c.bytes ?? 0, call: `${c.service}.${c.method}` };
    }
    return best;
  }

  /** One execution of a public function of the bundle in a fresh context (result JSON-copied). */
  run(name: string, ...args: unknown[]): unknown {
    const started = performance.now();
    const globals: Record<string, unknown> = { ...this.ws.installGlobals({ authMode: 'FULL' }) };
    const execution = this.ws.currentExecutionId;
    try {
      if (this.latency) globals['__benchNow'] = (): number => this.ws.nowMs();
      const ctx = vm.createContext(globals);
      if (this.latency) vm.runInContext(DATE_SHIM, ctx);
      this.ws.bindRealm(ctx);
      bundleScript(this.codePath).runInContext(ctx);
      const fn: unknown = ctx[name];
      if (typeof fn !== 'function') throw new Error(`no public function ${name}`);
      const result: unknown = fn.apply(ctx, args);
      return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
    } finally {
      this.ws.endExecution(execution);
      this.ws.unbindRealm();
      this.lastRunMs = performance.now() - started;
    }
  }

  runStep(step: string): StepReply {
    const r = this.run('runStep', step);
    if (!isReply(r)) throw new Error(`runStep(${step}) returned ${JSON.stringify(r)}`);
    return r;
  }

  /** Chunks until done (or paused by a daily quota, or failed). */
  runToEnd(step: string, maxChunks = 500): { chunks: number; last: StepReply } {
    for (let chunks = 1; chunks <= maxChunks; chunks++) {
      const last = this.runStep(step);
      if (!last.ok) throw new Error(`${step}: ${last.message}`);
      if (last.done || last.paused) return { chunks, last };
    }
    throw new Error(`${step}: not done after ${maxChunks} chunks`);
  }

  /** The department's spreadsheet with a campaign and `schools` typed into «Школы». */
  setUp(schools: School[]): void {
    this.schools = schools;
    this.ws.actAs(DEPARTMENT);
    this.hostId = this.ws.createHostSpreadsheet();
    const created = this.run('newCampaign', this.campaign);
    if (!isReply(created) || !created.ok) throw new Error(`newCampaign: ${JSON.stringify(created)}`);
    const { SpreadsheetApp } = this.ws.installGlobals();
    const sheet = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы');
    if (!sheet) throw new Error('no registry sheet');
    const rows = schools.length + 1;
    if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
    sheet.getRange(2, 1, schools.length, 5).setValues(schools.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')]));
    this.ws.endExecution();
  }

  /** Registry column «Файл школы» → spreadsheet id, by school id. */
  fileIds(): Map<string, string> {
    const { SpreadsheetApp } = this.ws.installGlobals();
    const sheet = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы');
    const rows = sheet ? sheet.getRange(2, 1, this.schools.length, 6).getValues() : [];
    this.ws.endExecution();
    const out = new Map<string, string>();
    for (const row of rows) {
      const id = /\/d\/([^/]+)/.exec(String(row[5] ?? ''))?.[1];
      if (id) out.set(String(row[0]), id);
    }
    return out;
  }

  /**
   * The schools' values typed into their files: one Values.batchUpdate per file. As the schools' own users
   * (the fake then checks every cell against the protections) or, faster, as the department (owner).
   */
  fillSchools(asSchools = false): void {
    const positions = inputPositions(this.catalog);
    const ids = this.fileIds();
    const latency = this.latency;
    this.latency = null; // the schools' typing is not the department's time
    try {
      this.schools.forEach((school, i) => {
        this.typeValues(school, i, ids.get(school.id), positions, asSchools);
      });
    } finally {
      this.ws.actAs(DEPARTMENT);
      this.latency = latency;
    }
  }

  private typeValues(school: School, i: number, fileId: string | undefined, positions: ReturnType<typeof inputPositions>, asSchool: boolean): void {
    if (!fileId) throw new Error(`no file for ${school.id}`);
    const values: Record<string, Value | string> = { ...valuesFor(this.catalog, this.schools, i), [STATUS_ID]: STATUS_VALUES[1] };
    const data: { range: string; values: (string | number)[][] }[] = [];
    for (const [id, value] of Object.entries(values)) {
      const at = positions.get(id);
      if (!at || value === null || this.derived.has(id)) continue;
      data.push({ range: sheetRef(at.sheet, at.row, at.col).replace(/\$/g, ''), values: [[typeof value === 'string' ? value : cellValueOf(value)]] });
    }
    this.typedCells.set(school.id, data.length);
    this.ws.actAs(asSchool ? (school.emails[0] ?? DEPARTMENT) : DEPARTMENT);
    const { Sheets } = this.ws.installGlobals();
    Sheets?.Spreadsheets.Values.batchUpdate({ valueInputOption: 'USER_ENTERED', data }, fileId);
    this.ws.endExecution();
  }

  /**
   * Counts of the Apps Script service calls logged from index `mark` on, by 'Service.method' (or, with `requests`, of
   * the REST requests that UrlFetchApp.fetchAll sent, by the API method they reached).
   */
  callsSince(mark: number, requests = false): CallCounts {
    const out: CallCounts = {};
    for (const c of this.ws.calls.slice(mark)) {
      if (Boolean(c.via) !== requests) continue;
      const k = `${c.service}.${c.method}`;
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  }

  /** The consolidation snapshot «Итоги <год>.json» the add-on saved in the campaign folder. */
  snapshot(): string {
    const file = [...this.ws.files.values()].find((f) => f.name === `Итоги ${CAMPAIGN_INPUT.year}.json` && !f.trashed);
    if (!file) throw new Error('no consolidation snapshot');
    return file.content;
  }
}
