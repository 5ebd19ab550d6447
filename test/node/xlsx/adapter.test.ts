/**
 * The Node .xlsx adapter: a school workbook written with exceljs is read back with exceljs, inspected and
 * filled through its defined names with a second library (openpyxl), parsed by the core, and converted to
 * PDF by LibreOffice. Missing tools skip locally and fail in CI (CI=true).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Campaign, School } from '../../../src/core/campaign/schema';
import { getCatalog } from '../../../src/core/catalog/index';
import type { Catalog, Input } from '../../../src/core/catalog/types';
import { consolidate } from '../../../src/core/consolidate/consolidate';
import { appendixTableSheet } from '../../../src/core/layout/appendix-table';
import { cellValueOf, renderSchoolGrid } from '../../../src/core/layout/grid';
import { COL, META_SHEET, PROFILE_SHEET, STATUS_ID } from '../../../src/core/layout/positions';
import { STAMP_KEYS, schoolWorkbookLayout } from '../../../src/core/layout/school-workbook';
import type { WorkbookSpec } from '../../../src/core/layout/types';
import { validateFiles } from '../../../src/core/submission/collect';
import { parseSubmission } from '../../../src/core/submission/parse';
import type { Value } from '../../../src/core/submission/values';
import { readDefinedNames, readWorkbookFile } from '../../../src/node/xlsx/read/read-workbook';
import type { ReadResult } from '../../../src/node/xlsx/read/read-workbook';
import { writeWorkbookFile } from '../../../src/node/xlsx/write/render';

const PYTHON = '/usr/bin/python3';
const PY_DIR = path.join(__dirname, '..', '..', 'python');
const CI = process.env.CI === 'true';
const catalog: Catalog = getCatalog('kalar');
const campaign: Campaign = { year: 2026, municipality: 'Тестовый округ', catalogId: 'kalar' };
const school: School = { id: 'sch01', name: 'МБОУ «Тестовая СОШ № 1»', shortName: 'СОШ № 1', type: 'СОШ', emails: ['school1@example.ru'] };
const school2: School = { id: 'sch02', name: 'МБОУ «Тестовая ООШ № 2»', shortName: 'ООШ № 2', type: 'ООШ', emails: ['school2@example.ru'] };
const layout = schoolWorkbookLayout(catalog, campaign, school);
const spec = layout.workbook;
const inputCells = spec.sheets.flatMap((s) => s.inputs.map((i) => ({ ...i, sheet: s.name })));

const works = (cmd: string, args: string[]): boolean => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};
const soffice = ['soffice', 'libreoffice'].find((cmd) => works('sh', ['-c', `command -v ${cmd}`])) ?? null;

/** A test that needs a tool: runs when present, fails in CI when missing, otherwise is skipped with the hint. */
function toolTest(present: boolean, hint: string): (name: string, fn: () => Promise<void>, timeout?: number) => void {
  return (name, fn, timeout) => {
    if (present) test(name, fn, timeout);
    else if (CI)
      test(name, () => {
        throw new Error(`в CI нет нужного инструмента — ${hint}`);
      });
    else test.skip(`${name} (пропущено — ${hint})`, fn);
  };
}
const withOpenpyxl = toolTest(works(PYTHON, ['-c', 'import openpyxl']), 'установите: apt-get install python3-openpyxl');
const withLibreOffice = toolTest(soffice !== null, 'установите: apt-get install libreoffice-calc');

const col = (letters: string): string => letters.replace(/\$/g, '');
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

/** Plausible answers of a school: parts ≤ 40 % of their whole, sums equal and «да» implied where checks ask. */
function sampleValues(seed: number): Record<string, Value> {
  const byId = new Map(catalog.inputs.map((i) => [i.id, i]));
  const sumEq = new Map(catalog.checks.filter((c) => c.type === 'sumEq').map((c) => [c.total, c.parts]));
  const memo = new Map<string, number>();
  const count = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const input = byId.get(id) as Input;
    const parts = input.derived ?? sumEq.get(id);
    const n = parts ? sum(parts.map(count)) : input.whole ? Math.floor(count(input.whole) * 0.4) : input.sheet === 0 ? 200 + 10 * seed : 60 + seed;
    memo.set(id, n);
    return n;
  };
  const out: Record<string, Value> = {};
  catalog.inputs.forEach((input, i) => {
    if (input.derived) return;
    if (input.kind === 'flag') out[input.id] = (i + seed) % 3 !== 0;
    else if (input.kind === 'url') out[input.id] = `https://example.ru/${seed}/${input.id.toLowerCase()}`;
    else if (input.kind === 'text') out[input.id] = `ответ ${seed}`;
    else out[input.id] = input.kind === 'percent' ? Math.min(count(input.id), 100) : count(input.id);
  });
  for (const c of catalog.checks) if (c.type === 'implies' && out[c.parts[0] ?? ''] === true) out[c.total] = true;
  return out;
}

