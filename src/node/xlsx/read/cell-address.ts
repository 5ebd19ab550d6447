/** A1 addresses of a worksheet: letters ↔ column numbers. */
import { unsupported } from './xml-cursor';
export const CELL_REF = /^([A-Z]{1,3})([1-9]\d*)$/;
export const ANY_REF = /^([A-Z]+)([1-9]\d*)$/;

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export function columnLetters(n: number): string {
  if (n < 1 || n > 16384) unsupported(`column ${n} out of bounds`); // exceljs throws
  let s = '';
  for (let m = n; m > 0; m = Math.floor((m - 1) / 26)) s = String.fromCharCode(65 + ((m - 1) % 26)) + s;
  return s;
}
