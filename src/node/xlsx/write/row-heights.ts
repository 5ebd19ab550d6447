import type { Worksheet } from 'exceljs';
import type { CellSpec, MergeSpec, SheetSpec } from '../../../core/layout/types';
import { fontOf, wraps } from './styles';

/**
 * Row heights for wrapped text, estimated from the text length and the column widths. LibreOffice does
 * not autofit rows of an imported .xlsx and neither program autofits merged cells, so without explicit
 * heights long labels and headers print cut off. The estimate errs on the generous side.
 */
const DEFAULT_WIDTH = 9;
const MAX_HEIGHT = 409; // Excel's limit, in points
const PADDING = 3;

export function fitRowHeights(sheet: Worksheet, spec: SheetSpec, widths: number[]): void {
  for (const [r, height] of rowHeights(spec, widths)) sheet.getRow(r).height = height;
}

/** row → height in points for the rows whose text needs more than the default height. */
export function rowHeights(spec: SheetSpec, widths: number[]): Map<number, number> {
  const width = (col: number): number => widths[col - 1] ?? DEFAULT_WIDTH;
  const mergeAt = new Map<string, MergeSpec>();
  const covered = new Set<string>();
  for (const m of spec.merges) {
    mergeAt.set(`${m.row}:${m.col}`, m);
    for (let r = m.row; r < m.row + m.rows; r += 1) for (let c = m.col; c < m.col + m.cols; c += 1) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }
  const need = new Map<number, number>();
  for (const cell of spec.cells) {
    if (covered.has(`${cell.row}:${cell.col}`)) continue;
    const m = mergeAt.get(`${cell.row}:${cell.col}`) ?? { row: cell.row, col: cell.col, rows: 1, cols: 1 };
    let chars = 0;
    for (let c = m.col; c < m.col + m.cols; c += 1) chars += width(c);
    const height = textHeight(cell, chars) / m.rows;
    for (let r = m.row; r < m.row + m.rows; r += 1) need.set(r, Math.max(need.get(r) ?? 0, height));
  }
  const out = new Map<number, number>();
  for (const [r, height] of need) if (height > 0) out.set(r, Math.min(MAX_HEIGHT, Math.ceil(height)));
  return out;
}

/** Points needed by one cell; 0 when a default-height row already fits it. */
function textHeight(cell: CellSpec, widthChars: number): number {
  if (typeof cell.value !== 'string' || cell.value === '') return 0;
  const font = fontOf(cell.style);
  const lineHeight = font.size * 1.3;
  if (!wraps(cell.style)) return font.size > 11 ? lineHeight + PADDING : 0;
  // A column width unit is one digit of the default font (Calibri 11); Cyrillic text in Arial 10 fits
  // about 1.1 characters per unit, bold about 10 % fewer; word wrapping wastes part of each line.
  const perLine = Math.max(1, Math.floor((widthChars * 10) / font.size / (font.bold ? 1.1 : 1)));
  const lines = cell.value.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
  if (lines <= 1 && font.size <= 11) return 0;
  return lines * lineHeight + PADDING;
}
