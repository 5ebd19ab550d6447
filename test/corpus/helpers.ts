/**
 * Helpers shared by the corpus tests: where an input sits and how it is named, the expected message line,
 * the python scripts (one process per batch), .docx text, and the Google campaign on the FakeWorkspace.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import type { School } from '../../src/core/campaign/schema';
import { getCatalog } from '../../src/core/catalog';
import { demoValues } from '../../src/core/demo/values';
import { a1 } from '../../src/core/layout/a1';
import { inputPositions } from '../../src/core/layout/positions';
import { indicatorName } from '../../src/core/recommend/findings';
import { formatMessage, message } from '../../src/core/submission/messages';
import { indicatorLabels } from '../../src/core/submission/parse';
import type { Value } from '../../src/core/submission/values';
import type { FakeWorkspace, SpreadsheetModel } from '../fakes';
import type { Cell } from '../fakes/model';
import { type CellInput, type JobResult, ROOT, formValues } from '../node/cli/helpers';
import { call, reply } from '../gas/helpers';
import type { Expected, Fill } from './bad-inputs';

export const CATALOG = getCatalog('kalar');
const LABEL = indicatorLabels(CATALOG);
const POSITIONS = inputPositions(CATALOG);

/** The indicator as messages name it. */
export function indicatorOf(inputId: string): string {
  const input = CATALOG.inputs.find((i) => i.id === inputId);
  if (!input) throw new Error(`нет поля ${inputId}`);
  return LABEL(input);
}

/** Sheet, A1 cell, row and column of an input in a freshly generated school file. */
export function placeOf(inputId: string): { sheet: string; cell: string; row: number; col: number } {
  const p = POSITIONS.get(inputId);
  if (!p) throw new Error(`нет поля ${inputId}`);
  return { sheet: p.sheet, cell: a1(p.row, p.col), row: p.row, col: p.col };
}

/** What one school types (by input id) and the values the tool must read back. */
export interface SchoolData {
  typed: Record<string, CellInput>;
  values: Record<string, Value>;
}
export function schoolData(school: School, total: number, seed: number): SchoolData {
  const values = demoValues(CATALOG, school, total, seed);
  return { typed: formValues(CATALOG, values), values };
}

export function resolveFill(fill: Fill, typed: Record<string, CellInput>): CellInput {
  if (fill === null || typeof fill !== 'object') return fill;
  const base = typed[fill.plus];
  if (typeof base !== 'number') throw new Error(`${fill.plus}: не число (${String(base)})`);
  return base + fill.by;
}

/** Where a message of `e` points: its input's place and indicator, or the fixed place. */
export function whereOf(e: Expected): { sheet: string | null; cell: string | null; indicator: string | null } {
  if (e.input) {
    const p = placeOf(e.input);
    return { sheet: p.sheet, cell: p.cell, indicator: indicatorOf(e.input) };
  }
  return { sheet: e.sheet ?? null, cell: e.cell ?? null, indicator: null };
}

/**
 * The line the department reads for `e` («Лист «…», ячейка D5 («показатель»): текст»), found among `lines`:
 * its head must name the expected sheet, cell and indicator, its text must match.
 */
export function findLine(lines: string[], e: Expected, sheetOverride?: string): string | undefined {
  const w = whereOf(e);
  const head = formatMessage(message(e.severity, e.code ?? '', '', { sheet: sheetOverride ?? w.sheet, cell: w.cell, indicator: w.indicator }));
  // a finding about the whole file whose text names the file is said without the «Файл:» head («Файл .xlsx повреждён…»)
  const fileLevel = !(sheetOverride ?? w.sheet) && !w.cell;
  const plain = (l: string): string => {
    const t = l.replace(/^Предупреждение\. /, '');
    return `${t.charAt(0).toLowerCase()}${t.slice(1)}`;
  };
  return lines.find((l) => (l.startsWith(head) && e.text.test(l.slice(head.length))) || (fileLevel && /^файл/.test(plain(l)) && e.text.test(plain(l))));
}

// ------------------------------------------------------------------------------------------ python --
const PYTHON = '/usr/bin/python3';

