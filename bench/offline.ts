/**
 * The offline CLI end to end on a synthetic campaign folder: `msoko generate`, then the schools' filled
 * files are written into received/ (filledWorkbook + writeWorkbookFile, untimed, in parallel worker
 * processes), then `validate`, `consolidate`, `recommend`. Each command is a child process of
 * build/cli.cjs, measured for wall time and peak RSS (/usr/bin/time -v where present, else
 * process.resourceUsage().maxRSS reported by a preloaded wrapper).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { STATUS_VALUES } from '../src/core/layout/positions';
import { filledWorkbook } from '../src/core/layout/grid';
import { schoolWorkbookLayout } from '../src/core/layout/school-workbook';
import { paths } from '../src/node/campaign/files';
import { loadCampaign } from '../src/node/campaign/load';
import { toCsv } from '../src/node/csv';
import { writeWorkbookFile } from '../src/node/xlsx/write/render';
import { ROOT } from './latency';
import { profileShares } from './profile';
import { CAMPAIGN_INPUT, syntheticSchools, valuesFor } from './sim';

export const CLI = path.join(ROOT, 'build', 'cli.cjs');
const TIME = '/usr/bin/time';

export interface CommandRun {
  command: string;
  wallS: number;
  peakRssMb: number;
  /** User + system CPU seconds of the command, all its threads (/usr/bin/time -v; null without it). */
  cpuS?: number | null;
  exitCode: number;
  /** The last lines the command printed (for the report when it fails). */
  tail: string;
  /** CPU by package when the run was profiled (--cpu-prof). */
  profile: { group: string; ms: number; share: number }[] | null;
}

export interface OfflineRun {
  n: number;
  /** Commands ran with --cpu-prof (a few % slower). */
  profiled: boolean;
  setupS: number;
  commands: CommandRun[];
  /** generate + validate + consolidate + recommend, s. */
  totalS: number;
  peakRssMb: number;
  measuredWith: string;
  receivedFiles: number;
}

interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.length > 200_000) stdout = stdout.slice(-100_000);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** One CLI command, timed, with its peak RSS. */
export async function measure(command: string, args: string[], work: string, profile: boolean): Promise<CommandRun> {
  const useTime = existsSync(TIME);
  const rssFile = path.join(work, `rss-${command}.txt`);
  const wrapper = path.join(work, 'rss-wrapper.cjs');
  if (!useTime && !existsSync(wrapper)) {
    writeFileSync(wrapper, "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
  }
  const profDir = path.join(work, `prof-${command}`);
  const node = profile ? [`--cpu-prof`, `--cpu-prof-dir=${profDir}`] : [];
  const started = performance.now();
  const r = useTime
    ? await run(TIME, ['-v', process.execPath, ...node, CLI, command, ...args])
    : await run(process.execPath, [...node, '--require', wrapper, CLI, command, ...args], { ...process.env, BENCH_RSS_FILE: rssFile });
  const wallS = (performance.now() - started) / 1000;
  const kb = useTime
    ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN)
    : Number(existsSync(rssFile) ? readFileSync(rssFile, 'utf8') : NaN);
  const seconds = (label: string): number => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const cpu = seconds('User') + seconds('System');
  const tail = `${r.stdout}\n${r.stderr.replace(/\n\s*Command being timed[\s\S]*$/, '')}`.trim().split('\n').slice(-4).join('\n');
  return {
    command,
    wallS,
    peakRssMb: kb / 1024,
    cpuS: Number.isFinite(cpu) ? cpu : null,
    exitCode: r.code,
    tail,
    profile: profile ? profileShares(profDir) : null,
  };
}

/** Worker mode: writes the filled files of schools [from, to) of the campaign in `dir` into received/. */
export async function fillReceived(dir: string, from: number, to: number): Promise<void> {
  const folder = await loadCampaign(dir);
  const received = paths(dir).received;
  for (let i = from; i < to; i++) {
    const school = folder.schools[i];
    if (!school) break;
    const layout = schoolWorkbookLayout(folder.catalog, folder.campaign, school);
    const values = valuesFor(folder.catalog, folder.schools, i);
    await writeWorkbookFile(filledWorkbook(layout, values, STATUS_VALUES[1]), path.join(received, `${school.id}.xlsx`), {
      password: folder.campaign.password ?? null,
      definedNames: true,
    });
  }
}

/** Untimed setup: the filled files of schools [0, n) of the campaign in `dir` written into received/ by worker processes. */
export async function fillInWorkers(dir: string, n: number, benchBundle: string, log: (s: string) => void): Promise<number> {
  const workers = Math.max(1, Math.min(4, cpus().length));
  log(`writing ${n} filled school files into received/ (setup, ${workers} worker processes)…`);
  const t = performance.now();
  const per = Math.ceil(n / workers);
  const fills = await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      run(process.execPath, [benchBundle, '--fill-received', dir, String(w * per), String(Math.min(n, (w + 1) * per))]),
    ),
  );
  const failed = fills.find((f) => f.code !== 0);
  if (failed) throw new Error(`filling received/ failed: ${failed.stderr}`);
  const setupS = (performance.now() - t) / 1000;
  log(`setup ${setupS.toFixed(1)} s`);
  return setupS;
}

/** A campaign folder of n synthetic schools (msoko init + schools.csv), not yet generated. */
export async function initCampaign(dir: string, n: number): Promise<void> {
  const init = await run(process.execPath, [CLI, 'init', dir, '--year', String(CAMPAIGN_INPUT.year), '--municipality', CAMPAIGN_INPUT.municipality]);
  if (init.code !== 0) throw new Error(`msoko init failed: ${init.stderr}`);
  const schools = syntheticSchools(n);
  writeFileSync(
    paths(dir).registryCsv,
    toCsv([['id', 'name', 'short_name', 'type', 'emails'], ...schools.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')])]),
  );
}

export async function offlineRun(n: number, benchBundle: string, log: (s: string) => void, profile = false): Promise<OfflineRun> {
  const work = mkdtempSync(path.join(tmpdir(), `msoko-bench-${n}-`));
  const dir = path.join(work, 'kampania');
  await initCampaign(dir, n);
  const commands: CommandRun[] = [];
  const step = async (command: string, args: string[] = []): Promise<void> => {
    log(`offline ${n}: msoko ${command}…`);
    const r = await measure(command, [dir, ...args], work, profile);
    log(`offline ${n}: msoko ${command} — ${r.wallS.toFixed(1)} s, peak RSS ${Math.round(r.peakRssMb)} MB, exit ${r.exitCode}`);
    commands.push(r);
  };
  await step('generate');
  const setupS = await fillInWorkers(dir, n, benchBundle, (s) => log(`offline ${n}: ${s}`));
  await step('validate');
  await step('consolidate');
  await step('recommend');
  const totalS = commands.reduce((s, c) => s + c.wallS, 0);
  const peakRssMb = Math.max(...commands.map((c) => c.peakRssMb));
  const receivedFiles = n;
  rmSync(work, { recursive: true, force: true });
  return {
    n,
    profiled: profile,
    setupS,
    commands,
    totalS,
    peakRssMb,
    measuredWith: existsSync(TIME) ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
    receivedFiles,
  };
}
