import { cellText, formulaAt } from '../catalog/workbook/read-table';
import { a1 } from '../layout/a1';
import { departmentSheet } from '../layout/table-sheet';
import type { CellSpec, InputCellSpec, SheetSpec, WorkbookSpec } from '../layout/types';
import type { WorkbookGrid } from '../submission/parse';
import { LETTER_KINDS, LETTER_LABELS, type LetterKind, isLetterKind } from './kinds';
import { PLACEHOLDERS } from './placeholders';
import { type LetterTexts, textsProblems } from './texts';

/**
 * The department's letter texts as one sheet, «Тексты писем»: letters.xlsx in the campaign folder offline and the
 * sheet of the same name in the department's spreadsheet. One row per letter (its code in column B finds it, so the
 * rows may be moved), the subject in C and the body in D; the placeholders are listed below. Read as values only.
 */
export const LETTERS_SHEET = 'Тексты писем';
export const LETTERS_TITLE = 'Тексты писем школам';
const HEADER_ROW = 3;
const FIRST_ROW = 4;
export const COL = { label: 1, code: 2, subject: 3, body: 4 } as const;

export function lettersSheetSpec(texts: LetterTexts): SheetSpec {
  const cells: CellSpec[] = [];
  const inputs: InputCellSpec[] = [];
  cells.push({ row: 1, col: 1, value: LETTERS_TITLE, style: 'title' });
  cells.push({
    row: 2,
    col: 1,
    value:
      'Темы и тексты писем, которые отдел отправляет школам. Правьте столбцы «Тема» и «Текст письма»; слова в фигурных скобках ' +
      'заменяются данными школы и кампании (список ниже). Столбец «Код» не меняйте. Формулы не допускаются: книга читается только как значения.',
    style: 'hint',
  });
  for (const [i, h] of ['Письмо', 'Код', 'Тема', 'Текст письма'].entries()) cells.push({ row: HEADER_ROW, col: i + 1, value: h, style: 'header' });
  LETTER_KINDS.forEach((kind, i) => {
    const row = FIRST_ROW + i;
    cells.push({ row, col: COL.label, value: LETTER_LABELS[kind], style: 'label' });
    cells.push({ row, col: COL.code, value: kind, style: 'code' });
    cells.push({ row, col: COL.subject, value: texts[kind].subject, style: 'text', note: 'Тема письма — одна строка.' });
    cells.push({ row, col: COL.body, value: texts[kind].body, style: 'text', note: 'Текст письма; абзацы — с новой строки (Alt+Enter).' });
    inputs.push({
      id: `${kind}.subject`,
      row,
      col: COL.subject,
      kind: 'text',
      validation: { type: 'text', maxLength: 250 },
      validationMessage: 'Тема: до 250 знаков.',
    });
  });
  let row = FIRST_ROW + LETTER_KINDS.length + 1;
  cells.push({ row, col: 1, value: 'Подстановки', style: 'subtitle' });
  row += 1;
  for (const [i, h] of ['Подстановка', 'Что подставляется', 'В каких письмах'].entries()) cells.push({ row, col: i + 1, value: h, style: 'header' });
  for (const p of PLACEHOLDERS) {
    row += 1;
    cells.push({ row, col: 1, value: `{${p.name}}`, style: 'code' });
    cells.push({ row, col: 2, value: p.what, style: 'text' });
    cells.push({ row, col: 3, value: p.kinds.map((k) => LETTER_LABELS[k]).join(', '), style: 'text' });
  }
  return departmentSheet({
    name: LETTERS_SHEET,
    marker: LETTERS_TITLE,
    widths: [24, 40, 50, 100],
    cells,
    merges: [
      { row: 1, col: 1, rows: 1, cols: 4 },
      { row: 2, col: 1, rows: 1, cols: 4 },
    ],
    inputs,
    frozenRows: HEADER_ROW,
    landscape: true,
    printArea: `A1:D${row}`,
  });
}

export const lettersWorkbookSpec = (texts: LetterTexts): WorkbookSpec => ({ title: LETTERS_TITLE, sheets: [lettersSheetSpec(texts)] });

/**
 * The texts from a read workbook (the sheet «Тексты писем», or else the first sheet), or every problem in Russian
 * naming the sheet and the cell. A formula is refused, never evaluated.
 */
export function parseLettersWorkbook(grid: WorkbookGrid): { texts: LetterTexts } | { problems: string[] } {
  const sheet = grid.sheets.find((s) => s.name.trim() === LETTERS_SHEET) ?? grid.sheets[0];
  if (!sheet) return { problems: ['в книге нет листа «Тексты писем»'] };
  const at = (row: number, col: number): string => `Лист «${sheet.name}», ячейка ${a1(row, col)}`;
  const problems: string[] = [];
  const found: Partial<Record<LetterKind, { subject: string; body: string; row: number }>> = {};
  for (let r = 0; r < sheet.values.length; r++) {
    const code = cellText(sheet.values[r]?.[COL.code - 1]);
    const kind = 'text' in code ? code.text.trim() : '';
    if (!isLetterKind(kind)) continue;
    const row = r + 1;
    if (found[kind]) {
      problems.push(`${at(row, COL.code)}: письмо «${LETTER_LABELS[kind]}» уже задано в строке ${found[kind].row}`);
      continue;
    }
    const read = (col: number): string => {
      if (formulaAt(sheet, r, col - 1) !== null) {
        problems.push(`${at(row, col)}: формула вместо текста — введите текст (формулы не вычисляются)`);
        return '';
      }
      const t = cellText(sheet.values[r]?.[col - 1]);
      if ('problem' in t) {
        problems.push(`${at(row, col)}: ${t.problem}`);
        return '';
      }
      return t.text;
    };
    found[kind] = { subject: read(COL.subject).trim(), body: read(COL.body), row };
  }
  for (const kind of LETTER_KINDS)
    if (!found[kind]) problems.push(`Лист «${sheet.name}»: нет строки письма «${LETTER_LABELS[kind]}» (код ${kind} в столбце B)`);
  if (problems.length > 0) return { problems };
  const texts = Object.fromEntries(LETTER_KINDS.map((k) => [k, { subject: found[k]?.subject ?? '', body: found[k]?.body ?? '' }])) as LetterTexts;
  for (const p of textsProblems(texts)) {
    const row = found[p.kind]?.row ?? FIRST_ROW;
    problems.push(`${at(row, p.part === 'subject' ? COL.subject : COL.body)}: ${p.text}`);
  }
  return problems.length > 0 ? { problems } : { texts };
}
