import type { InputKind } from '../../src/core/catalog/schema';
import { cellValueOf } from '../../src/core/layout/grid';
import { type Message, formatMessage, message } from '../../src/core/submission/messages';
import { MAX_PLAUSIBLE, type Value, readValue } from '../../src/core/submission/values';
import { addressOf, check, cloneGrid, expectLocated, filled, positionOf, setInput, sheetOf } from './builders';

const base = filled();

describe('readValue', () => {
  test.each<[InputKind | 'status', unknown, Value, string | null]>([
    ['count', 12, 12, null],
    ['count', '12', 12, 'number-as-text'],
    ['count', ' 1\u00a0500 ', 1500, 'number-as-text'],
    ['count', '12,5', null, 'not-integer'],
    ['number', '12,5', 12.5, 'number-as-text'],
    ['percent', 100, 100, null],
    ['percent', 100.5, null, 'percent-range'],
    ['count', MAX_PLAUSIBLE, MAX_PLAUSIBLE, null],
    ['count', MAX_PLAUSIBLE + 1, null, 'implausible'],
    ['count', Number.NaN, null, 'not-number'],
    ['count', Number.POSITIVE_INFINITY, null, 'not-number'],
    ['count', { formula: 'A1' }, null, 'not-value'],
    ['count', '', null, null],
    ['count', '   ', null, null],
    ['count', undefined, null, null],
    ['flag', 'Да ', true, null],
    ['flag', 'НЕТ', false, null],
    ['flag', true, true, null],
    ['flag', 1, null, 'not-flag'],
    ['url', 'https://school.ru/doc.pdf', 'https://school.ru/doc.pdf', null],
    ['url', 'HTTP://SCHOOL.RU', 'HTTP://SCHOOL.RU', null],
    ['url', 'www.school.ru', null, 'not-url'],
    ['url', 'https:// school.ru', null, 'not-url'],
    ['url', 'data:text/html,<b>x</b>', null, 'unsafe-url'],
    ['url', 'file:///C:/docs/plan.docx', null, 'unsafe-url'],
    ['text', '  план  ', 'план', null],
    ['status', 'Готово к проверке', 'Готово к проверке', null],
    ['flag', '#N/A', null, 'formula-error'],
    ['url', new Date(2024, 0, 1), null, 'date'],
  ])('%s ← %p gives %p (%s)', (kind, raw, value, code) => {
    const reading = readValue(kind, raw);
    expect(reading.value).toEqual(value);
    expect(reading.problem?.code ?? null).toBe(code);
    if (reading.problem) expect(reading.problem.text).toMatch(/[А-Яа-я]/);
  });

  test('cellValueOf writes flags as «да»/«нет» and blanks as empty', () => {
    expect([cellValueOf(true), cellValueOf(false), cellValueOf(null), cellValueOf(3), cellValueOf('x')]).toEqual(['да', 'нет', '', 3, 'x']);
  });
});

describe('the valid baseline', () => {
  test('a demo school file parses and validates without any message', () => {
    const { sub, messages } = check(base.grid);
    expect(messages).toEqual([]);
    expect(sub.schoolId).toBe('sosh1');
    expect(sub.status).toBe('Готово к проверке');
  });
});

interface BadCase {
  name: string;
  id: string;
  raw: unknown;
  severity: Message['severity'];
  code: string;
  text: RegExp;
  /** The value read despite a warning; errors read nothing. */
  value?: Value;
}

