import type { FileStamp, School } from '../campaign/schema';
import type { Catalog, Input } from '../catalog/types';
import { a1 } from '../layout/a1';
import { COL, META_SHEET, PROFILE_SHEET, STATUS_ID, appendixMarker, groupTitle, layoutHash, sheetLines } from '../layout/positions';
import { STAMP_KEYS } from '../layout/school-workbook';
import { type Message, message } from './messages';
import { quoted } from '../text/xml-safe';
import { type Value, readValue, safeText } from './values';

/** What an adapter reads from a file: each sheet's values (and formulas, where the format keeps them). */
export interface SheetGrid {
  name: string;
  values: unknown[][];
  formulas?: (string | null | undefined)[][];
}
/** What a reader refused to keep, placed where it was: a cell beyond the sheet's limits, a text longer than Excel holds. */
export interface GridProblem {
  sheet: string;
  cell: string | null;
  text: string;
}
export interface WorkbookGrid {
  sheets: SheetGrid[];
  problems?: GridProblem[];
}

export interface Submission {
  /** The school the file says it belongs to (from its stamp), or null when unreadable. */
  schoolId: string | null;
  stamp: Partial<FileStamp>;
  values: Record<string, Value>;
  /** Where each value was read, for messages and the evidence trail. */
  cells: Record<string, { sheet: string; cell: string }>;
  status: string | null;
  messages: Message[];
}

export interface ParseContext {
  catalog: Catalog;
  year: number;
  registry: School[];
  /** The school the file is expected to belong to (its file name or registry link), if known. */
  expectedSchoolId: string | null;
}

const cellText = (v: unknown): string => safeText(v).trim();

/** Turns the grids of one school file into a typed submission. Never throws; every problem is a message. */
/**
 * A formula that reaches outside the cell's arithmetic: web and import functions, links, other workbooks
 * («[Книга]Лист!A1», «'C:\\…'!A1») and indirect references. Plain arithmetic over numbers and this sheet stays a warning.
 */
