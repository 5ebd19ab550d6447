/**
 * The Drive advanced service, API v3 (`Drive`; appsscript.json {"userSymbol":"Drive","serviceId":"drive",
 * "version":"v3"}) over the SAME file store as DriveApp, SpreadsheetApp, DocumentApp and FormApp.
 *
 * Call shapes are Apps Script's (resource first, then path parameters, then optionalArgs), as in
 * @types/google-apps-script apis/drive_v3.d.ts:
 *   Drive.Files.create(resource, mediaData?, optionalArgs?)      Drive.Files.copy(resource, fileId, optionalArgs?)
 *   Drive.Files.get(fileId, optionalArgs?)                       Drive.Files.list(optionalArgs?)
 *   Drive.Files.update(resource, fileId, mediaData?, optionalArgs?)
 *   Drive.Permissions.create(resource, fileId, optionalArgs?)    Drive.Permissions.list(fileId, optionalArgs?)
 * Calls are logged as `Drive.Files.create`…, refused in AuthMode.NONE and LIMITED; failures reach the script as
 * `GoogleJsonResponseException: API call to drive.files.get failed with error: File not found: <id>.`
 * Under a drive.file-only manifest (ws.manifestScopes) only the app's files exist for it (404 otherwise).
 * Only present when `ws.advancedDriveEnabled` (the default) — see createGlobals().
 */
import { copyFile, createFile, FILE_MODELLED, fileJson, updateFile } from './drive-advanced-files';
import { FakeDrivePermissionsCollection } from './drive-advanced-permissions';
import {
  argsOf,
  DEFAULT_FILE_MASK,
  DriveApiError,
  driveCall,
  driveFileOnly,
  FILE_FIELDS,
  fieldMask,
  insufficientPermissions,
  invalidValue,
  lookup,
  resourceOf,
  respond,
} from './drive-advanced-util';
import { DriveQueryError, parseDriveQuery, type DriveQuery } from './drive-query';
import { track, type Env } from './runtime';
import type { Json } from './sheets-advanced-util';

export type { FakeDrivePermission, FakeDrivePermissionList } from './drive-advanced-permissions';
export { FakeDrivePermissionsCollection } from './drive-advanced-permissions';

/** A v3 File resource (the fields the fake fills; `fields` decides which of them come back). */
export interface FakeDriveFile {
  kind?: string;
  id?: string;
  name?: string;
  mimeType?: string;
  description?: string;
  parents?: string[];
  trashed?: boolean;
  explicitlyTrashed?: boolean;
  createdTime?: string;
  modifiedTime?: string;
  starred?: boolean;
  owners?: Array<{ kind: string; emailAddress: string; me: boolean }>;
  ownedByMe?: boolean;
  writersCanShare?: boolean;
  shared?: boolean;
  isAppAuthorized?: boolean;
  webViewLink?: string;
  webContentLink?: string;
  capabilities?: Record<string, boolean>;
  spaces?: string[];
  appProperties?: Record<string, string>;
  properties?: Record<string, string>;
  size?: string;
  md5Checksum?: string;
}
export interface FakeDriveFileList {
  kind?: string;
  incompleteSearch?: boolean;
  nextPageToken?: string;
  files?: FakeDriveFile[];
}

const LIST_PARAMS = new Set([
  'q',
  'pageSize',
  'pageToken',
  'fields',
  'spaces',
  'corpora',
  'supportsAllDrives',
  'includeItemsFromAllDrives',
  'supportsTeamDrives',
  'includeTeamDriveItems',
]);
const DEFAULT_LIST_MASK = ['kind', 'incompleteSearch', 'nextPageToken', 'files.kind', 'files.id', 'files.name', 'files.mimeType'];
const LIST_OWN = ['kind', 'incompleteSearch', 'nextPageToken'];

export class FakeDriveAdvanced {
  readonly Files: FakeDriveFilesCollection;
  readonly Permissions: FakeDrivePermissionsCollection;
  constructor(env: Env) {
    this.Files = track(env, 'Drive.Files', new FakeDriveFilesCollection(env));
    this.Permissions = track(env, 'Drive.Permissions', new FakeDrivePermissionsCollection(env));
  }
}

export function makeDriveAdvanced(env: Env): FakeDriveAdvanced {
  return track(env, 'Drive', new FakeDriveAdvanced(env));
}

/** The page a pageToken points at; tokens are tied to the query they were issued for. */
function pageStart(token: unknown, q: string): number {
  if (token === undefined || token === null || token === '') return 0;
  const m = /^p(\d+):(.*)$/s.exec(Buffer.from(String(token), 'base64url').toString('utf8'));
  if (!m || m[2] !== q) throw invalidValue('pageToken');
  return Number(m[1]);
}

export class FakeDriveFilesCollection {
  constructor(private readonly env: Env) {}

  private mask(fields: unknown): string[] {
    return fieldMask(fields, FILE_FIELDS, FILE_MODELLED, DEFAULT_FILE_MASK);
  }

  /** files.create(resource, mediaData?, optionalArgs?): a folder, an empty Google spreadsheet / document / form, or a blob. */
  create(resource: object, mediaData?: unknown, optionalArgs?: object): FakeDriveFile {
    return driveCall(this.env, 'drive.files.create', () => {
      const body = resourceOf(resource, 'Files.create');
      const mask = this.mask(argsOf(optionalArgs, 'Files.create')['fields']);
      return respond(this.env.ws, fileJson(this.env.ws, createFile(this.env, body, mediaData)), mask);
    });
  }

