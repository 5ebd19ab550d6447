/**
 * A second reader of .docx files, independent of the writer: python's zipfile opens the package and its
 * strict XML parser (xml.etree / expat) parses every part; what it sees comes back as JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Tool } from '../node/cli/helpers';

const PYTHON = '/usr/bin/python3';
export const PYTHON3: Tool = { present: existsSync(PYTHON), packages: 'python3' };

export interface RunRead {
  bold: boolean;
  italic: boolean;
  color: string | null;
  size: string | null;
  style: string | null;
}
export interface ParagraphRead {
  kind: 'paragraph';
  /** w:t texts joined; w:br is «\n», w:tab is «\t». */
  text: string;
  style: string | null;
  jc: string | null;
  before: string | null;
  after: string | null;
  numId: string | null;
  ilvl: string | null;
  runs: RunRead[];
  /** Every w:hyperlink of the paragraph: its r:id and the target that id resolves to (null: unresolved). */
  links: { id: string | null; target: string | null; mode: string | null }[];
}
export interface CellRead {
  width: string | null;
  widthType: string | null;
  fill: string | null;
  paragraphs: ParagraphRead[];
}
export interface TableRead {
  kind: 'table';
  width: string | null;
  widthType: string | null;
  layout: string | null;
  grid: number[];
  borders: Record<string, { val: string | null; sz: string | null; color: string | null }>;
  rows: { header: boolean; cells: CellRead[] }[];
}
export interface StyleRead {
  type: string | null;
  name: string | null;
  basedOn: string | null;
  before: string | null;
  after: string | null;
  outline: string | null;
  bold: boolean;
  italic: boolean;
  size: string | null;
  color: string | null;
  underline: string | null;
}
export interface RelRead {
  id: string;
  type: string;
  target: string;
  mode: string | null;
}
export interface DocxRead {
  /** Member names, in zip order. */
  parts: string[];
  /** zipfile.testzip(): the first member whose CRC does not match, or null. */
  bad: string | null;
  /** Parts that are not well-formed XML, with the parser's message. */
  errors: string[];
  contentTypes: { defaults: Record<string, string>; overrides: Record<string, string> };
  rootRels: RelRead[];
  documentRels: RelRead[];
  /** The body in order: top-level paragraphs and tables. */
  body: (ParagraphRead | TableRead)[];
  /** The text of every w:p in document order, table cells included. */
  paragraphs: string[];
  section: {
    width: string | null;
    height: string | null;
    orient: string | null;
    top: string | null;
    bottom: string | null;
    left: string | null;
    right: string | null;
  };
  defaults: { font: string | null; size: string | null };
  styles: Record<string, StyleRead>;
  /** numId → the level-0 definition of its abstract numbering. */
  numbering: Record<string, { format: string | null; text: string | null; left: string | null; hanging: string | null }>;
  core: { title: string | null; description: string | null; creator: string | null; created: string | null };
  app: { application: string | null };
}

