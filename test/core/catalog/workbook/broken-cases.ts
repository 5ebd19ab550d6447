/** The broken catalog workbooks of issue 15: mutations of the good Kalar workbook's grid, each with the message it must get. */
import type { WorkbookGrid } from '../../../../src/core/submission/parse';
import { colOf, rowWhere, setCell } from './grid';

const COLUMNS = 'Каталог. Показатели';
export const FIELDS = 'Каталог. Поля';
const TARGETS = 'Каталог. Цели';
export const RULES = 'Каталог. Правила';

/** Sets the cell under `header` in the row that matches `where`; returns its A1-style place for the expected message. */
function put(grid: WorkbookGrid, sheet: string, where: Record<string, unknown>, header: string, value: unknown, formula?: string): string {
  const row = rowWhere(grid, sheet, where);
  const col = colOf(grid, sheet, header);
  setCell(grid, sheet, row, col, value, formula);
  return `Лист «${sheet}», строка ${row}, столбец «${header}» (${String.fromCharCode(64 + (col > 26 ? 0 : col))}`;
}

export interface BrokenCase {
  name: string;
  /** Breaks the grid; returns the beginning of the expected message (sheet, row, column) and a fragment of its text. */
  breakIt: (grid: WorkbookGrid) => { at: string; text: string };
}

export const BROKEN: BrokenCase[] = [
  {
    name: 'unknown aggregation',
    breakIt: (g) => ({ at: put(g, COLUMNS, { 'Таблица №': 1, Код: 'C1' }, 'Способ расчёта', 'среднее'), text: 'способ расчёта «среднее» не из списка' }),
  },
  {
    name: 'denominator naming no profile field',
    breakIt: (g) => ({ at: put(g, COLUMNS, { 'Таблица №': 2, Код: 'C1' }, 'Знаменатель', 'P_NOPE'), text: 'знаменатель «P_NOPE» — такого поля нет' }),
  },
  {
    name: 'duplicate field id',
    breakIt: (g) => ({ at: put(g, FIELDS, { 'Код поля': 'P_OOO' }, 'Код поля', 'P_NOO'), text: 'код поля «P_NOO» уже есть выше' }),
  },
  {
    name: 'duplicate indicator id',
    breakIt: (g) => ({ at: put(g, COLUMNS, { 'Таблица №': 1, Код: 'C2' }, 'Код', 'C1'), text: 'показатель «C1» уже есть в таблице № 1' }),
  },
  {
    name: 'unparseable target',
    breakIt: (g) => ({
      at: put(g, TARGETS, { 'Таблица №': 5, Строка: 'R1', Показатель: 'C4' }, 'Целевое значение', 'много'),
      text: 'не удалось прочитать целевое значение',
    }),
  },
  {
    name: 'cycle in derived fields',
    breakIt: (g) => ({ at: put(g, FIELDS, { 'Код поля': 'P_NOO' }, 'Сумма полей', 'P_STU'), text: 'поле считается через само себя: P_NOO → P_STU → P_NOO' }),
  },
  {
    name: 'rule on a missing field',
    breakIt: (g) => ({
      at: put(g, RULES, { 'Код правила': 'A6-levels' }, 'Части', 'A6_C2_NOO, A6_C2_XXX'),
      text: 'правило ссылается на поле «A6_C2_XXX»: такого поля нет',
    }),
  },
  {
    name: 'empty title',
    breakIt: (g) => {
      setCell(g, 'Каталог', 6, 2, null);
      return { at: 'Лист «Каталог», строка 6, столбец «Название каталога» (B6)', text: 'не заполнено: название каталога' };
    },
  },
  {
    name: 'formula cell',
    breakIt: (g) => {
      put(g, COLUMNS, { 'Таблица №': 1, Код: 'C1' }, 'Показатель', 'Доля', 'CONCATENATE("Доля ", A1)');
      const row = rowWhere(g, COLUMNS, { 'Таблица №': 1, Код: 'C1' });
      return { at: `Лист «${COLUMNS}», строка ${row}`, text: `в ячейке C${row} формула «=CONCATENATE(` };
    },
  },
  { name: 'unknown field type', breakIt: (g) => ({ at: put(g, FIELDS, { 'Код поля': 'P_PAR' }, 'Тип', 'штуки'), text: 'тип «штуки» не из списка' }) },
  {
    name: 'row of a missing table',
    breakIt: (g) => ({ at: put(g, 'Каталог. Строки', { 'Таблица №': 3, 'Код строки': 'R1' }, 'Таблица №', 99), text: 'таблицы № 99 нет' }),
  },
  {
    name: 'field id with spaces and lower case',
    breakIt: (g) => ({ at: put(g, FIELDS, { 'Код поля': 'P_PAR' }, 'Код поля', 'p par'), text: 'заглавные латинские буквы' }),
  },
  {
    name: 'a cell the way of calculation does not use',
    breakIt: (g) => ({ at: put(g, COLUMNS, { 'Таблица №': 1, Код: 'C1' }, 'Сравнивать с целью', 'оба числа'), text: 'этот столбец не заполняется' }),
  },
  {
    name: 'count and share without its count side',
    breakIt: (g) => ({ at: put(g, COLUMNS, { 'Таблица №': 5, Код: 'C4' }, 'Количество — это', null), text: 'не заполнено: что считать количеством' }),
  },
  {
    name: 'target of an unknown sub-column',
    breakIt: (g) => ({ at: put(g, TARGETS, { 'Таблица №': 5, Строка: 'R1', Показатель: 'C2', Подграфа: 'NOO' }, 'Подграфа', 'XYZ'), text: 'подграфы «XYZ»' }),
  },
  {
    name: 'duplicate table number',
    breakIt: (g) => ({ at: put(g, 'Каталог. Таблицы', { 'Таблица №': 2 }, 'Таблица №', 1), text: 'таблица № 1 уже есть выше' }),
  },
  {
    name: 'a threshold «Не <» where lower is better',
    breakIt: (g) => {
      put(g, COLUMNS, { 'Таблица №': 5, Код: 'C4' }, 'Что лучше', 'меньше — лучше');
      const row = rowWhere(g, TARGETS, { 'Таблица №': 5, Строка: 'R1', Показатель: 'C4' });
      return { at: `Лист «${TARGETS}», строка ${row}, столбец «Целевое значение» (E${row})`, text: '«Не < 5»: порог «Не <» у показателя, где лучше меньше' };
    },
  },
  {
    name: 'empty rule message',
    breakIt: (g) => ({ at: put(g, RULES, { 'Код правила': 'A5-pdn' }, 'Сообщение для ОО', ''), text: 'не заполнено: сообщение для ОО' }),
  },
  {
    name: 'a date instead of text',
    breakIt: (g) => ({ at: put(g, FIELDS, { 'Код поля': 'P_PAR' }, 'Название поля', new Date(2026, 0, 1)), text: 'дата вместо текста' }),
  },
  {
    name: 'unknown polarity word',
    breakIt: (g) => ({ at: put(g, COLUMNS, { 'Таблица №': 1, Код: 'C2' }, 'Что лучше', 'повыше'), text: '«повыше» не из списка — выберите: «больше — лучше»' }),
  },
];
