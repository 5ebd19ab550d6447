/**
 * The corpus of bad input: one table, read by the .xlsx campaign (xlsx-corpus.test.ts, openpyxl + the built
 * CLI) and by the Google campaign (google-corpus.test.ts, the built bundle on the FakeWorkspace).
 *
 * Every kind is a school of its own (its id is the registry code and the file name), filled validly with
 * demo values and then damaged one way. `expect` is what the department must see: the message code, its
 * severity, where it points (an input → its sheet, cell and indicator; or a fixed place) and its Russian text,
 * and whether the school still goes into the consolidation. `googleExpect` documents where the Google path
 * reports the same damage differently (it is not a wish list: the tests check it).
 */
import type { CellInput, Op } from '../node/cli/helpers';

/** A value typed into a cell: literal, or a school's own typed value plus a number (to break part ≤ whole). */
export type Fill = CellInput | { plus: string; by: number };

/** corpus_xlsx.py understands mutate_xlsx.py's ops and these. */
export type XlsxOp =
  | Op
  | { op: 'set_name_date'; name: string; iso: string }
  | { op: 'set_name_formula'; name: string; formula: string; cached: number }
  | { op: 'unprotect'; sheet: string };

export type XlsxRecipe =
  /** The school's filled file with one input retyped (through its defined name). */
  | { kind: 'value'; input: string; value: Fill }
  /** The school's filled file (or `from` another school's) damaged by ops; saved as `file` (default «<id>.xlsx»). */
  | { kind: 'ops'; ops: XlsxOp[]; from?: string; file?: string }
  /** The same filled file sent twice, under these names. */
  | { kind: 'copies'; files: string[] }
  /** Not a workbook at all. */
  | { kind: 'bytes'; bytes: 'random' | 'ole' };

export type GoogleRecipe =
  /** Typed by the department (the owner) with SpreadsheetApp into the input cell of the school's file. */
  | { kind: 'value'; input: string; value: Fill | Date }
  /** A formula in the input cell; Sheets computes `result` (seeded in the fake: formulas are not evaluated). */
  | { kind: 'formula'; input: string; formula: string; result: string | number }
  /** The stamp on the hidden «Служебный» sheet (B2 school code, B3 year, B5 catalog version). */
  | { kind: 'stamp'; cell: 'B2' | 'B3' | 'B5'; value: string }
  | { kind: 'delete-sheet'; sheet: string }
  | { kind: 'rename-sheet'; sheet: string; to: string }
  | { kind: 'insert-rows'; sheet: string; before: number; amount: number }
  | { kind: 'delete-named-ranges' }
  | { kind: 'unprotect-relabel'; sheet: string; row: number; label: string }
  /** The registry's «Файл школы» link points at a Google Doc instead of a spreadsheet. */
  | { kind: 'not-a-spreadsheet' }
  /** The school took the file over (ownership moved, the department removed): it cannot be opened. */
  | { kind: 'no-access' }
  | { kind: 'none'; why: string };

export interface Expected {
  /** Message code (src/core/submission); null: no message, the values are still read. */
  code: string | null;
  severity: 'error' | 'warning';
  /** Where the school ends up: in the consolidation, out of it, or (xlsx) a file of no registry school. */
  outcome: 'accepted' | 'rejected' | 'stray';
  /** The input the message is about: the message names its sheet, cell and indicator. */
  input?: string;
  /** Otherwise a fixed place (null: the whole file). */
  sheet?: string | null;
  cell?: string | null;
  text: RegExp;
  /** Inputs whose typed value must still be read unchanged. */
  reads?: string[];
}

export interface BadInput {
  id: string;
  ru: string;
  xlsx: XlsxRecipe;
  google: GoogleRecipe;
  expect: Expected;
  googleExpect?: Partial<Expected>;
}

const error = (code: string, text: RegExp, where: Partial<Expected> = {}): Expected => ({ code, severity: 'error', outcome: 'rejected', text, ...where });
const warning = (code: string, text: RegExp, where: Partial<Expected> = {}): Expected => ({ code, severity: 'warning', outcome: 'accepted', text, ...where });
/** A kind that is one typed value, the same in both paths. */
const typed = (id: string, ru: string, input: string, value: Fill, expect: Expected, googleExpect?: Partial<Expected>): BadInput => ({
  id,
  ru,
  xlsx: { kind: 'value', input, value },
  google: { kind: 'value', input, value },
  expect: { input, ...expect },
  ...(googleExpect ? { googleExpect } : {}),
});
const META = 'Служебный';
/** «lookalike» with two Cyrillic «о» (U+043E): looks the same, is another code. */
export const LOOKALIKE = 'l\u043e\u043ekalike';
const stamp = (cell: string): Partial<Expected> => ({ sheet: META, cell });

