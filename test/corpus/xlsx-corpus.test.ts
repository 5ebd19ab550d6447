/**
 * The bad-input corpus as real .xlsx files: one campaign, one school per kind (plus two valid schools), all
 * files made by ONE openpyxl process, then ONE `msoko validate --json`. Every kind must give a Russian
 * message that names the file, the sheet, the cell and the indicator (where the kind is about a cell); the
 * valid schools stay accepted and the run ends with exit 1. `msoko consolidate` then shows that the values
 * of the accepted kinds (renamed sheet, moved rows, deleted names, edited labels) were read by code.
 *
 * To keep the run short only the two valid schools' files are generated; every other school's file is the
 * first one restamped for that school (the stamp on «Служебный» and the code/name on the profile are the
 * only cells that differ between generated files). The message codes are checked on the Google path
 * (google-corpus.test.ts), where the department's «_Данные» sheet keeps them; `validate --json` prints text.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { School } from '../../src/core/campaign/schema';
import type { ValidationSummary } from '../../src/node/commands/validate';
import { type Dump, type JobResult, OPENPYXL, dumpXlsx, msoko, msokoJson, school, tempDir, withTools, writeRegistry } from '../node/cli/helpers';
import { BAD_INPUTS, type BadInput, VALID, type XlsxOp, expectationFor } from './bad-inputs';
import { type CorpusJob, type SchoolData, corpusXlsx, findLine, resolveFill, schoolData, whereOf } from './helpers';

const inRegistry = (b: BadInput): boolean => expectationFor(b, 'xlsx').outcome !== 'stray';
const REGISTRY: School[] = [...VALID, ...BAD_INPUTS.filter(inRegistry).map((b) => b.id)].map((id) => school(id, 'СОШ', `Школа ${id}`));
const DATA = new Map<string, SchoolData>(REGISTRY.map((s, i) => [s.id, schoolData(s, REGISTRY.length, 9100 + i)]));
const data = (id: string): SchoolData => {
  const d = DATA.get(id);
  if (!d) throw new Error(`нет данных школы ${id}`);
  return d;
};

/** The file(s) a kind sends to received/. */
function filesOf(b: BadInput): string[] {
  if (b.xlsx.kind === 'copies') return [...b.xlsx.files].sort();
  if (b.xlsx.kind === 'ops' && b.xlsx.file) return [b.xlsx.file];
  return [`${b.id}.xlsx`];
}

/** The compound-file (OLE) signature: what Excel writes for a file with a password to open (and for old .xls). */
const OLE_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

