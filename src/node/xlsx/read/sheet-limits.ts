/**
 * Excel's own limits, held while reading: a reference beyond them is a placed error (GridProblem), never an
 * allocation, and a text longer than a cell holds is never kept whole (it would flow into messages, the intake cache
 * and appendices.json). Both readers (lean and exceljs) apply them.
 */
import type { GridProblem } from '../../../core/submission/parse';
import { quoted } from '../../../core/text/xml-safe';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384; // XFD
export const MAX_TEXT = 32_767;
/** A school file has a few thousand filled cells; beyond this many the file is not one (and would fill memory). */
export const MAX_CELLS = 500_000;

export const beyondSheet = (sheet: string, ref: string): GridProblem => ({
  sheet,
  cell: null,
  text: `ячейка «${quoted(ref, 30)}» — за пределами листа Excel (строк не больше 1 048 576, столбцов — до XFD); она не прочитана, удалите её`,
});

export const tooLongText = (sheet: string, cell: string, text: string): GridProblem => ({
  sheet,
  cell,
  text: `текст длиннее 32 767 знаков (больше, чем вмещает ячейка Excel): «${quoted(text)}» — он не прочитан`,
});

export const tooManyCells = (sheet: string): GridProblem => ({
  sheet,
  cell: null,
  text: `на листе больше ${MAX_CELLS.toLocaleString('ru-RU')} заполненных ячеек — это не форма мониторинга; остальные ячейки не прочитаны`,
});

export const mergesTooLarge = (sheet: string): GridProblem => ({
  sheet,
  cell: null,
  text: 'объединённые ячейки листа занимают слишком большую область — это не форма мониторинга; объединения не учтены',
});
