/**
 * `npm run bench` (bench/run.cjs bundles this to build/bench.cjs): core, add-on call counts, a whole cycle of
 * 1,000 schools (consolidation and documents in chunks on a simulated clock, every request body measured),
 * generation under the daily quota, the offline CLI; prints a table and writes bench/results.json.
 *
 *   node bench/run.cjs [--quick] [--skip-offline] [--only=core,addon,resumable,quota,offline,panel]
 *   node bench/run.cjs --report      reprint the table of the last bench/results.json
 *
 * Heavy parts (the 1,000-school cycle, quota days) run in child processes with a larger heap.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AddonResult, runAddon } from './addon';
import { chartsRun } from './charts';
import { type CoreResult, runCore } from './core';
import { ROOT, loadLatencyModel } from './latency';
import { type OfflineRun, fillReceived, offlineRun } from './offline';
import { runHostile } from './hostile';
import { type PanelRun, panelRun } from './panel';
import { type Report, printReport, reportFromResults, writeResults } from './report';
import { type CycleResult, type QuotaGeneration, cycle, quotaGeneration } from './resumable';

const log = (s: string): void => {
  process.stdout.write(`· ${s}\n`);
};

const PARTS = ['core', 'addon', 'resumable', 'quota', 'offline', 'panel'];

interface Options {
  quick: boolean;
  only: Set<string>;
}

function options(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const only = argv.find((a) => a.startsWith('--only='));
  const parts = new Set(only ? only.slice('--only='.length).split(',') : PARTS);
  if (argv.includes('--skip-offline')) {
    parts.delete('offline');
    parts.delete('panel');
  }
  return { quick, only: parts };
}

/** A heavy part in a child process (fresh heap, 8 GB limit); its result comes back as JSON. */
function inChild<T>(part: string, args: string[]): Promise<T> {
  const work = mkdtempSync(path.join(tmpdir(), 'msoko-bench-part-'));
  const out = path.join(work, 'result.json');
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', __filename, '--part', part, out, ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`bench part ${part} exited with ${code}`);
        resolve(JSON.parse(readFileSync(out, 'utf8')) as T);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}

async function part(name: string, out: string, args: string[]): Promise<void> {
  const model = loadLatencyModel();
  let result: unknown;
  if (name === 'resumable') result = cycle(Number(args[0]), model, { quotaRuns: true, log });
  else if (name === 'quota')
    result = [250, 3200].map((perDay) => {
      log(`quota: generating ${args[0]} schools with ${perDay} spreadsheets/day…`);
      return quotaGeneration(Number(args[0]), perDay, model);
    });
  else throw new Error(`unknown part ${name}`);
  writeFileSync(out, JSON.stringify(result));
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--fill-received') return fillReceived(argv[1] ?? '', Number(argv[2]), Number(argv[3]));
  if (argv[0] === '--part') return part(argv[1] ?? '', argv[2] ?? '', argv.slice(3));
  if (argv[0] === '--report') return printReport(reportFromResults(readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8'), loadLatencyModel()));
  const opts = options(argv);
  const started = performance.now();
  const model = loadLatencyModel();
  const report: Report = {
    model,
    quick: opts.quick,
    core: null,
    addon: null,
    resumable: null,
    cycle: null,
    quota: null,
    offline: [],
    panel: null,
    charts: null,
  };
  if (opts.only.has('core')) report.core = runCore(opts.quick ? [10, 100, 300] : [10, 100, 1000], log) satisfies CoreResult;
  if (opts.only.has('addon')) report.addon = runAddon(model, [10, 40], log) satisfies AddonResult;
  if (opts.only.has('resumable')) {
    const { resumable, ...rest } = await inChild<CycleResult>('resumable', [String(opts.quick ? 120 : 1000)]);
    report.resumable = resumable;
    report.cycle = rest;
  }
  if (opts.only.has('quota')) report.quota = await inChild<QuotaGeneration[]>('quota', [String(opts.quick ? 300 : 600)]);
  if (opts.only.has('offline')) {
    // the smaller run is profiled (--cpu-prof) to show where the time goes
    const sizes = opts.quick ? [20, 100] : [100, 1000];
    for (const n of sizes) report.offline.push((await offlineRun(n, __filename, log, n === sizes[0])) satisfies OfflineRun);
    report.charts = await chartsRun(5, log);
  }
  // the panel's HTTP API against msoko validate on the same files, side by side in this run
  if (opts.only.has('panel')) report.panel = (await panelRun(opts.quick ? 100 : 1000, __filename, log)) satisfies PanelRun;
  const file = path.join(ROOT, 'bench', 'results.json');
  // with --only, the parts not run keep their figures from the last bench/results.json
  const last = PARTS.some((p) => !opts.only.has(p)) && existsSync(file) ? reportFromResults(readFileSync(file, 'utf8'), model) : null;
  if (last) {
    report.core ??= last.core;
    report.addon ??= last.addon;
    report.resumable ??= last.resumable;
    report.cycle ??= last.cycle;
    report.quota ??= last.quota;
    if (!opts.only.has('offline')) report.offline = last.offline;
    report.panel ??= last.panel;
    report.charts ??= last.charts;
  }
  // hostile files (issue 14): top-level keys of results.json; kept from the last run when --only leaves them out
  const lastHostile = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const runsHostile = !process.argv.some((a) => a.startsWith('--only=')) || opts.only.has('hostile');
  const hostile = runsHostile ? runHostile(ROOT, log) : null;
  printReport(report);
  writeResults(report, file);
  const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const key of ['hostile_max_file_s', 'hostile_max_rss_mb', 'hostile_files'] as const)
    written[key] = hostile
      ? { hostile_max_file_s: hostile.hostile_max_file_s, hostile_max_rss_mb: hostile.hostile_max_rss_mb, hostile_files: hostile.files }[key]
      : lastHostile[key];
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  if (hostile) log(`hostile files: worst ${hostile.hostile_max_file_s} s (≤ 5), ${hostile.hostile_max_rss_mb} MB (≤ 300)`);
  log(`bench done in ${((performance.now() - started) / 1000).toFixed(0)} s; results in ${path.relative(process.cwd(), file)}`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
