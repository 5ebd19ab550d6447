/**
 * Plumbing of the fake Drive advanced service (v3): how API errors reach the script
 * (GoogleJsonResponseException with `details`), file lookup with access and drive.file checks,
 * and the `fields` parameter. Sources of every text are in test/fakes/README.md («Drive advanced service (v3)»).
 */
import type { FileRecord } from './model';
import type { Env } from './runtime';
import { isObj, parseFieldMask, project, toRealm, type Json } from './sheets-advanced-util';
import type { FakeWorkspace } from './workspace';

export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';

/** A failure the Drive API reports as an HTTP error (code, errors[0].reason); the script sees a GoogleJsonResponseException. */
export class DriveApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly reason: string,
    readonly location?: string,
  ) {
    super(message);
  }
}

export const notFound = (id: string): DriveApiError => new DriveApiError(`File not found: ${id}.`, 404, 'notFound', 'fileId');
export const insufficientPermissions = (id: string): DriveApiError =>
  new DriveApiError(`The user does not have sufficient permissions for file ${id}.`, 403, 'insufficientFilePermissions');
export const invalidValue = (location: string): DriveApiError => new DriveApiError('Invalid Value', 400, 'invalid', location);
export const badRequest = (message: string): DriveApiError => new DriveApiError(message, 400, 'badRequest');

/**
 * Runs one API call: a DriveApiError reaches the script as
 * `GoogleJsonResponseException: API call to drive.files.get failed with error: File not found: <id>.`
 * with `details` {code, message, errors: [{domain, reason, message, location?, locationType?}]}.
 * Apps Script exceptions of the fake (daily creation quota) pass through unchanged.
 */
export function driveCall<T>(env: Env, api: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof DriveApiError)) throw e;
    const ws = env.ws;
    const err = new ws.realm.Error(`API call to ${api} failed with error: ${e.message}`);
    err.name = 'GoogleJsonResponseException';
    const item: Array<[string, unknown]> = [
      ['domain', 'global'],
      ['reason', e.reason],
      ['message', e.message],
    ];
    if (e.location !== undefined) item.push(['locationType', 'parameter'], ['location', e.location]);
    const details = ws.object<unknown>([
      ['code', e.code],
      ['message', e.message],
      ['errors', ws.array([ws.object(item)])],
    ]);
    Reflect.set(err, 'details', details);
    throw err;
  }
}

/**
 * drive.file only: `ws.manifestScopes` (set by the scope model, if any) names drive.file but not drive.
 * Without a manifest the fake behaves as if the full `drive` scope were granted.
 */
export function driveFileOnly(ws: FakeWorkspace): boolean {
  const scopes: unknown = Reflect.get(ws, 'manifestScopes');
  if (!Array.isArray(scopes)) return false;
  const urls = scopes.map((s) => (String(s).includes('://') ? String(s) : `https://www.googleapis.com/auth/${String(s)}`));
  return !urls.includes(DRIVE_SCOPE) && urls.includes(DRIVE_FILE_SCOPE);
}

export function canWrite(ws: FakeWorkspace, rec: FileRecord, user: string = ws.currentUser): boolean {
  if (rec.owner === user || rec.editors.includes(user)) return true;
  const readOnly = rec.viewers.includes(user) || (rec.commenters ?? []).includes(user);
  return rec.access !== 'PRIVATE' && rec.permission === 'EDIT' && !readOnly;
}

/** A file id as the API takes it ('root' = My Drive). */
export function resolveId(ws: FakeWorkspace, id: unknown): string {
  const key = String(id);
  return key === 'root' ? ws.rootFolderId : key;
}

/**
 * The file behind `id` for the acting user: 404 when it does not exist, the user cannot read it, or (drive.file)
 * the app holds no grant on it for this user; 403 when writing needs edit rights the user lacks.
 */
export function lookup(env: Env, id: unknown, need: 'read' | 'write'): FileRecord {
  const ws = env.ws;
  const key = String(id);
  const fid = resolveId(ws, key);
  const rec = ws.files.get(fid);
  if (!rec || !ws.canAccess(rec) || (driveFileOnly(ws) && !ws.appCanAccess(ws.currentUser, fid))) throw notFound(key);
  if (need === 'write' && !canWrite(ws, rec)) throw insufficientPermissions(key);
  return rec;
}

// ---------------------------------------------------------------- fields --