function python<T>(script: string, input: unknown, scratch: string): T {
  const file = path.join(scratch, `.${script}-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(input));
  try {
    const out = execFileSync(PYTHON, [path.join(ROOT, 'test', 'python', script), file], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(out) as T;
  } finally {
    rmSync(file, { force: true });
  }
}

export interface CorpusJob {
  src?: string;
  dst: string;
  fill?: Record<string, CellInput>;
  ops?: unknown[];
  docx?: true;
}
/** test/python/corpus_xlsx.py: all files of a batch in one openpyxl process. */
export const corpusXlsx = (jobs: CorpusJob[], scratch: string): JobResult[] => python<JobResult[]>('corpus_xlsx.py', jobs, scratch);

/** [sheet, cell, openpyxl data type, text, needle] */
export type TextCell = [string, string, string, string, string];
/** test/python/text_cells.py: every cell of every file that contains one of `needles`, with its data type. */
export const textCells = (files: string[], needles: string[], scratch: string): Record<string, TextCell[]> =>
  python<Record<string, TextCell[]>>('text_cells.py', { files, needles }, scratch);

// -------------------------------------------------------------------------------------------- docx --
const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

export async function docxXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const part = zip.file('word/document.xml');
  if (!part) throw new Error(`${file}: нет word/document.xml`);
  return part.async('string');
}

/** The paragraphs of a .docx as plain text, in order (table cells are paragraphs too). */
export function paragraphsOf(xml: string): string[] {
  return xml.split('</w:p>').map((p) => unescapeXml([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join('')));
}

/** The first row (header) of every table, as texts. */
export function tableHeaders(xml: string): string[][] {
  return xml
    .split('<w:tbl>')
    .slice(1)
    .map((t) => paragraphsOf(t.split('</w:tr>')[0] ?? '').filter((p) => p !== ''));
}

// ------------------------------------------------------------------------------------------ google --
export const fileIdOf = (url: string): string => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';

export interface SchoolState {
  id: string;
  name: string;
  lifecycle: string;
  fileUrl: string;
  docUrl: string;
  errors: number;
  messages: string[];
}

/** The registry as the sidebar shows it (getState on the built bundle). */
export function schoolStates(ws: FakeWorkspace): SchoolState[] {
  const state = call(ws, 'getState') as { ok: boolean; schools?: SchoolState[]; message?: string };
  if (!state.schools) throw new Error(`getState: ${state.message ?? 'нет школ'}`);
  return state.schools;
}

/** The department's spreadsheet with a campaign and `schools` typed into «Школы» (names typed as text). */
export function googleCampaign(ws: FakeWorkspace, schools: School[]): string {
  const hostId = ws.createHostSpreadsheet();
  const created = reply(ws, 'newCampaign', { year: 2026, municipality: 'Тестовый муниципальный округ', deadline: '2026-12-15' });
  if (!created.ok) throw new Error(created.message);
  const { SpreadsheetApp } = ws.installGlobals();
  const sheet = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Школы');
  if (!sheet) throw new Error('нет листа «Школы»');
  // a leading apostrophe keeps «+1», «=…» as typed text, as it does for a person typing into Sheets
  sheet.getRange(2, 1, schools.length, 5).setValues(schools.map((s) => [s.id, `'${s.name}`, `'${s.shortName}`, s.type, s.emails.join(';')]));
  ws.endExecution();
  return hostId;
}

export interface WorkMessage {
  severity: string;
  code: string;
  sheet: string | null;
  cell: string | null;
  inputId: string | null;
  text: string;
}
export interface WorkRecord {
  schoolId: string;
  status: string;
  values: Record<string, Value> | null;
  messages: WorkMessage[];
}

/** The hidden «_Данные» sheet of the department: each school's last parsed values and messages (with codes). */
export function workRecords(ws: FakeWorkspace, hostId: string): Map<string, WorkRecord> {
  const sheet = ws.spreadsheetModel(hostId).sheets.find((s) => s.name === '_Данные');
  const out = new Map<string, WorkRecord>();
  for (const row of sheet?.rows ?? []) {
    const json = row?.[1]?.value;
    if (typeof json !== 'string') continue;
    const record = JSON.parse(json) as WorkRecord;
    out.set(record.schoolId, record);
  }
  return out;
}

/** A deep copy of a spreadsheet's whole state (cells, formats, names, protections). */
export const snapshot = (ws: FakeWorkspace, id: string): SpreadsheetModel => structuredClone(ws.spreadsheetModel(id));

export interface PlacedCell {
  sheet: string;
  row: number;
  col: number;
  cell: Cell;
}
/** Every stored cell of a spreadsheet model. */
export function cellsOf(model: SpreadsheetModel): PlacedCell[] {
  const out: PlacedCell[] = [];
  for (const sheet of model.sheets) {
    sheet.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (cell) out.push({ sheet: sheet.name, row: r + 1, col: c + 1, cell });
      });
    });
  }
  return out;
}

/** Values of every sheet whose name matches, as a plain grid per sheet (for before/after comparisons). */
export function sheetValues(ws: FakeWorkspace, id: string, keep: (name: string) => boolean): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const sheet of ws.spreadsheetModel(id).sheets) {
    if (!keep(sheet.name)) continue;
    out[sheet.name] = sheet.rows.map((row) => (row ?? []).map((c) => c?.value ?? c?.formula ?? null));
  }
  return out;
}

// --------------------------------------------------------------------------------------- injection --
/** School names that a spreadsheet would run as a formula, or a page as HTML. */
export const INJECTIONS = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '<img src=x onerror=alert(1)>'];
/** One school per dangerous name (the full name too starts with it; a name needs 3 characters). */
export const injectionSchools = (): School[] =>
  INJECTIONS.map((n, i) => ({
    id: `inj${i + 1}`,
    name: n.length >= 3 ? n : `${n} школа`,
    shortName: n,
    type: 'СОШ' as const,
    emails: [`inj${i + 1}@example.ru`],
  }));

// ----------------------------------------------------------------------------------------- privacy --
/** Three schools with names that appear nowhere else in any text. */
export const PRIVACY_SCHOOLS: School[] = [
  { id: 'alfa-sch', name: 'МБОУ «Гимназия Альфа-Центавра»', shortName: 'Гимназия Альфа', type: 'СОШ', emails: ['alfa@example.ru', 'zam.alfa@example.ru'] },
  { id: 'beta-sch', name: 'МБОУ «Лицей Бетельгейзе»', shortName: 'Лицей Бета', type: 'СОШ', emails: ['beta@example.ru'] },
  { id: 'gamma-sch', name: 'МБОУ «Школа Гамма-Лучей»', shortName: 'Школа Гамма', type: 'СОШ', emails: ['gamma@example.ru'] },
];
const A6_CHILDREN = ['A6_C2_NOO', 'A6_C2_OOO', 'A6_C2_SOO', 'A6_C3_CHI', 'A6_C4_SPORT', 'A6_C4_TECH', 'A6_C4_TOUR', 'A6_C4_OTHER', 'A6_C6', 'A6_C7'];
/**
 * Demo values, except the sensitive counts: in the whole municipality 1 pupil on the police register (A5 C1),
 * 1 family and 3 children in a difficult situation (A6 C1), 1 of them reached by prevention work (A6 C6, 33 %
 * against the target 44 %: the school sees it among its weak points) — all in the first school. Counts of 1
 * or 2 must be shown as «<3» in anything that leaves the department.
 */
export function privacyValues(i: number): Record<string, Value> {
  const s = PRIVACY_SCHOOLS[i] as School;
  const v: Record<string, Value> = { ...demoValues(CATALOG, s, PRIVACY_SCHOOLS.length, 770 + i) };
  const first = i === 0;
  v.A5_C1 = first ? 1 : 0;
  if (first && typeof v.B5_REG === 'number' && v.B5_REG < 1) v.B5_REG = 1;
  for (const id of A6_CHILDREN) v[id] = 0;
  Object.assign(
    v,
    first ? { A6_C1_FAM: 1, A6_C1_CHI: 3, A6_C2_NOO: 3, A6_C3_FAM: 1, A6_C3_CHI: 1, A6_C6: 1, A6_C7: 1 } : { A6_C1_FAM: 0, A6_C1_CHI: 0, A6_C3_FAM: 0 },
  );
  return v;
}
/** Every way a school could be named in a text: code, full and short name. */
export const namesOf = (s: School): string[] => [s.id, s.name, s.shortName];
/** The small sensitive municipal values of privacyValues() and how a public document must show them. */
export const SUPPRESSED: [string, string][] = [
  ['A5.R1.C1', '<3/—'],
  ['A6.R1.C1', '<3/3'],
  ['A6.R1.C6', '<3/—'],
  ['A6.R1.C7', '<3/—'],
];
/** A cell's indicator as documents name it. */
export function cellName(key: string): string {
  const cell = CATALOG.cells.find((c) => c.key === key);
  if (!cell) throw new Error(`нет ячейки ${key}`);
  return indicatorName(CATALOG, cell);
}
