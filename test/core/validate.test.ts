import type { School } from '../../src/core/campaign/schema';
import { a1 } from '../../src/core/layout/a1';
import { validateFiles } from '../../src/core/submission/collect';
import { type Message, formatMessage } from '../../src/core/submission/messages';
import type { WorkbookGrid } from '../../src/core/submission/parse';
import type { Value } from '../../src/core/submission/values';
import { catalog, check, cloneGrid, errorsOf, expectLocated, filled, positionOf, school, schoolOfType, setAt, setInput, sheetOf } from './builders';

const kalar = catalog();
const base = filled();
const num = (v: Value | undefined): number => (typeof v === 'number' ? v : Number.NaN);
const codes = (messages: Message[]): string[] => messages.map((m) => m.code);
const only = (messages: Message[], code: string): Message => {
  const found = messages.filter((m) => m.code === code);
  expect(found).toHaveLength(1);
  return found[0] as Message;
};
const mutated = (change: (grid: WorkbookGrid) => void, from: WorkbookGrid = base.grid): WorkbookGrid => {
  const grid = cloneGrid(from);
  change(grid);
  return grid;
};

describe('rules across cells', () => {
  test('a part greater than its whole is an error at the part, naming the whole', () => {
    const grid = mutated((g) => setInput(g, 'A1_R1_C2_NOO', num(base.values.P_NOO) + 1));
    const m = only(check(grid).messages, 'part-gt-whole');
    expect(m.severity).toBe('error');
    expect(m.text).toContain(`(${num(base.values.P_NOO)}: «${kalar.inputs.find((i) => i.id === 'P_NOO')?.label}»)`);
    expectLocated(m, 'A1_R1_C2_NOO');
  });

  test('a part of a derived whole (P_STU) is checked against the sum of the levels', () => {
    const grid = mutated((g) => setInput(g, 'A3_C4', num(base.values.P_STU) + 1));
    expectLocated(only(check(grid).messages, 'part-gt-whole'), 'A3_C4');
  });

  test('the levels of A6 must add up to the total (A6-levels): an error at the total', () => {
    const grid = mutated((g) => setInput(g, 'A6_C1_CHI', num(base.values.A6_C1_CHI) + 1));
    const m = only(check(grid).messages, 'check-A6-levels');
    expect(m.severity).toBe('error');
    expect(m.text).toMatch(/по уровням должна равняться их общему числу.*: \d+ ≠ \d+$/);
    expectLocated(m, 'A6_C1_CHI');
  });

  test('more children on the ПДН register than on all registers (A5-pdn) is an error', () => {
    const grid = mutated((g) => setInput(g, 'A5_C1', num(base.values.B5_REG) + 1));
    expectLocated(only(check(grid).messages, 'check-A5-pdn'), 'B5_REG');
  });

  test('a volunteer model without a volunteer team (A4 → A1) is a warning only', () => {
    const grid = mutated((g) => {
      setInput(g, 'A4_C2', 'да');
      setInput(g, 'A1_C4', 'нет');
    });
    const { messages } = check(grid);
    expect(errorsOf(messages)).toEqual([]);
    expectLocated(only(messages, 'check-A4-A1-volunteers'), 'A1_C4');
  });

  test('a required field left empty is an error «не заполнено»', () => {
    const grid = mutated((g) => setInput(g, 'A3_C3', ''));
    const m = only(check(grid).messages, 'required');
    expect(m.text).toBe('не заполнено');
    expectLocated(m, 'A3_C3');
  });

  test('an empty evidence link is not required', () => {
    const grid = mutated((g) => setInput(g, 'EV_A3_R1', ''));
    expect(check(grid).messages).toEqual([]);
  });

  test('an unknown status is a warning', () => {
    const grid = mutated((g) => setInput(g, 'STATUS', 'Готово'));
    const m = only(check(grid).messages, 'status');
    expect([m.severity, m.sheet, m.cell]).toEqual(['warning', 'Сведения об ОО', 'D7']);
  });
});

