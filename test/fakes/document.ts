/**
 * DocumentApp: Document, Body, Paragraph, ListItem, Table (rows, cells), HorizontalRule, Text.
 *
 * Real rules kept: a new document's body holds one empty paragraph (so appendParagraph makes
 * it two); Body.getText joins children with "\n"; the body always keeps a paragraph: removing
 * its final paragraph (or its only one) throws "Can't remove the last paragraph in a document
 * section."; clear() leaves one empty paragraph. appendHorizontalRule() adds a paragraph that
 * contains the rule. Table text is cells joined by "\t", rows by "\n" (fake's convention).
 */
import { DocHorizontalAlignment, ElementType, GlyphType, ParagraphHeading, type EnumValue } from './enums';
import {
  EL,
  elementText,
  FakeHorizontalRule,
  FakeInlineImage,
  FakeListItem,
  FakeParagraph,
  FakeTable,
  isParagraphLike,
  newDocumentModel,
  newElement,
  removeFrom,
  type DocElement,
  type DocumentModel,
} from './doc-elements';
import { MIME, type FileRecord } from './model';
import { blobParts } from './utilities';
import { emailOf, makeUser, track, type Env, type FakeUser } from './runtime';

export type { DocumentModel } from './doc-elements';

export function makeDocument(env: Env, file: FileRecord): FakeDocument {
  if (!file.document) throw env.ws.error('Document is missing');
  return track(env, 'Document', new FakeDocument(env, file));
}

export class FakeDocumentApp {
  readonly ParagraphHeading = ParagraphHeading;
  readonly ElementType = ElementType;
  readonly GlyphType = GlyphType;
  readonly HorizontalAlignment = DocHorizontalAlignment;
  constructor(private readonly env: Env) {}
  create(name: string): FakeDocument {
    this.env.ws.consumeQuota('documentCreate');
    const file = this.env.ws.addFile('document', String(name), MIME.document);
    file.document = newDocumentModel();
    return makeDocument(this.env, file);
  }
  openById(id: string): FakeDocument {
    const rec = this.env.ws.files.get(String(id));
    if (rec?.kind !== 'document' || rec.trashed) throw this.env.ws.error("Document is missing (perhaps it was deleted, or you don't have read access?)");
    if (!this.env.ws.canAccess(rec)) throw this.env.ws.error('You do not have permission to access the requested document.');
    return makeDocument(this.env, rec);
  }
  openByUrl(url: string): FakeDocument {
    const m = /\/document\/d\/([\w-]+)/.exec(String(url));
    if (!m?.[1]) throw this.env.ws.error('Invalid argument: url');
    return this.openById(m[1]);
  }
  getActiveDocument(): null {
    return null;
  }
}

export class FakeDocument {
  constructor(
    private readonly env: Env,
    private readonly file: FileRecord,
  ) {}
  getId(): string {
    return this.file.id;
  }
  getName(): string {
    return this.file.name;
  }
  setName(name: string): FakeDocument {
    this.file.name = String(name);
    return this;
  }
  getUrl(): string {
    return `https://docs.google.com/document/d/${this.file.id}/edit`;
  }
  getBody(): FakeBody {
    const doc = this.file.document;
    if (!doc) throw this.env.ws.error('Document is missing');
    return track(this.env, 'Body', new FakeBody(this.env, doc));
  }
  saveAndClose(): void {
    // Writes are immediate in the fake.
  }
  addEditor(emailOrUser: unknown): FakeDocument {
    this.env.ws.grant(this.file, emailOf(emailOrUser), 'editor');
    return this;
  }
  addEditors(emails: unknown): FakeDocument {
    if (Array.isArray(emails)) for (const e of emails) this.addEditor(e);
    return this;
  }
  removeEditor(emailOrUser: unknown): FakeDocument {
    const email = emailOf(emailOrUser);
    this.file.editors = this.file.editors.filter((e) => e !== email);
    return this;
  }
  getEditors(): FakeUser[] {
    return this.env.ws.array(this.file.editors.map((e) => makeUser(this.env, e)));
  }
  addViewer(emailOrUser: unknown): FakeDocument {
    this.env.ws.grant(this.file, emailOf(emailOrUser), 'viewer');
    return this;
  }
  addViewers(emails: unknown): FakeDocument {
    if (!Array.isArray(emails)) throw this.env.ws.error('Invalid argument: emailAddresses');
    for (const e of emails) this.env.ws.grant(this.file, emailOf(e), 'viewer');
    return this;
  }
  getViewers(): FakeUser[] {
    return this.env.ws.array(this.file.viewers.map((e) => makeUser(this.env, e)));
  }
}

type Child = FakeParagraph | FakeListItem | FakeTable;

