/** Letters to schools (issue 19): placeholders, addresses, header safety, selection rules and the texts sheet. */
import type { School } from '../../../src/core/campaign/schema';
import { emailProblem, headerText, recipients } from '../../../src/core/letters/address';
import { type LetterCampaign, type LetterSchool, composeLetter } from '../../../src/core/letters/compose';
import { type Candidate, type Delivery, lastLetters, selectSchools } from '../../../src/core/letters/delivery';
import { LETTER_KINDS } from '../../../src/core/letters/kinds';
import { PLACEHOLDERS, renderTemplate, templateProblems } from '../../../src/core/letters/placeholders';
import { defaultLetterTexts, textsProblems } from '../../../src/core/letters/texts';
import { lettersWorkbookSpec, parseLettersWorkbook } from '../../../src/core/letters/workbook';
import { message } from '../../../src/core/submission/messages';
import type { SheetGrid } from '../../../src/core/submission/parse';
import { campaign, catalog } from '../builders';

const HOSTILE = 'Школа\r\nBcc: x@evil.ru\r\n\r\nтело';

const school = (id: string, over: Partial<School> = {}): School => ({
  id,
  name: `МБОУ «Школа ${id}»`,
  shortName: `Школа ${id}`,
  type: 'СОШ',
  emails: [`${id}@edu.ru`],
  ...over,
});

const common = (over: Partial<LetterCampaign> = {}): LetterCampaign => ({
  campaign: campaign({ senderName: 'Иванова И. И.', senderEmail: 'oo@edu.ru' }),
  catalogTitle: catalog().title,
  texts: defaultLetterTexts(),
  today: '06.12.2026',
  ...over,
});

const target = (s: School, over: Partial<LetterSchool> = {}): LetterSchool => ({
  school: s,
  to: recipients(s.emails).to,
  state: 'missing',
  messages: [],
  returnReason: null,
  file: { name: `${s.id}.xlsx`, link: null },
  ...over,
});

describe('placeholders', () => {
  test('every placeholder of the default texts is known and allowed in its letter', () => {
    expect(textsProblems(defaultLetterTexts())).toEqual([]);
  });

  test('an unknown placeholder is a Russian error naming it; a placeholder of another letter is refused', () => {
    expect(templateProblems('Уважаемый {директор}!', 'launch')[0]).toMatch(/неизвестная подстановка \{директор\}; допустимы: \{школа\}/);
    expect(templateProblems('{замечания}', 'launch')[0]).toMatch(/\{замечания\} не используется в письме «О проведении мониторинга»/);
    expect(templateProblems('{замечания}', 'reminder')).toEqual([]);
    expect(templateProblems('до {срок', 'launch')[0]).toMatch(/фигурная скобка без пары/);
    expect(templateProblems('{ Школа }', 'launch')).toEqual([]);
  });

  test('rendering replaces every placeholder and drops a line whose placeholders all came out empty', () => {
    expect(renderTemplate('{школа}, срок {срок}\n{отправитель}\nконец', { школа: 'СОШ № 1', срок: '15.12.2026', отправитель: '' })).toBe(
      'СОШ № 1, срок 15.12.2026\nконец',
    );
    expect(PLACEHOLDERS.map((p) => p.name)).toEqual(expect.arrayContaining(['школа', 'срок', 'год', 'муниципалитет', 'отдел', 'замечания', 'файл', 'ссылка']));
  });

  test('the launch letter tells the goal, the deadline and the procedure, with the campaign data', () => {
    const letter = composeLetter('launch', common(), target(school('s1')));
    expect(letter.subject).toBe(`Мониторинг системы воспитания и социализации обучающихся 2026: таблица Школа s1, сведения до 15.12.2026`);
    expect(letter.body).toContain('Руководителю образовательной организации\nМБОУ «Школа s1»');
    expect(letter.body).toContain('Цель мониторинга');
    expect(letter.body).toContain('Срок представления сведений — до 15.12.2026.');
    expect(letter.body).toContain('Порядок проведения:');
    expect(letter.body).toContain('(s1.xlsx): во вложении к письму');
    expect(letter.body).toContain('Демонстрационный муниципальный округ');
    expect(letter.body).toContain('Иванова И. И.\nОтдел управления образованием');
    expect(letter.body).not.toMatch(/\{|\}/);
    expect(letter.from).toEqual({ name: 'Иванова И. И.', address: 'oo@edu.ru' });
    expect(letter.to).toEqual(['s1@edu.ru']);
  });

  test('without a deadline or sender the letter still reads; an edited text is used as it is', () => {
    const texts = defaultLetterTexts();
    texts.recommendations = { subject: 'Рекомендации {год}', body: 'Для {школа_кратко}: {файл}.\n{отправитель}' };
    const c = common({ campaign: campaign({ deadline: undefined }), texts });
    expect(composeLetter('launch', c, target(school('s1'))).body).toContain('до установленного отделом срока');
    const rec = composeLetter('recommendations', c, target(school('s1'), { file: { name: 's1.docx', link: null } }));
    expect(rec).toMatchObject({ subject: 'Рекомендации 2026', body: 'Для Школа s1: s1.docx.', from: { name: 'Отдел управления образованием', address: null } });
  });
});