export const BAD_INPUTS: BadInput[] = [
  typed('text', 'текст вместо числа', 'A2_R1_C1', 'двенадцать', error('not-number', /^введён текст «двенадцать» — нужно число/)),
  typed(
    'units',
    'число с единицами измерения «12 чел.»',
    'A2_R1_C1',
    '12 чел.',
    error('not-number', /^введено «12 чел\.» — нужно только число, без единиц измерения/),
  ),
  typed(
    'comma',
    'дробное число с запятой «12,5» в количестве людей',
    'A1_C3',
    '12,5',
    error('not-integer', /^дробное число \(12,5\) — количество людей или мероприятий должно быть целым/),
  ),
  typed('negative', 'отрицательное количество', 'A1_C3', -5, error('negative', /^отрицательное число \(-5\) — количество не может быть меньше нуля/)),
  // no percent input exists in the catalog (inputs are counts, flags and links): a share above 100 % is a count above its whole
  typed(
    'over-whole',
    'охвачено больше детей, чем их всего (доля больше 100 %)',
    'A6_C6',
    { plus: 'A6_C1_CHI', by: 5 },
    error('part-gt-whole', /^\d+ больше, чем всего \(\d+: «Обучающихся в трудной жизненной ситуации/),
  ),
  typed(
    'part-whole',
    'часть больше целого (охват НОО больше числа обучающихся НОО)',
    'A1_R1_C2_NOO',
    { plus: 'P_NOO', by: 10 },
    error('part-gt-whole', /^\d+ больше, чем всего \(\d+: «Обучающихся 1–4 классов/),
  ),
  {
    id: 'levels',
    ru: 'сумма по уровням образования не равна итогу (Приложение 6: дети в ТЖС)',
    xlsx: { kind: 'value', input: 'A6_C2_NOO', value: { plus: 'A6_C2_NOO', by: 7 } },
    google: { kind: 'value', input: 'A6_C2_NOO', value: { plus: 'A6_C2_NOO', by: 7 } },
    expect: error('check-A6-levels', /^Сумма детей в трудной жизненной ситуации по уровням должна равняться их общему числу: \d+ ≠ \d+$/, {
      input: 'A6_C1_CHI',
    }),
  },
  typed('empty', 'пустая обязательная ячейка', 'A2_C3', null, error('required', /^не заполнено$/)),
  {
    id: 'ref',
    ru: 'ошибка формулы #REF!',
    xlsx: { kind: 'value', input: 'A2_C6', value: '#REF!' },
    google: { kind: 'formula', input: 'A2_C6', formula: "='Удалённый лист'!A1", result: '#REF!' },
    expect: error('formula-error', /^ошибка формулы «#REF!» — введите число вручную/, { input: 'A2_C6' }),
  },
  {
    id: 'div0',
    ru: 'ошибка формулы #DIV/0!',
    xlsx: { kind: 'value', input: 'A5_C7', value: '#DIV/0!' },
    google: { kind: 'formula', input: 'A5_C7', formula: '=1/0', result: '#DIV/0!' },
    expect: error('formula-error', /^ошибка формулы «#DIV\/0!» — введите число вручную/, { input: 'A5_C7' }),
  },
  {
    id: 'formula',
    ru: 'формула вместо числа (с вычисленным значением)',
    xlsx: { kind: 'ops', ops: [{ op: 'set_name_formula', name: 'A5_C6_PROG', formula: '=10+2', cached: 12 }] },
    google: { kind: 'formula', input: 'A5_C6_PROG', formula: '=10+2', result: 12 },
    expect: warning('formula-input', /^в ячейке формула «=10\+2»; учтено её значение 12 — лучше ввести число$/, { input: 'A5_C6_PROG' }),
    // the Google reader asks for values only (effective values and number formats, one Spreadsheets.get): the formula goes unnoticed — see the report
    googleExpect: { code: null },
  },
  {
    id: 'delsheet',
    ru: 'удалён лист «Приложение 5»',
    xlsx: { kind: 'ops', ops: [{ op: 'delete_sheet', sheet: 'Приложение 5' }] },
    google: { kind: 'delete-sheet', sheet: 'Приложение 5' },
    expect: error('sheet-missing', /^лист «Приложение 5» не найден — он удалён или файл не из этой кампании; его данные не учтены$/, {
      sheet: 'Приложение 5',
      cell: 'A1',
    }),
  },
  {
    id: 'rensheet',
    ru: 'лист переименован',
    xlsx: { kind: 'ops', ops: [{ op: 'rename_sheet', sheet: 'Приложение 3', to: 'Прил. 3 (старое)' }] },
    google: { kind: 'rename-sheet', sheet: 'Приложение 3', to: 'Прил. 3 (старое)' },
    expect: warning('sheet-renamed', /^лист «Приложение 3» переименован в «Прил\. 3 \(старое\)»; данные прочитаны$/, {
      sheet: 'Прил. 3 (старое)',
      cell: 'A1',
      reads: ['A3_C2_NOO', 'A3_C5'],
    }),
  },
  {
    id: 'insrows',
    ru: 'вставлены строки, блок сдвинут',
    xlsx: { kind: 'ops', ops: [{ op: 'insert_rows', sheet: 'Приложение 2', row: 13, amount: 3 }] },
    google: { kind: 'insert-rows', sheet: 'Приложение 2', before: 13, amount: 3 },
    expect: warning('rows-moved', /^строки формы сдвинуты \(\d+ полей не на своих местах\); значения прочитаны по кодам полей$/, {
      sheet: 'Приложение 2',
      cell: 'A1',
      reads: ['A2_R3_C1', 'A2_C6'],
    }),
  },
  {
    id: 'nonames',
    ru: 'удалены имена ячеек (именованные диапазоны)',
    xlsx: { kind: 'ops', ops: ['A1_C3', 'A2_C6', 'P_NOO', 'STATUS'].map((name) => ({ op: 'delete_name', name })) },
    google: { kind: 'delete-named-ranges' },
    expect: { code: null, severity: 'warning', outcome: 'accepted', text: /^$/, reads: ['A1_C3', 'A2_C6', 'P_NOO'] },
  },
  {
    id: 'relabel',
    ru: 'снята защита листа и изменена подпись показателя',
    xlsx: {
      kind: 'ops',
      ops: [
        { op: 'unprotect', sheet: 'Приложение 1' },
        { op: 'set', sheet: 'Приложение 1', cell: 'B25', value: 'Активисты РДДМ (подпись изменена школой)' },
      ],
    },
    google: { kind: 'unprotect-relabel', sheet: 'Приложение 1', row: 25, label: 'Активисты РДДМ (подпись изменена школой)' },
    expect: warning('labels-edited', /^изменены подписи показателей \(1\); значения прочитаны по кодам полей — проверьте, что защита листа не снята$/, {
      sheet: 'Приложение 1',
      cell: 'A1',
      reads: ['A1_C3'],
    }),
  },
  {
    id: 'swap',
    ru: 'файл другой школы реестра',
    xlsx: { kind: 'ops', from: 'ok1', ops: [] },
    google: { kind: 'stamp', cell: 'B2', value: 'ok1' },
    expect: error('other-school', /^файл принадлежит другой ОО \(код «ok1»\), а ожидался файл ОО «swap»$/, stamp('B2')),
  },
  {
    id: 'oldyear',
    ru: 'файл прошлого года',
    xlsx: { kind: 'ops', ops: [{ op: 'set', sheet: META, cell: 'B3', value: '2025' }] },
    google: { kind: 'stamp', cell: 'B3', value: '2025' },
    expect: error('other-year', /^файл мониторинга 2025 года, а идёт кампания 2026 года$/, stamp('B3')),
  },
  {
    id: 'oldcat',
    ru: 'файл другой версии каталога показателей',
    xlsx: { kind: 'ops', ops: [{ op: 'set', sheet: META, cell: 'B5', value: '2021.1' }] },
    google: { kind: 'stamp', cell: 'B5', value: "'2021.1" },
    expect: error('other-catalog', /^файл создан для каталога показателей «kalar 2021\.1», а кампания использует «kalar 2022\.1»$/, stamp('B4')),
  },
  {
    id: 'dup',
    ru: 'два файла от одной школы',
    xlsx: { kind: 'copies', files: ['dup.xlsx', 'dup (копия).xlsx'] },
    google: { kind: 'none', why: 'в Google у школы одна таблица — по ссылке из реестра' },
    expect: error('duplicate', /^для ОО получено несколько файлов \(«dup \(копия\)\.xlsx», «dup\.xlsx»\); оставьте один и повторите проверку$/, {
      sheet: null,
      cell: null,
    }),
  },
  {
    // .xlsx: a file «nobody.xlsx» stamped «nobody» (no registry school); Google: the registry school's own file restamped
    id: 'stranger',
    ru: 'файл школы, которой нет в реестре',
    xlsx: { kind: 'ops', from: 'ok2', file: 'nobody.xlsx', ops: [{ op: 'set', sheet: META, cell: 'B2', value: 'nobody' }] },
    google: { kind: 'stamp', cell: 'B2', value: 'nobody' },
    expect: { ...error('not-in-registry', /^ОО с кодом «nobody» нет в реестре кампании$/, stamp('B2')), outcome: 'stray' },
    googleExpect: { outcome: 'rejected' },
  },
  {
    id: 'corrupt',
    ru: 'повреждённый файл (не .xlsx)',
    xlsx: { kind: 'bytes', bytes: 'random' },
    google: { kind: 'not-a-spreadsheet' },
    expect: error('unreadable', /^файл не является книгой \.xlsx \(повреждён или другого формата\)/, { sheet: null, cell: null }),
    googleExpect: { text: /^файл школы не найден: он удалён или к нему нет доступа$/ },
  },
  {
    id: 'ole',
    ru: 'файл защищён паролем на открытие (заголовок OLE)',
    xlsx: { kind: 'bytes', bytes: 'ole' },
    google: { kind: 'no-access' },
    expect: error('unreadable', /^файл защищён паролем на открытие или это не \.xlsx/, { sheet: null, cell: null }),
    googleExpect: { text: /^нет доступа к файлу школы: проверьте, что отдел остался его владельцем$/ },
  },
  typed('huge', 'огромное число (1e12)', 'A1_C3', 1e12, error('implausible', /^неправдоподобно большое значение \(1000000000000\) — проверьте ввод$/)),
  {
    id: 'date',
    ru: 'дата в ячейке для числа',
    xlsx: { kind: 'ops', ops: [{ op: 'set_name_date', name: 'A2_C6', iso: '2026-01-15T00:00:00' }] },
    google: { kind: 'value', input: 'A2_C6', value: new Date('2026-01-15T00:00:00+09:00') },
    expect: error('date', /^в ячейке дата, а нужно число$/, { input: 'A2_C6' }),
    // the Google reader asks for dates as formatted strings: the date arrives as «15.01.2026» and is still named a date
    googleExpect: { code: 'date', text: /^в ячейке дата «15\.01\.2026», а нужно число$/ },
  },
  typed(
    'notlink',
    'ссылка на документы — не адрес',
    'EV_A1_R1',
    'см. папку «Отчёты» на диске',
    error('not-url', /^«см\. папку «Отчёты» на диске» — не ссылка; вставьте адрес, начинающийся с http:\/\/ или https:\/\/$/),
  ),
  typed(
    'jslink',
    'ссылка javascript:',
    'EV_A1_R1',
    'javascript:alert(1)',
    error('unsafe-url', /^недопустимая ссылка — нужна ссылка http:\/\/ или https:\/\/ на документ$/),
  ),
  {
    id: 'lookalike',
    ru: 'код школы в штампе с кириллическими «о» (похожие буквы)',
    xlsx: { kind: 'ops', ops: [{ op: 'set', sheet: META, cell: 'B2', value: LOOKALIKE }] },
    google: { kind: 'stamp', cell: 'B2', value: LOOKALIKE },
    expect: error(
      'not-in-registry',
      new RegExp(`^код ОО «${LOOKALIKE}» содержит буквы другого алфавита, похожие на латинские; в реестре есть «lookalike»`),
      stamp('B2'),
    ),
  },
  typed('flag', 'не «да»/«нет» в ячейке-флажке', 'A1_C4', 'возможно', error('not-flag', /^введено «возможно» — выберите «да» или «нет»$/)),
];

/** Two schools that send valid files: they must stay accepted whatever the others send. */
export const VALID = ['ok1', 'ok2'];

/** The expectation on one path. */
export const expectationFor = (b: BadInput, path: 'xlsx' | 'google'): Expected =>
  path === 'google' && b.googleExpect ? { ...b.expect, ...b.googleExpect } : b.expect;
