/** The application layer on its own: the rules both front ends share, over an in-memory store and a fixed clock. */
import { catalogOf, newCampaign, parseRegistry, registrySchools } from '../../src/app/campaign';
import { consolidateCampaign } from '../../src/app/consolidate';
import { decide, decisionLabel, decisionRequest } from '../../src/app/decide';
import { draftDocuments } from '../../src/app/documents';
import { UserFacingError } from '../../src/app/errors';
import { asReceived, schoolState, stateCounts } from '../../src/app/schools';
import { importSurveyCsv, recordSurvey } from '../../src/app/surveys';
import type { School } from '../../src/core/campaign/schema';
import { DEMO_CAMPAIGN } from '../../src/core/demo/municipality';
import { message } from '../../src/core/submission/messages';
import { REGISTRY, blankValues, catalog, demoOutcomes, outcome, school } from '../core/builders';
import { MemoryStore, fixedClock } from './memory-store';

const ctx = { campaign: { ...DEMO_CAMPAIGN, targetOverrides: {} }, catalog: catalog(), schools: REGISTRY };
const clock = fixedClock();

describe('new campaign and registry', () => {
  test('defaults, and Russian refusals', () => {
    expect(newCampaign({ year: 2026, municipality: '  Каларский округ ' })).toEqual({
      year: 2026,
      municipality: 'Каларский округ',
      department: 'Отдел управления образованием',
      catalogId: 'kalar',
      targetOverrides: {},
    });
    expect(() => newCampaign({ year: 1999, municipality: 'X' })).toThrow(UserFacingError);
    expect(() => newCampaign({ year: 2026, municipality: 'Округ', catalogId: 'constructor' })).toThrow('Каталог «constructor» не найден');
    expect(() => catalogOf('nope')).toThrow(UserFacingError);
  });

  test('one parser for both headers; the short name falls back to the full name; bad rows are named', () => {
    const english = parseRegistry([
      ['id', 'name', 'short_name', 'type', 'emails'],
      ['s1', 'Школа номер один', '', 'сош', 'a@b.ru; c@d.ru'],
      [],
      ['s1', 'Дубль', 'Д', 'СОШ', ''],
      ['s 2', 'Ш', 'Ш', 'ВУЗ', 'нет'],
    ]);
    expect(english.rows.map((r) => [r.school.id, r.school.shortName, r.school.type, r.school.emails, r.line])).toEqual([
      ['s1', 'Школа номер один', 'СОШ', ['a@b.ru', 'c@d.ru'], 2],
    ]);
    expect(english.problems.map((p) => p.slice(0, 9))).toEqual(['строка 4:', 'строка 5:']);
    const russian = parseRegistry([
      ['Код', 'Полное наименование', 'Краткое наименование', 'Тип (НОШ/ООШ/СОШ)', 'E-mail (через ;)', 'Файл школы'],
      ['s1', 'Школа номер один', 'Ш1', 'НОШ', '', 'https://x'],
    ]);
    expect(russian.rows.map((r) => r.school)).toEqual([{ id: 's1', name: 'Школа номер один', shortName: 'Ш1', type: 'НОШ', emails: [] }]);
    expect(() => registrySchools(english, 'schools.csv')).toThrow(/^schools\.csv:\n {2}строка 4: код ОО «s1» повторяется/);
    expect(parseRegistry([['id', 'name']]).missing).toEqual(['type', 'emails']);
  });
});

describe('decisions', () => {
  const sosh1 = school('sosh1');

  test('accept only a received file without errors; a return needs a reason and a readable file', () => {
    const missing = outcome(sosh1, null, 'missing');
    expect(() => decide('accepted', missing, '', null, clock)).toThrow('файл не получен');
    const untouched = outcome(sosh1, blankValues(), 'accepted');
    expect(() => decide('accepted', untouched, '', null, clock)).toThrow('файл не получен');
    const withErrors = { ...outcome(sosh1, { P_NOO: 'x' }, 'rejected'), messages: [message('error', 'nan', 'нужно число')] };
    expect(() => decide('accepted', withErrors, '', null, clock)).toThrow('в файле есть ошибки (1)');
    expect(() => decisionRequest({ schoolId: 'sosh1', reason: '  ' }, 'returned')).toThrow('Укажите причину возврата.');
    expect(() => decide('returned', missing, 'причина', null, clock)).toThrow('нет читаемого файла');
    const returned = decide('returned', withErrors, ' Исправьте ', '2026-12-01T00:00:00.000Z', clock);
    expect(returned.decision).toEqual({ state: 'returned', reason: 'Исправьте', at: '2026-12-05T10:15:30.000Z', fileChangedAt: '2026-12-01T00:00:00.000Z' });
    expect(returned.remark).toMatch(/^Возвращено на доработку 05\.12\.2026: Исправьте Ошибки: Файл: нужно число$/);
    expect(decisionLabel(returned.decision, clock)).toBe('возвращено 05.12.2026');
  });

  test('a newer file reopens the school; ids with Russian labels', () => {
    const ready = outcome(sosh1, demoOutcomes(1)[0]?.submission?.values ?? null);
    const accepted = decide('accepted', ready, '', '2026-12-01T00:00:00.000Z', clock).decision;
    expect(schoolState(ready, accepted, '2026-12-01T00:00:00.000Z')).toMatchObject({ state: 'accepted', lifecycle: 'принято' });
    expect(schoolState(ready, accepted, '2026-12-02T00:00:00.000Z')).toMatchObject({ state: 'filling', lifecycle: 'заполняется' });
    expect(stateCounts([{ state: 'accepted' }, { state: 'missing' }, { state: 'missing' }]).map((c) => [c.label, c.count])).toEqual([
      ['не получено', 2],
      ['заполняется', 0],
      ['готово к проверке', 0],
      ['есть ошибки', 0],
      ['возвращено', 0],
      ['принято', 1],
    ]);
    expect(asReceived(outcome(sosh1, blankValues())).status).toBe('missing');
  });
});

