/**
 * An OpenDocument cell's value as the .xlsx readers give the same cell: numbers, percentages and currency as numbers,
 * booleans, dates and times as Dates (what exceljs makes of a date-formatted serial), texts from the cell's paragraphs,
 * an error result as its text («#DIV/0!»), and a formula as the text an .xlsx keeps (`SUM(D12,'Лист'!D3)`).
 */
import { CLOSE, END, OPEN, TEXT, type XmlCursor, children } from './xml-cursor';

export type Plain = string | number | boolean | Date;

const DATE = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?(?:Z|[+-]\d{2}:\d{2})?$/;
const DURATION = /^(-)?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/;
/** Day 0 of a spreadsheet serial (1899-12-30): exceljs turns a time-formatted fraction into a Date on it. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** `2026-05-01` or `2026-05-01T10:20:30.5` → the Date exceljs gives for the same serial (UTC); null when malformed. */
export function odsDate(text: string): Date | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  const date = new Date(0);
  date.setUTCFullYear(y as number, (mo as number) - 1, d as number);
  date.setUTCHours(h as number, mi as number, s as number, ms);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `PT12H30M00S` → the Date exceljs gives for the time-formatted fraction (on 1899-12-30, UTC); null when malformed. */
export function odsTime(text: string): Date | null {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim() === 'PT') return null;
  const ms = ((Number(m[2] ?? 0) * 24 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 60_000 + Math.round(Number(m[5] ?? 0) * 1000);
  const date = new Date(SERIAL_EPOCH + (m[1] ? -ms : ms));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The text of one `<text:p>` (the cursor just opened it): runs of white space collapse to one space as ODF says,
 * `<text:s text:c="3"/>` is that many spaces, `<text:tab/>` a tab, `<text:line-break/>` a line end, and spans, links
 * and fields give their text. Notes and annotations inside a paragraph are not its text.
 */
export function paragraphText(x: XmlCursor, limit: number): string {
  let out = '';
  const walk = (): void => {
    const depth = x.depth;
    for (;;) {
      const t = x.next();
      if (t === TEXT) {
        if (out.length <= limit) out += x.text().replace(/[ \t\r\n]+/g, ' ');
      } else if (t === OPEN) {
        const name = x.name;
        if (name === 'text:s') {
          const n = Number(x.attr('text:c') ?? '1');
          // a hostile count (text:c="1000000000") never builds more than the limit
          if (out.length <= limit) out += ' '.repeat(Number.isInteger(n) && n > 0 ? Math.min(n, limit + 1) : 1);
          x.skip();
        } else if (name === 'text:tab' || name === 'text:line-break') {
          if (out.length <= limit) out += name === 'text:tab' ? '\t' : '\n';
          x.skip();
        } else if (name === 'text:note' || name === 'office:annotation' || name.startsWith('draw:')) x.skip();
        else walk();
      } else if (t === CLOSE && x.depth < depth) return;
      else if (t === END) return;
    }
  };
  walk();
  return out;
}

/** The paragraphs of a cell (the cursor just opened the cell), joined by line ends as LibreOffice does for .xlsx. */
export function cellText(x: XmlCursor, limit: number): string | undefined {
  let out: string | undefined;
  children(x, () => {
    if (x.name === 'text:p' || x.name === 'text:h') {
      const p = paragraphText(x, limit);
      out = out === undefined ? p : out.length > limit ? out : `${out}\n${p}`;
    } else x.skip();
  });
  return out;
}

/**
 * One cell's value from its attributes (read before its content) and its paragraphs' text. A number whose
 * attribute is missing or malformed falls back to the shown text, as a reader that sees only the text would.
 */
export function cellValue(type: string | undefined, calcType: string | undefined, attrs: CellAttrs, text: string | undefined): Plain {
  if (calcType === 'error') return text ?? '';
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = attrs.value === undefined ? Number.NaN : Number(attrs.value);
      return Number.isFinite(n) ? n : (text ?? '');
    }
    case 'boolean':
      return attrs.boolean === undefined ? (text ?? '') : attrs.boolean === 'true' || attrs.boolean === '1';
    case 'date':
      return (attrs.date === undefined ? null : odsDate(attrs.date)) ?? text ?? '';
    case 'time':
      return (attrs.time === undefined ? null : odsTime(attrs.time)) ?? text ?? '';
    case 'string':
      return attrs.string ?? text ?? '';
    default:
      return text ?? '';
  }
}

export interface CellAttrs {
  value: string | undefined;
  boolean: string | undefined;
  date: string | undefined;
  time: string | undefined;
  string: string | undefined;
}

/** One reference inside `[…]`: `.D12`, `$'Лист'.$D$3`, `.D1:.D9`; another file's (`'file:…'#$Лист.A1`) stays bracketed. */
function reference(inner: string): string {
  if (inner.includes('#') && /^'[^']*'#/.test(inner)) return `[${inner}]`;
  const parts = inner.match(/(?:'(?:[^']|'')*'|[^:'])+/g) ?? [inner];
  return parts
    .map((part) => {
      const m = /^\$?((?:'(?:[^']|'')*')|[^.']*)\.(.*)$/.exec(part);
      if (!m) return part;
      const sheet = m[1] as string;
      return sheet === '' ? (m[2] as string) : `${sheet}!${m[2] as string}`;
    })
    .join(':');
}

/**
 * An OpenFormula text as an .xlsx formula: `of:=IF([.D12]="";"—";[$'Лист'.D3])` → `IF(D12="","—",'Лист'!D3)`.
 * Only the reference syntax and the argument separator differ for what the forms hold; function names are Excel's.
 */
export function odsFormula(raw: string): string {
  const body = raw.replace(/^[A-Za-z][\w.-]*:(?==)/, '').replace(/^=/, '');
  let out = '';
  for (let i = 0; i < body.length; ) {
    const ch = body[i] as string;
    if (ch === '"') {
      let j = i + 1;
      for (; j < body.length; j++) {
        if (body[j] === '"') {
          if (body[j + 1] === '"') j++;
          else break;
        }
      }
      out += body.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '[') {
      let j = i + 1;
      let quoted = false;
      for (; j < body.length && (quoted || body[j] !== ']'); j++) if (body[j] === "'") quoted = !quoted;
      out += reference(body.slice(i + 1, j));
      i = j + 1;
    } else {
      out += ch === ';' ? ',' : ch;
      i++;
    }
  }
  return out;
}
