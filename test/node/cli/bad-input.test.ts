/**
 * Files that schools really send back, made as real .xlsx with openpyxl from validly filled ones: wrong
 * values, damaged forms, wrong files. `validate --json` completes (exit 1), names the file, sheet, cell and
 * indicator in Russian — in its JSON and in out/validation.xlsx — and the valid schools are still accepted;
 * `consolidate` still produces the appendices from them.
 */
import { indicatorLabels } from '../../../src/core/submission/parse';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from '../../../src/core/catalog';
import { demoValues } from '../../../src/core/demo/values';
import { ConsolidationExportSchema } from '../../../src/core/export/contract';
import { inputPositions } from '../../../src/core/layout/positions';
import type { ValidationSummary } from '../../../src/node/commands/validate';
import {
  type CellInput,
  type Dump,
  type Job,
  type JobResult,
  OPENPYXL,
  type Op,
  dumpXlsx,
  formValues,
  msoko,
  msokoJson,
  mutate,
  school,
  tempDir,
  withTools,
  writeRegistry,
} from './helpers';

const catalog = getCatalog('kalar');
const named = indicatorLabels(catalog);
const label = (id: string): string => {
  const input = catalog.inputs.find((i) => i.id === id);
  return input ? named(input) : id;
};
const at = inputPositions(catalog);
const VALID = ['ok1', 'ok2'];
const IDS = [
  'text',
  'negative',
  'part',
  'empty',
  'diverr',
  'formula',
  'delsheet',
  'rensheet',
  'insrows',
  'noname',
  'swap',
  'donor',
  'dup',
  'corrupt',
  'worddoc',
  'oldyear',
  'jslink',
  'swap2',
];
const REGISTRY = [school('ok1', 'СОШ', 'СОШ № 1'), school('ok2', 'ООШ', 'ООШ № 2'), ...IDS.map((id) => school(id, 'СОШ', `Школа ${id}`))];
const typed = new Map(REGISTRY.map((s, i) => [s.id, formValues(catalog, demoValues(catalog, s, REGISTRY.length, 5300 + i))]));
const form = (id: string, changes: Record<string, CellInput> = {}): Record<string, CellInput> => ({ ...typed.get(id), ...changes });
const num = (id: string, input: string): number => {
  const v = typed.get(id)?.[input];
  if (typeof v !== 'number') throw new Error(`${id}.${input} не число`);
  return v;
};

interface Scenario {
  /** Registry school the file is sent for (or the stray file's code). */
  id: string;
  what: string;
  files: string[];
  /** Where the school ends up: accepted (a warning only), rejected, or a stray file. */
  outcome: 'принято к своду' | 'есть ошибки' | 'stray';
  /** The reported message: its input (sheet and cell as openpyxl resolved the defined name), or a fixed place. */
  message: { severity: 'ошибка' | 'предупреждение'; input?: string; sheet?: string | null; cell?: string | null; text: RegExp };
  /** The file, as openpyxl makes it from the school's generated file. */
  job?: { src?: string; fill?: Record<string, CellInput>; ops: Op[] };
}

