/**
 * Shared helpers of the end-to-end tests of the offline cycle: they run the BUILT CLI (build/cli.cjs, built
 * by jest's global setup) as a child process, make real .xlsx files with openpyxl (test/python/) and
 * convert outputs with LibreOffice. A missing tool skips its tests locally with an «установите: …» hint
 * and fails them in CI (CI=true).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { School } from '../../../src/core/campaign/schema';
import type { Catalog } from '../../../src/core/catalog/types';
import { cellValueOf } from '../../../src/core/layout/grid';
import { STATUS_ID } from '../../../src/core/layout/positions';
import type { Value } from '../../../src/core/submission/values';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'build', 'cli.cjs');
const PYTHON = '/usr/bin/python3';
const PY_DIR = path.join(ROOT, 'test', 'python');
const CI = process.env.CI === 'true';
export const READY = 'Готово к проверке';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node build/cli.cjs …` in a child process; never throws on a non-zero exit code. */
export function msoko(args: string[], timeout = 120_000): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command that prints JSON (`--json`) and parses its stdout. */
export function msokoJson<T>(args: string[]): { code: number | null; json: T; stderr: string } {
  const r = msoko(args);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`msoko ${args.join(' ')} (код ${String(r.code)}) напечатал не JSON:\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  }
  return { code: r.code, json, stderr: r.stderr };
}

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `msoko-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ------------------------------------------------------------------------------------------- tools --
const works = (cmd: string, args: string[]): boolean => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};
const which = (cmd: string): string | null => {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};
const soffice = which('soffice') ?? which('libreoffice');
/** LibreOffice's program folder holds the library of each installed module (Calc: libsclo, Writer: libswlo). */
const officeModule = (lib: string): boolean => soffice !== null && existsSync(path.join(path.dirname(realpathSync(soffice)), lib));

export interface Tool {
  present: boolean;
  packages: string;
}
export const OPENPYXL: Tool = { present: works(PYTHON, ['-c', 'import openpyxl']), packages: 'python3-openpyxl' };
export const CALC: Tool = { present: officeModule('libsclo.so'), packages: 'libreoffice-calc' };
export const WRITER: Tool = { present: officeModule('libswlo.so'), packages: 'libreoffice-writer' };
/** pdftoppm rasterises a PDF's pages (to find the pictures LibreOffice placed). */
export const POPPLER: Tool = { present: which('pdftoppm') !== null, packages: 'poppler-utils' };

const missing = (tools: Tool[]): string | null => {
  const absent = tools.filter((t) => !t.present);
  return absent.length === 0 ? null : `установите: apt-get install ${absent.map((t) => t.packages).join(' ')}`;
};

/** Defines the tests of `body` when the tools are present; otherwise one skipped test (locally) or one failing test (CI). */
export function withTools(tools: Tool[], title: string, body: () => void): void {
  const hint = missing(tools);
  if (hint === null) describe(title, body);
  else if (CI)
    test(title, () => {
      throw new Error(`в CI нет нужного инструмента — ${hint}`);
    });
  else test.skip(`${title} (пропущено — ${hint})`, () => undefined);
}

/** One test that needs tools, with the same rule. */
export function toolTest(tools: Tool[], name: string, fn: () => void, timeout?: number): void {
  const hint = missing(tools);
  if (hint === null) test(name, fn, timeout);
  else if (CI)
    test(name, () => {
      throw new Error(`в CI нет нужного инструмента — ${hint}`);
    });
  else test.skip(`${name} (пропущено — ${hint})`, () => undefined);
}

