/** 1-based column number → letters (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 1-based row and column → «D12». */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** A sheet name as a reference writes it: «'Сведения об ОО'» (an apostrophe doubled). */
export const quoteSheet = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;

/** A reference usable from another sheet: «'Сведения об ОО'!$D$12». */
export function sheetRef(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!$${columnLetter(col)}$${row}`;
}

export function rangeA1(row: number, col: number, rows: number, cols: number): string {
  return rows === 1 && cols === 1 ? a1(row, col) : `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
}