describe('levels and flags that do not apply', () => {
  const oosh = filled(schoolOfType('ООШ'), 11);
  const sooInputs = kalar.inputs.filter((i) => i.whole === 'P_SOO' && oosh.values[i.id] === null).map((i) => i.id);

  test('P_SOO = 0: the СОО cells may stay blank', () => {
    expect(oosh.values.P_SOO).toBe(0);
    expect(sooInputs.length).toBeGreaterThanOrEqual(10);
    expect(check(oosh.grid, { expected: oosh.school.id }).messages).toEqual([]);
  });

  test('P_SOO > 0: a blank СОО cell is an error', () => {
    const grid = mutated((g) => setInput(g, 'P_SOO', 25), oosh.grid);
    const required = check(grid, { expected: oosh.school.id }).messages.filter((m) => m.code === 'required');
    expect(required.map((m) => m.inputId).sort()).toEqual([...sooInputs].sort());
    for (const m of required) expectLocated(m, m.inputId as string);
  });

  test('BUG: a blank level cell whose base is itself a blank «не применимо» level is not required (A7_C2_SOO under a blank P_NNR_SOO)', () => {
    // P_SOO = 0 lets P_NNR_SOO stay blank; the form's own self-check then shows «—» for A7_C2_SOO,
    // but validateSubmission still reports A7_C2_SOO as «не заполнено» and the file is rejected.
    const grid = mutated((g) => setInput(g, 'P_NNR_SOO', ''), oosh.grid);
    expect(errorsOf(check(grid, { expected: oosh.school.id }).messages)).toEqual([]);
  });

  test('P_NNR_SOO itself may be blank when P_SOO = 0 (the first level of the chain works)', () => {
    const grid = mutated((g) => setInput(g, 'P_NNR_SOO', ''), oosh.grid);
    expect(check(grid, { expected: oosh.school.id }).messages.filter((m) => m.inputId === 'P_NNR_SOO')).toEqual([]);
  });

  test.each<[string, number, string, string[]]>([
    ['P_OVZ = 0, A11_C5 blank: not applicable', 0, '', []],
    ['P_OVZ = 0, A11_C5 «да»: a warning', 0, 'да', ['not-applicable']],
    ['P_OVZ > 0, A11_C5 blank: required', 3, '', ['required']],
    ['P_OVZ > 0, A11_C5 «нет»: fine', 3, 'нет', []],
  ])('%s', (_name, ovz, flag, expected) => {
    const grid = mutated((g) => {
      setInput(g, 'P_OVZ', ovz);
      setInput(g, 'A11_C5', flag);
    });
    const messages = check(grid).messages;
    expect(codes(messages)).toEqual(expected);
    for (const m of messages) expectLocated(m, 'A11_C5');
  });
});

describe('year-over-year change', () => {
  const grid = mutated((g) => setInput(g, 'A7_C3', 30));
  test.each<[string, Value, string[]]>([
    ['+200 % → warning', 10, ['year-change']],
    ['−50 % exactly → no warning', 60, []],
    ['−70 % → warning', 100, ['year-change']],
    ['small base (< 10) → no warning', 4, []],
    ['no previous value → no warning', null, []],
  ])('%s', (_name, before, expected) => {
    const messages = check(grid, { previous: { A7_C3: before } }).messages;
    expect(codes(messages)).toEqual(expected);
    if (expected.length > 0) {
      expect(messages[0]?.severity).toBe('warning');
      expect(messages[0]?.text).toMatch(/изменение к прошлому году [+−-]?\d+ % \(было \d+, стало 30\)/);
      expectLocated(messages[0], 'A7_C3');
    }
  });
});

