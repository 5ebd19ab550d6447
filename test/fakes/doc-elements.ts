/**
 * Document body elements: Paragraph, ListItem, HorizontalRule, Table/TableRow/TableCell, Text,
 * and the body model they share with document.ts.
 */
import { DocHorizontalAlignment, ElementType, enumName, GlyphType, ParagraphHeading, type EnumValue } from './enums';
import { track, type Env } from './runtime';

interface Style {
  readonly start: number;
  readonly end: number; // inclusive
  readonly attr: 'bold' | 'italic' | 'link' | 'fontSize' | 'color';
  readonly value: unknown;
}
export interface TextHolder {
  text: string;
  styles: Style[];
}
export interface DocCell extends TextHolder {
  background: string | null;
}
export interface DocElement extends TextHolder {
  readonly type: 'PARAGRAPH' | 'LIST_ITEM' | 'TABLE' | 'PAGE_BREAK';
  heading: string;
  alignment: string | null;
  hr: boolean;
  glyph: string;
  nesting: number;
  rows: DocCell[][];
  /** A paragraph that holds an inline image (Body.insertImage): its size in pixels and alt text. */
  image?: DocImage;
}
export interface DocImage {
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  alt: string;
}
export interface DocumentModel {
  body: DocElement[];
}

export const EL: unique symbol = Symbol('doc-element');
const LAST_PARAGRAPH = "Can't remove the last paragraph in a document section.";

export const newElement = (type: DocElement['type'], text = ''): DocElement => ({
  type,
  text,
  styles: [],
  heading: 'NORMAL',
  alignment: null,
  hr: false,
  glyph: 'BULLET',
  nesting: 0,
  rows: [],
});
export const isParagraphLike = (e: DocElement): boolean => e.type === 'PARAGRAPH' || e.type === 'LIST_ITEM';

export function newDocumentModel(): DocumentModel {
  return { body: [newElement('PARAGRAPH')] };
}

export function removeFrom(env: Env, doc: DocumentModel, el: DocElement): void {
  const i = doc.body.indexOf(el);
  if (i < 0) throw env.ws.error('Element does not contain the specified child element.');
  const onlyParagraph = doc.body.filter(isParagraphLike).length === 1;
  if (isParagraphLike(el) && (i === doc.body.length - 1 || onlyParagraph)) throw env.ws.error(LAST_PARAGRAPH);
  doc.body.splice(i, 1);
}

export function elementText(e: DocElement): string {
  return e.type === 'TABLE' ? e.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n') : e.text;
}

class TextCarrier {
  readonly [EL]: DocElement;
  constructor(
    protected readonly env: Env,
    protected readonly doc: DocumentModel,
    el: DocElement,
  ) {
    this[EL] = el;
  }
  getText(): string {
    return this[EL].text;
  }
  setText(text: string): void {
    this[EL].text = String(text);
    this[EL].styles = [];
  }
  appendText(text: string): FakeText {
    this[EL].text += String(text);
    return this.editAsText();
  }
  editAsText(): FakeText {
    return track(this.env, 'Text', new FakeText(this[EL]));
  }
  setLinkUrl(url: string | null): this {
    new FakeText(this[EL]).setLinkUrl(url);
    return this;
  }
  getLinkUrl(): string | null {
    return new FakeText(this[EL]).getLinkUrl();
  }
  setHeading(heading: unknown): this {
    this[EL].heading = enumName(heading, 'ParagraphHeading') ?? 'NORMAL';
    return this;
  }
  getHeading(): EnumValue {
    return ParagraphHeading[(enumName(this[EL].heading) ?? 'NORMAL') as keyof typeof ParagraphHeading];
  }
  setAlignment(alignment: unknown): this {
    this[EL].alignment = enumName(alignment, 'HorizontalAlignment');
    return this;
  }
  getAlignment(): EnumValue | null {
    const a = this[EL].alignment;
    return a === null ? null : DocHorizontalAlignment[a as keyof typeof DocHorizontalAlignment];
  }
  removeFromParent(): this {
    removeFrom(this.env, this.doc, this[EL]);
    return this;
  }
}