// ------------------------------------------------------------------------------------------ python --
function python(script: string, args: string[]): string {
  return execFileSync(PYTHON, [path.join(PY_DIR, script), ...args], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
}

export type CellInput = string | number | null;

/** test/python/fill_by_names.py: writes `values` through the workbook's defined names. */
export function fillByNames(src: string, dst: string, values: Record<string, CellInput>): { filled: number; missing: string[] } {
  const file = path.join(path.dirname(dst), `.values-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(values));
  try {
    return JSON.parse(python('fill_by_names.py', [src, dst, file])) as { filled: number; missing: string[] };
  } finally {
    rmSync(file, { force: true });
  }
}

export type Op =
  | { op: 'set'; sheet: string; cell: string; value: CellInput }
  | { op: 'set_name'; name: string; value: CellInput }
  | { op: 'delete_sheet'; sheet: string }
  | { op: 'rename_sheet'; sheet: string; to: string }
  | { op: 'insert_rows'; sheet: string; row: number; amount: number }
  | { op: 'delete_name'; name: string };
export type Job = { src: string; dst: string; fill: Record<string, CellInput>; ops: Op[] } | { dst: string; docx: true };
export interface JobResult {
  dst: string;
  filled: number;
  missing: string[];
  /** Where each set_name op wrote, as openpyxl resolved the name: [sheet, cell, openpyxl data type]. */
  cells: Record<string, [string, string, string]>;
}

/** test/python/mutate_xlsx.py: fills and damages many files in one python process. */
export function mutate(jobs: Job[], scratch: string): JobResult[] {
  const file = path.join(scratch, `jobs-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(jobs));
  return JSON.parse(python('mutate_xlsx.py', [file])) as JobResult[];
}

export interface Dump {
  sheets: { title: string; state: string; maxRow: number; maxCol: number; merged: string[]; rows: (string | number | boolean | null)[][] }[];
}
/** test/python/dump_xlsx.py: sheet names, merged ranges and cell values as openpyxl reads them. */
export const dumpXlsx = (file: string, maxRows?: number): Dump => JSON.parse(python('dump_xlsx.py', maxRows ? [file, String(maxRows)] : [file])) as Dump;

/** test/python/zip_check.py: every file a whole zip package, with its part names. */
export const zipCheck = (files: string[]): Record<string, { zip: boolean; bad: string | null; parts: string[] }> =>
  JSON.parse(python('zip_check.py', files)) as Record<string, { zip: boolean; bad: string | null; parts: string[] }>;

// ------------------------------------------------------------------------------------- LibreOffice --
/** Converts all `files` to PDF in ONE soffice call with a throwaway profile; returns the PDF paths. */
export function toPdf(files: string[], outDir: string): string[] {
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(soffice as string, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
      timeout: 180_000,
      stdio: 'pipe',
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.pdf`));
}

/** Saves every .xlsx of `files` as .ods (LibreOffice's own format) in ONE soffice call with a throwaway profile. */
export function toOds(files: string[], outDir: string): string[] {
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(soffice as string, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'ods', '--outdir', outDir, ...files], {
      timeout: 240_000,
      stdio: 'pipe',
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.ods`));
}

// ------------------------------------------------------------------------------------------- files --
/** sha256 of every file under a folder, by path relative to it. */
export function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** schools.csv written by hand (comma-separated, e-mail lists with «;», quotes where a field needs them). */
export function writeRegistry(dir: string, schools: School[]): void {
  const field = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['id,name,short_name,type,emails', ...schools.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')].map(field).join(','))];
  writeFileSync(path.join(dir, 'schools.csv'), `${lines.join('\n')}\n`);
}

export const school = (id: string, type: School['type'], shortName: string, emails: string[] = [`${id}@example.ru`]): School => ({
  id,
  name: `Муниципальное бюджетное общеобразовательное учреждение «${shortName}»`,
  shortName,
  type,
  emails,
});

/** What a school types into its form, by defined name: every input that is not computed, and the status. */
export function formValues(catalog: Catalog, values: Record<string, Value>, status: string = READY): Record<string, CellInput> {
  const out: Record<string, CellInput> = { [STATUS_ID]: status };
  for (const input of catalog.inputs) {
    if (input.derived) continue;
    const v = values[input.id] ?? null;
    out[input.id] = v === null ? null : cellValueOf(v);
  }
  return out;
}
