/**
 * documents.batchUpdate requests applied to the Docs view of a document (docs-advanced-tree.ts): the request
 * envelope (one kind per request, known names, no stray fields), locations and the structural requests —
 * insertText, insertTable, deleteContentRange. The style requests are in docs-advanced-styles.ts.
 *
 * Rules and texts (REST reference and https://developers.google.com/workspace/docs/api/concepts/rules-behavior;
 * the quoted error texts are the API's own, as recorded against the live API in public repositories' tests):
 *  - an index at or past the segment's end: «Index N must be less than the end index of the referenced segment, M.»;
 *  - text and tables go inside an existing paragraph, never at a table's (row's, cell's) start: «The insertion index
 *    must be inside the bounds of an existing paragraph.»; an index between the two halves of a surrogate pair is
 *    moved after the pair (Google «may implicitly adjust the location» out of a grapheme cluster);
 *  - inserted text loses U+0000–U+0008, U+000C–U+001F and U+E000–U+F8FF; a "\n" makes a paragraph that copies the
 *    paragraph style (heading, bullet) of the paragraph it was typed in; the text takes the style of the text
 *    before it (links excepted);
 *  - insertTable inserts a newline first: the table starts at index + 1, the paragraph is split around it;
 *  - deleteContentRange: «The range should not be empty.», «The range cannot include the newline character at the
 *    end of the segment.», and «Invalid deletion range. Cannot delete the requested range.» for part of a table,
 *    the newline before a table without the table, a cell's last newline, half a surrogate pair. Merged paragraphs
 *    keep the style of the paragraph whose newline survives.
 * Unknown request names and fields fail like the API's JSON parser; real kinds the fake does not model fail with
 * the API's prefix and say so.
 */
import { layoutOf, newPara, type CharStyle, type CellVisit, type Layout, type Node, type Para, type ParaVisit, type Tree } from './docs-advanced-tree';
import { applyStyleRequest, STYLE_KEYS } from './docs-advanced-styles';
import { ApiError, isObj, type Json } from './sheets-advanced-util';

/** The request kinds of Docs API v1 (REST reference, «Request»). */
const REAL_KINDS = new Set([
  'replaceAllText',
  'insertText',
  'updateTextStyle',
  'createParagraphBullets',
  'deleteParagraphBullets',
  'createNamedRange',
  'deleteNamedRange',
  'updateParagraphStyle',
  'deleteContentRange',
  'insertInlineImage',
  'insertTable',
  'insertTableRow',
  'insertTableColumn',
  'deleteTableRow',
  'deleteTableColumn',
  'insertPageBreak',
  'deletePositionedObject',
  'updateTableColumnProperties',
  'updateTableCellStyle',
  'updateTableRowStyle',
  'replaceImage',
  'updateDocumentStyle',
  'mergeTableCells',
  'unmergeTableCells',
  'createHeader',
  'createFooter',
  'createFootnote',
  'replaceNamedRangeContent',
  'updateSectionStyle',
  'insertSectionBreak',
  'deleteHeader',
  'deleteFooter',
  'pinTableHeaderRows',
  'addDocumentTab',
  'deleteTab',
  'updateDocumentTabProperties',
  'insertPerson',
  'insertDate',
]);
const KEYS: Record<string, readonly string[]> = {
  insertText: ['text', 'location', 'endOfSegmentLocation'],
  insertTable: ['rows', 'columns', 'location', 'endOfSegmentLocation'],
  deleteContentRange: ['range'],
  ...STYLE_KEYS,
};
const LOCATION_KEYS = ['index', 'segmentId', 'tabId'];
const RANGE_KEYS = ['startIndex', 'endIndex', 'segmentId', 'tabId'];
const STRIPPED = /[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g;
const CANNOT_DELETE = 'Invalid deletion range. Cannot delete the requested range.';

export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One request's context: its position, kind and field path, for errors. */
export class At {
  constructor(
    readonly i: number,
    readonly kind: string,
  ) {}
  get path(): string {
    return `requests[${this.i}].${snake(this.kind)}`;
  }
  fail(message: string): ApiError {
    return new ApiError(`Invalid requests[${this.i}].${this.kind}: ${message}`);
  }
  /** Stray fields fail like the API's JSON parser. */
  known(value: Json, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw new ApiError(`Invalid JSON payload received. Unknown name "${key}" at '${path}': Cannot find field.`);
    }
  }
  int(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new ApiError(`Invalid value at '${path}' (TYPE_INT32), ${JSON.stringify(value)}`);
    return value;
  }
  /** Only the body of a one-tab document is modelled. */
  body(value: Json, path: string): void {
    if (typeof value['segmentId'] === 'string' && value['segmentId'] !== '') throw this.fail('(fake) headers, footers and footnotes are not modelled');
    if (value['tabId'] !== undefined) throw this.fail('(fake) document tabs are not modelled');
    this.known(value, path.endsWith('range') ? RANGE_KEYS : LOCATION_KEYS, path);
  }
  /** A Range {startIndex, endIndex} within the body (styles may reach the body's end). */
  range(value: unknown, layout: Layout): { s: number; e: number } {
    if (!isObj(value) || value['startIndex'] === undefined || value['endIndex'] === undefined)
      throw this.fail('Invalid range: must contain a start and end index');
    this.body(value, `${this.path}.range`);
    const s = this.int(value['startIndex'], `${this.path}.range.start_index`);
    const e = this.int(value['endIndex'], `${this.path}.range.end_index`);
    if (e <= s) throw this.fail('The range should not be empty.');
    if (s < 0) throw this.fail(`(fake wording) index ${s} is negative`);
    if (s >= layout.end) throw this.fail(`Index ${s} must be less than the end index of the referenced segment, ${layout.end}.`);
    if (e > layout.end) throw this.fail(`Index ${e - 1} must be less than the end index of the referenced segment, ${layout.end}.`);
    return { s, e };
  }
}