describe('reminders', () => {
  test('a reminder lists the school’s own findings by sheet and cell, errors first', () => {
    const messages = [
      message('warning', 'year-change', 'изменение к прошлому году +80 %', { sheet: 'Приложение 1', cell: 'D9' }),
      message('error', 'required', 'не заполнено', { sheet: 'Приложение 2', cell: 'D15', indicator: 'Педагогов' }),
    ];
    const letter = composeLetter('reminder', common(), target(school('s1'), { state: 'errors', messages, file: null }));
    expect(letter.body).toContain('Состояние таблицы вашей организации на 06.12.2026: есть ошибки.');
    const lines = letter.body.split('\n').filter((l) => l.startsWith('— '));
    expect(lines).toEqual([
      '— Лист «Приложение 2», ячейка D15 («Педагогов»): не заполнено',
      '— Предупреждение. Лист «Приложение 1», ячейка D9: изменение к прошлому году +80 %',
    ]);
  });

  test('a missing file and a returned one say so; a long list is cut with a count', () => {
    expect(composeLetter('reminder', common(), target(school('s1'))).body).toContain('— таблица не получена');
    const returned = composeLetter('reminder', common(), target(school('s1'), { state: 'returned', returnReason: 'нет данных\r\nо кружках' }));
    expect(returned.body).toContain('— таблица возвращена на доработку: нет данных о кружках');
    const many = Array.from({ length: 40 }, (_, i) => message('error', 'required', 'не заполнено', { sheet: 'Приложение 1', cell: `D${i + 1}` }));
    const body = composeLetter('reminder', common(), target(school('s1'), { state: 'errors', messages: many })).body;
    expect(body).toContain('… и ещё 10');
  });
});

describe('addresses and injection', () => {
  test('addresses: RFC-ish, several per school, each once; a bad one is refused with a reason', () => {
    expect(recipients(['a@edu.ru', 'A@EDU.RU', ' b.c+d@mail.example.org '])).toEqual({ to: ['a@edu.ru', 'b.c+d@mail.example.org'], refused: [] });
    for (const bad of ['a@b', 'a b@c.ru', 'a@b.ru\r\nBcc: x@evil.ru', 'a@@b.ru', '<a@b.ru>', 'a@школа.рф', '.a@b.ru', 'a@-b.ru'])
      expect([bad, emailProblem(bad)]).not.toEqual([bad, null]);
    const r = recipients(['x@evil.ru\r\nBcc: y@evil.ru']);
    expect(r.to).toEqual([]);
    expect(r.refused[0]?.address).not.toMatch(/[\r\n]/);
  });

  test('a hostile school name or reason cannot break a header or start a body line', () => {
    const s = school('s1', { name: HOSTILE, shortName: HOSTILE });
    for (const kind of LETTER_KINDS) {
      const letter = composeLetter(
        kind,
        common({ campaign: campaign({ senderName: `Отдел\nBcc: x@evil.ru`, senderEmail: 'oo@edu.ru' }) }),
        target(s, { returnReason: HOSTILE }),
      );
      for (const header of [letter.subject, letter.from.name, letter.schoolName, ...letter.to]) expect(header).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(letter.subject).toContain('Школа Bcc: x@evil.ru тело');
      expect(letter.body.split('\n').some((l) => l.startsWith('Bcc:'))).toBe(false);
    }
    expect(headerText('a\u2028b\u202ec\u0085d\u0000e')).toBe('a b c d e');
  });
});

