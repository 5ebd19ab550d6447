/**
 * Nothing lost, offline (the built CLI): the tool never writes into the schools' files, and a consolidation
 * that fails while writing out/ (out/appendices.json is a folder, so its rename fails) leaves the last
 * out/appendices.xlsx whole with the same tables, and no temporary file behind; after the obstacle is gone
 * a re-run gives the same result.
 *
 * A second concurrent run: the CLI takes no lock on the campaign folder (src/node has none), so there is
 * nothing to refuse it — reported, not tested.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { type Dump, OPENPYXL, dumpXlsx, hashes, msoko, school, tempDir, withTools, writeRegistry, zipCheck } from '../node/cli/helpers';
import { corpusXlsx, schoolData } from './helpers';

const SCHOOLS = [school('ok1', 'СОШ', 'СОШ № 1'), school('ok2', 'ООШ', 'ООШ № 2')];
/** The appendix workbook without «Журнал» (it records the time of each run). */
const tables = (file: string): Dump['sheets'] => dumpXlsx(file).sheets.filter((s) => s.title !== 'Журнал');

withTools([OPENPYXL], 'офлайн: сбой записи out/ ничего не теряет', () => {
  const dir = path.join(tempDir('nothing-lost'), 'kampania');
  const out = path.join(dir, 'out');
  const xlsx = path.join(out, 'appendices.xlsx');
  const json = path.join(out, 'appendices.json');
  let first: { tables: Dump['sheets']; json: string; schoolValues: string };
  let schoolFiles: Record<string, string> = {};
  let failed: { code: number | null; stderr: string } = { code: null, stderr: '' };

  beforeAll(() => {
    expect(msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый округ']).code).toBe(0);
    writeRegistry(dir, SCHOOLS);
    expect(msoko(['generate', dir, '--json']).code).toBe(0);
    mkdirSync(path.join(dir, 'received'), { recursive: true });
    const jobs = SCHOOLS.map((s, i) => ({
      src: path.join(dir, 'schools', `${s.id}.xlsx`),
      dst: path.join(dir, 'received', `${s.id}.xlsx`),
      fill: schoolData(s, 2, 610 + i).typed,
      ops: [],
    }));
    expect(corpusXlsx(jobs, dir).map((r) => r.missing)).toEqual([[], []]);
    schoolFiles = { ...hashes(path.join(dir, 'schools')), ...hashes(path.join(dir, 'received')) };
  }, 60_000);

  test('consolidate succeeds and leaves the generated and the received school files byte for byte', () => {
    expect(msoko(['consolidate', dir]).code).toBe(0);
    expect({ ...hashes(path.join(dir, 'schools')), ...hashes(path.join(dir, 'received')) }).toEqual(schoolFiles);
    first = { tables: tables(xlsx), json: readFileSync(json, 'utf8'), schoolValues: readFileSync(path.join(out, 'school-values.json'), 'utf8') };
    expect(first.tables.map((s) => s.title)).toContain('Свод по школам');
  });

  test('a consolidation that cannot write out/appendices.json fails, and the last appendices.xlsx is whole with the same tables', () => {
    rmSync(json);
    mkdirSync(json);
    const r = msoko(['consolidate', dir]);
    failed = { code: r.code, stderr: r.stderr };
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('appendices.json');
    const zip = zipCheck([xlsx])[xlsx];
    expect([zip?.zip, zip?.bad]).toEqual([true, null]);
    expect(tables(xlsx)).toEqual(first.tables);
    expect(readFileSync(path.join(out, 'school-values.json'), 'utf8')).toBe(first.schoolValues);
  });

  test('the failed run leaves no temporary file in out/', () => {
    expect(readdirSync(out).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  test('the failure is reported with exit 3 and a Russian message naming the file, without a stack trace', () => {
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(
      /^Ошибка: Не удалось записать «.*appendices\.json»: на месте файла находится папка\. Результаты прошлого запуска не тронуты\.\n$/,
    );
  });

  test('once the obstacle is gone, a re-run gives the same result and the school files are still untouched', () => {
    rmSync(json, { recursive: true });
    for (const n of readdirSync(out).filter((x) => x.includes('.tmp-'))) rmSync(path.join(out, n));
    expect(msoko(['consolidate', dir]).code).toBe(0);
    expect(existsSync(json)).toBe(true);
    expect(readFileSync(json, 'utf8')).toBe(first.json);
    expect(tables(xlsx)).toEqual(first.tables);
    expect({ ...hashes(path.join(dir, 'schools')), ...hashes(path.join(dir, 'received')) }).toEqual(schoolFiles);
  });
});