const SCRIPT = String.raw`
import json, sys, zipfile
import xml.etree.ElementTree as ET

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
PR = '{http://schemas.openxmlformats.org/package/2006/relationships}'
CT = '{http://schemas.openxmlformats.org/package/2006/content-types}'
DC = '{http://purl.org/dc/elements/1.1/}'
DCT = '{http://purl.org/dc/terms/}'
EP = '{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}'

def find(el, *path):
    for name in path:
        if el is None:
            return None
        el = el.find(W + name)
    return el

def attr(el, name):
    return None if el is None else el.get(W + name)

def val(el, *path):
    return attr(find(el, *path), 'val')

def flag(props, name):
    el = find(props, name)
    return el is not None and el.get(W + 'val') not in ('0', 'false', 'off')

def rels_of(tree):
    if tree is None:
        return []
    return [{'id': r.get('Id'), 'type': r.get('Type'), 'target': r.get('Target'), 'mode': r.get('TargetMode')} for r in tree.findall(PR + 'Relationship')]

def run_props(r):
    p = find(r, 'rPr')
    return {'bold': flag(p, 'b'), 'italic': flag(p, 'i'), 'color': val(p, 'color'), 'size': val(p, 'sz'), 'style': val(p, 'rStyle')}

def paragraph(p, rels):
    ppr = find(p, 'pPr')
    text = []
    for r in p.iter(W + 'r'):
        for c in r:
            if c.tag == W + 't':
                text.append(c.text or '')
            elif c.tag == W + 'br':
                text.append('\n')
            elif c.tag == W + 'tab':
                text.append('\t')
    links = []
    for h in p.iter(W + 'hyperlink'):
        rid = h.get(R + 'id')
        rel = rels.get(rid)
        links.append({'id': rid, 'target': rel['target'] if rel else None, 'mode': rel['mode'] if rel else None})
    spacing = find(ppr, 'spacing')
    return {'kind': 'paragraph', 'text': ''.join(text), 'style': val(ppr, 'pStyle'), 'jc': val(ppr, 'jc'),
            'before': attr(spacing, 'before'), 'after': attr(spacing, 'after'),
            'numId': val(ppr, 'numPr', 'numId'), 'ilvl': val(ppr, 'numPr', 'ilvl'),
            'runs': [run_props(r) for r in p.iter(W + 'r')], 'links': links}

def table(tbl, rels):
    pr = find(tbl, 'tblPr')
    borders = {}
    for side in list(find(pr, 'tblBorders') if find(pr, 'tblBorders') is not None else []):
        borders[side.tag[len(W):]] = {'val': attr(side, 'val'), 'sz': attr(side, 'sz'), 'color': attr(side, 'color')}
    rows = []
    for tr in tbl.findall(W + 'tr'):
        cells = []
        for tc in tr.findall(W + 'tc'):
            pr_c = find(tc, 'tcPr')
            cells.append({'width': attr(find(pr_c, 'tcW'), 'w'), 'widthType': attr(find(pr_c, 'tcW'), 'type'),
                          'fill': attr(find(pr_c, 'shd'), 'fill'), 'paragraphs': [paragraph(p, rels) for p in tc.findall(W + 'p')]})
        rows.append({'header': find(tr, 'trPr', 'tblHeader') is not None, 'cells': cells})
    grid = find(tbl, 'tblGrid')
    return {'kind': 'table', 'width': attr(find(pr, 'tblW'), 'w'), 'widthType': attr(find(pr, 'tblW'), 'type'),
            'layout': attr(find(pr, 'tblLayout'), 'type'),
            'grid': [int(attr(g, 'w')) for g in grid.findall(W + 'gridCol')] if grid is not None else [],
            'borders': borders, 'rows': rows}

def style(s):
    ppr, rpr = find(s, 'pPr'), find(s, 'rPr')
    return {'type': attr(s, 'type'), 'name': val(s, 'name'), 'basedOn': val(s, 'basedOn'),
            'before': attr(find(ppr, 'spacing'), 'before'), 'after': attr(find(ppr, 'spacing'), 'after'), 'outline': val(ppr, 'outlineLvl'),
            'bold': flag(rpr, 'b'), 'italic': flag(rpr, 'i'), 'size': val(rpr, 'sz'), 'color': val(rpr, 'color'), 'underline': val(rpr, 'u')}

def text_of(tree, tag):
    el = None if tree is None else tree.find(tag)
    return None if el is None else (el.text or '')

def read(path):
    out = {'parts': [], 'bad': None, 'errors': []}
    trees = {}
    with zipfile.ZipFile(path) as z:
        out['bad'] = z.testzip()
        out['parts'] = z.namelist()
        for name in out['parts']:
            if name.endswith('.xml') or name.endswith('.rels'):
                try:
                    trees[name] = ET.fromstring(z.read(name))
                except ET.ParseError as e:
                    out['errors'].append(name + ': ' + str(e))
    ct = trees.get('[Content_Types].xml')
    out['contentTypes'] = {
        'defaults': {d.get('Extension'): d.get('ContentType') for d in ct.findall(CT + 'Default')} if ct is not None else {},
        'overrides': {o.get('PartName'): o.get('ContentType') for o in ct.findall(CT + 'Override')} if ct is not None else {},
    }
    out['rootRels'] = rels_of(trees.get('_rels/.rels'))
    out['documentRels'] = rels_of(trees.get('word/_rels/document.xml.rels'))
    rels = {r['id']: r for r in out['documentRels']}
    doc = trees.get('word/document.xml')
    body = find(doc, 'body')
    out['body'] = []
    sect = None
    for child in (list(body) if body is not None else []):
        if child.tag == W + 'p':
            out['body'].append(paragraph(child, rels))
        elif child.tag == W + 'tbl':
            out['body'].append(table(child, rels))
        elif child.tag == W + 'sectPr':
            sect = child
    out['paragraphs'] = [paragraph(p, rels)['text'] for p in doc.iter(W + 'p')] if doc is not None else []
    size, margin = find(sect, 'pgSz'), find(sect, 'pgMar')
    out['section'] = {'width': attr(size, 'w'), 'height': attr(size, 'h'), 'orient': attr(size, 'orient'),
                      'top': attr(margin, 'top'), 'bottom': attr(margin, 'bottom'), 'left': attr(margin, 'left'), 'right': attr(margin, 'right')}
    styles = trees.get('word/styles.xml')
    defaults = find(styles, 'docDefaults', 'rPrDefault', 'rPr')
    out['defaults'] = {'font': attr(find(defaults, 'rFonts'), 'ascii'), 'size': val(defaults, 'sz')}
    out['styles'] = {attr(s, 'styleId'): style(s) for s in styles.findall(W + 'style')} if styles is not None else {}
    numbering = trees.get('word/numbering.xml')
    out['numbering'] = {}
    if numbering is not None:
        abstract = {attr(a, 'abstractNumId'): a for a in numbering.findall(W + 'abstractNum')}
        for num in numbering.findall(W + 'num'):
            a = abstract.get(val(num, 'abstractNumId'))
            lvl = next((l for l in (a.findall(W + 'lvl') if a is not None else []) if attr(l, 'ilvl') == '0'), None)
            ind = find(lvl, 'pPr', 'ind')
            out['numbering'][attr(num, 'numId')] = {'format': val(lvl, 'numFmt'), 'text': val(lvl, 'lvlText'), 'left': attr(ind, 'left'), 'hanging': attr(ind, 'hanging')}
    core = trees.get('docProps/core.xml')
    out['core'] = {'title': text_of(core, DC + 'title'), 'description': text_of(core, DC + 'description'), 'creator': text_of(core, DC + 'creator'), 'created': text_of(core, DCT + 'created')}
    out['app'] = {'application': text_of(trees.get('docProps/app.xml'), EP + 'Application')}
    return out

print(json.dumps({path: read(path) for path in sys.argv[1:]}))
`;

/** Reads every file in one python process. */
export function readDocx(files: string[]): Record<string, DocxRead> {
  const out = execFileSync(PYTHON, ['-c', SCRIPT, ...files], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as Record<string, DocxRead>;
}