describe('consolidation, surveys and documents', () => {
  test('every output sheet, the journal, and nothing saved until the caller writes', () => {
    const store = new MemoryStore();
    const outcomes = [...demoOutcomes(3), outcome(REGISTRY[3] as School, null, 'missing')];
    const out = consolidateCampaign({ ...ctx, schools: REGISTRY.slice(0, 4) }, outcomes, ['stray.xlsx'], [], store, clock);
    expect(out.sheets.map((s) => s.name).slice(11)).toEqual(['Свод по школам', 'Динамика', 'Четыре компонента', 'Диаграммы', 'Журнал']);
    expect(out.journal).toEqual([
      'Получены данные: 3 из 4 ОО',
      'Принято к своду: 3 из 4 ОО',
      `${REGISTRY[3]?.shortName}: данные не получены`,
      'Файл «stray.xlsx» не отнесён ни к одной ОО реестра',
      'Сформированы таблицы: 11 приложений, свод по школам, динамика',
      expect.stringMatching(/^Четыре компонента управленческого цикла: направлений \d+, с пробелами — \d+$/),
      expect.stringMatching(/^Реестр мер: строк \d+, из них с записями отдела — 0; предложений по итогам года — \d+$/),
      expect.stringMatching(/^Диаграммы: \d+ на листе «Диаграммы» и под таблицами приложений$/),
      out.message,
    ]);
    expect(out.completedWithErrors).toBe(true);
    expect(store.writes).toBe(0);
    expect(Object.keys(out.year.schoolValues)).toEqual(REGISTRY.slice(0, 3).map((s) => s.id));
  });

  test('surveys from a CSV and from form responses land in the same store and in the consolidation', () => {
    const store = new MemoryStore();
    const csv = `Образовательная организация,"В целом, насколько Вы удовлетворены условиями воспитания, обучения и развития в школе?"\n${REGISTRY[0]?.shortName},Полностью удовлетворён(а)\nНет такой,Полностью удовлетворён(а)\n`;
    const fromCsv = importSurveyCsv(ctx, csv, 'ответы.csv', 'students', store, clock);
    expect(fromCsv.skipped).toHaveLength(1);
    const forms = recordSurvey(
      ctx,
      'Google Формы',
      [{ group: 'parents', school: REGISTRY[1]?.id ?? '', overall: 'Не удовлетворён(а)', line: 2 }],
      [],
      store,
      clock,
    );
    expect(forms.municipal.students.share).toBe(100);
    expect(forms.municipal.parents.share).toBe(0);
    expect(forms.sheet.name).toBe('Удовлетворённость');
    const out = consolidateCampaign(ctx, demoOutcomes(), [], [], store, clock);
    expect(out.result.surveys?.municipal.parents.respondents).toBe(1);
    expect(out.sheets.map((s) => s.name)).toContain('Удовлетворённость');
    expect(() => recordSurvey({ ...ctx, campaign: { ...ctx.campaign, year: 2030 } }, 'x', [], [], store, clock)).toThrow('относятся к 2026 году');
  });

  test('documents come from the stored result, with last year per school', () => {
    const store = new MemoryStore();
    expect(() => draftDocuments(ctx, store)).toThrow('Нет итогов свода');
    const out = consolidateCampaign(ctx, demoOutcomes(), [], [], store, clock);
    store.saveCurrent(out.year);
    const drafts = draftDocuments(ctx, store);
    expect(drafts.school(REGISTRY[0] as School).audience).toBe('school');
    expect(drafts.report().blocks.length).toBeGreaterThan(5);
  });
});
