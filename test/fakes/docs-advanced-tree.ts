/**
 * The Docs API's view of a document (paragraphs with per-code-unit text styles and a closing newline, tables of
 * cells holding paragraphs) and its indexes, converted from and back to the body model the fake DocumentApp uses
 * (doc-elements.ts). Indexes follow the Docs API: the body's section break is [0, 1), a paragraph is its text plus
 * "\n", a table is 1 (start) + rows + 1 (end), a row 1 + cells, a cell 1 + its paragraphs
 * (https://developers.google.com/workspace/docs/api/how-tos/tables, «index offsets»).
 *
 * Conversion choices: a horizontal rule and a page break are one code unit each, kept as private-use characters
 * (which Docs strips from inserted text, so no text can hold them); DocumentApp's PAGE_BREAK element is a paragraph
 * holding the break. A table is always followed by a paragraph in Docs: a model whose table is last (or followed by
 * a table) reads with an empty paragraph after it, and keeps it once the API writes. Consecutive list items are one
 * list. The text style of a paragraph's closing newline lives only within one batchUpdate (DocumentApp has no place
 * for it).
 */
import { newElement, type DocCell, type DocElement, type DocumentModel, type TextHolder } from './doc-elements';

export const HR = '\ue000';
export const PAGE = '\ue001';

export interface CharStyle {
  bold?: boolean;
  italic?: boolean;
  link?: string;
  color?: string;
  fontSize?: number;
}
export interface Bullet {
  listId: string;
  nesting: number;
  glyph: string;
}
export interface Para {
  kind: 'para';
  text: string;
  /** One style per UTF-16 code unit of `text`. */
  styles: CharStyle[];
  /** The style of the closing newline. */
  nl: CharStyle;
  named: string;
  bullet: Bullet | null;
  alignment: string | null;
}
export interface Cell {
  paras: Para[];
  background: string | null;
}
export interface Table {
  kind: 'table';
  rows: Cell[][];
}
export type Node = Para | Table;
export interface Tree {
  body: Node[];
  lists: number;
}

export const newPara = (text = '', style: CharStyle = {}): Para => ({
  kind: 'para',
  text,
  styles: Array.from({ length: text.length }, () => ({ ...style })),
  nl: { ...style },
  named: 'NORMAL_TEXT',
  bullet: null,
  alignment: null,
});

const NAMED: Record<string, string> = { NORMAL: 'NORMAL_TEXT', TITLE: 'TITLE', SUBTITLE: 'SUBTITLE' };
for (let n = 1; n <= 6; n++) NAMED[`HEADING${n}`] = `HEADING_${n}`;
const HEADING_OF = Object.fromEntries(Object.entries(NAMED).map(([k, v]) => [v, k]));
export const NAMED_STYLES: readonly string[] = Object.values(NAMED);

const ATTR: Record<TextHolder['styles'][number]['attr'], keyof CharStyle> = {
  bold: 'bold',
  italic: 'italic',
  link: 'link',
  fontSize: 'fontSize',
  color: 'color',
};

function stylesOf(holder: TextHolder, from: number, length: number): CharStyle[] {
  const out: CharStyle[] = Array.from({ length }, () => ({}));
  for (const s of holder.styles) {
    const key = ATTR[s.attr];
    for (let i = Math.max(s.start, from); i <= Math.min(s.end, from + length - 1); i++) {
      const style = out[i - from] as CharStyle;
      if (s.value === null || s.value === undefined) delete style[key];
      else Reflect.set(style, key, s.value);
    }
  }
  return out;
}

function paraOf(text: string, styles: CharStyle[], named: string): Para {
  return { ...newPara(), text, styles, named };
}

/** The DocumentApp body as the Docs API sees it. */
export function treeOf(doc: DocumentModel): Tree {
  const tree: Tree = { body: [], lists: 0 };
  let list: string | null = null;
  for (const el of doc.body) {
    if (el.type !== 'LIST_ITEM') list = null;
    if (el.type === 'TABLE') {
      const rows = el.rows.map((row) => row.map((c) => cellOf(c)));
      tree.body.push({ kind: 'table', rows });
      continue;
    }
    if (el.type === 'PAGE_BREAK') {
      tree.body.push(newPara(PAGE));
      continue;
    }
    const text = el.hr ? HR + el.text : el.text;
    const styles = [...(el.hr ? [{}] : []), ...stylesOf(el, 0, el.text.length)];
    const para = paraOf(text, styles, NAMED[el.heading] ?? 'NORMAL_TEXT');
    para.alignment = el.alignment;
    if (el.type === 'LIST_ITEM') {
      list ??= `kix.list.${++tree.lists}`;
      para.bullet = { listId: list, nesting: el.nesting, glyph: el.glyph };
    }
    tree.body.push(para);
  }
  // a table is always followed by a paragraph in Docs
  tree.body = tree.body.flatMap((node, i) => (node.kind === 'table' && tree.body[i + 1]?.kind !== 'para' ? [node, newPara()] : [node]));
  if (tree.body.length === 0) tree.body.push(newPara());
  return tree;
}

