/**
 * A document model as Docs API `documents.batchUpdate` requests: the whole document in one body (one write request
 * of the 60 a minute a user may send, instead of ≈ 574 DocumentApp calls), the same look as doc-renderer.ts.
 *
 * Pure: no Apps Script global is touched; indexes are computed, never read back. Indexes are UTF-16 code units, as
 * JavaScript string lengths are. The body is built front to back, each insertion at the end of what is there:
 *  - a run of paragraphs is ONE insertText of their texts joined by "\n", into the empty last paragraph;
 *  - a table is insertTable at the last paragraph's newline (Docs inserts a newline before the table, so the table
 *    starts one further and an empty last paragraph follows it), then one insertText per non-empty cell, last cell
 *    first so the computed cell indexes of the cells before stay valid;
 *  - then the styles at the final indexes: a reset of the whole body (inserted text inherits its neighbours' styles;
 *    a re-rendered body keeps its old last paragraph), named styles, bold / italic + grey / links, the header row's
 *    bold and grey background, bullets.
 * Sources: https://developers.google.com/workspace/docs/api/how-tos/tables (index offsets of a table),
 * https://developers.google.com/workspace/docs/api/concepts/rules-behavior (inserted newlines copy the paragraph's
 * style; text styles follow the neighbouring text; control and private-use characters are stripped),
 * InsertTableRequest and DeleteContentRangeRequest in the REST reference.
 *
 * Where Docs cannot be like DocumentApp: a table is always followed by a paragraph (an empty one when the model has
 * another table or nothing after it); a table without columns is left out; a line break inside a text is a line break
 * (U+000B) of the same paragraph; leading tabs of a bullet item are dropped (Docs would read them as nesting levels).
 */
import type { Block, DocumentModel } from '../../core/document/model';
import { safeUrl } from '../../core/document/model';
import { MAX_REQUEST_BYTES, withinBudget } from './request-size';

/** updateTableCellStyle (Docs API v1) is newer than the docs_v1.d.ts of @types/google-apps-script 2.0.13. */
export interface UpdateTableCellStyleRequest {
  tableRange?: { tableCellLocation: GoogleAppsScript.Docs.Schema.TableCellLocation; rowSpan: number; columnSpan: number };
  tableStartLocation?: GoogleAppsScript.Docs.Schema.Location;
  tableCellStyle: GoogleAppsScript.Docs.Schema.TableCellStyle;
  fields: string;
}
/** One batchUpdate request: the typed Docs request plus the kinds the typings lack. */
export type DocsRequest = GoogleAppsScript.Docs.Schema.Request & { updateTableCellStyle?: UpdateTableCellStyleRequest };

export interface DocumentRequestOptions {
  /**
   * The end index of the document's body now (the last `body.content[].endIndex` of `Docs.Documents.get(id,
   * {fields: END_INDEX_FIELDS})`). Given for a document that already has content: its old body is deleted first.
   * A new document's body (one empty paragraph) ends at 2.
   */
  endIndex?: number;
  /** Bytes of JSON per batchUpdate body (default: the project's 2,000,000-byte budget less an envelope's room). */
  maxBytes?: number;
}

/** The `fields` of a Documents.get that is enough to learn the body's end index. */
export const END_INDEX_FIELDS = 'body.content(endIndex)';
/** Text is inserted in pieces of at most this many UTF-16 units (6 bytes of JSON each at worst: "\u000b"). */
const TEXT_PIECE = 200_000;
const DEFAULT_MAX_BYTES = MAX_REQUEST_BYTES - 10_000;
/** Room for the rest of an insertText request besides its text. */
const INSERT_OVERHEAD = 100;
const HEADER_BACKGROUND = '#E7E6E6';
const MUTED_COLOR = '#555555';
const BULLET_PRESET = 'BULLET_DISC_CIRCLE_SQUARE';
const RESET_TEXT_FIELDS = 'bold,italic,foregroundColor,link,fontSize';

interface ParaLook {
  named: string;
  bold?: boolean;
  muted?: boolean;
  link?: string;
  bullet?: boolean;
}
type Piece = { kind: 'para'; text: string; look: ParaLook } | { kind: 'table'; cells: string[][] };
/** Where a paragraph (or a cell's text) ended up: [start, start + text length) + its newline. */
interface Placed {
  start: number;
  length: number;
  look: ParaLook;
}

