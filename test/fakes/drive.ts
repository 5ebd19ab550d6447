/**
 * DriveApp: folders, files (including the spreadsheets/docs/forms the other services create —
 * one id space), moves, sharing and editors. Link sharing is recorded on the file record
 * (ws.linkSharedFiles() lists every file reachable by link or by the whole domain).
 */
import { DriveAccess, DrivePermission, enumName, type DriveAccessName, type DrivePermissionName, type EnumValue } from './enums';
import { DriveQueryError, parseDriveQuery, type DriveQuery } from './drive-query';
import { MIME, type FileRecord } from './model';
import { emailOf, makeUser, track, type Env, type FakeUser } from './runtime';
import { blobParts, makeBlob, type FakeBlob } from './utilities';
import type { QuotaName } from './workspace';

/** Which daily creation quota a Drive copy of each kind of file uses. */
const COPY_QUOTA: Partial<Record<FileRecord['kind'], QuotaName>> = { spreadsheet: 'spreadsheetCreate', document: 'documentCreate', form: 'formCreate' };
const NOT_FOUND = 'No item with the given ID could be found, or you do not have permission to access it.';
const REC: unique symbol = Symbol('drive-record');

function recOf(env: Env, value: unknown, kind: 'folder' | 'file'): FileRecord {
  const rec: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, REC) : undefined;
  if (typeof rec !== 'object' || rec === null || !('kind' in rec) || (kind === 'folder') !== (Reflect.get(rec, 'kind') === 'folder')) {
    throw env.ws.error(`The parameters don't match the method signature for DriveApp.${kind === 'folder' ? 'Folder' : 'File'}.`);
  }
  return rec as FileRecord;
}

export function makeDriveItem(env: Env, rec: FileRecord): FakeFile | FakeFolder {
  return rec.kind === 'folder' ? track(env, 'Folder', new FakeFolder(env, rec)) : track(env, 'File', new FakeFile(env, rec));
}
const makeFolder = (env: Env, rec: FileRecord): FakeFolder => track(env, 'Folder', new FakeFolder(env, rec));
const makeFile = (env: Env, rec: FileRecord): FakeFile => track(env, 'File', new FakeFile(env, rec));

function iterator<T>(env: Env, service: string, items: T[]): FakeIterator<T> {
  return track(env, service, new FakeIterator(env, items));
}

export class FakeIterator<T> {
  private i = 0;
  constructor(
    private readonly env: Env,
    private readonly items: T[],
  ) {}
  hasNext(): boolean {
    return this.i < this.items.length;
  }
  next(): T {
    const item = this.items[this.i];
    if (item === undefined) throw this.env.ws.error('Cannot retrieve the next object: iterator has reached the end.');
    this.i += 1;
    return item;
  }
  getContinuationToken(): string {
    return String(this.i);
  }
}

function createBlobFile(env: Env, parent: string, a: unknown, content?: unknown, mimeType?: unknown): FakeFile {
  const parts = typeof a === 'string' ? { name: a, data: String(content ?? ''), type: String(mimeType ?? 'text/plain') } : blobParts(a);
  const rec = env.ws.addFile('blob', parts.name, parts.type, [parent]);
  rec.content = parts.data;
  return makeFile(env, rec);
}

/** A searchFiles query, refused like the service refuses it (or as not modelled by the fake). */
function queryOf(env: Env, params: unknown): DriveQuery {
  try {
    return parseDriveQuery(String(params));
  } catch (e) {
    if (e instanceof DriveQueryError && e.invalid) throw env.ws.error(e.message);
    throw e;
  }
}