/** Every field of the v3 File resource (apis/drive_v3.d.ts), to tell a typo from an unmodelled field. */
export const FILE_FIELDS = new Set(
  (
    'appProperties capabilities contentHints contentRestrictions copyRequiresWriterPermission createdTime description driveId ' +
    'explicitlyTrashed exportLinks fileExtension folderColorRgb fullFileExtension hasAugmentedPermissions hasThumbnail headRevisionId ' +
    'iconLink id imageMediaMetadata isAppAuthorized kind labelInfo lastModifyingUser linkShareMetadata md5Checksum mimeType modifiedByMe ' +
    'modifiedByMeTime modifiedTime name originalFilename ownedByMe owners parents permissionIds permissions properties quotaBytesUsed ' +
    'resourceKey sha1Checksum sha256Checksum shared sharedWithMeTime sharingUser shortcutDetails size spaces starred teamDriveId ' +
    'thumbnailLink thumbnailVersion trashed trashedTime trashingUser version videoMediaMetadata viewedByMe viewedByMeTime ' +
    'viewersCanCopyContent webContentLink webViewLink writersCanShare'
  ).split(' '),
);
/** Fields the fake leaves out because they are absent for files like ours (My Drive, no shortcuts, no labels). */
const ABSENT_FIELDS = new Set([
  'driveId',
  'teamDriveId',
  'resourceKey',
  'shortcutDetails',
  'trashedTime',
  'trashingUser',
  'contentRestrictions',
  'sharingUser',
  'sharedWithMeTime',
  'labelInfo',
  'contentHints',
]);
export const PERMISSION_FIELDS = new Set(
  'allowFileDiscovery deleted displayName domain emailAddress expirationTime id kind pendingOwner permissionDetails photoLink role teamDrivePermissionDetails type view'.split(
    ' ',
  ),
);

export const DEFAULT_FILE_MASK = ['kind', 'id', 'name', 'mimeType'];
export const DEFAULT_PERMISSION_MASK = ['kind', 'id', 'type', 'role'];

/**
 * Reads the `fields` parameter against a resource's fields (`top`: the list level, e.g. {files: FILE_FIELDS}).
 * A name the resource lacks is refused like the API does («Invalid field selection x»); a real field the fake
 * does not model throws a fake error, so a test never reads an invented value.
 */
export function fieldMask(
  fields: unknown,
  resource: ReadonlySet<string>,
  modelled: ReadonlySet<string>,
  fallback: string[],
  list?: { key: string; own: readonly string[] },
): string[] {
  if (fields === undefined || fields === null) return fallback;
  const text = String(fields).trim();
  if (text === '') return fallback;
  let mask: string[];
  try {
    mask = parseFieldMask(text, 'fields');
  } catch {
    throw new DriveApiError(`Invalid field selection ${text}`, 400, 'invalidParameter', 'fields');
  }
  for (const path of mask) {
    const parts = path.split('.');
    let name = parts[0] ?? '';
    if (list) {
      if (list.own.includes(name) || name === '*') continue;
      if (name !== list.key) throw new DriveApiError(`Invalid field selection ${name}`, 400, 'invalidParameter', 'fields');
      name = parts[1] ?? '*';
    }
    if (name === '*') continue;
    if (!resource.has(name)) throw new DriveApiError(`Invalid field selection ${name}`, 400, 'invalidParameter', 'fields');
    if (!modelled.has(name) && !ABSENT_FIELDS.has(name)) throw new Error(`Fake Drive: field '${name}' is not modelled`);
  }
  return mask;
}

/** The response: the fields the mask selects, built in the script's realm. */
export function respond<T>(ws: FakeWorkspace, full: Json, mask: readonly string[]): T {
  return toRealm(ws, project(full, mask) as Json) as T;
}

// ------------------------------------------------------- request bodies --

/** A resource argument: a plain object (JSON); anything else is refused the way a signature mismatch is. */
export function resourceOf(value: unknown, method: string): Json {
  if (value === undefined || value === null) return {};
  if (!isObj(value)) throw new TypeError(`The parameters don't match the method signature for Drive.${method}.`);
  return value;
}

/** An optionalArgs argument (absent = {}). */
export function argsOf(value: unknown, method: string): Json {
  return resourceOf(value, method);
}

/** The JSON byte size of a request body (what an HTTP request to the API would carry). */
export function bodyBytes(body: unknown): number {
  return Buffer.byteLength(JSON.stringify(body ?? {}), 'utf8');
}

/** RFC 3339 time as the API writes it. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
