/**
 * The latency model (bench/latency-model.json): per-call cost of Apps Script services, Sheets and Docs API
 * per-minute quotas and daily creation quotas, and the projection of wall time built on them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

const Cost = z.object({ ms: z.number().nonnegative(), source: z.string().min(1) });
const Daily = z.object({ consumer: z.number().int().positive(), workspace: z.number().int().positive() });

export const LatencyModelSchema = z.object({
  defaultMs: Cost,
  executionOverheadMs: Cost,
  calls: z.record(z.string(), Cost),
  sheetsApi: z.object({
    reads: z.array(z.string()),
    writes: z.array(z.string()),
    readsPerMinutePerUser: z.number().int().positive(),
    writesPerMinutePerUser: z.number().int().positive(),
    source: z.string(),
  }),
  docsApi: z.object({
    reads: z.array(z.string()),
    writes: z.array(z.string()),
    readsPerMinutePerUser: z.number().int().positive(),
    writesPerMinutePerUser: z.number().int().positive(),
    source: z.string(),
  }),
  daily: z.object({ spreadsheetsCreated: Daily, documentsCreated: Daily, source: z.string() }),
  limits: z.object({ executionMs: z.number().positive(), chunkBudgetMs: z.number().positive(), source: z.string() }),
});
export type LatencyModel = z.infer<typeof LatencyModelSchema>;

/** bench/ in the sources and build/ for the bundle are both one level below the project root. */
export const ROOT = path.join(__dirname, '..');

export function loadLatencyModel(file = path.join(ROOT, 'bench', 'latency-model.json')): LatencyModel {
  return LatencyModelSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Cost of one call: exact 'Service.method', else 'Service.*', else the default. */
export function callMs(model: LatencyModel, key: string): number {
  const exact = model.calls[key];
  if (exact) return exact.ms;
  const dot = key.lastIndexOf('.');
  const wild = dot > 0 ? model.calls[`${key.slice(0, dot)}.*`] : undefined;
  return wild ? wild.ms : model.defaultMs.ms;
}

/** Calls by 'Service.method'. */
export type CallCounts = Record<string, number>;

export function totalCalls(counts: CallCounts): number {
  return Object.values(counts).reduce((s, n) => s + n, 0);
}

export function latencyOf(model: LatencyModel, counts: CallCounts): number {
  return Object.entries(counts).reduce((s, [k, n]) => s + n * callMs(model, k), 0);
}

/** calls(N) = fixed + perSchool · N, per call kind, from two municipality sizes. */
export interface LinearCalls {
  fixed: CallCounts;
  perSchool: CallCounts;
}

export function linearFit(small: { n: number; calls: CallCounts }, large: { n: number; calls: CallCounts }): LinearCalls {
  const keys = new Set([...Object.keys(small.calls), ...Object.keys(large.calls)]);
  const fixed: CallCounts = {};
  const perSchool: CallCounts = {};
  for (const k of keys) {
    const a = small.calls[k] ?? 0;
    const b = large.calls[k] ?? 0;
    const per = (b - a) / (large.n - small.n);
    perSchool[k] = per;
    fixed[k] = a - per * small.n;
  }
  return { fixed, perSchool };
}

export function callsAt(fit: LinearCalls, n: number): CallCounts {
  const out: CallCounts = {};
  for (const k of Object.keys(fit.perSchool)) out[k] = Math.max(0, Math.round((fit.fixed[k] ?? 0) + (fit.perSchool[k] ?? 0) * n));
  return out;
}

export interface Projection {
  n: number;
  calls: number;
  /** Σ calls × latency, s. */
  latencyS: number;
  /** The Sheets API per-user quota alone: reads (writes) / 60 per minute, s. */
  readQuotaS: number;
  writeQuotaS: number;
  /** The Docs API per-user quota alone: writes (batchUpdate, create) / 60 per minute, s. */
  docsWriteQuotaS: number;
  /** Executions (chunks) of at most the chunk budget each. */
  chunks: number;
  /** max(latency, quotas) + one execution overhead per chunk, s. */
  wallS: number;
  /** What bounds the time: 'latency' | 'read quota' | 'write quota' | 'Docs write quota'. */
  bound: string;
  /** Days under the daily creation quota (1 when it does not bind), consumer and Workspace. */
  daysConsumer: number;
  daysWorkspace: number;
}

/** Projected wall time of a step for n schools, with the per-minute read/write quotas respected. */
export function project(
  model: LatencyModel,
  fit: LinearCalls,
  n: number,
  creates: { kind: 'spreadsheetsCreated' | 'documentsCreated'; perSchool: number } | null,
): Projection {
  const counts = callsAt(fit, n);
  const sum = (keys: string[]): number => keys.reduce((s, k) => s + (counts[k] ?? 0), 0);
  const latencyS = latencyOf(model, counts) / 1000;
  const readQuotaS = (sum(model.sheetsApi.reads) / model.sheetsApi.readsPerMinutePerUser) * 60;
  const writeQuotaS = (sum(model.sheetsApi.writes) / model.sheetsApi.writesPerMinutePerUser) * 60;
  const docsWriteQuotaS = (sum(model.docsApi.writes) / model.docsApi.writesPerMinutePerUser) * 60;
  const busy = Math.max(latencyS, readQuotaS, writeQuotaS, docsWriteQuotaS);
  const bound = busy === latencyS ? 'latency' : busy === readQuotaS ? 'read quota' : busy === writeQuotaS ? 'write quota' : 'Docs write quota';
  const chunks = Math.max(1, Math.ceil((busy * 1000) / model.limits.chunkBudgetMs));
  const made = creates ? Math.ceil(creates.perSchool * n) : 0;
  const days = (limit: number): number => Math.max(1, Math.ceil(made / limit));
  return {
    n,
    calls: totalCalls(counts),
    latencyS,
    readQuotaS,
    writeQuotaS,
    docsWriteQuotaS,
    chunks,
    wallS: busy + (chunks * model.executionOverheadMs.ms) / 1000,
    bound,
    daysConsumer: creates ? days(model.daily[creates.kind].consumer) : 1,
    daysWorkspace: creates ? days(model.daily[creates.kind].workspace) : 1,
  };
}
