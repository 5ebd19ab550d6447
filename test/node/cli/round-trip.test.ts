/**
 * The whole offline cycle through the built CLI: init → own schools.csv → generate → the schools fill their
 * files through the defined names (openpyxl) → validate → consolidate (every one of the 192 cells against an
 * independent computation) → status → recommend → LibreOffice opens every document. The files in received/
 * are never written by the tool.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from '../../../src/core/catalog';
import { demoValues } from '../../../src/core/demo/values';
import { ConsolidationExportSchema } from '../../../src/core/export/contract';
import type { StatusRow } from '../../../src/node/commands/status';
import type { ValidationSummary } from '../../../src/node/commands/validate';
import {
  CALC,
  type CellInput,
  OPENPYXL,
  WRITER,
  fillByNames,
  formValues,
  hashes,
  msoko,
  msokoJson,
  school,
  tempDir,
  toPdf,
  toolTest,
  withTools,
  writeRegistry,
  zipCheck,
} from './helpers';
import { expectedCell } from './oracle';

const catalog = getCatalog('kalar');
const SCHOOLS = [
  school('sosh-1', 'СОШ', 'СОШ № 1, г. Тестовск', ['a@x.ru', 'b@x.ru']),
  school('oosh-2', 'ООШ', 'ООШ с. Берёзово'),
  school('nosh-3', 'НОШ', 'НОШ п. Ключи'),
];

withTools([OPENPYXL], 'офлайн-цикл init → generate → заполнение → validate → consolidate → recommend', () => {
  const dir = path.join(tempDir('round-trip'), 'kampania');
  const received = path.join(dir, 'received');
  const out = path.join(dir, 'out');
  const typed = new Map<string, Record<string, CellInput>>();
  let sent: Record<string, string> = {};

  test('init creates campaign.json and a schools.csv template (exit 0)', () => {
    const r = msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый муниципальный округ']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Кампания создана');
    const campaign = JSON.parse(readFileSync(path.join(dir, 'campaign.json'), 'utf8')) as Record<string, unknown>;
    expect(campaign).toMatchObject({ year: 2026, municipality: 'Тестовый муниципальный округ', catalogId: 'kalar' });
    expect(typeof campaign.password).toBe('string');
    const template = readFileSync(path.join(dir, 'schools.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    expect(template[0]).toBe('id,name,short_name,type,emails');
    expect(template.filter((l) => l.trim() !== '').length).toBeGreaterThan(1);
    expect(msoko(['init', dir]).code).toBe(2); // an existing campaign is never overwritten without --force
  });

  test('generate makes one protected workbook per school of the hand-written registry', () => {
    // the e-mail list is split at «;» and every address checked: a bad second address names its line
    writeRegistry(dir, [{ ...SCHOOLS[0], emails: ['a@x.ru', 'не-адрес'] }, ...SCHOOLS.slice(1)]);
    const bad = msoko(['generate', dir]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringMatching(/^Ошибка: .*schools\.csv:\n {2}строка 2: emails\.1 — неверный адрес электронной почты\n$/),
    ]);
    writeRegistry(dir, SCHOOLS);
    const r = msoko(['generate', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    for (const s of SCHOOLS) expect(r.stdout).toContain(path.join(dir, 'schools', `${s.id}.xlsx`));
    expect(SCHOOLS.map((s) => statSync(path.join(dir, 'schools', `${s.id}.xlsx`)).size > 10_000)).toEqual([true, true, true]);
  });

  test('the schools fill their files through the defined names (openpyxl) and send them back', () => {
    mkdirSync(received, { recursive: true });
    SCHOOLS.forEach((s, i) => {
      const values = formValues(catalog, demoValues(catalog, s, SCHOOLS.length, 7100 + i));
      typed.set(s.id, values);
      const filled = fillByNames(path.join(dir, 'schools', `${s.id}.xlsx`), path.join(received, `${s.id}.xlsx`), values);
      expect({ school: s.id, ...filled }).toEqual({ school: s.id, filled: Object.keys(values).length, missing: [] });
    });
    // the levels a school does not teach stay blank (НОШ: ООО and СОО; ООШ: СОО)
    expect(typed.get('nosh-3')?.A1_R1_C2_OOO).toBeNull();
    expect(typed.get('oosh-2')?.A1_R1_C2_SOO).toBeNull();
    expect(typeof typed.get('oosh-2')?.A1_R1_C2_OOO).toBe('number');
    sent = hashes(received);
    expect(Object.keys(sent)).toEqual(SCHOOLS.map((s) => `${s.id}.xlsx`).sort());
  });

  test('validate accepts all three files (exit 0) and writes out/validation.xlsx', () => {
    const { code, json } = msokoJson<ValidationSummary>(['validate', dir, '--json']);
    expect(json.schools.map((s) => [s.id, s.status, s.errors, s.files])).toEqual(SCHOOLS.map((s) => [s.id, 'принято к своду', 0, [`${s.id}.xlsx`]]));
    expect(json.strays).toEqual([]);
    expect(code).toBe(0);
    expect(json.report).toBe(path.join(out, 'validation.xlsx'));
    expect(existsSync(json.report)).toBe(true);
    expect(hashes(received)).toEqual(sent);
  });

  test('consolidate: every one of the 192 cells equals the independent computation', () => {
    const r = msoko(['consolidate', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('В своде 3 из 3 ОО');
    expect(hashes(received)).toEqual(sent);
    const result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(out, 'appendices.json'), 'utf8')));
    expect(result).toMatchObject({ year: 2026, municipality: 'Тестовый муниципальный округ', catalog: { id: 'kalar' } });
    expect(result.schools.map((s) => [s.id, s.status])).toEqual(SCHOOLS.map((s) => [s.id, 'accepted']));
    const cells = result.appendices.flatMap((a) => a.rows.flatMap((row) => row.cells));
    expect(cells.length).toBe(192);
    const forms = SCHOOLS.map((s) => typed.get(s.id) ?? {});
    const wrong = catalog.cells.flatMap((cell) => {
      const got = cells.find((c) => c.key === cell.key);
      const want = expectedCell(catalog, cell, forms);
      const seen = got ? { value: got.value, count: got.count, second: got.second, n: got.n } : null;
      return JSON.stringify(seen) === JSON.stringify(want) ? [] : [{ key: cell.key, aggregate: cell.aggregate, got: seen, want }];
    });
    expect(wrong).toEqual([]);
    // the data really vary: shares below 100 %, shares of schools other than 0 and 100, levels «не применимо» for no school
    expect(cells.filter((c) => c.aggregate === 'ratio' && c.value !== null && c.value > 0 && c.value < 100).length).toBeGreaterThan(40);
    expect(cells.every((c) => c.complete)).toBe(true);
    expect(cells.every((c) => c.previous === null && c.change === null)).toBe(true);
    expect(existsSync(path.join(out, 'appendices.xlsx'))).toBe(true);
  });

  test('status --json: every school «готово к проверке»', () => {
    const { code, json } = msokoJson<{ rows: StatusRow[]; counts: Record<string, number> }>(['status', dir, '--json']);
    expect(code).toBe(0);
    expect(json.rows.map((r) => [r.id, r.lifecycle, r.errors])).toEqual(SCHOOLS.map((s) => [s.id, 'готово к проверке', 0]));
    expect(json.counts['готово к проверке']).toBe(3);
    expect(hashes(received)).toEqual(sent);
  });

  test('recommend writes one .docx per school and report.docx, all whole zip packages', () => {
    const r = msoko(['recommend', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const docs = [...SCHOOLS.map((s) => path.join(out, 'recommendations', `${s.id}.docx`)), path.join(out, 'report.docx')];
    for (const d of docs) expect(r.stdout).toContain(d);
    const zips = zipCheck(docs);
    expect(docs.map((d) => [path.basename(d), zips[d]?.zip, zips[d]?.bad, zips[d]?.parts.includes('word/document.xml')])).toEqual(
      docs.map((d) => [path.basename(d), true, null, true]),
    );
    expect(hashes(received)).toEqual(sent);
  });

  toolTest(
    [CALC, WRITER],
    'LibreOffice converts every .docx and out/appendices.xlsx to a non-empty PDF',
    () => {
      const files = [
        ...SCHOOLS.map((s) => path.join(out, 'recommendations', `${s.id}.docx`)),
        path.join(out, 'report.docx'),
        path.join(out, 'appendices.xlsx'),
      ];
      const pdfs = toPdf(files, path.join(dir, 'pdf'));
      expect(pdfs.map((p) => [path.basename(p), existsSync(p) && statSync(p).size > 1000])).toEqual(pdfs.map((p) => [path.basename(p), true]));
      for (const p of pdfs) expect(readFileSync(p).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    200_000,
  );
});
