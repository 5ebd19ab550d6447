/**
 * `msoko import-survey` end to end on the BUILT CLI: Google-Forms CSV exports → DIR/surveys.json → `consolidate`
 * (appendices.json `surveys`, sheet «Удовлетворённость») → `recommend` (report.docx). Expected shares are computed
 * here from the rows the test writes, not by the tool's code.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { msoko, school, tempDir, writeRegistry } from './helpers';

const OVERALL = 'В целом, насколько Вы удовлетворены условиями воспитания, обучения и развития в школе?';
const SATISFIED = ['Полностью удовлетворён(а)', 'Скорее удовлетворён(а)'];
const NOT = ['Скорее не удовлетворён(а)', 'Не удовлетворён(а)', 'Затрудняюсь ответить'];
const SCHOOLS = [school('s1', 'СОШ', 'СОШ № 1'), school('s2', 'ООШ', 'ООШ с. Берёзовка'), school('s3', 'НОШ', 'НОШ п. Северный')];

type Group = 'students' | 'parents';
/** One response as the test writes it: the registry id it means (null: a school not in the registry), what was typed, the answer. */
type Row = [id: string | null, typed: string, answer: string];

const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** A Google Forms export: BOM, CRLF, quoted fields where needed. */
const csv = (lines: string[][]): string => `\uFEFF${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`;
const stamp = (i: number): string => `0${1 + (i % 9)}.10.2026 1${i % 10}:0${i % 6}:00`;

/** n responses for a school, `yes` of them satisfied, answers spread over the scale. */
const many = (id: string, typed: string, n: number, yes: number): Row[] =>
  Array.from({ length: n }, (_, i): Row => [id, typed, i < yes ? (SATISFIED[i % 2] as string) : (NOT[i % 3] as string)]);

const STUDENTS_1: Row[] = [...many('s1', 'СОШ № 1', 12, 9), ...many('s2', 'ооШ с. березовка', 7, 3), ...many('s3', 'НОШ П. СЕВЕРНЫЙ', 5, 5)];
const STUDENTS_2: Row[] = [...many('s1', 'СОШ № 1', 4, 1), ...many('s3', 's3', 3, 2)];
const PARENTS: Row[] = [...many('s1', 'СОШ № 1', 9, 8), ...many('s2', 'ООШ с. Берёзовка', 6, 2)];

function studentsCsv(rows: Row[]): string {
  return csv([
    ['Отметка времени', 'Образовательная организация', OVERALL, 'Что бы Вы изменили в школе?'],
    ...rows.map(([, typed, answer], i) => [stamp(i), typed, answer, i % 4 === 0 ? 'больше кружков, секций' : '']),
  ]);
}

/** Independent tally: Σ satisfied / Σ respondents per group, half up to one decimal by long division. */
function expected(groups: Record<Group, Row[]>) {
  const share = (s: number, n: number): number | null => {
    if (n === 0) return null;
    const q = Math.floor((1000 * s) / n);
    return (2 * (1000 * s - q * n) >= n ? q + 1 : q) / 10;
  };
  const total = (rows: Row[]) => {
    const used = rows.filter(([id, , a]) => id !== null && (SATISFIED.includes(a) || NOT.includes(a)));
    const satisfied = used.filter(([, , a]) => SATISFIED.includes(a)).length;
    return { respondents: used.length, satisfied, share: share(satisfied, used.length) };
  };
  return { students: total(groups.students), parents: total(groups.parents) };
}

interface SurveysJson {
  year: number;
  imports: { file: string; group: Group; rows: number; skipped: number }[];
  schools: { schoolId: string; group: Group; respondents: number; satisfied: number }[];
}

