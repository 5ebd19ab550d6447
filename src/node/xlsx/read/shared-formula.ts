import { unsupported } from './xml-cursor';
import { CELL_REF, columnLetters, columnNumber } from './cell-address';

/** A shared formula moved from its master cell to a child, as Excel reads it. */
// exceljs lib/utils/shared-formula.js
const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

export function slideFormula(formula: string, from: string, to: string): string {
  const a = CELL_REF.exec(from);
  const b = CELL_REF.exec(to);
  if (!a || !b) return unsupported('a shared formula between odd addresses');
  const dCol = columnNumber(b[1] as string) - columnNumber(a[1] as string);
  const dRow = Number(b[2]) - Number(a[2]);
  return formula.replace(CANDIDATE, (match: string, sheet: string | undefined, _sheetName: string | undefined, part: string, paren: string | undefined) => {
    if (paren) return match;
    const m = CELL.exec(part);
    if (!m) return match;
    const colDollar = m[1] ?? '';
    const letters = (m[2] as string).toUpperCase();
    const rowDollar = m[3] ?? '';
    if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return match;
    let c = columnNumber(letters);
    let r = parseInt(m[4] as string, 10);
    if (!colDollar) c += dCol;
    if (!rowDollar) r += dRow;
    return `${sheet ?? ''}${colDollar}${columnLetters(c)}${rowDollar}${r}`;
  });
}
