/** CSV as spreadsheets and Google Forms export it (pure: used by the survey import and the registry). */
export interface CsvRow {
  /** Line of the file where the row starts (1-based; a quoted field may span lines). */
  line: number;
  fields: string[];
}

/** Separators outside quotes in the header line decide «,» or «;» (Excel re-saves Russian CSV with «;»). */
function separatorOf(src: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of src) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** RFC 4180 rows with the line each starts on; blank rows are dropped, a UTF-8 BOM is ignored. */
export function parseCsvRows(text: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const sep = separatorOf(src);
  const rows: CsvRow[] = [];
  let line = 1;
  let start = 1;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const end = (): void => {
    row.push(field);
    if (row.some((f) => f.trim() !== '')) rows.push({ line: start, fields: row });
    row = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') continue; // the \n that follows ends the row
      end();
      start = line;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) end();
  return rows;
}