function cellOf(cell: DocCell): Cell {
  const paras: Para[] = [];
  let from = 0;
  for (const line of cell.text.split('\n')) {
    paras.push(paraOf(line, stylesOf(cell, from, line.length), 'NORMAL_TEXT'));
    from += line.length + 1;
  }
  return { paras, background: cell.background };
}

/** Per-code-unit styles as DocumentApp style runs (inclusive ends), starting at `offset`. */
function runsOf(styles: CharStyle[], offset: number): TextHolder['styles'] {
  const out: TextHolder['styles'] = [];
  for (const [attr, key] of Object.entries(ATTR) as [TextHolder['styles'][number]['attr'], keyof CharStyle][]) {
    let i = 0;
    while (i < styles.length) {
      const value = styles[i]?.[key];
      let j = i;
      while (j + 1 < styles.length && styles[j + 1]?.[key] === value) j++;
      if (value !== undefined && value !== false) out.push({ start: offset + i, end: offset + j, attr, value });
      i = j + 1;
    }
  }
  return out;
}

/** The tree back as the DocumentApp body. */
export function modelOf(tree: Tree): DocElement[] {
  return tree.body.map((node): DocElement => {
    if (node.kind === 'table') {
      const el = newElement('TABLE');
      el.rows = node.rows.map((row) => row.map(docCellOf));
      return el;
    }
    if (node.text === PAGE && node.bullet === null) return newElement('PAGE_BREAK');
    const kept = node.styles.filter((_, i) => node.text.charAt(i) !== HR && node.text.charAt(i) !== PAGE);
    const text = node.text.replace(/[\ue000\ue001]/g, '');
    const el = newElement(node.bullet ? 'LIST_ITEM' : 'PARAGRAPH', text);
    el.hr = node.text.includes(HR);
    el.heading = HEADING_OF[node.named] ?? 'NORMAL';
    el.alignment = node.alignment;
    if (node.bullet) {
      el.glyph = node.bullet.glyph;
      el.nesting = node.bullet.nesting;
    }
    el.styles = runsOf(kept, 0);
    return el;
  });
}

function docCellOf(cell: Cell): DocCell {
  const styles: TextHolder['styles'] = [];
  let from = 0;
  for (const p of cell.paras) {
    styles.push(...runsOf(p.styles, from));
    from += p.text.length + 1;
  }
  return { text: cell.paras.map((p) => p.text).join('\n'), styles, background: cell.background };
}

// ------------------------------------------------------------------------------------------ indexes --

export interface ParaVisit {
  kind: 'para';
  para: Para;
  start: number;
  end: number;
  /** The list holding the paragraph (the body or a cell's paragraphs) and the cell, if any. */
  owner: Node[];
  cell: Cell | null;
}
export interface TableVisit {
  kind: 'table';
  table: Table;
  start: number;
  end: number;
  owner: Node[];
}
export type Visit = ParaVisit | TableVisit;
export interface CellVisit {
  cell: Cell;
  /** The cell's start index; its content is [start + 1, end). */
  start: number;
  end: number;
}

export interface Layout {
  /** Body-level and cell paragraphs and tables, in index order. */
  visits: Visit[];
  cells: CellVisit[];
  end: number;
}

export function layoutOf(tree: Tree): Layout {
  const visits: Visit[] = [];
  const cells: CellVisit[] = [];
  let pos = 1;
  const paras = (owner: Node[], cell: Cell | null): void => {
    for (const node of owner) {
      if (node.kind === 'para') {
        visits.push({ kind: 'para', para: node, start: pos, end: pos + node.text.length + 1, owner, cell });
        pos += node.text.length + 1;
        continue;
      }
      const visit: TableVisit = { kind: 'table', table: node, start: pos, end: 0, owner };
      visits.push(visit);
      pos += 1;
      for (const row of node.rows) {
        pos += 1;
        for (const c of row) {
          const start = pos;
          pos += 1;
          paras(c.paras, c);
          cells.push({ cell: c, start, end: pos });
        }
      }
      pos += 1;
      visit.end = pos;
    }
  };
  paras(tree.body, null);
  return { visits, cells, end: pos };
}
