/**
 * The Document resource of the fake Docs service (documents.get / create): body.content with the API's indexes —
 * the section break [0, 1), paragraphs (text runs with their text styles, the closing "\n" in the last run, the
 * named style, the bullet), tables (rows, cells, each cell's content and background) — and the lists, the title,
 * a revision id. Zero values are left out, as the API's JSON does (the section break has no startIndex).
 */
import { HR, PAGE, treeOf, type CharStyle, type Node, type Para } from './docs-advanced-tree';
import type { FileRecord } from './model';
import { rgbOf, type Json } from './sheets-advanced-util';

export interface FakeDocsDocument {
  documentId?: string;
  title?: string;
  revisionId?: string;
  body?: { content?: Json[] };
  lists?: Record<string, Json>;
}

const revisions = new WeakMap<FileRecord, number>();
/** A batchUpdate makes a new revision. */
export function revise(file: FileRecord): void {
  revisions.set(file, (revisions.get(file) ?? 0) + 1);
}
export const revisionOf = (file: FileRecord): string => `fake-revision-${revisions.get(file) ?? 0}`;

const ALIGNMENT: Record<string, string> = { LEFT: 'START', CENTER: 'CENTER', RIGHT: 'END', JUSTIFY: 'JUSTIFIED' };

function textStyleJson(style: CharStyle): Json {
  const out: Json = {};
  if (style.bold) out['bold'] = true;
  if (style.italic) out['italic'] = true;
  if (style.link !== undefined) out['link'] = { url: style.link };
  if (style.color !== undefined) out['foregroundColor'] = { color: { rgbColor: rgbOf(style.color) } };
  if (style.fontSize !== undefined) out['fontSize'] = { magnitude: style.fontSize, unit: 'PT' };
  return out;
}

function paragraphJson(para: Para, start: number): Json {
  const units = [...para.text.split('').map((ch, i) => ({ ch, style: para.styles[i] ?? {} })), { ch: '\n', style: para.nl }];
  const elements: Json[] = [];
  let i = 0;
  while (i < units.length) {
    const unit = units[i] as { ch: string; style: CharStyle };
    if (unit.ch === HR || unit.ch === PAGE) {
      elements.push({ startIndex: start + i, endIndex: start + i + 1, [unit.ch === HR ? 'horizontalRule' : 'pageBreak']: {} });
      i += 1;
      continue;
    }
    const key = JSON.stringify(textStyleJson(unit.style));
    let j = i + 1;
    while (j < units.length && units[j]?.ch !== HR && units[j]?.ch !== PAGE && JSON.stringify(textStyleJson(units[j]?.style ?? {})) === key) j++;
    const content = units
      .slice(i, j)
      .map((u) => u.ch)
      .join('');
    elements.push({ startIndex: start + i, endIndex: start + j, textRun: { content, textStyle: JSON.parse(key) as Json } });
    i = j;
  }
  const paragraphStyle: Json = { namedStyleType: para.named, direction: 'LEFT_TO_RIGHT' };
  if (para.alignment !== null && ALIGNMENT[para.alignment]) paragraphStyle['alignment'] = ALIGNMENT[para.alignment];
  const out: Json = { elements, paragraphStyle };
  if (para.bullet) out['bullet'] = para.bullet.nesting > 0 ? { listId: para.bullet.listId, nestingLevel: para.bullet.nesting } : { listId: para.bullet.listId };
  return out;
}

function contentOf(nodes: readonly Node[], pos: { at: number }, lists: Record<string, Json>): Json[] {
  const out: Json[] = [];
  for (const node of nodes) {
    const start = pos.at;
    if (node.kind === 'para') {
      pos.at += node.text.length + 1;
      out.push({ startIndex: start, endIndex: pos.at, paragraph: paragraphJson(node, start) });
      if (node.bullet && !lists[node.bullet.listId]) {
        const level = node.bullet.glyph.includes('BULLET')
          ? { glyphSymbol: '●' }
          : { glyphType: node.bullet.glyph === 'NUMBER' ? 'DECIMAL' : node.bullet.glyph };
        lists[node.bullet.listId] = { listProperties: { nestingLevels: [level] } };
      }
      continue;
    }
    pos.at += 1;
    const tableRows = node.rows.map((row) => {
      const rowStart = pos.at;
      pos.at += 1;
      const tableCells = row.map((cell) => {
        const cellStart = pos.at;
        pos.at += 1;
        const content = contentOf(cell.paras, pos, lists);
        const tableCellStyle: Json = { rowSpan: 1, columnSpan: 1 };
        if (cell.background !== null) tableCellStyle['backgroundColor'] = { color: { rgbColor: rgbOf(cell.background) } };
        return { startIndex: cellStart, endIndex: pos.at, content, tableCellStyle };
      });
      return { startIndex: rowStart, endIndex: pos.at, tableCells };
    });
    pos.at += 1;
    out.push({ startIndex: start, endIndex: pos.at, table: { rows: node.rows.length, columns: node.rows[0]?.length ?? 0, tableRows } });
  }
  return out;
}

export function documentJson(file: FileRecord): FakeDocsDocument {
  const tree = treeOf(file.document ?? { body: [] });
  const lists: Record<string, Json> = {};
  const sectionBreak = {
    endIndex: 1,
    sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } },
  };
  const content = [sectionBreak, ...contentOf(tree.body, { at: 1 }, lists)];
  const out: FakeDocsDocument = { documentId: file.id, title: file.name, revisionId: revisionOf(file), body: { content } };
  if (Object.keys(lists).length > 0) out.lists = lists;
  return out;
}