describe('the stamp', () => {
  const stamp = (row: number, value: string) => mutated((g) => setAt(g, 'Служебный', row, 2, value));
  const stampMessage = (messages: Message[], code: string, cell: string): Message => {
    const m = only(messages, code);
    expect([m.sheet, m.cell]).toEqual(['Служебный', cell]);
    expect(formatMessage(m)).toMatch(new RegExp(`^(Предупреждение\\. )?Лист «Служебный», ячейка ${cell}: `));
    return m;
  };

  test('a file of another school', () => {
    const { sub, messages } = check(base.grid, { expected: 'sosh2' });
    expect(stampMessage(messages, 'other-school', 'B2').text).toMatch(/другой ОО \(код «sosh1»\).*«sosh2»/);
    expect(sub.schoolId).toBe('sosh1');
  });

  test('a file of another year', () => {
    expect(stampMessage(check(base.grid, { year: 2027 }).messages, 'other-year', 'B3').text).toMatch(/2026 года, а идёт кампания 2027/);
  });

  test('a file of another catalog or version', () => {
    expect(stampMessage(check(stamp(4, 'tomarinsky')).messages, 'other-catalog', 'B4').text).toMatch(/«tomarinsky 2022\.1».*«kalar 2022\.1»/);
    expect(stampMessage(check(stamp(5, '2021.1')).messages, 'other-catalog', 'B4').severity).toBe('error');
  });

  test('a file of another layout of the same catalog is read with a warning', () => {
    const m = stampMessage(check(stamp(6, 'deadbeef')).messages, 'other-layout', 'B6');
    expect(m.severity).toBe('warning');
  });

  test('a school not in the registry', () => {
    const { sub, messages } = check(stamp(2, 'sosh99'), { expected: null });
    expect(stampMessage(messages, 'not-in-registry', 'B2').text).toBe('ОО с кодом «sosh99» нет в реестре кампании');
    expect(sub.schoolId).toBe('sosh99');
  });

  test('look-alike Cyrillic letters in the school id name the intended school', () => {
    const { sub, messages } = check(stamp(2, 'sоsh1'), { expected: null }); // Cyrillic «о»
    const m = stampMessage(messages, 'not-in-registry', 'B2');
    expect(m.text).toMatch(/буквы другого алфавита.*в реестре есть «sosh1»/);
    expect(sub.schoolId).toBe('sоsh1');
    expect(check(stamp(2, 'sоsh1'), { expected: 'sosh1' }).sub.schoolId).toBe('sosh1');
  });

  test('a file without the service sheet is an error for the whole file', () => {
    const grid = mutated((g) =>
      g.sheets.splice(
        g.sheets.findIndex((s) => s.name === 'Служебный'),
        1,
      ),
    );
    const m = only(check(grid).messages, 'no-stamp');
    expect([m.severity, m.sheet, m.cell]).toEqual(['error', 'Служебный', 'A1']);
    expect(formatMessage(m)).toMatch(/^Лист «Служебный», ячейка A1: нет служебного листа «Служебный»/);
  });
});

describe('a damaged form', () => {
  test('a renamed sheet is found by its title: a warning, the data still read', () => {
    const grid = mutated((g) => (sheetOf(g, 'Приложение 3').name = 'Прил. 3 (копия)'));
    const { sub, messages } = check(grid);
    expect(messages.map((m) => [m.severity, m.code, m.sheet])).toEqual([['warning', 'sheet-renamed', 'Прил. 3 (копия)']]);
    expect(messages[0]?.text).toContain('«Приложение 3» переименован в «Прил. 3 (копия)»');
    expect(sub.values.A3_C3).toBe(base.values.A3_C3);
    expect(sub.cells.A3_C3?.sheet).toBe('Прил. 3 (копия)');
  });

  test('a renamed profile sheet is found too, and errors on it name the new sheet', () => {
    const grid = mutated((g) => {
      setInput(g, 'P_PED', 'сорок');
      sheetOf(g, 'Сведения об ОО').name = 'Лист1';
    });
    const { messages } = check(grid);
    expect(codes(messages).sort()).toEqual(['not-number', 'sheet-renamed']);
    expect(messages.find((m) => m.code === 'not-number')?.sheet).toBe('Лист1');
  });

  test('a deleted sheet is an error and its values are not read', () => {
    const grid = mutated((g) =>
      g.sheets.splice(
        g.sheets.findIndex((s) => s.name === 'Приложение 3'),
        1,
      ),
    );
    const { sub, messages } = check(grid);
    const m = only(messages, 'sheet-missing');
    expect([m.severity, m.sheet]).toEqual(['error', 'Приложение 3']);
    expect(formatMessage(m)).toMatch(/^Лист «Приложение 3», ячейка A1: лист «Приложение 3» не найден/);
    expect(errorsOf(messages)).toHaveLength(1);
    expect(sub.values.A3_C3).toBeNull();
  });

  test('inserted rows move a block: a warning, every value still read by its code, messages at the new address', () => {
    const grid = mutated((g) => {
      sheetOf(g, 'Приложение 2').values.splice(5, 0, [], ['вставленная строка']);
    });
    const { sub, messages } = check(grid);
    expect(messages.map((m) => [m.severity, m.code, m.sheet])).toEqual([['warning', 'rows-moved', 'Приложение 2']]);
    for (const input of kalar.inputs.filter((i) => i.sheet === 2)) expect(sub.values[input.id]).toEqual(base.values[input.id]);
    const at = positionOf('A2_C6');
    expect(sub.cells.A2_C6).toEqual({ sheet: 'Приложение 2', cell: a1(at.row + 2, at.col) });

    setAt(grid, 'Приложение 2', at.row + 2, at.col, 'десять');
    const bad = check(grid).messages.find((m) => m.code === 'not-number');
    expect(bad?.cell).toBe(a1(at.row + 2, at.col));
  });

  test('a deleted row is an error at the field it held; the rest is still read', () => {
    const at = positionOf('A3_C3');
    const grid = mutated((g) => sheetOf(g, at.sheet).values.splice(at.row - 1, 1));
    const { sub, messages } = check(grid);
    const m = only(messages, 'block-missing');
    expect(m.severity).toBe('error');
    expect(m.text).toMatch(/строка поля «A3_C3» не найдена/);
    expectLocated(m, 'A3_C3');
    expect(errorsOf(messages)).toHaveLength(1);
    expect(codes(messages)).toContain('rows-moved');
    expect(sub.values.A3_C4).toBe(base.values.A3_C4);
  });
});