describe('selection', () => {
  const now = new Date('2026-12-20T10:00:00Z');
  const rules = { now, reminderDays: 7, resend: false };
  const c = (id: string, state: Candidate['state'], hasFile = true): Candidate => ({ school: school(id), state, hasFile });
  const sent = (schoolId: string, kind: Delivery['kind'], at: string): Delivery => ({ schoolId, kind, at, subject: 's' });
  const ids = (x: { chosen: Candidate[] }): string[] => x.chosen.map((k) => k.school.id);

  test('reminders go to missing, filling, errors and returned schools only', () => {
    const all = [c('m', 'missing'), c('f', 'filling'), c('e', 'errors'), c('r', 'returned'), c('ready', 'ready'), c('a', 'accepted')];
    const out = selectSchools(all, [], { ...rules, kind: 'reminder' });
    expect(ids(out)).toEqual(['m', 'f', 'e', 'r']);
    expect(out.skipped.map((s) => s.reason)).toEqual(['таблица готова к проверке', 'сведения приняты']);
  });

  test('at most one reminder in N days, even when a resend is asked', () => {
    const log = [sent('m', 'reminder', '2026-12-15T09:00:00Z'), sent('f', 'reminder', '2026-12-13T09:00:00Z'), sent('e', 'launch', '2026-12-19T09:00:00Z')];
    const all = [c('m', 'missing'), c('f', 'filling'), c('e', 'errors')];
    const out = selectSchools(all, log, { ...rules, kind: 'reminder', resend: true });
    expect(ids(out)).toEqual(['f', 'e']);
    expect(out.skipped[0]?.reason).toBe('напоминание уже отправлено 15.12.2026; следующее — не раньше 22.12.2026');
    expect(ids(selectSchools(all, log, { ...rules, kind: 'reminder', reminderDays: 3 }))).toEqual(['m', 'f', 'e']);
  });

  test('launch and recommendations go once per school unless resent, and only with the school’s file', () => {
    const log = [sent('a', 'launch', '2026-12-01T09:00:00Z'), sent('b', 'recommendations', '2026-12-01T09:00:00Z')];
    const all = [c('a', null), c('b', null), c('c', null, false)];
    const launch = selectSchools(all, log, { ...rules, kind: 'launch' });
    expect(ids(launch)).toEqual(['b']);
    expect(launch.skipped.map((s) => [s.schoolId, s.reason])).toEqual([
      ['a', 'письмо «О проведении мониторинга» уже отправлено 01.12.2026; повторно — только по явному запросу'],
      ['c', 'нет таблицы школы — сначала создайте таблицы школ'],
    ]);
    expect(ids(selectSchools(all, log, { ...rules, kind: 'launch', resend: true }))).toEqual(['a', 'b']);
    expect(ids(selectSchools(all, log, { ...rules, kind: 'recommendations' }))).toEqual(['a']);
    expect(lastLetters([...log, sent('a', 'reminder', '2026-12-05T00:00:00Z')]).get('a')?.kind).toBe('reminder');
  });
});

describe('the «Тексты писем» sheet', () => {
  /** The spec's literal cells as a read grid (what the reader gives back for an untouched file). */
  function gridOf(edit: (values: unknown[][], formulas: (string | null)[][]) => void = () => undefined): { sheets: SheetGrid[] } {
    const spec = lettersWorkbookSpec(defaultLetterTexts()).sheets[0];
    if (!spec) throw new Error('no sheet');
    const values: unknown[][] = [];
    const formulas: (string | null)[][] = [];
    for (const cell of spec.cells) {
      values[cell.row - 1] ??= [];
      (values[cell.row - 1] as unknown[])[cell.col - 1] = cell.value ?? null;
    }
    edit(values, formulas);
    return { sheets: [{ name: spec.name, values, formulas }] };
  }

  test('the defaults read back as they were written', () => {
    expect(parseLettersWorkbook(gridOf())).toEqual({ texts: defaultLetterTexts() });
  });

  test('a bad text names its sheet and cell; a formula is refused, never evaluated', () => {
    const out = parseLettersWorkbook(
      gridOf((v, f) => {
        (v[4] as unknown[])[3] = 'Уважаемый {директор}!';
        f[3] = [null, null, 'CONCAT("a","b")'];
        (v[5] as unknown[])[2] = '';
      }),
    );
    expect(out).toEqual({
      problems: ['Лист «Тексты писем», ячейка C4: формула вместо текста — введите текст (формулы не вычисляются)'],
    });
    const second = parseLettersWorkbook(
      gridOf((v) => {
        (v[4] as unknown[])[3] = 'Уважаемый {директор}!';
        (v[5] as unknown[])[2] = '';
      }),
    );
    expect('problems' in second && second.problems).toEqual([
      expect.stringMatching(/^Лист «Тексты писем», ячейка D5: неизвестная подстановка \{директор\}/),
      'Лист «Тексты писем», ячейка C6: тема не заполнена',
    ]);
  });

  test('a row lost is named', () => {
    const out = parseLettersWorkbook(gridOf((v) => ((v[3] as unknown[])[1] = 'запуск')));
    expect(out).toEqual({ problems: ['Лист «Тексты писем»: нет строки письма «О проведении мониторинга» (код launch в столбце B)'] });
  });
});
