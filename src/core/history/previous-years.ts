import type { Catalog } from '../catalog/types';
import type { HistoryYear } from '../export/contract';
import { columnLetter } from '../layout/a1';
import type { CellSpec, InputCellSpec, SheetSpec } from '../layout/types';
import { indicatorName } from '../recommend/findings';
import { MAX_YEARS } from './history';

/**
 * «Прошлые годы» (offline previous-years.xlsx): a department new to the tool types the municipal values of earlier
 * years from its old reports, one row per indicator grouped by appendix and direction as in the appendix tables, one
 * column per year. Read like any input: a value that is not a number is refused with the sheet and the cell.
 */
export const PREVIOUS_YEARS_SHEET = 'Прошлые годы';
const HEADER_ROW = 3;
const FIRST_YEAR_COL = 4;

const isShare = (unit: string): boolean => unit.trim().startsWith('%');

/** The blank (or filled: `typed`) sheet for a campaign of `year`: columns for the four years before it. */
export function previousYearsSheet(catalog: Catalog, year: number, typed: HistoryYear[] = []): SheetSpec {
  const years = Array.from({ length: MAX_YEARS - 1 }, (_, i) => year - (MAX_YEARS - 1) + i);
  const cells: CellSpec[] = [
    { row: 1, col: 1, value: `Муниципальные значения прошлых лет (до ${year} г.) — из отчётов прошлых лет`, style: 'title' },
    {
      row: 2,
      col: 1,
      value: 'Введите число в белую ячейку (доля — в процентах, «54,6»; для «чел./%» — процент); пустая ячейка — нет данных. Ключ не меняйте.',
      style: 'hint',
    },
  ];
  ['Ключ', 'Приложение, направление, показатель', 'Ед.', ...years.map((y) => `${y} г.`)].forEach((h, i) => {
    cells.push({ row: HEADER_ROW, col: i + 1, value: h, style: 'header' });
  });
  const inputs: InputCellSpec[] = [];
  let row = HEADER_ROW + 1;
  for (const app of catalog.appendices) {
    cells.push({ row, col: 2, value: `${catalog.appendixWord} ${app.number}. ${app.title}`, style: 'group' });
    row += 1;
    for (const r of app.rows) {
      const list = catalog.cells.filter((c) => c.appendix === app.number && c.row === r.id);
      if (app.rows.length > 1) {
        cells.push({ row, col: 2, value: `${r.number}. ${r.title}`, style: 'label' });
        row += 1;
      }
      for (const c of list) {
        cells.push({ row, col: 1, value: c.key, style: 'code' }, { row, col: 2, value: indicatorName(catalog, c), style: 'label' });
        cells.push({ row, col: 3, value: c.unit, style: 'unit' });
        years.forEach((y, i) => {
          const v = typed.find((t) => t.year === y)?.values[c.key];
          cells.push({ row, col: FIRST_YEAR_COL + i, ...(v === undefined || v === null ? {} : { value: v }), style: 'input' });
          inputs.push({
            id: `${c.key}@${y}`,
            row,
            col: FIRST_YEAR_COL + i,
            kind: 'number',
            validation: { type: 'decimal', min: 0, max: isShare(c.unit) ? 100 : 1_000_000 },
            validationMessage: isShare(c.unit) ? 'Доля в процентах: число от 0 до 100' : 'Число не меньше 0',
          });
        });
        row += 1;
      }
    }
  }
  return {
    name: PREVIOUS_YEARS_SHEET,
    marker: 'Муниципальные значения прошлых лет',
    role: 'table',
    appendix: null,
    widths: [16, 70, 10, ...years.map(() => 12)],
    cells,
    merges: [],
    inputs,
    conditional: [],
    frozenRows: HEADER_ROW,
    protect: false,
    hidden: false,
    landscape: true,
    printArea: `A1:${columnLetter(FIRST_YEAR_COL + years.length - 1)}${row - 1}`,
  };
}

export interface PreviousYearsRead {
  years: HistoryYear[];
  /** Russian, each naming the sheet and the cell. */
  problems: string[];
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v)).trim();

/** The sheet as the department filled it (found by its «Ключ» header and year columns, wherever they moved). */
export function readPreviousYears(catalog: Catalog, values: unknown[][], year: number, sheet = PREVIOUS_YEARS_SHEET): PreviousYearsRead {
  const headerAt = values.findIndex((r) => (r ?? []).some((v) => text(v).toLowerCase() === 'ключ'));
  if (headerAt < 0) return { years: [], problems: values.length > 0 ? [`Лист «${sheet}»: нет строки заголовка со столбцом «Ключ»`] : [] };
  const header = (values[headerAt] ?? []).map(text);
  const keyCol = header.findIndex((h) => h.toLowerCase() === 'ключ');
  const yearCols = header
    .map((h, i) => ({ i, y: Number(/^(\d{4})(\s*г\.?)?$/.exec(h)?.[1] ?? Number.NaN) }))
    .filter((c) => Number.isInteger(c.y) && c.y < year && c.y >= year - (MAX_YEARS - 1));
  const cells = new Map(catalog.cells.map((c) => [c.key, c]));
  const out = new Map<number, Record<string, number | null>>(yearCols.map((c) => [c.y, {}]));
  const problems: string[] = [];
  values.slice(headerAt + 1).forEach((r, k) => {
    const key = text(r?.[keyCol]);
    if (key === '') return;
    const cell = cells.get(key);
    const rowNo = headerAt + 2 + k;
    for (const { i, y } of yearCols) {
      const raw = r?.[i];
      const shown = text(raw);
      if (shown === '') continue;
      const where = `Лист «${sheet}», ячейка ${columnLetter(i + 1)}${rowNo}`;
      if (!cell) {
        problems.push(`${where}: ключа «${key}» нет в каталоге — строку не меняйте`);
        continue;
      }
      const n = typeof raw === 'number' ? raw : Number(shown.replace(/\s/g, '').replace(',', '.').replace(/%$/, ''));
      const name = indicatorName(catalog, cell);
      if (!Number.isFinite(n)) problems.push(`${where} («${name}»): нужно число`);
      else if (n < 0) problems.push(`${where} («${name}»): значение не может быть отрицательным`);
      else if (isShare(cell.unit) && n > 100) problems.push(`${where} («${name}»): доля в процентах не больше 100`);
      else (out.get(y) as Record<string, number | null>)[key] = n;
    }
  });
  const years: HistoryYear[] = [...out.entries()]
    .filter(([, v]) => Object.keys(v).length > 0)
    .map(([y, v]) => ({ year: y, catalogId: catalog.id, source: 'typed', values: v }));
  return { years: years.sort((a, b) => a.year - b.year), problems };
}