export class FakeBody {
  constructor(
    private readonly env: Env,
    private readonly doc: DocumentModel,
  ) {}
  private wrap(el: DocElement): Child {
    if (el.type === 'TABLE') return track(this.env, 'Table', new FakeTable(this.env, this.doc, el));
    if (el.type === 'LIST_ITEM') return track(this.env, 'ListItem', new FakeListItem(this.env, this.doc, el));
    return track(this.env, 'Paragraph', new FakeParagraph(this.env, this.doc, el));
  }
  private add(el: DocElement, index = this.doc.body.length): DocElement {
    if (index < 0 || index > this.doc.body.length)
      throw this.env.ws.error(`Child index (${index}) must be less than the number of child elements (${this.doc.body.length}).`);
    this.doc.body.splice(index, 0, el);
    return el;
  }
  private textOf(v: unknown): string {
    const el: unknown = typeof v === 'object' && v !== null ? Reflect.get(v, EL) : undefined;
    return typeof el === 'object' && el !== null && 'text' in el ? String(Reflect.get(el, 'text')) : String(v);
  }
  appendParagraph(text: unknown): FakeParagraph {
    return this.wrap(this.add(newElement('PARAGRAPH', this.textOf(text)))) as FakeParagraph;
  }
  insertParagraph(childIndex: number, text: unknown): FakeParagraph {
    return this.wrap(this.add(newElement('PARAGRAPH', this.textOf(text)), childIndex)) as FakeParagraph;
  }
  appendListItem(text: unknown): FakeListItem {
    return this.wrap(this.add(newElement('LIST_ITEM', this.textOf(text)))) as FakeListItem;
  }
  insertListItem(childIndex: number, text: unknown): FakeListItem {
    return this.wrap(this.add(newElement('LIST_ITEM', this.textOf(text)), childIndex)) as FakeListItem;
  }
  appendTable(cells?: unknown): FakeTable {
    const el = newElement('TABLE');
    if (Array.isArray(cells)) {
      el.rows = cells.map((row: unknown) => (Array.isArray(row) ? row : []).map((t: unknown) => ({ text: String(t), styles: [], background: null })));
    }
    return this.wrap(this.add(el)) as FakeTable;
  }
  /** Adds a paragraph holding the rule (as Docs does) and returns the rule. */
  appendHorizontalRule(): FakeHorizontalRule {
    const el = this.add({ ...newElement('PARAGRAPH'), hr: true });
    return track(this.env, 'HorizontalRule', new FakeHorizontalRule(this.env, this.doc, el));
  }
  /** A new paragraph holding the picture, at `childIndex`; the blob must be an image (PNG, JPEG or GIF). */
  insertImage(childIndex: number, image: unknown): FakeInlineImage {
    const blob = blobParts(image);
    if (!/^image\/(png|jpeg|gif)$/.test(blob.type)) throw this.env.ws.error('Invalid image data.');
    const bytes = blob.bytes ?? Buffer.from(blob.data, 'latin1');
    const size = blob.type === 'image/png' && bytes.length >= 24 ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : { width: 0, height: 0 };
    const el = this.add({ ...newElement('PARAGRAPH'), image: { contentType: blob.type, bytes: bytes.length, ...size, alt: '' } }, childIndex);
    return track(this.env, 'InlineImage', new FakeInlineImage(this.env, el));
  }
  appendPageBreak(): void {
    this.add(newElement('PAGE_BREAK'));
  }
  getNumChildren(): number {
    return this.doc.body.length;
  }
  getChild(childIndex: number): Child {
    const el = this.doc.body[childIndex];
    if (!el) throw this.env.ws.error(`Child index (${childIndex}) must be less than the number of child elements (${this.doc.body.length}).`);
    return this.wrap(el);
  }
  getChildIndex(child: unknown): number {
    const el: unknown = typeof child === 'object' && child !== null ? Reflect.get(child, EL) : undefined;
    const i = (this.doc.body as readonly unknown[]).indexOf(el);
    if (i < 0) throw this.env.ws.error('Element does not contain the specified child element.');
    return i;
  }
  removeChild(child: unknown): FakeBody {
    const el: unknown = typeof child === 'object' && child !== null ? Reflect.get(child, EL) : undefined;
    const found = this.doc.body.find((e) => e === el);
    if (!found) throw this.env.ws.error('Element does not contain the specified child element.');
    removeFrom(this.env, this.doc, found);
    return this;
  }
  getParagraphs(): Array<FakeParagraph | FakeListItem> {
    return this.env.ws.array(this.doc.body.filter(isParagraphLike).map((e) => this.wrap(e) as FakeParagraph | FakeListItem));
  }
  getTables(): FakeTable[] {
    return this.env.ws.array(this.doc.body.filter((e) => e.type === 'TABLE').map((e) => this.wrap(e) as FakeTable));
  }
  getText(): string {
    return this.doc.body.map(elementText).join('\n');
  }
  clear(): FakeBody {
    this.doc.body = [newElement('PARAGRAPH')];
    return this;
  }
  getType(): EnumValue {
    return ElementType.BODY_SECTION;
  }
}