const root = tempDir('survey');
const dir = path.join(root, 'kampania');
const files = path.join(root, 'files');
const surveysJson = (): SurveysJson => JSON.parse(readFileSync(path.join(dir, 'surveys.json'), 'utf8')) as SurveysJson;
const write = (name: string, text: string): string => {
  const p = path.join(files, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  mkdirSync(files, { recursive: true });
  expect(msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый муниципальный округ']).code).toBe(0);
  writeRegistry(dir, SCHOOLS);
});

describe('msoko import-survey', () => {
  const students = (): string => write('Анкета обучающихся (Ответы).csv', studentsCsv(STUDENTS_1));

  test('a students export is counted per school; re-importing the same file changes nothing', () => {
    const file = students();
    const first = msoko(['import-survey', dir, file]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('обучающиеся: учтено ответов 24 по 3 ОО');
    const once = surveysJson();
    expect(once.schools).toEqual([
      { schoolId: 's1', group: 'students', respondents: 12, satisfied: 9 },
      { schoolId: 's2', group: 'students', respondents: 7, satisfied: 3 },
      { schoolId: 's3', group: 'students', respondents: 5, satisfied: 5 },
    ]);
    expect(msoko(['import-survey', dir, file]).code).toBe(0);
    const twice = surveysJson();
    expect(twice.schools).toEqual(once.schools);
    expect(twice.imports).toHaveLength(1);
    // counts only: no answer, no timestamp, no free text of a respondent is stored
    const text = readFileSync(path.join(dir, 'surveys.json'), 'utf8');
    for (const leak of ['удовлетворён', 'кружков', '.10.2026', 'березовка']) expect(text).not.toContain(leak);
  });

  test('a parents export with skipped rows: exit 1, every skipped row reported with its line', () => {
    const lines = [
      ['Отметка времени', 'Кто заполняет анкету', 'ОО', OVERALL, 'Комментарий'],
      ...PARENTS.map(([, typed, answer], i) => [stamp(i), 'Родитель (законный представитель)', typed, answer, i === 0 ? 'первая строка\nвторая строка' : '']),
      ['10.10.2026 10:00:00', 'Родитель (законный представитель)', 'Лицей № 9', SATISFIED[0] as string, ''],
      ['10.10.2026 10:05:00', 'Родитель (законный представитель)', 'СОШ № 1', '', ''],
    ];
    const file = write('form.csv', csv(lines));
    const run = msoko(['import-survey', dir, file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('родители (законные представители): учтено ответов 15 по 2 ОО, пропущено строк 2');
    // the header is line 1, the first response spans lines 2–3, so the 16th and 17th responses start on lines 18 and 19
    expect(run.stdout).toContain('строка 18: ОО «Лицей № 9» нет в реестре');
    expect(run.stdout).toContain('строка 19: нет ответа на общий вопрос об удовлетворённости');
    expect(surveysJson().imports.map((i) => [i.file, i.group, i.rows, i.skipped])).toEqual([
      ['Анкета обучающихся (Ответы).csv', 'students', 24, 0],
      ['form.csv', 'parents', 15, 2],
    ]);
  });

  test('a second students file adds to the first (--group, --json)', () => {
    const file = write('smena-2.csv', studentsCsv(STUDENTS_2));
    const run = msoko(['import-survey', dir, file, '--group', 'students', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { municipal: ReturnType<typeof expected> };
    expect(out.municipal).toEqual(expected({ students: [...STUDENTS_1, ...STUDENTS_2], parents: PARENTS }));
    expect(surveysJson().imports).toHaveLength(3);
  });

  test('a bad file or an unknown group: exit 2 with a Russian message, surveys.json untouched', () => {
    const before = readFileSync(path.join(dir, 'surveys.json'), 'utf8');
    const bad = msoko([
      'import-survey',
      dir,
      write(
        'Анкета обучающихся — не та.csv',
        csv([
          ['Отметка времени', 'Класс', 'Оценка'],
          ['1', '5А', '5'],
        ]),
      ),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Ошибка: .*нет столбца «Образовательная организация»/);
    const noGroup = msoko(['import-survey', dir, write('answers.csv', studentsCsv(STUDENTS_2))]);
    expect(noGroup.code).toBe(2);
    expect(noGroup.stderr).toContain('Укажите --group students (обучающиеся) или --group parents (родители)');
    const wrongGroup = msoko(['import-survey', dir, path.join(files, 'answers.csv'), '--group', 'teachers']);
    expect(wrongGroup.code).toBe(2);
    expect(wrongGroup.stderr).toContain('--group «teachers»');
    writeFileSync(path.join(files, 'cp1251.csv'), Buffer.from([0xce, 0xce, 0x2c, 0xc0, 0x0a])); // «ОО,А» in cp1251
    const cp1251 = msoko(['import-survey', dir, path.join(files, 'cp1251.csv'), '--group', 'parents']);
    expect(cp1251.code).toBe(2);
    expect(cp1251.stderr).toContain('не в кодировке UTF-8');
    expect(msoko(['import-survey', dir, path.join(files, 'нет-такого.csv')]).code).toBe(2);
    expect(readFileSync(path.join(dir, 'surveys.json'), 'utf8')).toBe(before);
  });

  test('consolidate without school files puts the surveys into appendices.json and appendices.xlsx; recommend writes the report', async () => {
    expect(msoko(['generate', dir]).code).toBe(0);
    const run = msoko(['consolidate', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(readFileSync(path.join(dir, 'out', 'appendices.json'), 'utf8')) as {
      schools: { status: string }[];
      surveys: { municipal: ReturnType<typeof expected>; previous: unknown; schools: { schoolId: string; group: Group; respondents: number }[] };
    };
    expect(result.schools.every((s) => s.status === 'missing')).toBe(true);
    expect(result.surveys.municipal).toEqual(expected({ students: [...STUDENTS_1, ...STUDENTS_2], parents: PARENTS }));
    expect(result.surveys.previous).toBeNull();
    expect(result.surveys.schools.filter((s) => s.group === 'students').map((s) => [s.schoolId, s.respondents])).toEqual([
      ['s1', 16],
      ['s2', 7],
      ['s3', 8],
    ]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'out', 'appendices.xlsx'));
    const sheet = book.getWorksheet('Удовлетворённость');
    expect(sheet).toBeDefined();
    expect(sheet?.getRow(3).values).toEqual([undefined, 'Муниципалитет (отношение сумм)', 31, 20, 64.5, 15, 10, 66.7]);

    // last year's result with surveys → the change is carried into the result and the report
    const prev = path.join(root, '2025', 'out');
    mkdirSync(prev, { recursive: true });
    copyFileSync(path.join(dir, 'out', 'appendices.json'), path.join(prev, 'appendices.json'));
    const last = JSON.parse(readFileSync(path.join(prev, 'appendices.json'), 'utf8')) as {
      year: number;
      surveys: { municipal: { students: { share: number } } };
    };
    last.year = 2025;
    last.surveys.municipal.students.share = 60;
    writeFileSync(path.join(prev, 'appendices.json'), JSON.stringify(last));
    expect(msoko(['consolidate', dir, '--previous', path.join(prev, 'appendices.json')]).code).toBe(0);
    expect(msoko(['recommend', dir]).code).toBe(0);
    const report = path.join(dir, 'out', 'report.docx');
    expect(existsSync(report)).toBe(true);
    const xml = await (await JSZip.loadAsync(readFileSync(report))).file('word/document.xml')?.async('string');
    const text = (xml ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const section = text.slice(text.indexOf('Удовлетворённость обучающихся и родителей'), text.indexOf('Предлагаемые управленческие меры'));
    expect(section).toContain('Ответили: обучающихся — 31, родителей (законных представителей) — 15');
    expect(section).toContain('у обучающихся выросла с 60 % до 64,5 %');
    for (const s of SCHOOLS) expect(section).not.toContain(s.shortName);
  });
});