const cases: BadCase[] = [
  { name: 'text in a number cell', id: 'A3_C3', raw: 'много', severity: 'error', code: 'not-number', text: /введён текст «много» — нужно число/ },
  { name: '«12 чел.»', id: 'A3_C3', raw: '12 чел.', severity: 'error', code: 'not-number', text: /«12 чел\.» — нужно только число, без единиц измерения/ },
  { name: '«12,5» in a count', id: 'A3_C3', raw: '12,5', severity: 'error', code: 'not-integer', text: /дробное число \(12,5\)/ },
  { name: '12.5 (a number) in a count', id: 'A2_C6', raw: 12.5, severity: 'error', code: 'not-integer', text: /должно быть целым/ },
  { name: '«12» as text', id: 'A3_C3', raw: '12', severity: 'warning', code: 'number-as-text', text: /записано как текст; прочитано как 12/, value: 12 },
  { name: 'a negative number', id: 'A3_C3', raw: -3, severity: 'error', code: 'negative', text: /отрицательное число \(-3\)/ },
  { name: 'a negative number as text', id: 'P_PED', raw: '-40', severity: 'error', code: 'negative', text: /отрицательное/ },
  { name: '1e12 (implausible)', id: 'A3_C3', raw: 1e12, severity: 'error', code: 'implausible', text: /неправдоподобно большое/ },
  { name: "'#REF!'", id: 'A3_C3', raw: '#REF!', severity: 'error', code: 'formula-error', text: /ошибка формулы «#REF!»/ },
  { name: "'#DIV/0!'", id: 'A8_C1', raw: '#DIV/0!', severity: 'error', code: 'formula-error', text: /ошибка формулы «#DIV\/0!»/ },
  { name: 'a Date object in a number cell', id: 'A3_C3', raw: new Date(2025, 8, 1), severity: 'error', code: 'date', text: /дата, а нужно число/ },
  { name: 'a boolean in a number cell', id: 'A3_C3', raw: true, severity: 'error', code: 'not-number', text: /логическое значение/ },
  { name: "flag 'может быть'", id: 'A3_C1', raw: 'может быть', severity: 'error', code: 'not-flag', text: /«может быть» — выберите «да» или «нет»/ },
  { name: "url 'javascript:alert(1)'", id: 'EV_A3_R1', raw: 'javascript:alert(1)', severity: 'error', code: 'unsafe-url', text: /недопустимая ссылка/ },
  { name: "url 'сайт школы'", id: 'EV_A3_R1', raw: 'сайт школы', severity: 'error', code: 'not-url', text: /«сайт школы» — не ссылка/ },
  {
    name: 'a long indicator label is shortened but still recognisable',
    id: 'A2_R1_C1',
    raw: 'семь',
    severity: 'error',
    code: 'not-number',
    text: /нужно число/,
  },
];

describe('a bad value in one cell', () => {
  test.each(cases)('$name → $severity $code at the cell, with sheet and indicator', ({ id, raw, severity, code, text, value }) => {
    const grid = cloneGrid(base.grid);
    setInput(grid, id, raw);
    const { sub, messages } = check(grid);
    const mine = messages.filter((m) => m.inputId === id);
    expect(mine.map((m) => m.code)).toEqual([code]);
    const m = mine[0] as Message;
    expect(m.severity).toBe(severity);
    expect(m.text).toMatch(text);
    expectLocated(m, id);
    expect(formatMessage(m).startsWith('Предупреждение.')).toBe(severity === 'warning');
    expect(sub.values[id]).toEqual(severity === 'error' ? null : value);
    // One bad cell produces no other errors (an unreadable value is not also reported as «не заполнено»).
    expect(messages.filter((x) => x.severity === 'error' && x.inputId !== id)).toEqual([]);
  });

  test('a formula in an input cell is read by its value, with a warning', () => {
    const grid = cloneGrid(base.grid);
    const at = positionOf('A3_C3');
    const sheet = sheetOf(grid, at.sheet);
    sheet.formulas = [];
    sheet.formulas[at.row - 1] = [];
    (sheet.formulas[at.row - 1] as (string | null)[])[at.col - 1] = '=2+3';
    setInput(grid, 'A3_C3', 5);
    const { sub, messages } = check(grid);
    expect(sub.values.A3_C3).toBe(5);
    expect(messages.map((m) => m.code)).toEqual(['formula-input']);
    expect(messages[0]?.text).toContain('«=2+3»');
    expectLocated(messages[0], 'A3_C3');
  });

  test('an edited label is a warning for the sheet; the value is still read by its code', () => {
    const grid = cloneGrid(base.grid);
    const at = positionOf('A3_C3');
    (sheetOf(grid, at.sheet).values[at.row - 1] as unknown[])[1] = 'Службы примирения';
    const { sub, messages } = check(grid);
    expect(sub.values.A3_C3).toBe(base.values.A3_C3);
    expect(messages.map((m) => [m.severity, m.code, m.sheet])).toEqual([['warning', 'labels-edited', 'Приложение 3']]);
  });
});

describe('formatMessage', () => {
  test('names the sheet, the cell and the indicator; warnings are marked', () => {
    const m = message('error', 'x', 'нужно число', { sheet: 'Приложение 2', cell: 'D15', indicator: 'Педагогов' });
    expect(formatMessage(m)).toBe('Лист «Приложение 2», ячейка D15 («Педагогов»): нужно число');
    expect(formatMessage({ ...m, severity: 'warning' })).toBe('Предупреждение. Лист «Приложение 2», ячейка D15 («Педагогов»): нужно число');
    expect(formatMessage(message('error', 'no-stamp', 'нет служебного листа'))).toBe('Файл: нет служебного листа');
  });

  test('shortens an indicator longer than 90 characters with an ellipsis', () => {
    const text = formatMessage(message('error', 'x', 'т', { sheet: 'S', cell: 'A1', indicator: 'я'.repeat(120) }));
    expect(text).toContain(`(«${'я'.repeat(89)}…»)`);
  });

  test('the address in the message is the one the school sees (A1 style)', () => {
    expect(addressOf('P_NOO')).toBe('D12');
    expect(addressOf('EV_A3_R1')).toMatch(/^F\d+$/);
  });
});
