import type { Alignment, Borders, Fill, Font, Style } from 'exceljs';
import type { StyleRole } from '../../../core/layout/types';

/**
 * How each StyleRole looks in an .xlsx file. Arial is metric-compatible with Liberation Sans, so the
 * layout prints the same in Excel and LibreOffice. Every call returns a fresh object: exceljs shares
 * style objects between cells and mutates them in place (setting `cell.protection` on one cell would
 * otherwise unlock every cell with the same role).
 */
const FONT = 'Arial';
const BASE_SIZE = 10;

const GREY_HEADER = 'FFE7E9EE';
const GROUP_FILL = 'FFEFF3F8';
const COMPUTED_FILL = 'FFE3EAF2';
const WHITE = 'FFFFFFFF';
const BORDER_COLOR = 'FFA6AEB9';

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } });

const thin = (): Partial<Borders> => {
  const side = { style: 'thin' as const, color: { argb: BORDER_COLOR } };
  return { top: { ...side }, left: { ...side }, bottom: { ...side }, right: { ...side } };
};

const font = (extra: Partial<Font> = {}): Partial<Font> => ({ name: FONT, size: BASE_SIZE, ...extra });

const align = (extra: Partial<Alignment> = {}): Partial<Alignment> => ({ vertical: 'top', ...extra });

function roleStyle(role: StyleRole): Partial<Style> {
  switch (role) {
    case 'title':
      return { font: font({ bold: true, size: 13 }), alignment: align({ vertical: 'middle', wrapText: true }) };
    case 'subtitle':
      return { font: font({ bold: true, size: 11 }), alignment: align({ wrapText: true }) };
    case 'hint':
      return { font: font({ italic: true, size: 9, color: { argb: 'FF555555' } }), alignment: align({ wrapText: true }) };
    case 'header':
      return {
        font: font({ bold: true }),
        fill: solid(GREY_HEADER),
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        border: thin(),
      };
    case 'group':
      return { font: font({ bold: true }), fill: solid(GROUP_FILL), alignment: align({ wrapText: true }), border: thin() };
    case 'label':
      return { font: font(), alignment: align({ wrapText: true }), border: thin() };
    case 'unit':
      return { font: font({ size: 9 }), alignment: align({ horizontal: 'center', wrapText: true }), border: thin() };
    case 'code':
      return { font: font({ size: 8, color: { argb: 'FF808080' } }), alignment: align(), border: thin() };
    case 'input':
      return { font: font(), fill: solid(WHITE), alignment: align({ horizontal: 'center', wrapText: true }), border: thin(), protection: { locked: false } };
    case 'link':
      return { font: font({ color: { argb: 'FF1155CC' }, underline: true }), alignment: align({ wrapText: true }), border: thin() };
    case 'check':
      // No wrap: a message overflows into the empty evidence cell of an input line instead of being cut.
      return { font: font({ italic: true, size: 9 }), alignment: align(), border: thin() };
    case 'computed':
      return { font: font(), fill: solid(COMPUTED_FILL), alignment: align({ horizontal: 'center' }), border: thin() };
    case 'meta':
      // No wrap: the school's name overflows into the empty cells to its right.
      return { font: font({ color: { argb: 'FF333333' } }), alignment: align() };
    case 'text':
      return { font: font(), alignment: align({ wrapText: true }) };
    case 'value':
      return { font: font({ bold: true }), alignment: align({ horizontal: 'center', vertical: 'middle', wrapText: true }), border: thin() };
    case 'mark':
    case 'stat':
      return { font: font(), alignment: align({ horizontal: 'center', vertical: 'middle', wrapText: true }), border: thin() };
  }
}

/** A fresh style object for a cell of `role`; `input` cells are the only unlocked ones. */
export function styleFor(role: StyleRole): Partial<Style> {
  const style = roleStyle(role);
  return role === 'input' ? style : { ...style, protection: { locked: true } };
}

/** Roles whose text wraps onto several lines (their rows get an estimated height). */
export function wraps(role: StyleRole): boolean {
  return roleStyle(role).alignment?.wrapText === true;
}

/** Font size and weight of a role, for row-height estimates. */
export function fontOf(role: StyleRole): { size: number; bold: boolean } {
  const f = roleStyle(role).font;
  return { size: f?.size ?? BASE_SIZE, bold: f?.bold === true };
}

/** `#RRGGBB` → exceljs ARGB. */
export function argb(hex: string): string {
  const clean = hex.replace(/^#/, '').toUpperCase();
  return /^[0-9A-F]{6}$/.test(clean) ? `FF${clean}` : /^[0-9A-F]{8}$/.test(clean) ? clean : 'FF000000';
}