withTools([OPENPYXL], 'корпус испорченных файлов .xlsx: одна кампания, одна проверка', () => {
  const dir = path.join(tempDir('corpus-xlsx'), 'kampania');
  const received = path.join(dir, 'received');
  let made: JobResult[] = [];
  let code: number | null = null;
  let summary: ValidationSummary;
  let report: Dump['sheets'][number]['rows'] = [];
  let values: Record<string, Record<string, unknown>> = {};

  beforeAll(() => {
    expect(msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый округ']).code).toBe(0);
    writeRegistry(
      dir,
      REGISTRY.filter((s) => VALID.includes(s.id)),
    );
    expect(msoko(['generate', dir, '--json']).code).toBe(0);
    writeRegistry(dir, REGISTRY);
    mkdirSync(received, { recursive: true });
    const src = (id: string): string => path.join(dir, 'schools', `${id}.xlsx`);
    /** ok1's generated file as another school's: its stamp and profile say that school. */
    const restamp = (s: School): XlsxOp[] => [
      { op: 'set', sheet: 'Служебный', cell: 'B2', value: s.id },
      { op: 'set', sheet: 'Сведения об ОО', cell: 'D3', value: s.name },
      { op: 'set', sheet: 'Сведения об ОО', cell: 'D4', value: s.id },
    ];
    const own = (id: string): { src: string; ops: XlsxOp[] } => {
      const s = REGISTRY.find((x) => x.id === id);
      return VALID.includes(id) || !s ? { src: src(id), ops: [] } : { src: src('ok1'), ops: restamp(s) };
    };
    const jobs: CorpusJob[] = VALID.map((id) => ({ src: src(id), dst: path.join(received, `${id}.xlsx`), fill: data(id).typed, ops: [] }));
    for (const b of BAD_INPUTS) {
      const r = b.xlsx;
      if (r.kind === 'bytes')
        writeFileSync(path.join(received, `${b.id}.xlsx`), r.bytes === 'ole' ? Buffer.concat([OLE_HEADER, randomBytes(4096)]) : randomBytes(8192));
      else if (r.kind === 'copies') for (const f of r.files) jobs.push({ ...own(b.id), dst: path.join(received, f), fill: data(b.id).typed });
      else if (r.kind === 'value') {
        const typed = data(b.id).typed;
        const base = own(b.id);
        jobs.push({
          src: base.src,
          dst: path.join(received, `${b.id}.xlsx`),
          fill: typed,
          ops: [...base.ops, { op: 'set_name', name: r.input, value: resolveFill(r.value, typed) }],
        });
      } else {
        const base = own(r.from ?? b.id);
        jobs.push({ src: base.src, dst: path.join(received, filesOf(b)[0] ?? ''), fill: data(r.from ?? b.id).typed, ops: [...base.ops, ...r.ops] });
      }
    }
    made = corpusXlsx(jobs, dir);
    const cli = msokoJson<ValidationSummary>(['validate', dir, '--json']);
    [code, summary] = [cli.code, cli.json];
    report = dumpXlsx(summary.report).sheets.find((s) => s.title === 'Проверка')?.rows ?? [];
    expect(msoko(['consolidate', dir]).code).toBe(1);
    values = JSON.parse(readFileSync(path.join(dir, 'out', 'school-values.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  }, 120_000);

  test(`the corpus has ${BAD_INPUTS.length} kinds (≥ 25), each made as a file; openpyxl found every name`, () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(BAD_INPUTS.map((b) => b.id)).size).toBe(BAD_INPUTS.length);
    expect(made.filter((r) => r.missing.length > 0)).toEqual([]);
  });

  test('validate completes with exit 1 («завершено с ошибками»); the valid schools stay accepted, without errors', () => {
    expect([code, summary.completedWithErrors]).toEqual([1, true]);
    const valid = summary.schools.filter((s) => VALID.includes(s.id));
    expect(valid.map((s) => [s.id, s.status, s.lifecycle, s.errors])).toEqual(VALID.map((id) => [id, 'принято к своду', 'готово к проверке', 0]));
  });

  test.each(BAD_INPUTS.map((b) => [b.id, b.ru, b] as const))('%s (%s): the message names file, sheet, cell and indicator', (_id, _ru, b) => {
    const e = expectationFor(b, 'xlsx');
    const files = filesOf(b);
    const entry = summary.schools.find((s) => s.id === b.id);
    const stray = summary.strays.find((s) => s.file === files[0]);
    const lines = e.outcome === 'stray' ? (stray?.messages ?? []) : (entry?.messages ?? []);
    if (e.outcome === 'stray') expect(stray).toBeDefined();
    else expect([entry?.status, [...(entry?.files ?? [])].sort()]).toEqual([e.outcome === 'accepted' ? 'принято к своду' : 'есть ошибки', files]);
    if (e.code === null) {
      // nothing to report: the values are read by the code column
      expect({ lines }).toEqual({ lines: [] });
    } else {
      const line = findLine(lines, e);
      expect({ lines, found: line !== undefined }).toEqual({ lines, found: true });
      // out/validation.xlsx: ОО | Файл | Важность | Лист | Ячейка | Показатель | Сообщение
      const w = whereOf(e);
      const row = report.find((r) => String(r[1] ?? '') === files.join(', ') && r[3] === w.sheet && r[4] === w.cell && e.text.test(String(r[6] ?? '')));
      expect(row?.slice(2, 6)).toEqual([e.severity === 'error' ? 'ошибка' : 'предупреждение', w.sheet, w.cell, w.indicator]);
    }
    // accepted kinds go into the consolidation with the values the school typed
    expect([b.id, b.id in values]).toEqual([b.id, e.outcome === 'accepted']);
    for (const input of e.reads ?? []) expect([input, values[b.id]?.[input]]).toEqual([input, data(b.id).values[input]]);
  });
});