export class FakeDriveApp {
  readonly Access = DriveAccess;
  readonly Permission = DrivePermission;
  constructor(private readonly env: Env) {}
  private lookup(id: string, folder: boolean): FileRecord {
    const rec = this.env.ws.files.get(String(id));
    if (!rec || rec.trashed || (rec.kind === 'folder') !== folder || !this.env.ws.canAccess(rec)) throw this.env.ws.error(NOT_FOUND);
    return rec;
  }
  getRootFolder(): FakeFolder {
    return makeFolder(this.env, this.env.ws.file(this.env.ws.rootFolderId));
  }
  createFolder(name: string): FakeFolder {
    return makeFolder(this.env, this.env.ws.addFile('folder', String(name), MIME.folder));
  }
  createFile(a: unknown, content?: unknown, mimeType?: unknown): FakeFile {
    return createBlobFile(this.env, this.env.ws.rootFolderId, a, content, mimeType);
  }
  getFolderById(id: string): FakeFolder {
    return makeFolder(this.env, this.lookup(id, true));
  }
  getFileById(id: string): FakeFile {
    return makeFile(this.env, this.lookup(id, false));
  }
  getFilesByName(name: string): FakeIterator<FakeFile> {
    const list = [...this.env.ws.files.values()].filter((f) => f.kind !== 'folder' && !f.trashed && f.name === name && this.env.ws.canAccess(f));
    return iterator(
      this.env,
      'FileIterator',
      list.map((f) => makeFile(this.env, f)),
    );
  }
  getFoldersByName(name: string): FakeIterator<FakeFolder> {
    const list = [...this.env.ws.files.values()].filter((f) => f.kind === 'folder' && !f.trashed && f.name === name && this.env.ws.canAccess(f));
    return iterator(
      this.env,
      'FolderIterator',
      list.map((f) => makeFolder(this.env, f)),
    );
  }
  /** Drive API v2 query (drive-query.ts); trashed files match unless the query excludes them. */
  searchFiles(params: string): FakeIterator<FakeFile> {
    const query = queryOf(this.env, params);
    const list = [...this.env.ws.files.values()].filter((f) => f.kind !== 'folder' && this.env.ws.canAccess(f) && query(f));
    return iterator(
      this.env,
      'FileIterator',
      list.map((f) => makeFile(this.env, f)),
    );
  }
}

/** What files and folders share: identity, sharing, editors, parents, trash. */
abstract class DriveItem {
  readonly [REC]: FileRecord;
  constructor(
    protected readonly env: Env,
    rec: FileRecord,
  ) {
    this[REC] = rec;
  }
  getId(): string {
    return this[REC].id;
  }
  getName(): string {
    return this[REC].name;
  }
  setName(name: string): this {
    this[REC].name = String(name);
    return this;
  }
  getDateCreated(): Date {
    return this.env.ws.date(this[REC].createdAt);
  }
  getOwner(): FakeUser {
    return makeUser(this.env, this[REC].owner);
  }
  getParents(): FakeIterator<FakeFolder> {
    const parents = this[REC].parents.map((id) => this.env.ws.files.get(id)).filter((f): f is FileRecord => f !== undefined);
    return iterator(
      this.env,
      'FolderIterator',
      parents.map((f) => makeFolder(this.env, f)),
    );
  }
  /** Moves to the folder (single parent). */
  moveTo(destination: unknown): this {
    this[REC].parents = [recOf(this.env, destination, 'folder').id];
    return this;
  }
  setSharing(accessType: unknown, permissionType: unknown): this {
    const access = enumName(accessType, 'Access');
    const permission = enumName(permissionType, 'Permission');
    if (access === null || !(access in DriveAccess) || permission === null || !(permission in DrivePermission)) {
      throw this.env.ws.error("The parameters don't match the method signature for DriveApp.File.setSharing.");
    }
    this[REC].access = access as DriveAccessName;
    this[REC].permission = permission as DrivePermissionName;
    return this;
  }
  getSharingAccess(): EnumValue {
    return DriveAccess[this[REC].access];
  }
  getSharingPermission(): EnumValue {
    return DrivePermission[this[REC].permission];
  }
  addEditor(emailOrUser: unknown): this {
    this.env.ws.grant(this[REC], emailOf(emailOrUser), 'editor');
    return this;
  }
  addEditors(emails: unknown): this {
    if (Array.isArray(emails)) for (const e of emails) this.addEditor(e);
    return this;
  }
  removeEditor(emailOrUser: unknown): this {
    const email = emailOf(emailOrUser);
    this[REC].editors = this[REC].editors.filter((e) => e !== email);
    return this;
  }
  getEditors(): FakeUser[] {
    return this.env.ws.array(this[REC].editors.map((e) => makeUser(this.env, e)));
  }
  addViewer(emailOrUser: unknown): this {
    this.env.ws.grant(this[REC], emailOf(emailOrUser), 'viewer');
    return this;
  }
  addViewers(emails: unknown): this {
    if (Array.isArray(emails)) for (const e of emails) this.addViewer(e);
    return this;
  }
  removeViewer(emailOrUser: unknown): this {
    const email = emailOf(emailOrUser);
    this[REC].viewers = this[REC].viewers.filter((e) => e !== email);
    return this;
  }
  getViewers(): FakeUser[] {
    return this.env.ws.array(this[REC].viewers.map((e) => makeUser(this.env, e)));
  }
  setTrashed(trashed: boolean): this {
    this[REC].trashed = Boolean(trashed);
    return this;
  }
  isTrashed(): boolean {
    return this[REC].trashed;
  }
}

