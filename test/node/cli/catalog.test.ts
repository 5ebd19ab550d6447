/**
 * `msoko catalog`, `--help` and wrong commands through the built CLI. The reference values printed by
 * `catalog --json` are compared with the source text of the concept (test/fixtures/kalar-concept.txt),
 * not with the catalog sources.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CatalogExportSchema } from '../../../src/core/export/contract';
import type { CatalogExport } from '../../../src/core/export/contract';
import { findDataRow, readSeedTables } from '../../helpers/seed-tables';
import { msoko, msokoJson } from './helpers';

const SEED = readSeedTables(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'kalar-concept.txt'), 'utf8'));
const latinWords = (text: string): string[] => (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['msoko', 'help', 'json', 'xlsx', 'docx'].includes(w));

describe('msoko catalog --json (kalar, the default)', () => {
  let exported: CatalogExport;
  const cells = () => exported.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells));

  beforeAll(() => {
    const { code, json, stderr } = msokoJson<unknown>(['catalog', '--json']);
    expect([code, stderr]).toEqual([0, '']);
    exported = CatalogExportSchema.parse(json);
  });

  test('is valid JSON of the export contract: 11 appendices, 192 cells, unique keys', () => {
    expect(exported.catalog.id).toBe('kalar');
    expect(exported.appendices.map((a) => [a.number, a.table])).toEqual(Array.from({ length: 11 }, (_, i) => [i + 1, `4.${i + 1}`]));
    expect(cells().length).toBe(192);
    expect(new Set(cells().map((c) => c.key)).size).toBe(192);
    const inputs = new Set(exported.inputs.map((i) => i.id));
    const referenced = cells().flatMap((c) => [
      ...(c.inputs.numerator ?? []),
      ...(c.inputs.denominator ?? []),
      ...(c.inputs.sum ?? []),
      ...(c.inputs.second ?? []),
      c.inputs.flag ?? '',
      c.inputs.aux ?? '',
    ]);
    expect(referenced.filter((id) => id !== '' && !inputs.has(id))).toEqual([]);
  });

  test('the documented examples: A5.R1.C4 «Не < 5», A5.R1.C2.NOO «44/10,3»', () => {
    expect(cells().find((c) => c.key === 'A5.R1.C4')).toMatchObject({ target: 'Не < 5', targetRule: { op: '>=', on: 'count', value: 5 } });
    expect(cells().find((c) => c.key === 'A5.R1.C2.NOO')).toMatchObject({ target: '44/10,3', part: 'NOO', partTitle: 'НОШ', polarity: 'context' });
  });

  test('every cell’s target is the reference text of the source table, leaf by leaf', () => {
    const differences: string[] = [];
    for (const app of exported.appendices) {
      const table = SEED.find((t) => t.number === app.number);
      if (!table) throw new Error(`в источнике нет таблицы 4.${app.number}`);
      for (const [position, row] of app.rows.entries()) {
        const found = findDataRow(table, row.title, row.cells.length, position);
        if (!found) {
          differences.push(`${app.number}/${row.id}: строка «${row.title}» не найдена в источнике`);
          continue;
        }
        row.cells.forEach((c, i) => {
          if (c.target !== found.values[i]) differences.push(`${c.key}: «${c.target}» ≠ источник «${found.values[i] ?? '—'}»`);
        });
        if (found.cellsAfterLabel !== row.cells.length)
          differences.push(`${app.number}/${row.id}: ${row.cells.length} ячеек, в источнике ${found.cellsAfterLabel}`);
      }
    }
    expect(differences).toEqual([]);
  });

  test('the text form lists every appendix and the cell count in Russian', () => {
    const r = msoko(['catalog']);
    expect(r.code).toBe(0);
    for (let n = 1; n <= 11; n++) expect(r.stdout).toContain(`Приложение ${n} (таблица 4.${n})`);
    expect(r.stdout).toContain('Ячеек: 192');
  });
});

test('catalog --id tomarinsky prints another valid catalog', () => {
  const { code, json } = msokoJson<unknown>(['catalog', '--id', 'tomarinsky', '--json']);
  expect(code).toBe(0);
  const exported = CatalogExportSchema.parse(json);
  expect(exported.catalog.id).toBe('tomarinsky');
  expect(exported.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells)).length).toBeGreaterThan(0);
});

describe('catalog --id nope', () => {
  test('exits 2 (wrong command) with a Russian message naming the catalogs, no stack trace', () => {
    const runs = [msoko(['catalog', '--id', 'nope', '--json']), msoko(['init', path.join(tmpdir(), `msoko-never-${process.pid}`), '--catalog', 'nope'])];
    expect(runs.map((r) => [r.code, r.stdout, r.stderr])).toEqual(
      runs.map(() => [2, '', 'Ошибка: Каталог «nope» не найден. Доступны: kalar, tomarinsky, mosalsky\n']),
    );
  });

  test('fails with a Russian message and prints no JSON (today: exit 3)', () => {
    const r = msoko(['catalog', '--id', 'nope', '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Каталог «nope» не найден. Доступны: kalar, tomarinsky, mosalsky');
  });
});

test('msoko --help is in Russian and exits 0', () => {
  const r = msoko(['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Использование:');
  expect(r.stdout).toContain('Команды:');
  expect(r.stdout).toContain('Параметры:');
  for (const cmd of ['catalog', 'init', 'generate', 'status', 'validate', 'consolidate', 'recommend', 'demo'])
    expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
  expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);
  const sub = msoko(['help', 'consolidate']);
  expect(sub.code).toBe(0);
  expect(sub.stdout).toContain('--previous <файл>');
  expect(sub.stdout).toContain('Аргументы:');
});

describe('an unknown command', () => {
  test('exits 2 and points at the help', () => {
    const r = msoko(['svod']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ошибка:');
    expect(r.stderr).toContain('msoko --help');
  });

  test('is reported in Russian, as are a missing argument and an unknown option', () => {
    const texts = [['svod'], ['init'], ['catalog', '--bogus']].map((args) => msoko(args).stderr.replace(/'[^']*'|«[^»]*»/g, ''));
    expect(texts.map(latinWords)).toEqual([[], [], []]);
  });

  test('a missing campaign folder exits 2 with a Russian message', () => {
    const r = msoko(['status', path.join(__dirname, '..', 'нет-такой-папки')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Ошибка: В папке «.*нет-такой-папки» нет campaign\.json\. Создайте кампанию: msoko init /);
  });
});
