import { UserFacingError } from '../../app/errors';
import { defaultLetterTexts, type LetterTexts } from '../../core/letters/texts';
import { LETTERS_SHEET, lettersSheetSpec, parseLettersWorkbook } from '../../core/letters/workbook';
import { renderSheet } from '../render/sheet-renderer';
import type { Spreadsheet } from '../services';

/**
 * «Тексты писем» in the department's spreadsheet: the core's sheet (the same layout as letters.xlsx offline), drawn
 * with the default texts on first use and read back before every mailing as values and formula texts — a formula
 * is a placed error («формула вместо текста»), never evaluated.
 */
export function letterTexts(ss: Spreadsheet): { texts: LetterTexts; created: boolean } {
  const existing = ss.getSheetByName(LETTERS_SHEET);
  if (!existing) {
    const texts = defaultLetterTexts();
    renderSheet(ss, ss.insertSheet(LETTERS_SHEET), lettersSheetSpec(texts));
    return { texts, created: true };
  }
  const range = existing.getDataRange();
  const read = parseLettersWorkbook({
    sheets: [{ name: LETTERS_SHEET, values: range.getValues(), formulas: range.getFormulas().map((r) => r.map((f) => (f ? f.replace(/^=/, '') : null))) }],
  });
  if ('problems' in read) throw new UserFacingError(`Тексты писем не приняты — исправьте лист «${LETTERS_SHEET}»:\n  ${read.problems.join('\n  ')}`);
  return { texts: read.texts, created: false };
}
