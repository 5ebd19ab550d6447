/** The package parts around the worksheets, for the lean reader: workbook, relationships, styles, shared strings. */
import { XmlCursor, children, root, unsupported } from './xml-cursor';

export interface Styles {
  /** Whether the cellXfs entry at an index formats numbers as dates. */
  isDate(styleId: number): boolean;
}

export interface Relationship {
  target: string | undefined;
  external: boolean;
}

interface BookSheet {
  name: string | undefined;
  id: number;
  rId: string | undefined;
}

export function parseWorkbook(xml: Buffer): { sheets: BookSheet[]; date1904: boolean } {
  const x = new XmlCursor(xml);
  root(x, 'workbook');
  let date1904 = false;
  let sheets: BookSheet[] | null = null;
  children(x, () => {
    if (x.name === 'workbookPr') {
      date1904 = x.attr('date1904') === '1';
      x.skip();
    } else if (x.name === 'sheets') {
      if (sheets) unsupported('two <sheets>');
      const list: BookSheet[] = [];
      sheets = list;
      children(x, () => {
        if (x.name !== 'sheet') unsupported(`<${x.name}> in <sheets>`);
        list.push({ name: x.attr('name'), id: parseInt(x.attr('sheetId') ?? '', 10), rId: x.attr('r:id') });
        x.skip();
      });
    } else x.skip();
  });
  return { sheets: sheets ?? [], date1904 };
}

export function parseRels(xml: Buffer): Map<string, Relationship> {
  const x = new XmlCursor(xml);
  root(x, 'Relationships');
  const out = new Map<string, Relationship>();
  children(x, () => {
    if (x.name !== 'Relationship') unsupported(`<${x.name}> in relationships`);
    const id = x.attr('Id');
    if (id === undefined) unsupported('a relationship without Id');
    out.set(id, { target: x.attr('Target'), external: x.attr('TargetMode') === 'External' });
    x.skip();
  });
  return out;
}

/** Built-in number formats that exceljs knows and takes for dates (lib/xlsx/defaultnumformats.js). */
export const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs utils.isDateFmt. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

export function parseStyles(xml: Buffer): Styles {
  const x = new XmlCursor(xml);
  root(x, 'styleSheet');
  const formats = new Map<number, string>();
  let xfs: number[] | null = null;
  let seenFormats = false;
  children(x, () => {
    if (x.name === 'numFmts') {
      if (seenFormats) unsupported('two <numFmts>');
      seenFormats = true;
      children(x, () => {
        if (x.name !== 'numFmt') unsupported(`<${x.name}> in <numFmts>`);
        const code = x.attr('formatCode');
        if (code === undefined) unsupported('a number format without formatCode');
        formats.set(parseInt(x.attr('numFmtId') ?? '', 10), code.replace(/[\\](.)/g, '$1'));
        x.skip();
      });
    } else if (x.name === 'cellXfs') {
      if (xfs) unsupported('two <cellXfs>');
      const list: number[] = [];
      xfs = list;
      children(x, () => {
        if (x.name !== 'xf') unsupported(`<${x.name}> in <cellXfs>`);
        list.push(parseInt(x.attr('numFmtId') ?? '', 10));
        x.skip();
      });
    } else x.skip();
  });
  const list: number[] = xfs ?? [];
  // without cell formats exceljs fails on the first styled cell
  if (list.length === 0) unsupported('no <cellXfs>');
  const cache: (boolean | undefined)[] = [];
  return {
    isDate(styleId) {
      const known = cache[styleId];
      if (known !== undefined) return known;
      const id = list[styleId];
      let date = false;
      if (id) {
        const custom = formats.get(id);
        date = custom ? isDateFormat(custom) : BUILTIN_DATE_FORMATS.has(id);
      }
      if (styleId >= 0 && styleId < list.length) cache[styleId] = date;
      return date;
    },
  };
}

/** exceljs TextXform: `_xHHHH_` escapes (upper-case hex only) become characters. */
const unescapeX = (s: string): string =>
  s.indexOf('_x') >= 0 ? s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;

/** exceljs utils.xmlDecode: a second pass over the five named entities. */
export const xmlDecode = (s: string): string =>
  s.indexOf('&') >= 0 ? s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c) : s;

/** A rich-text run (<r>): the text of its <t>, escapes decoded; '' when it has none. */
export function runText(x: XmlCursor): string {
  let text: string | undefined;
  children(x, () => {
    if (x.name === 'rPr') x.skip();
    else if (x.name === 't') {
      if (text !== undefined) unsupported('two <t> in a run');
      text = unescapeX(x.textContent() ?? '');
    } else unsupported(`<${x.name}> in a run`);
  });
  return text ?? '';
}

export function parseSharedStrings(xml: Buffer): string[] {
  const x = new XmlCursor(xml);
  root(x, 'sst');
  const out: string[] = [];
  children(x, () => {
    if (x.name !== 'si') unsupported(`<${x.name}> in <sst>`);
    let text: string | undefined;
    let runs: string[] | undefined;
    children(x, () => {
      if (x.name === 't') {
        if (text !== undefined || runs) unsupported('a shared string mixing <t> and runs');
        text = unescapeX(x.textContent() ?? '');
      } else if (x.name === 'r') {
        if (text !== undefined) unsupported('a shared string mixing <t> and runs');
        runs ??= [];
        runs.push(runText(x));
      } else if (x.name === 'rPh' || x.name === 'phoneticPr') x.skip();
      else unsupported(`<${x.name}> in <si>`);
    });
    out.push(runs ? runs.join('') : (text ?? ''));
  });
  return out;
}