/** The body end index of a Documents.get response (2 for an empty body). */
export function bodyEndIndex(doc: GoogleAppsScript.Docs.Schema.Document): number {
  const content = doc.body?.content ?? [];
  return content[content.length - 1]?.endIndex ?? 2;
}

/** Text as Docs stores it: line breaks stay in the paragraph (U+000B), stripped characters removed beforehand. */
export function docsText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\u000b')
    .replace(/[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const HEADINGS: Record<1 | 2 | 3, string> = { 1: 'HEADING_1', 2: 'HEADING_2', 3: 'HEADING_3' };

function piecesOf(block: Block): Piece[] {
  const para = (text: string, look: ParaLook): Piece => ({ kind: 'para', text: docsText(text), look });
  switch (block.type) {
    case 'heading':
      return [para(block.text, { named: HEADINGS[block.level] })];
    case 'paragraph':
      return [para(block.text, { named: 'NORMAL_TEXT', bold: block.tone === 'emphasis', muted: block.tone === 'muted' })];
    case 'bullets':
      return block.items.map((item) => ({ kind: 'para', text: docsText(item).replace(/^\t+/, ''), look: { named: 'NORMAL_TEXT', bullet: true } }));
    case 'table': {
      if (block.header.length === 0) return [];
      const rows = [block.header, ...block.rows.map((r) => block.header.map((_, i) => r[i] ?? ''))];
      return [{ kind: 'table', cells: rows.map((r) => r.map(docsText)) }];
    }
    case 'link': {
      const url = safeUrl(block.url);
      return [url ? para(block.text, { named: 'NORMAL_TEXT', link: url }) : para(`${block.text}: ${block.url}`, { named: 'NORMAL_TEXT' })];
    }
    case 'chart':
      // the picture goes in after the batchUpdate (Body.insertImage of the Sheets chart, issue 18); its caption is the next paragraph
      return [];
  }
}

/** Inserts `text` at `index` in pieces of `piece` units (never splitting a surrogate pair); returns the requests. */
function insertText(index: number, text: string, piece: number): DocsRequest[] {
  const out: DocsRequest[] = [];
  let at = index;
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + piece);
    if (to < text.length && /[\ud800-\udbff]/.test(text.charAt(to - 1))) to -= 1;
    out.push({ insertText: { location: { index: at }, text: text.slice(from, to) } });
    at += to - from;
    from = to;
  }
  return out;
}

