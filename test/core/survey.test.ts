import type { School } from '../../src/core/campaign/schema';
import { consolidate } from '../../src/core/consolidate/consolidate';
import type { Block } from '../../src/core/document/model';
import { ConsolidationExportSchema, type SurveysExport } from '../../src/core/export/contract';
import { municipalReport } from '../../src/core/recommend/municipal-report';
import { UserFacingError } from '../../src/core/errors';
import { groupFromFileName, responsesFromCsv } from '../../src/core/survey/csv';
import { parseCsvRows } from '../../src/core/csv';
import { demoSurveyRows } from '../../src/core/survey/demo';
import { surveySheet } from '../../src/core/survey/present';
import { type SurveyImport, emptySurveys, mergeImport, surveyExport } from '../../src/core/survey/store';
import {
  SATISFIED,
  SURVEY_ANSWERS,
  SURVEY_OVERALL_QUESTION,
  SURVEY_SCHOOL_QUESTION,
  type SurveyResponse,
  aggregateSurvey,
  shareOf,
} from '../../src/core/survey/survey';
import { REGISTRY, campaign, catalog, demoOutcomes } from './builders';

const [FULL, RATHER, RATHER_NOT, NOT, UNSURE] = SURVEY_ANSWERS;
const registry: School[] = [
  { id: 'a', name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»', shortName: 'СОШ № 1', type: 'СОШ', emails: [] },
  {
    id: 'b',
    name: 'Муниципальное казённое общеобразовательное учреждение «Основная школа с. Берёзовка»',
    shortName: 'ООШ с. Берёзовка',
    type: 'ООШ',
    emails: [],
  },
];
const r = (school: string, overall: string, group: SurveyResponse['group'] = 'students'): SurveyResponse => ({ group, school, overall });

/** Percent to one decimal, half up, by long division (an independent formulation of the rule). */
function expectedShare(satisfied: number, respondents: number): number | null {
  if (respondents === 0) return null;
  const q = Math.floor((1000 * satisfied) / respondents);
  const rem = 1000 * satisfied - q * respondents;
  return (2 * rem >= respondents ? q + 1 : q) / 10;
}

describe('aggregateSurvey', () => {
  test('the municipal share is the ratio of sums, never the mean of school shares', () => {
    const res = aggregateSurvey([r('СОШ № 1', FULL), r('ООШ с. Берёзовка', RATHER), r('ООШ с. Берёзовка', NOT), r('ООШ с. Берёзовка', UNSURE)], registry);
    expect(res.schools).toEqual([
      { schoolId: 'a', group: 'students', respondents: 1, satisfied: 1 },
      { schoolId: 'b', group: 'students', respondents: 3, satisfied: 1 },
    ]);
    expect(res.municipal.students).toEqual({ respondents: 4, satisfied: 2, share: 50 }); // the mean of 100 and 33,3 would be 66,7
    expect(res.municipal.parents).toEqual({ respondents: 0, satisfied: 0, share: null });
  });

  test('groups are counted apart', () => {
    const res = aggregateSurvey([r('СОШ № 1', FULL), r('СОШ № 1', RATHER_NOT, 'parents'), r('СОШ № 1', RATHER, 'parents')], registry);
    expect(res.municipal).toEqual({ students: { respondents: 1, satisfied: 1, share: 100 }, parents: { respondents: 2, satisfied: 1, share: 50 } });
  });

  test('unknown schools are reported with their row, not dropped silently', () => {
    const res = aggregateSurvey([r('СОШ № 1', FULL), r('Лицей № 5', FULL), r('', FULL)], registry);
    expect(res.municipal.students.respondents).toBe(1);
    expect(res.skipped).toEqual([
      { row: 3, reason: 'ОО «Лицей № 5» нет в реестре' },
      { row: 4, reason: 'не указана образовательная организация' },
    ]);
  });

  test('school names match case- and ё-insensitively, by short name, code or full name', () => {
    const res = aggregateSurvey(
      [
        r('ооШ С. березовка', FULL),
        r('  ООШ   с. Берёзовка ', NOT),
        r('B', RATHER),
        r('муниципальное казённое общеобразовательное учреждение «основная школа с. березовка»', FULL),
      ],
      registry,
    );
    expect(res.skipped).toEqual([]);
    expect(res.schools).toEqual([{ schoolId: 'b', group: 'students', respondents: 4, satisfied: 3 }]);
  });

  test('empty answers and answers off the scale are skipped with the reason; answers match ё-insensitively', () => {
    const res = aggregateSurvey(
      [r('СОШ № 1', ''), r('СОШ № 1', '   '), r('СОШ № 1', 'Отлично'), r('СОШ № 1', 'полностью удовлетворен(а)'), { ...r('СОШ № 1', ''), line: 17 }],
      registry,
    );
    expect(res.schools).toEqual([{ schoolId: 'a', group: 'students', respondents: 1, satisfied: 1 }]);
    expect(res.skipped.map((s) => s.row)).toEqual([2, 3, 4, 17]);
    expect(res.skipped[0]?.reason).toMatch(/нет ответа/);
    expect(res.skipped[2]?.reason).toMatch(/не из шкалы/);
  });

  test('shares round half up to one decimal', () => {
    for (const [s, n] of [
      [1, 8],
      [1, 16],
      [2, 3],
      [1, 3],
      [7, 40],
      [1, 2000],
      [0, 5],
      [5, 5],
      [0, 0],
    ] as const)
      expect(shareOf(s, n)).toBe(expectedShare(s, n));
    expect(SATISFIED.has(FULL) && SATISFIED.has(RATHER) && !SATISFIED.has(UNSURE)).toBe(true);
  });
});

describe('CSV of a Google Form', () => {
  const head = `Отметка времени,${SURVEY_SCHOOL_QUESTION},"${SURVEY_OVERALL_QUESTION}",Что бы Вы изменили?`;

  test('rows keep the line they start on (BOM, CRLF, a quoted field over two lines)', () => {
    const rows = parseCsvRows(
      `\uFEFF${head}\r\n01.10.2026 10:00:00,СОШ № 1,${FULL},"много\r\nкружков"\r\n\r\n02.10.2026 11:00:00,"ООШ с. Берёзовка",${NOT},""\r\n`,
    );
    expect(rows.map((x) => x.line)).toEqual([1, 2, 5]);
    expect(rows[1]?.fields[3]).toBe('много\r\nкружков');
    expect(rows[0]?.fields[0]).toBe('Отметка времени');
  });

  test('columns are found by title; the group comes from --group, else the «Вы —» column, else the file name', () => {
    const byName = responsesFromCsv(`${head}\n1,СОШ № 1,${FULL},\n`, 'Анкета родителей (Ответы).csv', null);
    expect(byName.groupSource).toBe('file');
    expect(byName.responses).toEqual([{ group: 'parents', school: 'СОШ № 1', overall: FULL, line: 2 }]);
    expect(responsesFromCsv(`${head}\n1,СОШ № 1,${FULL},\n`, 'Анкета родителей.csv', 'students').responses[0]?.group).toBe('students');
    const roles = responsesFromCsv(
      `Отметка времени,Вы —,ОО*,"${SURVEY_OVERALL_QUESTION}"\n1,Обучающийся,СОШ № 1,${FULL}\n2,Родитель (законный представитель),СОШ № 1,${NOT}\n3,,СОШ № 1,${NOT}\n`,
      'form.csv',
      null,
    );
    expect(roles.groupSource).toBe('column');
    expect(roles.responses.map((x) => x.group)).toEqual(['students', 'parents']);
    expect(roles.skipped).toEqual([{ row: 4, reason: 'не указано, кто заполнял анкету (обучающийся или родитель)' }]);
    const semicolons = responsesFromCsv(`Школа;"${SURVEY_OVERALL_QUESTION.replace('ё', 'е').toUpperCase()}"\nСОШ № 1;${FULL}\n`, 'ученики.csv', null);
    expect(semicolons.responses).toEqual([{ group: 'students', school: 'СОШ № 1', overall: FULL, line: 2 }]);
  });

  test('a file that is not a survey export, or has no group, is refused in Russian', () => {
    expect(() => responsesFromCsv('', 'x.csv', 'students')).toThrow(UserFacingError);
    expect(() => responsesFromCsv('a,b\n1,2\n', 'x.csv', 'students')).toThrow(/нет столбца «Образовательная организация»/);
    expect(() => responsesFromCsv(`${head}\n`, 'x.csv', 'students')).toThrow(/нет ни одного ответа/);
    expect(() => responsesFromCsv(`${head}\n1,СОШ № 1,${FULL},\n`, 'answers.csv', null)).toThrow(/--group/);
    expect(groupFromFileName('Удовлетворённость условиями обучения.csv')).toBeNull(); // «обучения» is not «ученики»
    expect(groupFromFileName('ответы учеников.csv')).toBe('students');
    expect(groupFromFileName('обучающиеся и родители.csv')).toBeNull();
  });
});

describe('surveys.json and the consolidation', () => {
  const entry = (file: string, group: SurveyImport['group'], respondents: number, satisfied: number): SurveyImport => ({
    file,
    group,
    importedAt: '2026-10-01T00:00:00.000Z',
    rows: respondents,
    skipped: 0,
    schools: [{ schoolId: 'a', respondents, satisfied }],
  });

  test('the same file for the same group replaces its contribution; another file adds to it', () => {
    let store = mergeImport(emptySurveys(2026), entry('s.csv', 'students', 10, 7));
    store = mergeImport(store, entry('s.csv', 'students', 10, 7));
    expect(store.schools).toEqual([{ schoolId: 'a', group: 'students', respondents: 10, satisfied: 7 }]);
    store = mergeImport(store, entry('s2.csv', 'students', 5, 5));
    store = mergeImport(store, entry('s.csv', 'parents', 4, 1));
    expect(store.imports).toHaveLength(3);
    expect(store.schools).toEqual([
      { schoolId: 'a', group: 'parents', respondents: 4, satisfied: 1 },
      { schoolId: 'a', group: 'students', respondents: 15, satisfied: 12 },
    ]);
  });

  test('the export keeps registry schools only and carries last year’s municipal shares', () => {
    const store = mergeImport(mergeImport(emptySurveys(2026), entry('s.csv', 'students', 10, 7)), {
      ...entry('s.csv', 'parents', 3, 3),
      schools: [{ schoolId: 'gone', respondents: 3, satisfied: 3 }],
    });
    const exp = surveyExport(store, registry, null);
    expect(exp.municipal.students).toEqual({ respondents: 10, satisfied: 7, share: 70 });
    expect(exp.municipal.parents.respondents).toBe(0);
    expect(exp.previous).toBeNull();
    expect(surveySheet(exp, registry).name).toBe('Удовлетворённость');
  });

  test('the report section names no school, says how many answered and shows the dynamics', () => {
    const core = consolidate({ catalog: catalog(), campaign: campaign(), outcomes: demoOutcomes(4), previous: null });
    const rows = demoSurveyRows(REGISTRY, 'students', 2026, 11);
    const res = aggregateSurvey(
      rows.slice(1).map((x) => r(x[1] ?? '', x[2] ?? '')),
      REGISTRY,
    );
    const surveys: SurveysExport = {
      ...surveyExport({ year: 2026, imports: [], schools: res.schools }, REGISTRY, null),
      previous: { students: { respondents: 100, satisfied: 60, share: 60 }, parents: { respondents: 0, satisfied: 0, share: null } },
    };
    const result = ConsolidationExportSchema.parse({ ...core, surveys });
    const doc = municipalReport(catalog(), campaign(), result);
    const text = doc.blocks
      .map((b: Block) =>
        b.type === 'table' ? [...b.header, ...b.rows.flat()].join(' ') : b.type === 'bullets' ? b.items.join(' ') : b.type === 'chart' ? b.chart.alt : b.text,
      )
      .join('\n');
    expect(text).toContain('Удовлетворённость обучающихся и родителей');
    expect(text).toContain(`обучающихся — ${res.municipal.students.respondents}`);
    expect(text).toContain(`${String(res.municipal.students.share).replace('.', ',')} %`);
    expect(text).toMatch(/у обучающихся (выросла|снизилась) с 60 %/);
    const section = text.slice(text.indexOf('Удовлетворённость обучающихся'), text.indexOf('Предлагаемые управленческие меры'));
    for (const s of REGISTRY) expect(section).not.toContain(s.shortName);
    expect(res.skipped.length).toBeGreaterThanOrEqual(3); // the demo plants two strangers and an empty answer
    // a previous-year file without surveys still reads (the field is optional)
    const { surveys: _dropped, ...old } = result;
    expect(ConsolidationExportSchema.safeParse(old).success).toBe(true);
    expect(municipalReport(catalog(), campaign(), old).blocks.some((b) => b.type === 'heading' && b.text.startsWith('Удовлетворённость'))).toBe(false);
  });
});