describe('validateFiles', () => {
  const registry: School[] = ['sosh1', 'sosh2', 'sosh3', 'gimn', 'oosh1'].map(school);
  const good = (id: string, seed = 5) => filled(school(id), seed).grid;
  const stray = mutated((g) => setAt(g, 'Служебный', 2, 2, 'chuzhaya'), good('sosh1'));
  const broken = mutated((g) => setInput(g, 'A3_C3', 'много'), good('sosh3'));
  const run = validateFiles(
    [
      { file: 'sosh1.xlsx', expectedSchoolId: 'sosh1', grid: good('sosh1') },
      { file: 'sosh2-a.xlsx', expectedSchoolId: null, grid: good('sosh2') },
      { file: 'sosh2-b.xlsx', expectedSchoolId: null, grid: good('sosh2', 6) },
      { file: 'sosh3.xlsx', expectedSchoolId: 'sosh3', grid: broken },
      { file: 'gimn.xlsx', expectedSchoolId: 'gimn', grid: { unreadable: 'файл защищён паролем' } },
      { file: 'other.xlsx', expectedSchoolId: null, grid: stray },
      { file: 'junk.xlsx', expectedSchoolId: null, grid: { unreadable: 'не xlsx' } },
    ],
    kalar,
    2026,
    registry,
  );
  const status = Object.fromEntries(run.schools.map((s) => [s.school.id, s.status]));

  test('each registry school gets one outcome; one bad file never stops the others', () => {
    expect(status).toEqual({ sosh1: 'accepted', sosh2: 'rejected', sosh3: 'rejected', gimn: 'rejected', oosh1: 'missing' });
  });

  test('two files of one school are both named and the school is rejected', () => {
    const sosh2 = run.schools.find((s) => s.school.id === 'sosh2');
    expect(sosh2?.files).toEqual(['sosh2-a.xlsx', 'sosh2-b.xlsx']);
    expect(sosh2?.messages[0]?.text).toMatch(/несколько файлов \(«sosh2-a\.xlsx», «sosh2-b\.xlsx»\)/);
  });

  test('unreadable files and files of unknown schools are kept as strays or as the expected school, never dropped', () => {
    expect(run.schools.find((s) => s.school.id === 'gimn')?.messages.map((m) => m.code)).toEqual(['unreadable']);
    expect(run.strays.map((s) => s.file)).toEqual(['other.xlsx', 'junk.xlsx']);
    expect(run.strays[0]?.messages.map((m) => m.code)).toContain('not-in-registry');
  });
});
