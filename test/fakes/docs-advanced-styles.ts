/**
 * The style requests of documents.batchUpdate on the Docs view of a document: updateTextStyle,
 * updateParagraphStyle, createParagraphBullets, deleteParagraphBullets, updateTableCellStyle.
 *
 * Rules (REST reference of each request; https://developers.google.com/workspace/docs/api/concepts/rules-behavior):
 *  - `fields` is required («At least one field must be listed in 'fields'.» — the Sheets API's wording, assumed the
 *    same); a name that is no field fails «Invalid field: x» (recorded against the live Docs API); a field listed but
 *    unset in the style resets it;
 *  - paragraph styles and bullets apply to every paragraph the range overlaps, inside tables too;
 *  - links are not set on newline characters, and setting one also colours the text with the default link colour
 *    unless the same request sets foregroundColor (TextStyle.link in the reference; underline is not modelled);
 *  - createParagraphBullets turns a paragraph's leading tabs into its nesting level and removes them (the indexes
 *    after them shift);
 *  - fields and kinds the fake does not model (underline, indents, borders, …) fail and say so.
 */
import type { At } from './docs-advanced-requests';
import { NAMED_STYLES, type CharStyle, type Layout, type ParaVisit, type TableVisit, type Tree } from './docs-advanced-tree';
import { ApiError, hexOf, isObj, type Json } from './sheets-advanced-util';

export const STYLE_KEYS: Record<string, readonly string[]> = {
  updateTextStyle: ['range', 'textStyle', 'fields'],
  updateParagraphStyle: ['range', 'paragraphStyle', 'fields'],
  createParagraphBullets: ['range', 'bulletPreset'],
  deleteParagraphBullets: ['range'],
  updateTableCellStyle: ['tableRange', 'tableStartLocation', 'tableCellStyle', 'fields'],
};

const TEXT_FIELDS = [
  'backgroundColor',
  'baselineOffset',
  'bold',
  'fontSize',
  'foregroundColor',
  'italic',
  'link',
  'smallCaps',
  'strikethrough',
  'underline',
  'weightedFontFamily',
];
const TEXT_MODELLED = ['bold', 'italic', 'link', 'foregroundColor', 'fontSize'];
const PARAGRAPH_FIELDS = [
  'alignment',
  'avoidWidowAndOrphan',
  'borderBetween',
  'borderBottom',
  'borderLeft',
  'borderRight',
  'borderTop',
  'direction',
  'headingId',
  'indentEnd',
  'indentFirstLine',
  'indentStart',
  'keepLinesTogether',
  'keepWithNext',
  'lineSpacing',
  'namedStyleType',
  'pageBreakBefore',
  'shading',
  'spaceAbove',
  'spaceBelow',
  'spacingMode',
  'tabStops',
];
const CELL_FIELDS = [
  'backgroundColor',
  'borderBottom',
  'borderLeft',
  'borderRight',
  'borderTop',
  'columnSpan',
  'contentAlignment',
  'paddingBottom',
  'paddingLeft',
  'paddingRight',
  'paddingTop',
  'rowSpan',
];
/** Google Docs' default link colour. */
export const LINK_COLOR = '#1155cc';
/** BulletGlyphPreset → the DocumentApp GlyphType of its first nesting level. */
const PRESETS: Record<string, string> = {
  BULLET_DISC_CIRCLE_SQUARE: 'BULLET',
  BULLET_DIAMONDX_ARROW3D_SQUARE: 'BULLET',
  BULLET_CHECKBOX: 'BULLET',
  BULLET_ARROW_DIAMOND_DISC: 'BULLET',
  BULLET_STAR_CIRCLE_SQUARE: 'BULLET',
  BULLET_ARROW3D_CIRCLE_SQUARE: 'BULLET',
  BULLET_LEFTTRIANGLE_DIAMOND_DISC: 'BULLET',
  BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE: 'BULLET',
  BULLET_DIAMOND_CIRCLE_SQUARE: 'BULLET',
  NUMBERED_DECIMAL_ALPHA_ROMAN: 'NUMBER',
  NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS: 'NUMBER',
  NUMBERED_DECIMAL_NESTED: 'NUMBER',
  NUMBERED_UPPERALPHA_ALPHA_ROMAN: 'LATIN_UPPER',
  NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL: 'ROMAN_UPPER',
  NUMBERED_ZERODECIMAL_ALPHA_ROMAN: 'NUMBER',
};