export class FakeParagraph extends TextCarrier {
  getType(): EnumValue {
    return ElementType.PARAGRAPH;
  }
}

export class FakeListItem extends TextCarrier {
  getType(): EnumValue {
    return ElementType.LIST_ITEM;
  }
  setGlyphType(glyphType: unknown): FakeListItem {
    this[EL].glyph = enumName(glyphType, 'GlyphType') ?? 'BULLET';
    return this;
  }
  getGlyphType(): EnumValue {
    return GlyphType[this[EL].glyph as keyof typeof GlyphType];
  }
  setNestingLevel(nestingLevel: number): FakeListItem {
    this[EL].nesting = nestingLevel;
    return this;
  }
  getNestingLevel(): number {
    return this[EL].nesting;
  }
}

export class FakeHorizontalRule {
  readonly [EL]: DocElement;
  constructor(
    private readonly env: Env,
    private readonly doc: DocumentModel,
    el: DocElement,
  ) {
    this[EL] = el;
  }
  getType(): EnumValue {
    return ElementType.HORIZONTAL_RULE;
  }
  getParent(): FakeParagraph {
    return track(this.env, 'Paragraph', new FakeParagraph(this.env, this.doc, this[EL]));
  }
}

export class FakeTable {
  readonly [EL]: DocElement;
  constructor(
    private readonly env: Env,
    private readonly doc: DocumentModel,
    el: DocElement,
  ) {
    this[EL] = el;
  }
  getType(): EnumValue {
    return ElementType.TABLE;
  }
  getNumRows(): number {
    return this[EL].rows.length;
  }
  getRow(rowIndex: number): FakeTableRow {
    const row = this[EL].rows[rowIndex];
    if (!row) throw this.env.ws.error(`Child index (${rowIndex}) must be less than the number of child elements (${this[EL].rows.length}).`);
    return track(this.env, 'TableRow', new FakeTableRow(this.env, row));
  }
  getCell(rowIndex: number, cellIndex: number): FakeTableCell {
    return new FakeTableRow(this.env, this.getRow(rowIndex)[CELLS]).getCell(cellIndex);
  }
  appendTableRow(): FakeTableRow {
    const row: DocCell[] = [];
    this[EL].rows.push(row);
    return track(this.env, 'TableRow', new FakeTableRow(this.env, row));
  }
  getText(): string {
    return elementText(this[EL]);
  }
  setBorderWidth(_width: number): FakeTable {
    return this;
  }
  setColumnWidth(_columnIndex: number, _width: number): FakeTable {
    return this;
  }
  removeFromParent(): FakeTable {
    removeFrom(this.env, this.doc, this[EL]);
    return this;
  }
}

const CELLS: unique symbol = Symbol('row-cells');

export class FakeTableRow {
  readonly [CELLS]: DocCell[];
  constructor(
    private readonly env: Env,
    cells: DocCell[],
  ) {
    this[CELLS] = cells;
  }
  getNumCells(): number {
    return this[CELLS].length;
  }
  getCell(cellIndex: number): FakeTableCell {
    const cell = this[CELLS][cellIndex];
    if (!cell) throw this.env.ws.error(`Child index (${cellIndex}) must be less than the number of child elements (${this[CELLS].length}).`);
    return track(this.env, 'TableCell', new FakeTableCell(this.env, cell));
  }
  appendTableCell(text = ''): FakeTableCell {
    const cell: DocCell = { text: String(text), styles: [], background: null };
    this[CELLS].push(cell);
    return track(this.env, 'TableCell', new FakeTableCell(this.env, cell));
  }
  getText(): string {
    return this[CELLS].map((c) => c.text).join('\t');
  }
}