export class FakeFolder extends DriveItem {
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this[REC].id}`;
  }
  createFolder(name: string): FakeFolder {
    return makeFolder(this.env, this.env.ws.addFile('folder', String(name), MIME.folder, [this[REC].id]));
  }
  /** createFile(name, content, mimeType) or createFile(blob). */
  createFile(a: unknown, content?: unknown, mimeType?: unknown): FakeFile {
    return createBlobFile(this.env, this[REC].id, a, content, mimeType);
  }
  private children(folders: boolean, name?: string): FileRecord[] {
    return [...this.env.ws.files.values()].filter(
      (f) => f.parents.includes(this[REC].id) && !f.trashed && (f.kind === 'folder') === folders && (name === undefined || f.name === name),
    );
  }
  getFiles(): FakeIterator<FakeFile> {
    return iterator(
      this.env,
      'FileIterator',
      this.children(false).map((f) => makeFile(this.env, f)),
    );
  }
  getFilesByName(name: string): FakeIterator<FakeFile> {
    return iterator(
      this.env,
      'FileIterator',
      this.children(false, name).map((f) => makeFile(this.env, f)),
    );
  }
  /** The folder's files matching a Drive API v2 query (drive-query.ts); trashed ones match unless excluded. */
  searchFiles(params: string): FakeIterator<FakeFile> {
    const query = queryOf(this.env, params);
    const list = [...this.env.ws.files.values()].filter((f) => f.kind !== 'folder' && f.parents.includes(this[REC].id) && query(f));
    return iterator(
      this.env,
      'FileIterator',
      list.map((f) => makeFile(this.env, f)),
    );
  }
  getFolders(): FakeIterator<FakeFolder> {
    return iterator(
      this.env,
      'FolderIterator',
      this.children(true).map((f) => makeFolder(this.env, f)),
    );
  }
  getFoldersByName(name: string): FakeIterator<FakeFolder> {
    return iterator(
      this.env,
      'FolderIterator',
      this.children(true, name).map((f) => makeFolder(this.env, f)),
    );
  }
  /** Deprecated in Apps Script (use File.moveTo); adds a second parent. */
  addFile(child: unknown): FakeFolder {
    const rec = recOf(this.env, child, 'file');
    if (!rec.parents.includes(this[REC].id)) rec.parents.push(this[REC].id);
    return this;
  }
  removeFile(child: unknown): FakeFolder {
    const rec = recOf(this.env, child, 'file');
    rec.parents = rec.parents.filter((p) => p !== this[REC].id);
    return this;
  }
}

export class FakeFile extends DriveItem {
  getUrl(): string {
    const r = this[REC];
    if (r.kind === 'spreadsheet') return `https://docs.google.com/spreadsheets/d/${r.id}/edit?usp=drivesdk`;
    if (r.kind === 'document') return `https://docs.google.com/document/d/${r.id}/edit?usp=drivesdk`;
    if (r.kind === 'form') return `https://docs.google.com/forms/d/${r.id}/edit?usp=drivesdk`;
    return `https://drive.google.com/file/d/${r.id}/view?usp=drivesdk`;
  }
  getMimeType(): string {
    return this[REC].mimeType;
  }
  getSize(): number {
    return Buffer.byteLength(this[REC].content, 'utf8');
  }
  /** Content of uploaded files; Google files give '' in the fake (the real one exports PDF). */
  getBlob(): FakeBlob {
    return makeBlob(this.env, this[REC].content, this[REC].kind === 'blob' ? this[REC].mimeType : 'application/pdf', this[REC].name);
  }
  setContent(content: string): FakeFile {
    this[REC].content = String(content);
    return this;
  }
  /**
   * Copies count against the daily creation quota of their kind, like SpreadsheetApp.create (assumed:
   * the Apps Script quota page lists «Spreadsheets created» without excluding Drive copies).
   */
  makeCopy(name?: unknown, destination?: unknown): FakeFile {
    const src = this[REC];
    const quota = COPY_QUOTA[src.kind];
    if (quota) this.env.ws.consumeQuota(quota);
    const folder =
      destination !== undefined
        ? recOf(this.env, destination, 'folder').id
        : typeof name === 'object' && name !== null
          ? recOf(this.env, name, 'folder').id
          : (src.parents[0] ?? this.env.ws.rootFolderId);
    const copy = this.env.ws.addFile(src.kind, typeof name === 'string' ? name : `Copy of ${src.name}`, src.mimeType, [folder]);
    copy.content = src.content;
    if (src.spreadsheet) copy.spreadsheet = structuredClone(src.spreadsheet);
    if (src.document) copy.document = structuredClone(src.document);
    if (src.form) copy.form = { ...structuredClone(src.form), responses: [] };
    return makeFile(this.env, copy);
  }
}