const setName = (name: string, value: CellInput): Op => ({ op: 'set_name', name, value });
const SCENARIOS: Scenario[] = [
  {
    id: 'text',
    what: '«12 чел.» in a count cell',
    files: ['text.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', input: 'A2_R1_C1', text: /^введено «12 чел\.» — нужно только число, без единиц измерения/ },
    job: { ops: [setName('A2_R1_C1', '12 чел.')] },
  },
  {
    id: 'negative',
    what: 'a negative count',
    files: ['negative.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', input: 'A1_C3', text: /^отрицательное число \(-5\)/ },
    job: { ops: [setName('A1_C3', -5)] },
  },
  {
    id: 'part',
    what: 'a part larger than its whole',
    files: ['part.xlsx'],
    outcome: 'есть ошибки',
    message: {
      severity: 'ошибка',
      input: 'A1_R1_C2_NOO',
      text: new RegExp(`^${num('part', 'P_NOO') + 10} больше, чем всего \\(${num('part', 'P_NOO')}: «Обучающихся 1–4 классов`),
    },
    job: { ops: [setName('A1_R1_C2_NOO', num('part', 'P_NOO') + 10)] },
  },
  {
    id: 'empty',
    what: 'an empty required cell',
    files: ['empty.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', input: 'A2_C3', text: /^не заполнено$/ },
    job: { ops: [setName('A2_C3', null)] },
  },
  {
    id: 'diverr',
    what: '«#DIV/0!» (an error cell)',
    files: ['diverr.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', input: 'A2_C6', text: /^ошибка формулы «#DIV\/0!» — введите число вручную/ },
    job: { ops: [setName('A2_C6', '#DIV/0!')] },
  },
  // openpyxl stores no cached result: the tool sees a formula without a value and reports the cell as empty.
  {
    id: 'formula',
    what: 'the formula =1/0 without a cached value',
    files: ['formula.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', input: 'A2_C3', text: /^не заполнено$/ },
    job: { ops: [setName('A2_C3', '=1/0')] },
  },
  {
    id: 'delsheet',
    what: 'a deleted sheet',
    files: ['delsheet.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', sheet: 'Приложение 5', cell: 'A1', text: /^лист «Приложение 5» не найден — он удалён или файл не из этой кампании/ },
    job: { ops: [{ op: 'delete_sheet', sheet: 'Приложение 5' }] },
  },
  {
    id: 'rensheet',
    what: 'a renamed sheet (a warning, the data still read)',
    files: ['rensheet.xlsx'],
    outcome: 'принято к своду',
    message: {
      severity: 'предупреждение',
      sheet: 'Прил. 3 (старое)',
      cell: 'A1',
      text: /^лист «Приложение 3» переименован в «Прил\. 3 \(старое\)»; данные прочитаны/,
    },
    job: { ops: [{ op: 'rename_sheet', sheet: 'Приложение 3', to: 'Прил. 3 (старое)' }] },
  },
  {
    id: 'insrows',
    what: 'rows inserted above a block (a warning, the values read by code)',
    files: ['insrows.xlsx'],
    outcome: 'принято к своду',
    message: {
      severity: 'предупреждение',
      sheet: 'Приложение 2',
      cell: 'A1',
      text: /^строки формы сдвинуты \(\d+ полей не на своих местах\); значения прочитаны по кодам полей/,
    },
    job: { ops: [{ op: 'insert_rows', sheet: 'Приложение 2', row: at.get('EV_A2_R2')?.row ?? 0, amount: 3 }] },
  },
  {
    id: 'swap',
    what: 'the file of another registry school under this school’s name',
    files: ['swap.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', sheet: 'Служебный', cell: 'B2', text: /^файл принадлежит другой ОО \(код «donor»\), а ожидался файл ОО «swap»/ },
    // today the file goes to the school its stamp names («donor», which sent nothing else); see the failing test below
    job: { src: 'donor', fill: form('donor'), ops: [] },
  },
  {
    id: 'dup',
    what: 'a second file for the same school',
    files: ['dup (копия).xlsx', 'dup.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', sheet: null, cell: null, text: /^для ОО получено несколько файлов \(«dup \(копия\)\.xlsx», «dup\.xlsx»\); оставьте один/ },
  },
  {
    id: 'stranger',
    what: 'a file of a school not in the registry',
    files: ['stranger.xlsx'],
    outcome: 'stray',
    message: { severity: 'ошибка', sheet: 'Служебный', cell: 'B2', text: /^ОО с кодом «stranger» нет в реестре кампании/ },
    job: { src: 'ok1', fill: form('ok1'), ops: [{ op: 'set', sheet: 'Служебный', cell: 'B2', value: 'stranger' }] },
  },
  {
    id: 'corrupt',
    what: 'random bytes named .xlsx',
    files: ['corrupt.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', sheet: null, cell: null, text: /^файл не является книгой \.xlsx \(повреждён или другого формата\)/ },
  },
  {
    id: 'worddoc',
    what: 'a .docx renamed to .xlsx',
    files: ['worddoc.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', sheet: null, cell: null, text: /^это документ Word \(\.docx\), а не таблица \.xlsx/ },
  },
  {
    id: 'oldyear',
    what: 'a file of another year (the stamp on «Служебный»)',
    files: ['oldyear.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', sheet: 'Служебный', cell: 'B3', text: /^файл мониторинга 2025 года, а идёт кампания 2026 года/ },
    job: { ops: [{ op: 'set', sheet: 'Служебный', cell: 'B3', value: '2025' }] },
  },
  {
    id: 'jslink',
    what: '«javascript:alert(1)» as an evidence link',
    files: ['jslink.xlsx'],
    outcome: 'есть ошибки',
    message: { severity: 'ошибка', input: 'EV_A1_R1', text: /^недопустимая ссылка — нужна ссылка http:\/\/ или https:\/\// },
    job: { ops: [setName('EV_A1_R1', 'javascript:alert(1)')] },
  },
];

withTools([OPENPYXL], 'испорченные и чужие файлы', () => {
  const dir = path.join(tempDir('bad-input'), 'kampania');
  const received = path.join(dir, 'received');
  let results: JobResult[] = [];
  let summary: ValidationSummary;
  let validateCode: number | null = null;
  let report: Dump['sheets'][number]['rows'] = [];
  const where = new Map<string, [string, string]>();

  beforeAll(() => {
    expect(msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый округ']).code).toBe(0);
    writeRegistry(dir, REGISTRY);
    expect(msoko(['generate', dir]).code).toBe(0);
    mkdirSync(received, { recursive: true });
    const src = (id: string): string => path.join(dir, 'schools', `${id}.xlsx`);
    const jobs: Job[] = [
      ...VALID.map((id) => ({ src: src(id), dst: path.join(received, `${id}.xlsx`), fill: form(id), ops: [] })),
      ...['dup.xlsx', 'dup (копия).xlsx'].map((f) => ({ src: src('dup'), dst: path.join(received, f), fill: form('dup'), ops: [] })),
      {
        src: src('noname'),
        dst: path.join(received, 'noname.xlsx'),
        fill: form('noname'),
        ops: [
          { op: 'delete_name', name: 'A1_C3' },
          { op: 'delete_name', name: 'STATUS' },
        ],
      },
      { dst: path.join(received, 'worddoc.xlsx'), docx: true },
      ...SCENARIOS.filter((s) => s.job).map((s) => ({
        src: src(s.job?.src ?? s.id),
        dst: path.join(received, s.files[0] ?? ''),
        fill: s.job?.fill ?? form(s.id),
        ops: s.job?.ops ?? [],
      })),
    ];
    results = mutate(jobs, dir);
    for (const r of results) for (const [name, [sheet, cell]] of Object.entries(r.cells)) where.set(name, [sheet, cell]);
    writeFileSync(path.join(received, 'corrupt.xlsx'), randomBytes(8192));
    const run = msokoJson<ValidationSummary>(['validate', dir, '--json']);
    summary = run.json;
    validateCode = run.code;
    report = dumpXlsx(summary.report).sheets.find((s) => s.title === 'Проверка')?.rows ?? [];
  }, 240_000);

  test('openpyxl made every file from the filled forms (all names found)', () => {
    expect(results.filter((r) => r.missing.length > 0)).toEqual([]);
    expect(results.filter((r) => r.filled > 0).length).toBe(results.length - 1); // all but the .docx
  });

  test('validate --json completes with exit 1 («завершено с ошибками») and the valid schools stay accepted', () => {
    expect(validateCode).toBe(1);
    expect(summary.completedWithErrors).toBe(true);
    const status = (id: string): string | undefined => summary.schools.find((s) => s.id === id)?.status;
    expect([...VALID, 'noname'].map((id) => [id, status(id), summary.schools.find((s) => s.id === id)?.errors])).toEqual(
      [...VALID, 'noname'].map((id) => [id, 'принято к своду', 0]),
    );
    expect(existsSync(summary.report)).toBe(true);
  });

  test.each(SCENARIOS.map((s) => [s.what, s]))('%s: named with file, sheet, cell and indicator', (_what, s) => {
    const entry =
      s.outcome === 'stray' ? undefined : (summary.schools.find((x) => x.files.includes(s.files[0] ?? '')) ?? summary.schools.find((x) => x.id === s.id));
    const messages = s.outcome === 'stray' ? (summary.strays.find((x) => x.file === s.files[0])?.messages ?? []) : (entry?.messages ?? []);
    if (s.outcome !== 'stray') expect([entry?.status, [...(entry?.files ?? [])].sort()]).toEqual([s.outcome, s.files]);
    const [sheet, cell] = s.message.input ? (where.get(s.message.input) ?? ['?', '?']) : [s.message.sheet ?? null, s.message.cell ?? null];
    const indicator = s.message.input ? label(s.message.input) : null;
    // the console/JSON line: «Лист «…», ячейка D5 («показатель»): текст» (a warning starts with «Предупреждение.»)
    const head = `${s.message.severity === 'предупреждение' ? 'Предупреждение. ' : ''}${sheet ? `Лист «${sheet}»${cell ? `, ячейка ${cell}` : ''}` : 'Файл'}`;
    // a finding about the whole file whose text names the file is said without the «Файл:» head («Файл .xlsx повреждён…»)
    const plain = (m: string): string => `${m.charAt(0).toLowerCase()}${m.slice(1)}`;
    const line = messages.find(
      (m) => (m.startsWith(head) && s.message.text.test(m.slice(m.indexOf(': ') + 2))) || (!sheet && /^файл/.test(plain(m)) && s.message.text.test(plain(m))),
    );
    expect({ messages, found: line !== undefined }).toEqual({ messages, found: true });
    if (indicator) expect(line).toContain(`(«${indicator.slice(0, 60)}`);
    // out/validation.xlsx: ОО | Файл | Важность | Лист | Ячейка | Показатель | Сообщение
    const row = report.find(
      (r) => String(r[1] ?? '').includes(s.files[0] ?? '?') && r[3] === sheet && r[4] === cell && s.message.text.test(String(r[6] ?? '')),
    );
    expect(row?.slice(1, 6)).toEqual([s.outcome === 'stray' || s.id !== 'dup' ? s.files[0] : s.files.join(', '), s.message.severity, sheet, cell, indicator]);
  });

  test('consolidate still writes the appendices from the accepted schools; renamed sheets and moved rows are read', () => {
    const r = msoko(['consolidate', dir]);
    expect(r.code).toBe(1);
    const result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(dir, 'out', 'appendices.json'), 'utf8')));
    const accepted = result.schools
      .filter((x) => x.status === 'accepted')
      .map((x) => x.id)
      .sort();
    expect(accepted).toEqual([...VALID, 'insrows', 'noname', 'rensheet'].sort());
    expect(result.appendices.flatMap((a) => a.rows.flatMap((row) => row.cells)).find((c) => c.key === 'A1.R1.C1')?.n).toBe(accepted.length);
    expect(JSON.stringify(result)).not.toContain('javascript:');
    const values = JSON.parse(readFileSync(path.join(dir, 'out', 'school-values.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    for (const [id, input] of [
      ['rensheet', 'A3_C2_NOO'],
      ['insrows', 'A2_R3_C1'],
      ['insrows', 'A2_C6'],
      ['noname', 'A1_C3'],
    ] as const) {
      expect([id, input, values[id]?.[input]]).toEqual([id, input, typed.get(id)?.[input]]);
    }
  });

  test('another school’s file under a registry school’s name rejects that school only, not the valid owner', () => {
    const copy = path.join(received, 'swap2.xlsx');
    copyFileSync(path.join(received, 'ok2.xlsx'), copy);
    try {
      const { json } = msokoJson<ValidationSummary>(['validate', dir, '--json']);
      const by = (id: string) => json.schools.find((x) => x.id === id);
      expect([by('ok2')?.status, by('ok2')?.files]).toEqual(['принято к своду', ['ok2.xlsx']]);
      expect([by('swap2')?.status, by('swap2')?.files]).toEqual(['есть ошибки', ['swap2.xlsx']]);
      expect(by('swap2')?.messages.join('\n')).toMatch(/файл принадлежит другой ОО \(код «ok2»\), а ожидался файл ОО «swap2»/);
    } finally {
      rmSync(copy, { force: true });
    }
  });
});