const rgb = (hex: string): GoogleAppsScript.Docs.Schema.OptionalColor => {
  const channel = (i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return { color: { rgbColor: { red: channel(0), green: channel(1), blue: channel(2) } } };
};
const range = (startIndex: number, endIndex: number): GoogleAppsScript.Docs.Schema.Range => ({ startIndex, endIndex });
const textStyle = (p: Placed, style: GoogleAppsScript.Docs.Schema.TextStyle, fields: string): DocsRequest => ({
  updateTextStyle: { range: range(p.start, p.start + p.length), textStyle: style, fields },
});

/** Every request of the document, in order, as if sent in one batchUpdate (see documentRequestBodies). */
export function documentRequests(model: DocumentModel, options: DocumentRequestOptions = {}): DocsRequest[] {
  const out: DocsRequest[] = [];
  const old = options.endIndex ?? 2;
  if (!Number.isInteger(old) || old < 2) throw new Error(`documentRequests: the body end index must be an integer ≥ 2, got ${String(old)}`);
  if (old > 2) out.push({ deleteContentRange: { range: range(1, old - 1) } });
  const unitsPerInsert = Math.max(2, Math.min(TEXT_PIECE, Math.floor(((options.maxBytes ?? DEFAULT_MAX_BYTES) - INSERT_OVERHEAD) / 6)));

  const pieces: Piece[] = [
    { kind: 'para', text: docsText(model.title), look: { named: 'TITLE' } },
    { kind: 'para', text: docsText(model.subtitle), look: { named: 'SUBTITLE' } },
    ...model.blocks.flatMap(piecesOf),
  ];
  const paragraphs: Placed[] = [];
  const tables: { start: number; columns: number }[] = [];
  const headerCells: Placed[] = [];
  /** The body's end; its last paragraph is empty whenever a run of paragraphs is about to be inserted. */
  let end = 2;
  let run: { text: string; look: ParaLook }[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    let at = end - 1;
    out.push(...insertText(at, run.map((p) => p.text).join('\n'), unitsPerInsert));
    for (const p of run) {
      paragraphs.push({ start: at, length: p.text.length, look: p.look });
      at += p.text.length + 1;
    }
    end = at; // the last paragraph's newline is the body's old last one
    run = [];
  };
  for (const piece of pieces) {
    if (piece.kind === 'para') {
      run.push(piece);
      continue;
    }
    flush();
    const rows = piece.cells.length;
    const columns = piece.cells[0]?.length ?? 0;
    const start = end; // the newline Docs inserts before the table keeps the last paragraph where it is
    out.push({ insertTable: { location: { index: end - 1 }, rows, columns } });
    for (let r = rows - 1; r >= 0; r--) {
      for (let c = columns - 1; c >= 0; c--) {
        const text = piece.cells[r]?.[c] ?? '';
        if (text !== '') out.push(...insertText(start + 3 + r * (2 * columns + 1) + 2 * c, text, unitsPerInsert));
      }
    }
    let at = start + 1;
    piece.cells.forEach((row, r) => {
      at += 1; // the row's start
      for (const text of row) {
        at += 1; // the cell's start
        if (r === 0) headerCells.push({ start: at, length: text.length, look: { named: 'NORMAL_TEXT', bold: true } });
        at += text.length + 1;
      }
    });
    tables.push({ start, columns });
    end = at + 2; // the table's end, then the empty paragraph after it
  }
  flush();

  out.push(
    { updateParagraphStyle: { range: range(1, end), paragraphStyle: { namedStyleType: 'NORMAL_TEXT' }, fields: 'namedStyleType' } },
    { deleteParagraphBullets: { range: range(1, end) } },
    { updateTextStyle: { range: range(1, end), textStyle: {}, fields: RESET_TEXT_FIELDS } },
  );
  for (const p of paragraphs) {
    if (p.look.named !== 'NORMAL_TEXT') {
      out.push({
        updateParagraphStyle: { range: range(p.start, p.start + p.length + 1), paragraphStyle: { namedStyleType: p.look.named }, fields: 'namedStyleType' },
      });
    }
    if (p.length === 0) continue;
    if (p.look.bold) out.push(textStyle(p, { bold: true }, 'bold'));
    if (p.look.muted) out.push(textStyle(p, { italic: true, foregroundColor: rgb(MUTED_COLOR) }, 'italic,foregroundColor'));
    if (p.look.link) out.push(textStyle(p, { link: { url: p.look.link } }, 'link'));
  }
  for (const cell of headerCells) if (cell.length > 0) out.push(textStyle(cell, { bold: true }, 'bold'));
  for (const t of tables) {
    const tableCellLocation = { tableStartLocation: { index: t.start }, rowIndex: 0, columnIndex: 0 };
    out.push({
      updateTableCellStyle: {
        tableRange: { tableCellLocation, rowSpan: 1, columnSpan: t.columns },
        tableCellStyle: { backgroundColor: rgb(HEADER_BACKGROUND) },
        fields: 'backgroundColor',
      },
    });
  }
  // consecutive items are one list, as consecutive DocumentApp list items are; from the end backwards
  const lists: { start: number; end: number }[] = [];
  for (const p of paragraphs) {
    if (!p.look.bullet) continue;
    const last = lists[lists.length - 1];
    if (last && last.end === p.start) last.end = p.start + p.length + 1;
    else lists.push({ start: p.start, end: p.start + p.length + 1 });
  }
  for (const l of lists.reverse()) out.push({ createParagraphBullets: { range: range(l.start, l.end), bulletPreset: BULLET_PRESET } });
  return out;
}

/**
 * The requests as batchUpdate bodies (`{requests}`), each within MAX_REQUEST_BYTES of JSON: one body for any
 * realistic document. Send them in order; each is one write request.
 */
export function documentRequestBodies(model: DocumentModel, options: DocumentRequestOptions = {}): DocsRequest[][] {
  return withinBudget(documentRequests(model, options), options.maxBytes ?? DEFAULT_MAX_BYTES);
}