  /** files.copy(resource, fileId, optionalArgs?): the resource patches the copy (name, parents, appProperties…). */
  copy(resource: object, fileId: string, optionalArgs?: object): FakeDriveFile {
    return driveCall(this.env, 'drive.files.copy', () => {
      const body = resourceOf(resource, 'Files.copy');
      const mask = this.mask(argsOf(optionalArgs, 'Files.copy')['fields']);
      const src = lookup(this.env, fileId, 'read');
      return respond(this.env.ws, fileJson(this.env.ws, copyFile(this.env, src, body)), mask);
    });
  }

  /** files.get(fileId, optionalArgs?): metadata, or with {alt: 'media'} the content of a blob file. */
  get(fileId: string, optionalArgs?: object): FakeDriveFile | string {
    return driveCall(this.env, 'drive.files.get', () => {
      const args = argsOf(optionalArgs, 'Files.get');
      const rec = lookup(this.env, fileId, 'read');
      if (args['alt'] === 'media') {
        if (rec.kind !== 'blob') {
          throw new DriveApiError('Only files with binary content can be downloaded. Use Export with Docs Editors files.', 403, 'fileNotDownloadable');
        }
        return rec.content;
      }
      if (args['alt'] !== undefined && args['alt'] !== 'json') throw invalidValue('alt');
      return respond<FakeDriveFile>(this.env.ws, fileJson(this.env.ws, rec), this.mask(args['fields']));
    });
  }

  /**
   * files.list(optionalArgs?): the v3 query language (drive-query.ts), trashed files included unless the query
   * excludes them, pages of pageSize (1–1000, default 100) with nextPageToken — returned only when `fields`
   * asks for it (or is absent). Under drive.file only the app's files are listed.
   */
  list(optionalArgs?: object): FakeDriveFileList {
    return driveCall(this.env, 'drive.files.list', () => {
      const ws = this.env.ws;
      const args = argsOf(optionalArgs, 'Files.list');
      for (const key of Object.keys(args)) if (!LIST_PARAMS.has(key)) throw new Error(`Fake Drive: files.list parameter '${key}' is not implemented`);
      if (args['spaces'] !== undefined && args['spaces'] !== 'drive')
        throw new Error(`Fake Drive: files.list spaces='${String(args['spaces'])}' is not implemented`);
      if (args['corpora'] !== undefined && args['corpora'] !== 'user')
        throw new Error(`Fake Drive: files.list corpora='${String(args['corpora'])}' is not implemented`);
      const mask = fieldMask(args['fields'], FILE_FIELDS, FILE_MODELLED, DEFAULT_LIST_MASK, { key: 'files', own: LIST_OWN });
      const rawSize = args['pageSize'] ?? 100;
      const pageSize = typeof rawSize === 'string' && rawSize.trim() !== '' ? Number(rawSize) : rawSize;
      if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw invalidValue('pageSize');
      const q = args['q'] === undefined || args['q'] === null ? '' : String(args['q']);
      const query = queryOf(q, ws.rootFolderId);
      const drivefile = driveFileOnly(ws);
      const matches = [...ws.files.values()].filter(
        (f) => f.id !== ws.rootFolderId && ws.canAccess(f) && (!drivefile || ws.appCanAccess(ws.currentUser, f.id)) && query(f),
      );
      const start = pageStart(args['pageToken'], q);
      const page = matches.slice(start, start + pageSize);
      const full: Json = { kind: 'drive#fileList', incompleteSearch: false, files: page.map((f) => fileJson(ws, f)) };
      if (start + pageSize < matches.length) full['nextPageToken'] = Buffer.from(`p${start + pageSize}:${q}`, 'utf8').toString('base64url');
      return respond<FakeDriveFileList>(ws, full, mask);
    });
  }

  /**
   * files.remove(fileId) (REST files.delete): deletes a file the user owns at once, without the trash; others' files
   * answer 403 insufficientFilePermissions. Folders (whose descendants would go too) are not modelled.
   */
  remove(fileId: string): void {
    driveCall(this.env, 'drive.files.delete', () => {
      const rec = lookup(this.env, fileId, 'write');
      if (rec.owner !== this.env.ws.currentUser) throw insufficientPermissions(rec.id);
      if (rec.kind === 'folder') throw new Error('Fake Drive: files.delete of a folder is not implemented');
      this.env.ws.files.delete(rec.id);
      return null;
    });
  }

  /** files.update(resource, fileId, mediaData?, optionalArgs?): patch semantics; optionalArgs addParents / removeParents. */
  update(resource: object, fileId: string, mediaData?: unknown, optionalArgs?: object): FakeDriveFile {
    return driveCall(this.env, 'drive.files.update', () => {
      const body = resourceOf(resource, 'Files.update');
      const args = argsOf(optionalArgs, 'Files.update');
      const mask = this.mask(args['fields']);
      const rec = lookup(this.env, fileId, 'write');
      updateFile(this.env, rec, body, mediaData, args);
      return respond<FakeDriveFile>(this.env.ws, fileJson(this.env.ws, rec), mask);
    });
  }
}

/** A v3 query; an invalid one is refused like the API («Invalid Value», location q). */
function queryOf(q: string, rootId: string): DriveQuery {
  if (q.trim() === '') return () => true;
  try {
    return parseDriveQuery(q, 'v3', rootId);
  } catch (e) {
    if (e instanceof DriveQueryError && e.invalid) throw invalidValue('q');
    throw e;
  }
}
