/**
 * `msoko demo [DIR]`: the whole cycle on the built-in municipality, through the built CLI. It prints where
 * every file is; it may replace an earlier demo, but never a folder that is not a demo.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEMO_SCHOOLS, DEMO_SILENT_SCHOOL } from '../../../src/core/demo/municipality';
import { type ConsolidationExport, ConsolidationExportSchema } from '../../../src/core/export/contract';
import { type Run, hashes, msoko, tempDir } from './helpers';

const root = tempDir('demo');
const dir = path.join(root, 'demo');
let first: Run;

beforeAll(() => {
  first = msoko(['demo', dir], 180_000);
}, 200_000);

test('demo exits 0 and prints the path of every file it made, all of which exist', () => {
  expect([first.code, first.stderr]).toEqual([0, '']);
  const expected = [
    ...DEMO_SCHOOLS.map((s) => path.join(dir, 'schools', `${s.id}.xlsx`)),
    path.join(dir, 'out', 'validation.xlsx'),
    path.join(dir, 'out', 'appendices.xlsx'),
    path.join(dir, 'out', 'appendices.json'),
    ...DEMO_SCHOOLS.map((s) => path.join(dir, 'out', 'recommendations', `${s.id}.docx`)),
    path.join(dir, 'out', 'report.docx'),
  ];
  expect(expected.filter((f) => !first.stdout.includes(f))).toEqual([]);
  expect(expected.filter((f) => !existsSync(f) || statSync(f).size === 0)).toEqual([]);
  // every path it prints is real
  const printed = first.stdout.match(new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s,:;»]*\\.(?:xlsx|json|docx|csv)`, 'g')) ?? [];
  expect(printed.length).toBeGreaterThan(expected.length);
  expect(printed.filter((p) => !existsSync(p))).toEqual([]);
  expect(first.stdout).toContain('Готово. Откройте файлы в Excel, Word или LibreOffice.');
  expect(readdirSync(path.join(dir, 'received')).sort()).toEqual(
    DEMO_SCHOOLS.filter((s) => s.id !== DEMO_SILENT_SCHOOL)
      .map((s) => `${s.id}.xlsx`)
      .sort(),
  );
});

describe('the demo consolidation', () => {
  let result: ConsolidationExport;
  beforeAll(() => {
    result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(dir, 'out', 'appendices.json'), 'utf8')));
  });

  test('passes the export contract: 11 appendices, 192 cells, every registry school listed', () => {
    expect(result.appendices.length).toBe(11);
    expect(result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells)).length).toBe(192);
    expect(result.schools.map((s) => s.id)).toEqual(DEMO_SCHOOLS.map((s) => s.id));
  });

  test('exactly one school is missing, at least one is rejected, the rest accepted', () => {
    const by = (status: string): string[] => result.schools.filter((s) => s.status === status).map((s) => s.id);
    expect(by('missing')).toEqual([DEMO_SILENT_SCHOOL]);
    expect(by('rejected').length).toBeGreaterThanOrEqual(1);
    expect(by('accepted').length).toBe(DEMO_SCHOOLS.length - 1 - by('rejected').length);
    for (const s of result.schools.filter((x) => x.status === 'rejected')) {
      expect(s.messages.filter((m) => m.severity === 'error').every((m) => m.sheet !== null && m.cell !== null && /[а-яё]/i.test(m.text))).toBe(true);
    }
    expect(first.stdout).toMatch(/В своде \d+ из 10 ОО/);
  });

  test('last year’s values are there: previous and change are filled, cells are marked incomplete', () => {
    const cells = result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells));
    expect(cells.filter((c) => c.previous !== null).length).toBeGreaterThan(100);
    expect(cells.some((c) => c.change !== null && c.change !== 0)).toBe(true);
    expect(cells.every((c) => !c.complete)).toBe(true);
    expect(existsSync(path.join(dir, '2025', 'out', 'appendices.json'))).toBe(true);
  });
});

test('demo again into the same folder replaces the earlier demo', () => {
  const stale = path.join(dir, 'received', 'старый-файл.xlsx');
  writeFileSync(stale, 'не файл мониторинга');
  const again = msoko(['demo', dir], 180_000);
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(existsSync(stale)).toBe(false);
  expect(existsSync(path.join(dir, 'out', 'report.docx'))).toBe(true);
  expect(again.stdout).toMatch(/В своде \d+ из 10 ОО/);
}, 200_000);

describe('demo never touches a folder that is not a demo', () => {
  test('a non-empty folder: exit 2, a Russian message, every file left as it was', () => {
    const other = path.join(root, 'my-data');
    mkdirSync(path.join(other, 'received'), { recursive: true });
    writeFileSync(path.join(other, 'заметки.txt'), 'важные данные');
    writeFileSync(path.join(other, 'received', 'sosh1.xlsx'), 'файл школы');
    const before = { top: hashes(other), received: hashes(path.join(other, 'received')) };
    const r = msoko(['demo', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Ошибка: Папка «.*my-data» уже существует и не является демонстрационной/);
    expect({ top: hashes(other), received: hashes(path.join(other, 'received')) }).toEqual(before);
  });

  test('a folder with another campaign: exit 2, the campaign is kept', () => {
    const other = path.join(root, 'kampania');
    expect(msoko(['init', other, '--year', '2026', '--municipality', 'Настоящий округ']).code).toBe(0);
    const before = hashes(other);
    const r = msoko(['demo', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Ошибка: Папка «.*kampania» содержит другую кампанию; демонстрация её не перезапишет/);
    expect(hashes(other)).toEqual(before);
  });
});