const OUTSIDE =
  /\b(WEBSERVICE|FILTERXML|HYPERLINK|IMPORT[A-Z]*|IMAGE|GOOGLEFINANCE|INDIRECT|RTD|DDE|CALL|REGISTER\.ID|CUBE[A-Z]*)\s*\(|\[[^\]]*\]|'[^']*[\\/:][^']*'!/i;
export const reachesOutside = (formula: string): boolean => OUTSIDE.test(formula);

export function parseSubmission(grid: WorkbookGrid, ctx: ParseContext): Submission {
  const messages: Message[] = (grid.problems ?? []).map((p) => message('error', 'sheet-limit', p.text, { sheet: p.sheet, cell: p.cell }));
  const stamp = readStamp(grid, messages);
  const schoolId = checkStamp(stamp, ctx, messages);
  const values: Record<string, Value> = {};
  const cells: Record<string, { sheet: string; cell: string }> = {};

  const label = indicatorLabels(ctx.catalog);
  for (const plan of sheetLines(ctx.catalog)) {
    const marker = plan.appendix === null ? 'Сведения об образовательной организации' : appendixMarker(ctx.catalog, plan.appendix);
    const sheet = findSheet(grid, plan.sheet, marker, messages);
    let drifted = 0;
    let relabelled = 0;
    for (const line of plan.lines) {
      const input = line.input;
      if (!input) continue;
      const col = line.kind === 'group' ? COL.evidence : COL.value;
      const where = { sheet: plan.sheet, cell: a1(line.row, col), inputId: input.id, indicator: label(input) };
      if (!sheet) {
        values[input.id] = null;
        continue;
      }
      let row = line.row;
      if (cellText(sheet.values[row - 1]?.[COL.code - 1]) !== input.id) {
        const found = sheet.values.findIndex((r) => cellText(r?.[COL.code - 1]) === input.id);
        if (found < 0) {
          messages.push(
            message('error', 'block-missing', `строка поля «${input.id}» не найдена — строки удалены или перемещены; восстановите форму из исходного файла`, {
              ...where,
              sheet: sheet.name,
            }),
          );
          values[input.id] = null;
          continue;
        }
        row = found + 1;
        drifted += 1;
      }
      if (line.kind === 'input' && cellText(sheet.values[row - 1]?.[COL.label - 1]) !== input.label) relabelled += 1;
      const address = a1(row, col);
      cells[input.id] = { sheet: sheet.name, cell: address };
      if (input.derived) continue;
      const raw = sheet.values[row - 1]?.[col - 1];
      const reading = readValue(input.kind, raw);
      values[input.id] = reading.value;
      const at = { sheet: sheet.name, cell: address, inputId: input.id, indicator: label(input) };
      if (reading.problem) messages.push(message(reading.problem.severity, reading.problem.code, reading.problem.text, at));
      const formula = sheet.formulas?.[row - 1]?.[col - 1];
      if (formula && reachesOutside(formula)) {
        // whatever its cached value: the number may come from the network, another file or a link
        const shown = formula.replace(/^=/, '').slice(0, 100);
        const text = `в ячейке формула «=${shown}», которая берёт данные извне (сеть, другой файл или ссылка) — введите число вручную`;
        messages.push(message('error', 'formula-outside', text, at));
        values[input.id] = null;
      } else if (formula && reading.value !== null && !reading.problem) {
        messages.push(
          message(
            'warning',
            'formula-input',
            `в ячейке формула «=${formula.replace(/^=/, '')}»; учтено её значение ${String(reading.value)} — лучше ввести число`,
            at,
          ),
        );
      }
    }
    if (sheet && drifted > 0) {
      messages.push(
        message('warning', 'rows-moved', `строки формы сдвинуты (${drifted} полей не на своих местах); значения прочитаны по кодам полей`, {
          sheet: sheet.name,
          cell: 'A1',
        }),
      );
    }
    if (sheet && relabelled > 0) {
      messages.push(
        message(
          'warning',
          'labels-edited',
          `изменены подписи показателей (${relabelled}); значения прочитаны по кодам полей — проверьте, что защита листа не снята`,
          { sheet: sheet.name, cell: 'A1' },
        ),
      );
    }
  }
  computeDerived(ctx.catalog.inputs, values);
  const statusSheet = findSheet(grid, PROFILE_SHEET, 'Сведения об образовательной организации', []);
  const statusRow = statusSheet?.values.findIndex((r) => cellText(r?.[COL.code - 1]) === STATUS_ID) ?? -1;
  const status = statusSheet ? cellText(statusSheet.values[statusRow >= 0 ? statusRow : 6]?.[COL.value - 1]) || null : null;
  return { schoolId, stamp, values, cells, status, messages };
}

/** How a field is named in messages: with its direction where one label repeats across directions. */
export function indicatorLabels(catalog: Catalog): (input: Input) => string {
  return (input) => {
    const app = catalog.appendices.find((a) => a.number === input.sheet);
    if (!app || input.group === 'bases' || (input.group === 'school' && input.kind !== 'url') || (app.rows.length < 2 && input.kind !== 'url'))
      return input.label;
    return `${input.label} (${groupTitle(catalog, input.sheet, input.group)})`;
  };
}

function findSheet(grid: WorkbookGrid, name: string, marker: string, messages: Message[]): SheetGrid | null {
  const exact = grid.sheets.find((s) => s.name === name);
  if (exact) return exact;
  const moved = grid.sheets.find((s) => cellText(s.values[0]?.[0]).startsWith(marker));
  if (moved) {
    messages.push(
      message('warning', 'sheet-renamed', `лист «${name}» переименован в «${quoted(moved.name)}»; данные прочитаны`, { sheet: moved.name, cell: 'A1' }),
    );
    return moved;
  }
  messages.push(
    message('error', 'sheet-missing', `лист «${name}» не найден — он удалён или файл не из этой кампании; его данные не учтены`, { sheet: name, cell: 'A1' }),
  );
  return null;
}

function readStamp(grid: WorkbookGrid, messages: Message[]): Partial<FileStamp> {
  const sheet = grid.sheets.find((s) => s.name === META_SHEET) ?? grid.sheets.find((s) => cellText(s.values[0]?.[0]).startsWith('Служебные сведения'));
  if (!sheet) {
    messages.push(
      message('error', 'no-stamp', `нет служебного листа «${META_SHEET}» — файл создан не этой системой или повреждён; используйте файл, выданный отделом`, {
        sheet: META_SHEET,
        cell: 'A1',
      }),
    );
    return {};
  }
  const stamp: Partial<FileStamp> = {};
  for (const row of sheet.values) {
    const key = cellText(row?.[0]);
    const value = cellText(row?.[1]);
    if (!(STAMP_KEYS as readonly string[]).includes(key)) continue;
    if (key === 'year') stamp.year = Number(value);
    else if (key === 'schoolId' || key === 'catalogId' || key === 'catalogVersion' || key === 'layoutHash') stamp[key] = value;
  }
  return stamp;
}

/** Latin look-alikes of Cyrillic letters: a code typed with «с» instead of «c» still names the intended school. */
const CONFUSABLES: Record<string, string> = { а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x' };
const deconfuse = (s: string): string =>
  s
    .normalize('NFKC')
    .split('')
    .map((ch) => {
      const lower = ch.toLowerCase();
      const mapped = CONFUSABLES[lower];
      return mapped ? (ch === lower ? mapped : mapped.toUpperCase()) : ch;
    })
    .join('');

function checkStamp(stamp: Partial<FileStamp>, ctx: ParseContext, messages: Message[]): string | null {
  const where = { sheet: META_SHEET };
  const id = stamp.schoolId ?? null;
  if (id === null) return ctx.expectedSchoolId;
  const school = ctx.registry.find((s) => s.id === id);
  if (!school) {
    const lookAlike = ctx.registry.find((s) => deconfuse(s.id) === deconfuse(id));
    messages.push(
      message(
        'error',
        'not-in-registry',
        lookAlike
          ? `код ОО «${quoted(id)}» содержит буквы другого алфавита, похожие на латинские; в реестре есть «${lookAlike.id}» — ` +
              'используйте файл, выданный отделом'
          : `ОО с кодом «${quoted(id)}» нет в реестре кампании`,
        { ...where, cell: 'B2' },
      ),
    );
  }
  if (ctx.expectedSchoolId !== null && id !== ctx.expectedSchoolId) {
    messages.push(
      message('error', 'other-school', `файл принадлежит другой ОО (код «${quoted(id)}»), а ожидался файл ОО «${ctx.expectedSchoolId}»`, {
        ...where,
        cell: 'B2',
      }),
    );
  }
  if (stamp.year !== ctx.year) {
    messages.push(
      message(
        'error',
        'other-year',
        `файл мониторинга ${Number.isFinite(stamp.year) ? `${stamp.year}` : 'неизвестного'} года, а идёт кампания ${ctx.year} года`,
        { ...where, cell: 'B3' },
      ),
    );
  }
  if (stamp.catalogId !== ctx.catalog.id || stamp.catalogVersion !== ctx.catalog.version) {
    messages.push(
      message(
        'error',
        'other-catalog',
        `файл создан для каталога показателей «${stamp.catalogId ?? '?'} ${stamp.catalogVersion ?? ''}», ` +
          `а кампания использует «${ctx.catalog.id} ${ctx.catalog.version}»`,
        { ...where, cell: 'B4' },
      ),
    );
  } else if (stamp.layoutHash !== layoutHash(ctx.catalog)) {
    messages.push(message('warning', 'other-layout', 'форма файла отличается от текущей; значения прочитаны по кодам полей', { ...where, cell: 'B6' }));
  }
  return school ? id : (ctx.expectedSchoolId ?? id);
}

function computeDerived(inputs: Input[], values: Record<string, Value>): void {
  for (const input of inputs) {
    if (!input.derived) continue;
    const parts = input.derived.map((id) => values[id]);
    values[input.id] = parts.every((p) => p === null || p === undefined) ? null : parts.reduce<number>((s, p) => s + (typeof p === 'number' ? p : 0), 0);
  }
}