export class FakeTableCell {
  constructor(
    private readonly env: Env,
    private readonly cell: DocCell,
  ) {}
  getText(): string {
    return this.cell.text;
  }
  setText(text: string): FakeTableCell {
    this.cell.text = String(text);
    this.cell.styles = [];
    return this;
  }
  editAsText(): FakeText {
    return track(this.env, 'Text', new FakeText(this.cell));
  }
  setBackgroundColor(color: string | null): FakeTableCell {
    this.cell.background = color;
    return this;
  }
  getBackgroundColor(): string | null {
    return this.cell.background;
  }
}

/** Text with character styles; offsets are inclusive like the real API. */
export class FakeText {
  constructor(private readonly holder: TextHolder) {}
  private style(attr: Style['attr'], args: unknown[]): FakeText {
    const [start, end, value] = args.length >= 3 ? [Number(args[0]), Number(args[1]), args[2]] : [0, this.holder.text.length - 1, args[0]];
    if (start < 0 || end >= this.holder.text.length || start > end) {
      if (this.holder.text.length === 0 && args.length < 3) return this;
      throw new RangeError(`Index (${end}) must be less than the content length (${this.holder.text.length}).`);
    }
    this.holder.styles.push({ start, end, attr, value });
    return this;
  }
  private styleAt(attr: Style['attr'], offset: number): unknown {
    const hits = this.holder.styles.filter((s) => s.attr === attr && s.start <= offset && offset <= s.end);
    return hits.length === 0 ? null : (hits[hits.length - 1]?.value ?? null);
  }
  getText(): string {
    return this.holder.text;
  }
  setText(text: string): FakeText {
    this.holder.text = String(text);
    this.holder.styles = [];
    return this;
  }
  appendText(text: string): FakeText {
    this.holder.text += String(text);
    return this;
  }
  setBold(...args: unknown[]): FakeText {
    return this.style('bold', args);
  }
  isBold(offset = 0): boolean | null {
    const v = this.styleAt('bold', offset);
    return v === null ? null : Boolean(v);
  }
  setItalic(...args: unknown[]): FakeText {
    return this.style('italic', args);
  }
  setFontSize(...args: unknown[]): FakeText {
    return this.style('fontSize', args);
  }
  setForegroundColor(...args: unknown[]): FakeText {
    return this.style('color', args);
  }
  /** setLinkUrl(url) or setLinkUrl(start, endInclusive, url). */
  setLinkUrl(...args: unknown[]): FakeText {
    return this.style('link', args);
  }
  /** With an offset: the link there. Without: the link if the whole text has one link, else null. */
  getLinkUrl(offset?: number): string | null {
    const len = this.holder.text.length;
    if (offset !== undefined) {
      const v = this.styleAt('link', offset);
      return typeof v === 'string' ? v : null;
    }
    if (len === 0) return null;
    const first = this.styleAt('link', 0);
    for (let i = 1; i < len; i++) if (this.styleAt('link', i) !== first) return null;
    return typeof first === 'string' ? first : null;
  }
}

/** InlineImage: the picture in its own paragraph; width and height in pixels, alt text for screen readers. */
export class FakeInlineImage {
  readonly [EL]: DocElement;
  constructor(
    private readonly env: Env,
    el: DocElement,
  ) {
    this[EL] = el;
  }
  private get image(): DocImage {
    const image = this[EL].image;
    if (!image) throw this.env.ws.error('Element is not an inline image.');
    return image;
  }
  getType(): EnumValue {
    return ElementType.INLINE_IMAGE;
  }
  getWidth(): number {
    return this.image.width;
  }
  setWidth(width: number): FakeInlineImage {
    this.image.width = Number(width);
    return this;
  }
  getHeight(): number {
    return this.image.height;
  }
  setHeight(height: number): FakeInlineImage {
    this.image.height = Number(height);
    return this;
  }
  getAltDescription(): string | null {
    return this.image.alt === '' ? null : this.image.alt;
  }
  setAltDescription(description: string): FakeInlineImage {
    this.image.alt = String(description);
    return this;
  }
}
