/**
 * The corpus of broken catalog workbooks as real .xlsx files: each mutation of test/core/catalog/workbook/broken.test.ts
 * is applied with exceljs to the good Kalar workbook (a formula as a real formula cell, a date as a date cell), then read
 * by the hardened reader: a placed Russian message for each; through the built CLI, exit 2, no JSON, no stack trace.
 * Also: the good workbook re-saved by LibreOffice and read by openpyxl keeps its catalog, validations and notes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { kalarCatalog } from '../../../src/core/catalog/kalar';
import { CatalogSourceSchema } from '../../../src/core/catalog/schema';
import { catalogWorkbookSpec } from '../../../src/core/catalog/workbook/layout';
import { formatCatalogProblem } from '../../../src/core/catalog/workbook/read-table';
import type { WorkbookGrid } from '../../../src/core/submission/parse';
import { catalogWorkbookFile, readCatalogWorkbook, writeCatalogWorkbook } from '../../../src/node/catalog/workbook-file';
import { BROKEN } from '../../core/catalog/workbook/broken-cases';
import { gridOfSpec } from '../../core/catalog/workbook/grid';
import { CALC, OPENPYXL, msoko, tempDir, toolTest } from '../cli/helpers';

const dir = tempDir('catalog-broken');
const good = path.join(dir, 'kalar.xlsx');

interface Change {
  sheet: string;
  row: number;
  col: number;
  value: unknown;
  formula: string | undefined;
}

/** What a grid mutation changed, cell by cell, against the good grid. */
function changes(before: WorkbookGrid, after: WorkbookGrid): Change[] {
  const out: Change[] = [];
  for (const s of after.sheets) {
    const old = before.sheets.find((x) => x.name === s.name);
    const rows = Math.max(s.values.length, s.formulas?.length ?? 0);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(s.values[r]?.length ?? 0, s.formulas?.[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const value = s.values[r]?.[c];
        const formula = s.formulas?.[r]?.[c] ?? undefined;
        if (value !== old?.values[r]?.[c] || formula) out.push({ sheet: s.name, row: r + 1, col: c + 1, value, formula });
      }
    }
  }
  return out;
}

async function brokenFile(name: string, list: Change[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(good);
  for (const ch of list) {
    const cell = workbook.getWorksheet(ch.sheet)?.getCell(ch.row, ch.col);
    if (!cell) throw new Error(`нет листа ${ch.sheet}`);
    if (ch.formula) cell.value = { formula: ch.formula, result: ch.value as string };
    else cell.value = ch.value === undefined || ch.value === '' ? null : (ch.value as ExcelJS.CellValue);
    // a date typed in Excel gets a date format; without it the reader sees a plain number
    if (ch.value instanceof Date) cell.numFmt = 'dd.mm.yyyy';
  }
  const file = path.join(dir, `${name}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

const cases: { name: string; file: string; at: string; text: string }[] = [];

beforeAll(async () => {
  await writeCatalogWorkbook(kalarCatalog, good);
  const base = gridOfSpec(catalogWorkbookSpec(kalarCatalog));
  for (const [i, c] of BROKEN.entries()) {
    const grid = gridOfSpec(catalogWorkbookSpec(kalarCatalog));
    const expected = c.breakIt(grid);
    cases.push({ name: c.name, file: await brokenFile(`broken-${String(i + 1).padStart(2, '0')}`, changes(base, grid)), ...expected });
  }
}, 120_000);

test('at least 15 broken catalog files, each read with a placed Russian message', async () => {
  expect(cases.length).toBeGreaterThanOrEqual(15);
  const missing: string[] = [];
  for (const c of cases) {
    const result = await catalogWorkbookFile(c.file);
    const messages = 'problems' in result ? result.problems.map(formatCatalogProblem) : ['прочитан без ошибок'];
    if (!messages.some((m) => m.startsWith(c.at) && m.includes(c.text))) missing.push(`${c.name}: ${messages.slice(0, 3).join(' | ')}`);
  }
  expect(missing).toEqual([]);
}, 120_000);

test('msoko catalog --from <broken> --json: exit 2, every problem in Russian on stderr, no JSON, no stack trace', () => {
  for (const c of [cases[0], cases[5], cases[8]]) {
    if (!c) throw new Error('нет случая');
    const r = msoko(['catalog', '--from', c.file, '--json']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^Ошибка: каталог «.*» не прочитан — исправьте \(\d+\):\n {2}Лист «/);
    expect(r.stderr).toContain(c.text);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  }
}, 60_000);

test('a file that is not a workbook is refused in Russian, exit 2', () => {
  const r = msoko(['catalog', '--from', path.join(__dirname, 'broken-files.test.ts'), '--json']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^Ошибка: каталог «.*» не прочитан/);
});

toolTest([OPENPYXL], 'openpyxl reads the workbook: every editable cell has a validation and a note, headers are frozen', () => {
  const script = [
    'import json, sys, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    'out = {}',
    'for ws in wb.worksheets:',
    '    ranges = [str(r) for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges]',
    '    notes = sum(1 for row in ws.iter_rows() for c in row if c.comment)',
    '    out[ws.title] = {"validations": len(ranges), "notes": notes, "freeze": ws.freeze_panes}',
    'print(json.dumps(out))',
  ].join('\n');
  const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, good], { encoding: 'utf8' })) as Record<
    string,
    { validations: number; notes: number; freeze: string }
  >;
  const spec = catalogWorkbookSpec(kalarCatalog);
  for (const sheet of spec.sheets) {
    expect(out[sheet.name]?.freeze).toBe('A4');
    expect(out[sheet.name]?.notes).toBeGreaterThanOrEqual(sheet.inputs.length);
    expect(out[sheet.name]?.validations).toBeGreaterThan(0);
  }
});

toolTest(
  [CALC],
  'LibreOffice re-saves the workbook and it still reads as the same catalog',
  async () => {
    const outDir = path.join(dir, 'lo');
    const profile = path.join(tmpdir(), `lo-catalog-${process.pid}`);
    mkdirSync(outDir, { recursive: true });
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, good], {
        timeout: 180_000,
        stdio: 'pipe',
      });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    expect(await readCatalogWorkbook(path.join(outDir, 'kalar.xlsx'))).toStrictEqual(CatalogSourceSchema.parse(kalarCatalog));
  },
  240_000,
);
