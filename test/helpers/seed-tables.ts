/**
 * A reader for the tables 4.1–4.11 of the Kalar concept as they appear in the flattened .docx text
 * (test/fixtures/kalar-concept.txt, see docs/decisions/methodology.md, D1, for the geometry):
 *
 * - a table starts at a line such as `4.1. Муниципальные  показатели …` or `4.2 Муниципальные …`;
 * - every table cell (`<w:tc>`) starts on a line that begins with a TAB;
 * - a non-empty line without a TAB is a further paragraph of the cell above it;
 * - an empty line followed by a TAB line ends a table row, unless the cell before it already has several
 *   paragraphs (then it is that cell's trailing empty paragraph: table 4.3 writes its `№ п/п` cell as
 *   `\t`, ``, `№ п/п`, `` — the flattening cannot tell the two apart, and only header cells have
 *   several paragraphs); an empty line followed by text is an empty paragraph inside a cell;
 * - a data row is: the row number (may be empty), the row label, then one cell per leaf column.
 *
 * Nothing here knows the catalog: it only turns the text into tables → rows → cells.
 */

/** Collapses every run of whitespace (spaces, tabs, line breaks, NBSP) to one space and trims. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface SeedCell {
  /** Cell text, whitespace-collapsed. */
  text: string;
  /** 1-based line of the fixture where the cell starts. */
  line: number;
  /** Index of the table row (0-based, within the table) the cell belongs to. */
  row: number;
}

export interface SeedTable {
  /** `4.1` … `4.11`. */
  table: string;
  /** N of table 4.N (= appendix number). */
  number: number;
  /** The title without its number prefix, whitespace-collapsed. */
  title: string;
  /** 1-based line of the title. */
  line: number;
  /** The whole table segment (title line excluded), whitespace-collapsed. */
  text: string;
  /** Every cell in reading order. */
  cells: SeedCell[];
  /** The same cells grouped by table row. */
  rows: SeedCell[][];
}

/** A table title line: `4.N.` or `4.N` then the title; table cells start with a TAB, titles never do. */
const TABLE_TITLE = /^[ \u00a0]*4\.(\d{1,2})\.?\s+(\S.*)$/;
/** A numbered section heading after the tables, e.g. `[bookmark: bookmark4]5. МЕТОДЫ …`. */
const SECTION_HEADING = /^(?:\[bookmark:[^\]]*\])?\s*\d+\.\s+\S/;

/** Splits the seed text into its tables 4.1–4.11 (in document order). */
export function readSeedTables(seed: string): SeedTable[] {
  const lines = seed.split(/\r?\n/);
  const starts: { index: number; number: number; title: string }[] = [];
  lines.forEach((line, index) => {
    const m = TABLE_TITLE.exec(line);
    if (m && m[1] !== undefined && m[2] !== undefined) starts.push({ index, number: Number(m[1]), title: collapse(m[2]) });
  });
  return starts.map((start, k) => {
    const next = starts[k + 1];
    let end = next ? next.index : lines.length;
    if (!next) {
      for (let i = start.index + 1; i < lines.length; i++) {
        if (SECTION_HEADING.test(lines[i] ?? '')) {
          end = i;
          break;
        }
      }
    }
    return readTable(lines, start.index, end, start.number, start.title);
  });
}

function readTable(lines: string[], titleIndex: number, end: number, number: number, title: string): SeedTable {
  const raw: { parts: string[]; line: number; row: number }[] = [];
  let row = 0;
  let pendingBreak = false;
  for (let i = titleIndex + 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('\t')) {
      const previous = raw[raw.length - 1];
      if (pendingBreak && previous && previous.parts.length === 1) row++;
      pendingBreak = false;
      raw.push({ parts: [line.slice(1)], line: i + 1, row });
    } else if (line.trim() === '') {
      pendingBreak = true;
    } else {
      // A further paragraph of the current cell (an empty line before it was an empty paragraph).
      pendingBreak = false;
      const current = raw[raw.length - 1];
      if (current) current.parts.push(line);
      else raw.push({ parts: [line], line: i + 1, row });
    }
  }
  const cells: SeedCell[] = raw.map((c) => ({ text: collapse(c.parts.join('\n')), line: c.line, row: c.row }));
  const rows: SeedCell[][] = [];
  for (const cell of cells) {
    const row = rows[cell.row] ?? [];
    rows[cell.row] = row;
    row.push(cell);
  }
  return {
    table: `4.${number}`,
    number,
    title,
    line: titleIndex + 1,
    text: collapse(lines.slice(titleIndex + 1, end).join('\n')),
    cells,
    rows,
  };
}

export interface SeedDataRow {
  /** The row number cell ('' when the source leaves it empty). */
  number: string;
  label: string;
  /** The value cells after the label, in reading order (exactly `leaves` of them when the row is found). */
  values: string[];
  /** How many cells the label's table row has after the label (should equal the leaf count). */
  cellsAfterLabel: number;
  /** 1-based line of the label. */
  line: number;
  /** How the row was located: by its label, or (label not found) as the n-th structural data row. */
  foundBy: 'label' | 'position';
}

/**
 * Structural data rows: rows whose first cell is a row number (digits or empty) and whose second cell
 * (the direction label) is non-empty. Header rows never qualify: their first cell is `№ п/п` or a
 * vertically merged (empty) cell, and then their second cell is empty too.
 */
export function dataRows(table: SeedTable): SeedCell[][] {
  return table.rows.filter((r) => r.length >= 2 && /^\d*$/.test(r[0]?.text ?? 'x') && (r[1]?.text ?? '') !== '');
}

/** The header rows: every row before the first structural data row. */
export function headerRows(table: SeedTable): SeedCell[][] {
  const first = dataRows(table)[0];
  const firstIndex = first ? table.rows.indexOf(first) : table.rows.length;
  return table.rows.slice(0, firstIndex);
}

/**
 * Locates a data row by its label (whitespace-collapsed, whole cell) and takes the `leaves` cells that
 * follow it. When no cell equals the label (e.g. a typo in the catalog), falls back to the structural
 * data row at `position`, so the values are still compared and the label mismatch is reported.
 */
export function findDataRow(table: SeedTable, label: string, leaves: number, position: number): SeedDataRow | null {
  const wanted = collapse(label);
  const matches = table.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.text === wanted);
  let labelIndex: number;
  let foundBy: SeedDataRow['foundBy'];
  if (matches.length === 1 && matches[0]) {
    labelIndex = matches[0].i;
    foundBy = 'label';
  } else {
    const row = dataRows(table)[position];
    const cell = row?.[1];
    if (!cell) return null;
    labelIndex = table.cells.indexOf(cell);
    foundBy = 'position';
  }
  const labelCell = table.cells[labelIndex];
  if (!labelCell) return null;
  const before = table.cells[labelIndex - 1];
  const number = before && before.row === labelCell.row ? before.text : '';
  const values = table.cells.slice(labelIndex + 1, labelIndex + 1 + leaves).map((c) => c.text);
  const cellsAfterLabel = table.cells.filter((c, i) => i > labelIndex && c.row === labelCell.row).length;
  return { number, label: labelCell.text, values, cellsAfterLabel, line: labelCell.line, foundBy };
}