/** The top-level fields a mask names; '*' = every modelled one (an unmodelled one set in `value` fails). */
function maskOf(at: At, fields: unknown, known: readonly string[], modelled: readonly string[], value: Json): string[] {
  if (typeof fields !== 'string' || fields.trim() === '') throw at.fail("At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
  const list = fields.split(',').map((f) => f.trim());
  const notModelled = (f: string): ApiError => at.fail(`(fake) the field '${f}' is not modelled by the fake Docs service`);
  if (list.includes('*')) {
    const unmodelled = Object.keys(value).find((k) => !modelled.includes(k));
    if (unmodelled !== undefined) throw notModelled(unmodelled);
    return [...modelled];
  }
  for (const f of list) {
    const top = f.split('.')[0] ?? '';
    if (!known.includes(top)) throw at.fail(`Invalid field: ${f}`);
    if (!modelled.includes(top) || top !== f) throw notModelled(f);
  }
  return list;
}

const overlapping = (layout: Layout, s: number, e: number): ParaVisit[] =>
  layout.visits.filter((v): v is ParaVisit => v.kind === 'para' && v.start < e && s < v.end);

export function applyStyleRequest(at: At, body: Json, layout: Layout, tree: Tree): void {
  switch (at.kind) {
    case 'updateTextStyle':
      updateTextStyle(at, body, layout);
      return;
    case 'updateParagraphStyle': {
      const { s, e } = at.range(body['range'], layout);
      const style = isObj(body['paragraphStyle']) ? body['paragraphStyle'] : {};
      maskOf(at, body['fields'], PARAGRAPH_FIELDS, ['namedStyleType'], style);
      const named = style['namedStyleType'] ?? 'NORMAL_TEXT';
      if (typeof named !== 'string' || !NAMED_STYLES.includes(named)) {
        const path = `${at.path}.paragraph_style.named_style_type`;
        throw new ApiError(`Invalid value at '${path}' (type.googleapis.com/google.apps.docs.v1.NamedStyleType), ${JSON.stringify(named)}`);
      }
      for (const v of overlapping(layout, s, e)) v.para.named = named;
      return;
    }
    case 'createParagraphBullets': {
      const { s, e } = at.range(body['range'], layout);
      const preset = body['bulletPreset'];
      const glyph = typeof preset === 'string' ? PRESETS[preset] : undefined;
      if (glyph === undefined) {
        const path = `${at.path}.bullet_preset`;
        throw new ApiError(`Invalid value at '${path}' (type.googleapis.com/google.apps.docs.v1.BulletGlyphPreset), ${JSON.stringify(preset ?? null)}`);
      }
      const listId = `kix.list.${++tree.lists}`;
      for (const v of overlapping(layout, s, e)) {
        const tabs = /^\t*/.exec(v.para.text)?.[0].length ?? 0;
        v.para.text = v.para.text.slice(tabs);
        v.para.styles = v.para.styles.slice(tabs);
        v.para.bullet = { listId, nesting: tabs, glyph };
      }
      return;
    }
    case 'deleteParagraphBullets': {
      const { s, e } = at.range(body['range'], layout);
      for (const v of overlapping(layout, s, e)) v.para.bullet = null;
      return;
    }
    case 'updateTableCellStyle':
      updateTableCellStyle(at, body, layout);
      return;
    default:
      throw at.fail('(fake) this request kind is not modelled by the fake Docs service');
  }
}

function updateTextStyle(at: At, body: Json, layout: Layout): void {
  const { s, e } = at.range(body['range'], layout);
  const style = isObj(body['textStyle']) ? body['textStyle'] : {};
  const fields = maskOf(at, body['fields'], TEXT_FIELDS, TEXT_MODELLED, style);
  const set: CharStyle = {};
  for (const key of ['bold', 'italic'] as const) {
    const v = style[key];
    if (v !== undefined && typeof v !== 'boolean') throw new ApiError(`Invalid value at '${at.path}.text_style.${key}' (TYPE_BOOL), ${JSON.stringify(v)}`);
    if (v === true) set[key] = true;
  }
  const link = style['link'];
  if (isObj(link)) {
    if (link['bookmarkId'] !== undefined || link['headingId'] !== undefined) throw at.fail('(fake) links to bookmarks and headings are not modelled');
    if (typeof link['url'] === 'string') set.link = link['url'];
  }
  const fg = style['foregroundColor'];
  const color = isObj(fg) ? hexOf(fg['color']) : undefined;
  if (color !== undefined) set.color = color;
  else if (set.link !== undefined && !fields.includes('foregroundColor')) set.color = LINK_COLOR;
  const size = style['fontSize'];
  if (isObj(size)) {
    if (size['unit'] !== 'PT') throw at.fail('(fake) font sizes are modelled in PT only');
    const magnitude = size['magnitude'];
    if (typeof magnitude === 'number') set.fontSize = magnitude;
  }
  const keys: (keyof CharStyle)[] = fields.map((f) => (f === 'foregroundColor' ? 'color' : (f as keyof CharStyle)));
  if (set.color !== undefined && !keys.includes('color')) keys.push('color');
  for (const v of overlapping(layout, s, e)) {
    for (let k = Math.max(s, v.start); k < Math.min(e, v.end); k++) {
      const offset = k - v.start;
      const newline = offset === v.para.text.length;
      const target = newline ? v.para.nl : v.para.styles[offset];
      if (!target) continue;
      for (const key of keys) {
        if (key === 'link' && newline) continue;
        const value = set[key];
        if (value === undefined) delete target[key];
        else Reflect.set(target, key, value);
      }
    }
  }
}

function updateTableCellStyle(at: At, body: Json, layout: Layout): void {
  const tableRange = body['tableRange'];
  const whole = body['tableStartLocation'];
  if (tableRange !== undefined && whole !== undefined) throw at.fail('(fake) give either tableRange or tableStartLocation');
  const cellLocation = isObj(tableRange) ? tableRange['tableCellLocation'] : undefined;
  const startLocation = isObj(cellLocation) ? cellLocation['tableStartLocation'] : whole;
  if (!isObj(startLocation)) throw at.fail('(fake) a table start location is required');
  at.body(startLocation, `${at.path}.table_start_location`);
  const index = at.int(startLocation['index'], `${at.path}.table_start_location.index`);
  const table = layout.visits.find((v): v is TableVisit => v.kind === 'table' && v.start === index)?.table;
  if (!table) throw at.fail(`(fake wording) no table starts at index ${index}`);
  const columns = table.rows[0]?.length ?? 0;
  let [row, col, rowSpan, colSpan] = [0, 0, table.rows.length, columns];
  if (isObj(tableRange)) {
    const loc = isObj(cellLocation) ? cellLocation : {};
    row = at.int(loc['rowIndex'] ?? 0, `${at.path}.table_range.table_cell_location.row_index`);
    col = at.int(loc['columnIndex'] ?? 0, `${at.path}.table_range.table_cell_location.column_index`);
    rowSpan = at.int(tableRange['rowSpan'] ?? 0, `${at.path}.table_range.row_span`);
    colSpan = at.int(tableRange['columnSpan'] ?? 0, `${at.path}.table_range.column_span`);
  }
  if (row < 0 || col < 0 || rowSpan < 1 || colSpan < 1 || row + rowSpan > table.rows.length || col + colSpan > columns)
    throw at.fail(`(fake wording) the table range ${row},${col} +${rowSpan}×${colSpan} is outside the ${table.rows.length}×${columns} table`);
  const style = isObj(body['tableCellStyle']) ? body['tableCellStyle'] : {};
  maskOf(at, body['fields'], CELL_FIELDS, ['backgroundColor'], style);
  const bg = style['backgroundColor'];
  const hex = isObj(bg) ? (hexOf(bg['color']) ?? null) : null;
  for (let r = row; r < row + rowSpan; r++) {
    for (let c = col; c < col + colSpan; c++) {
      const cell = table.rows[r]?.[c];
      if (cell) cell.background = hex;
    }
  }
}