/** Applies every request in order; returns the replies (all empty for the modelled kinds). */
export function applyRequests(tree: Tree, requests: unknown): Json[] {
  if (!Array.isArray(requests)) throw new ApiError("Invalid JSON payload received. Expected an array at 'requests'.");
  return requests.map((request: unknown, i): Json => {
    if (!isObj(request)) throw new ApiError(`Invalid value at 'requests[${i}]' (type.googleapis.com/google.apps.docs.v1.Request), ${JSON.stringify(request)}`);
    const kinds = Object.keys(request);
    for (const kind of kinds) {
      if (!REAL_KINDS.has(kind)) throw new ApiError(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
    }
    const [kind, second] = kinds;
    if (kind === undefined) throw new ApiError(`Invalid requests[${i}]: No request set.`);
    if (second !== undefined) throw new ApiError(`Invalid value at 'requests[${i}]' (oneof), oneof field 'request' is already set. Cannot set '${second}'`);
    const at = new At(i, kind);
    const allowed = KEYS[kind];
    if (!allowed) throw at.fail(`(fake) this request kind is not modelled by the fake Docs service (test/fakes/docs-advanced-requests.ts)`);
    const body = request[kind];
    if (!isObj(body))
      throw new ApiError(
        `Invalid value at '${at.path}' (type.googleapis.com/google.apps.docs.v1.${kind[0]?.toUpperCase()}${kind.slice(1)}Request), ${JSON.stringify(body)}`,
      );
    at.known(body, allowed, at.path);
    const layout = layoutOf(tree);
    if (kind === 'insertText') insertText(at, body, layout);
    else if (kind === 'insertTable') insertTable(at, body, layout, tree);
    else if (kind === 'deleteContentRange') deleteRange(at, body, layout, tree);
    else applyStyleRequest(at, body, layout, tree);
    return {};
  });
}

const splitsPair = (text: string, offset: number): boolean =>
  offset > 0 && offset < text.length && /[\ud800-\udbff]/.test(text.charAt(offset - 1)) && /[\udc00-\udfff]/.test(text.charAt(offset));

/** The paragraph and offset an insertion goes to (location or endOfSegmentLocation). */
function insertionPoint(at: At, body: Json, layout: Layout): { visit: ParaVisit; offset: number } {
  const location = body['location'];
  const atEnd = body['endOfSegmentLocation'];
  if (location !== undefined && atEnd !== undefined)
    throw new ApiError(`Invalid value at '${at.path}' (oneof), oneof field 'insertion_location' is already set. Cannot set 'endOfSegmentLocation'`);
  let index: number;
  if (isObj(atEnd)) {
    at.body(atEnd, `${at.path}.end_of_segment_location`);
    index = layout.end - 1;
  } else if (isObj(location)) {
    at.body(location, `${at.path}.location`);
    index = at.int(location['index'] ?? 0, `${at.path}.location.index`);
  } else throw at.fail('(fake) a location or an endOfSegmentLocation is required');
  if (index >= layout.end) throw at.fail(`Index ${index} must be less than the end index of the referenced segment, ${layout.end}.`);
  const visit = layout.visits.find((v): v is ParaVisit => v.kind === 'para' && v.start <= index && index < v.end);
  if (!visit) throw at.fail('The insertion index must be inside the bounds of an existing paragraph.');
  const offset = index - visit.start;
  return { visit, offset: splitsPair(visit.para.text, offset) ? offset + 1 : offset };
}

/** The style inserted text takes: the text before it (or, at a paragraph's start, its first character). */
function inherited(para: Para, offset: number): CharStyle {
  const { link: _link, ...style } = (offset > 0 ? para.styles[offset - 1] : (para.styles[0] ?? para.nl)) ?? {};
  return style;
}

function styled(text: string, style: CharStyle): CharStyle[] {
  return Array.from({ length: text.length }, () => ({ ...style }));
}

/** A paragraph with `text`, the paragraph style of `like`. */
function sibling(like: Para, text: string, styles: CharStyle[], nl: CharStyle): Para {
  return { ...newPara(), text, styles, nl, named: like.named, bullet: like.bullet ? { ...like.bullet } : null, alignment: like.alignment };
}

function insertText(at: At, body: Json, layout: Layout): void {
  const raw = body['text'];
  if (typeof raw !== 'string' || raw === '') throw at.fail('(fake) the text to insert must be a non-empty string');
  const { visit, offset } = insertionPoint(at, body, layout);
  const text = raw.replace(STRIPPED, '');
  if (text === '') return;
  const para = visit.para;
  const style = inherited(para, offset);
  const parts = text.split('\n');
  const afterText = para.text.slice(offset);
  const afterStyles = para.styles.slice(offset);
  const first = parts[0] ?? '';
  para.text = para.text.slice(0, offset) + first;
  para.styles = [...para.styles.slice(0, offset), ...styled(first, style)];
  if (parts.length === 1) {
    para.text += afterText;
    para.styles.push(...afterStyles);
    return;
  }
  const nl = para.nl;
  para.nl = { ...style };
  const added = parts.slice(1).map((part, k, all) => {
    const last = k === all.length - 1;
    return sibling(para, last ? part + afterText : part, [...styled(part, style), ...(last ? afterStyles : [])], last ? nl : { ...style });
  });
  visit.owner.splice(visit.owner.indexOf(para) + 1, 0, ...added);
}

function insertTable(at: At, body: Json, layout: Layout, tree: Tree): void {
  const rows = at.int(body['rows'] ?? 0, `${at.path}.rows`);
  const columns = at.int(body['columns'] ?? 0, `${at.path}.columns`);
  if (rows < 1 || columns < 1) throw at.fail('(fake) a table needs at least one row and one column');
  const { visit, offset } = insertionPoint(at, body, layout);
  if (visit.cell) throw at.fail('(fake) tables inside table cells are not modelled');
  const para = visit.para;
  const before = sibling(para, para.text.slice(0, offset), para.styles.slice(0, offset), inherited(para, offset));
  para.text = para.text.slice(offset);
  para.styles = para.styles.slice(offset);
  const table: Node = {
    kind: 'table',
    rows: Array.from({ length: rows }, () => Array.from({ length: columns }, () => ({ paras: [newPara()], background: null }))),
  };
  tree.body.splice(tree.body.indexOf(para), 0, before, table);
}

function deleteRange(at: At, body: Json, layout: Layout, tree: Tree): void {
  const { s, e } = at.range(body['range'], layout);
  if (e === layout.end) throw at.fail('The range cannot include the newline character at the end of the segment.');
  if (s < 1) throw at.fail(CANNOT_DELETE);
  const inCell = (i: number): CellVisit | undefined => layout.cells.find((c) => c.start < i && i < c.end);
  const first = inCell(s);
  const last = inCell(e - 1);
  if (first !== last) throw at.fail(CANNOT_DELETE);
  if (first && e >= first.end) throw at.fail(CANNOT_DELETE);
  const owner: Node[] = first ? first.cell.paras : tree.body;
  const visits = layout.visits.filter((v) => v.owner === owner);
  const fIdx = visits.findIndex((v) => v.start <= s && s < v.end);
  let lIdx = visits.findIndex((v) => v.start <= e - 1 && e - 1 < v.end);
  const f = visits[fIdx];
  let l = visits[lIdx];
  if (!f || !l || (f.kind === 'table' && s !== f.start)) throw at.fail(CANNOT_DELETE);
  let lo = e - l.start;
  const deletesNewline = l.kind === 'table' ? e === l.end : lo === l.para.text.length + 1;
  if (l.kind === 'table' && !deletesNewline) throw at.fail(CANNOT_DELETE);
  if (deletesNewline) {
    const next = visits[lIdx + 1];
    if (!next || next.kind === 'table') throw at.fail(CANNOT_DELETE);
    l = next;
    lIdx += 1;
    lo = 0;
  }
  if (l.kind !== 'para') throw at.fail(CANNOT_DELETE);
  if ((f.kind === 'para' && splitsPair(f.para.text, s - f.start)) || splitsPair(l.para.text, lo)) throw at.fail(CANNOT_DELETE);
  const keep = f.kind === 'para' ? s - f.start : 0;
  const prefix = f.kind === 'para' ? { text: f.para.text.slice(0, keep), styles: f.para.styles.slice(0, keep) } : { text: '', styles: [] };
  l.para.text = prefix.text + l.para.text.slice(lo);
  l.para.styles = [...prefix.styles, ...l.para.styles.slice(lo)];
  if (fIdx < lIdx) {
    const firstNode = f.kind === 'para' ? f.para : f.table;
    owner.splice(owner.indexOf(firstNode), lIdx - fIdx);
  }
}