let dir = '';
let schoolFile = '';
const gridOf = (r: ReadResult): Exclude<ReadResult, { unreadable: string }> => {
  if ('unreadable' in r) throw new Error(`файл не прочитан: ${r.unreadable}`);
  return r;
};
const python = (script: string, args: string[]): string =>
  execFileSync(PYTHON, [path.join(PY_DIR, script), ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'msoko-xlsx-'));
  schoolFile = path.join(dir, 'sch01.xlsx');
  await writeWorkbookFile(spec, schoolFile, { password: 'тест-пароль', definedNames: true, creator: 'msoko test' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('exceljs reads back the sheets, the stamp, every field code and every defined name', async () => {
  expect(existsSync(`${schoolFile}.tmp-${process.pid}`)).toBe(false);
  const grid = gridOf(await readWorkbookFile(schoolFile));
  expect(grid.sheets.map((s) => s.name)).toEqual(spec.sheets.map((s) => s.name));
  const sheet = (name: string): unknown[][] => grid.sheets.find((s) => s.name === name)?.values ?? [];
  STAMP_KEYS.forEach((key, i) => {
    expect(sheet(META_SHEET)[i + 1]?.slice(0, 2)).toEqual([key, String(layout.stamp[key])]);
  });
  for (const [id, at] of layout.positions) expect([id, sheet(at.sheet)[at.row - 1]?.[COL.code - 1]]).toEqual([id, id]);
  expect(sheet(PROFILE_SHEET)[6]?.[COL.value - 1]).toBe('Заполняется');
  const profile = grid.sheets.find((s) => s.name === PROFILE_SHEET);
  expect(profile?.formulas?.[7]?.[COL.value - 1]).toMatch(/^COUNTIF\('Сведения об ОО'!\$E:\$E,"Ошибка\*"\)/);
  const names = await readDefinedNames(schoolFile);
  expect(names.size).toBe(inputCells.length);
  for (const i of inputCells) expect(names.get(i.id)).toEqual({ sheet: i.sheet, row: i.row, col: i.col });
});

interface Inspection {
  names: Record<string, [string, string][]>;
  fullCalcOnLoad: boolean;
  sheets: {
    title: string;
    state: string;
    printArea: string | null;
    protection: { sheet: boolean; selectUnlockedCellsAllowed: boolean; formatColumnsAllowed: boolean; insertRowsAllowed: boolean; hashed: boolean };
    unlocked: string[];
    validations: { sqref: string; type: string; formula1: string | null }[];
    conditional: { sqref: string; formula: string[] }[];
  }[];
  probes: { sheet: string; cell: string; value: unknown; dataType: string; locked: boolean }[];
}
const inspect = (file: string, probes: [string, string][] = []): Inspection => {
  const probeFile = path.join(dir, `probes-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(probeFile, JSON.stringify(probes));
  return JSON.parse(python('inspect_xlsx.py', [file, probeFile])) as Inspection;
};
/** «D5:D9 F4» contains D7? */
const covers = (sqref: string, row: number, colNo: number): boolean =>
  sqref.split(/\s+/).some((part) => {
    const [a = '', b = a] = part.split(':');
    const p = (ref: string): [number, number] => {
      const m = /^([A-Z]+)(\d+)$/.exec(col(ref)) ?? ['', 'A', '0'];
      return [Number(m[2]), [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)];
    };
    const [r1, c1] = p(a);
    const [r2, c2] = p(b);
    return row >= r1 && row <= r2 && colNo >= c1 && colNo <= c2;
  });

withOpenpyxl('openpyxl sees names, validations, protection, unlocked inputs, hidden meta sheet and print areas', async () => {
  const seen = inspect(schoolFile, [
    [PROFILE_SHEET, 'B12'],
    [PROFILE_SHEET, 'D12'],
  ]);
  expect(seen.fullCalcOnLoad).toBe(true);
  for (const i of inputCells) expect([i.id, seen.names[i.id]]).toEqual([i.id, [[i.sheet, `$${String.fromCharCode(64 + i.col)}$${i.row}`]]]);
  for (const s of spec.sheets) {
    const got = seen.sheets.find((x) => x.title === s.name);
    expect(got?.state).toBe(s.hidden ? 'hidden' : 'visible');
    expect(got?.printArea).toBe(s.printArea.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2'));
    expect(got?.protection).toMatchObject({
      sheet: s.protect,
      hashed: s.protect,
      selectUnlockedCellsAllowed: true,
      formatColumnsAllowed: true,
      insertRowsAllowed: false,
    });
    expect([...(got?.unlocked ?? [])].sort()).toEqual(s.inputs.map((i) => `${String.fromCharCode(64 + i.col)}${i.row}`).sort());
    expect(got?.conditional.length).toBe(s.conditional.length);
    for (const i of s.inputs) {
      const rules = (got?.validations ?? []).filter((v) => covers(v.sqref, i.row, i.col));
      expect([i.id, rules.length]).toEqual([i.id, 1]);
      const rule = rules[0] as { type: string; formula1: string | null };
      const expected = { wholeNumber: 'whole', decimal: 'decimal', list: 'list', url: 'custom', text: 'textLength' }[i.validation.type];
      expect([i.id, rule.type]).toEqual([i.id, expected]);
      if (i.kind === 'flag') expect(rule.formula1).toBe('"да,нет"');
    }
  }
  expect(seen.sheets.find((x) => x.title === META_SHEET)?.state).toBe('hidden');
  expect(seen.probes.map((p) => p.locked)).toEqual([true, false]);
});

withOpenpyxl('values filled by name with openpyxl are parsed back by the core', async () => {
  const values = sampleValues(1);
  const byName: Record<string, string | number> = { [STATUS_ID]: 'Готово к проверке' };
  for (const i of inputCells) if (i.id !== STATUS_ID) byName[i.id] = cellValueOf(values[i.id] ?? null);
  const valuesFile = path.join(dir, 'values.json');
  const filled = path.join(dir, 'sch01-filled.xlsx');
  writeFileSync(valuesFile, JSON.stringify(byName));
  expect(JSON.parse(python('fill_by_names.py', [schoolFile, filled, valuesFile]))).toEqual({ filled: inputCells.length, missing: [] });
  const sub = parseSubmission(gridOf(await readWorkbookFile(filled)), { catalog, year: 2026, registry: [school], expectedSchoolId: 'sch01' });
  expect(sub.messages.filter((m) => m.severity === 'error')).toEqual([]);
  expect(sub.schoolId).toBe('sch01');
  expect(sub.status).toBe('Готово к проверке');
  const expected: Record<string, Value> = { ...values };
  for (const input of catalog.inputs.filter((i) => i.derived)) expected[input.id] = sum((input.derived ?? []).map((id) => values[id] as number));
  expect(sub.values).toEqual(expected);
});

withOpenpyxl('a label starting with = + - @ stays text', async () => {
  const texts = ['=SUM(1,2)', '+7 (900) 000-00-00', '-5', '@школа'];
  const sheets = spec.sheets.map((s) =>
    s.name !== PROFILE_SHEET
      ? s
      : { ...s, cells: s.cells.map((c) => (c.col === COL.label && c.row >= 3 && c.row <= 6 ? { ...c, value: texts[c.row - 3] } : c)) },
  );
  const file = path.join(dir, 'texts.xlsx');
  await writeWorkbookFile({ ...spec, sheets }, file, { password: null, definedNames: false });
  const seen = inspect(
    file,
    texts.map((_, i): [string, string] => [PROFILE_SHEET, `B${i + 3}`]),
  );
  expect(seen.probes.map((p) => [p.value, p.dataType])).toEqual(texts.map((t) => [t, 's']));
  const profile = gridOf(await readWorkbookFile(file)).sheets.find((s) => s.name === PROFILE_SHEET);
  expect([2, 3, 4, 5].map((r) => profile?.values[r]?.[COL.label - 1])).toEqual(texts);
  expect([2, 3, 4, 5].map((r) => profile?.formulas?.[r]?.[COL.label - 1] ?? null)).toEqual([null, null, null, null]);
});

test('unreadable files give a Russian reason and never throw', async () => {
  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const whole = readFileSync(schoolFile);
  const cases: [string, RegExp][] = [
    [write('random.xlsx', randomBytes(4096)), /не является книгой \.xlsx/],
    [
      write('encrypted.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(2048)])),
      /защищён паролем на открытие или это не \.xlsx/,
    ],
    // The same zip with the workbook part renamed (same length: offsets and CRCs stay valid).
    [
      write('no-workbook.xlsx', Buffer.from(whole.toString('latin1').split('xl/workbook.xml').join('xl/notebook.xml'), 'latin1')),
      /zip-архив, но не книга Excel/,
    ],
    [write('truncated.xlsx', whole.subarray(0, Math.floor(whole.length / 2))), /повреждён/],
    [write('empty.xlsx', Buffer.alloc(0)), /пустой/],
    [path.join(dir, 'нет такого.xlsx'), /не найден/],
  ];
  for (const [file, reason] of cases) {
    const result = await readWorkbookFile(file);
    expect([path.basename(file), 'unreadable' in result ? result.unreadable : 'прочитан']).toEqual([path.basename(file), expect.stringMatching(reason)]);
  }
});

/** soffice --convert-to with a throwaway profile, so parallel runs and a user's own LibreOffice do not clash. */
function convert(format: string, outDir: string, files: string[]): void {
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(soffice as string, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, ...files], {
      timeout: 120_000,
      stdio: 'pipe',
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

withLibreOffice(
  'LibreOffice computes the self-check formulas of a correctly filled workbook: no errors, nothing blank',
  async () => {
    const values: Record<string, Value> = { ...sampleValues(1), [STATUS_ID]: 'Готово к проверке' };
    const sheets = spec.sheets.map((s) => {
      const at = new Set(s.inputs.map((i) => `${i.row}:${i.col}`));
      const typed = s.inputs.map((i) => ({ row: i.row, col: i.col, value: cellValueOf(values[i.id] ?? null), style: 'input' as const }));
      return { ...s, cells: [...s.cells.filter((c) => !at.has(`${c.row}:${c.col}`)), ...typed] };
    });
    const file = path.join(dir, 'typed.xlsx');
    await writeWorkbookFile({ ...spec, sheets }, file, { password: null, definedNames: true });
    convert('xlsx', path.join(dir, 'recalc'), [file]);
    const grid = gridOf(await readWorkbookFile(path.join(dir, 'recalc', 'typed.xlsx')));
    const profile = grid.sheets.find((s) => s.name === PROFILE_SHEET);
    expect([profile?.values[7]?.[COL.value - 1], profile?.values[8]?.[COL.value - 1]]).toEqual([0, 0]);
    const checks = grid.sheets
      .flatMap((s) => s.values.map((r, i) => [s.name, i + 1, r[COL.check - 1]] as const))
      .filter(([, , v]) => typeof v === 'string' && v !== '');
    expect(checks.length).toBeGreaterThan(inputCells.length / 2);
    expect(checks.filter(([, , v]) => !['✓', '—', 'Проверка'].includes(v as string))).toEqual([]);
    const sub = parseSubmission(grid, { catalog, year: 2026, registry: [school], expectedSchoolId: 'sch01' });
    expect(sub.messages.filter((m) => m.severity === 'error')).toEqual([]);
  },
  180_000,
);

withLibreOffice(
  'LibreOffice converts the school workbook and an appendix-table workbook to PDF',
  async () => {
    const registry = [school, school2];
    const files = registry.map((s, i) => ({
      file: `${s.id}.xlsx`,
      expectedSchoolId: s.id,
      grid: renderSchoolGrid(schoolWorkbookLayout(catalog, campaign, s), { ...sampleValues(i + 1), [STATUS_ID]: 'Готово к проверке' }),
    }));
    const run = validateFiles(files, catalog, campaign.year, registry);
    expect(run.schools.map((s) => s.status)).toEqual(['accepted', 'accepted']);
    const result = consolidate({ catalog, campaign, outcomes: run.schools, previous: null });
    const tables: WorkbookSpec = {
      title: 'Сводные таблицы',
      sheets: catalog.appendices.map((a) => appendixTableSheet(catalog, result, a.number, { suppressSmall: true, evidence: true })),
    };
    const tableFile = path.join(dir, 'tables.xlsx');
    await writeWorkbookFile(tables, tableFile, { password: null, definedNames: false });
    const outDir = path.join(dir, 'pdf');
    convert('pdf', outDir, [schoolFile, tableFile]);
    for (const name of ['sch01.pdf', 'tables.pdf']) {
      const pdf = path.join(outDir, name);
      expect([name, existsSync(pdf) && statSync(pdf).size > 1000]).toEqual([name, true]);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  },
  180_000,
);
