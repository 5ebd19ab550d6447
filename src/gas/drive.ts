import { UserFacingError } from '../app/errors';
import { withBackoff } from './limits';

/**
 * Files through the Drive advanced service (API v3), never DriveApp: every DriveApp method needs the full `drive`
 * scope, while Drive v3 under `drive.file` reaches every file the add-on created for this user. Files the add-on
 * makes carry an `appProperties` stamp, so a step that died between creating a file and recording it finds the file
 * again instead of making a second one.
 */
export type DriveFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
type DriveApi = GoogleAppsScript.Drive;

export const MIME = {
  folder: 'application/vnd.google-apps.folder',
  spreadsheet: 'application/vnd.google-apps.spreadsheet',
  document: 'application/vnd.google-apps.document',
  form: 'application/vnd.google-apps.form',
  json: 'application/json',
} as const;

export const FIELDS = 'id,name,mimeType,webViewLink,parents,trashed,modifiedTime,appProperties';
/** The stamp key of every file the add-on creates: what the file is for («campaign-folder», «school:2026:<код>», …). */
export const STAMP = 'msokoRole';
/** The kind of a stamp (the role without its last part: «school:2026»): a step lists all its files with one search. */
export const KIND = 'msokoKind';
const kindOf = (role: string): string => (role.includes(':') ? role.slice(0, role.lastIndexOf(':')) : role);
const stampOf = (role: string): Record<string, string> => ({ [STAMP]: role, [KIND]: kindOf(role) });

export function driveApi(): DriveApi {
  if (typeof Drive === 'undefined' || !Drive) {
    throw new UserFacingError(
      'В проекте надстройки не подключена служба Google Drive API (v3). В редакторе Apps Script откройте «Сервисы» → ' +
        'Drive API → версия v3 → «Добавить» (или выполните npm run deploy с манифестом из репозитория) и повторите.',
    );
  }
  return Drive;
}

const quoteQ = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A file by id, or null when it is gone, trashed or out of the add-on's reach. */
export function fileById(id: string): DriveFile | null {
  try {
    const file = withBackoff(() => driveApi().Files.get(id, { fields: FIELDS }));
    return file.trashed ? null : file;
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    return null;
  }
}

/** The add-on's file with this stamp (in `parent` when given), if a step made it before. */
export function findStamped(role: string, parent: string | null = null): DriveFile | null {
  const q = [`appProperties has { key=${quoteQ(STAMP)} and value=${quoteQ(role)} }`, 'trashed = false'];
  if (parent) q.push(`${quoteQ(parent)} in parents`);
  const res = withBackoff(() => driveApi().Files.list({ q: q.join(' and '), fields: `files(${FIELDS})`, pageSize: 10 }));
  return res.files?.[0] ?? null;
}

/**
 * Every file of one kind in `parent` (all school files, all recommendations of a year), by role, with one search a
 * thousand files: a step then checks «made before?» per school without a call per school.
 */
export function stampIndex(kind: string, parent: string): Map<string, DriveFile> {
  const q = `appProperties has { key=${quoteQ(KIND)} and value=${quoteQ(kind)} } and ${quoteQ(parent)} in parents and trashed = false`;
  const out = new Map<string, DriveFile>();
  let pageToken: string | undefined;
  do {
    const token = pageToken;
    const res = withBackoff(() =>
      driveApi().Files.list({ q, fields: `nextPageToken,files(${FIELDS})`, pageSize: 1000, ...(token ? { pageToken: token } : {}) }),
    );
    for (const f of res.files ?? []) {
      const role = f.appProperties?.[STAMP];
      if (role && !out.has(role)) out.set(role, f);
    }
    pageToken = res.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** The metadata of a new stamped file in `parent` (also what a parallel REST create sends). */
export function newFileResource(name: string, mimeType: string, role: string, parent: string | null): DriveFile {
  const resource: DriveFile = { name, mimeType, appProperties: stampOf(role) };
  if (parent) resource.parents = [parent];
  return resource;
}

/** A new Google file (folder, spreadsheet, document, form) or a JSON file, stamped, in `parent`. */
export function createFile(name: string, mimeType: string, role: string, parent: string | null, content: string | null = null): DriveFile {
  const resource = newFileResource(name, mimeType, role, parent);
  const api = driveApi();
  return withBackoff(() =>
    content === null
      ? api.Files.create(resource, null as unknown as GoogleAppsScript.Base.Blob, { fields: FIELDS })
      : api.Files.create(resource, Utilities.newBlob(content, mimeType, name), { fields: FIELDS }),
  );
}

/** A stamped copy of `sourceId` in `parent`; editors of the copy cannot share it further. */
export function copyFile(sourceId: string, name: string, role: string, parent: string): DriveFile {
  const resource: DriveFile = { name, parents: [parent], appProperties: stampOf(role), writersCanShare: false };
  return withBackoff(() => driveApi().Files.copy(resource, sourceId, { fields: FIELDS }));
}

/** Marks a file as what it is for (a finished template, …). */
export function stamp(fileId: string, role: string): void {
  withBackoff(() => driveApi().Files.update({ appProperties: stampOf(role) }, fileId));
}

export function trash(fileId: string): void {
  withBackoff(() => driveApi().Files.update({ trashed: true }, fileId));
}

export function readText(fileId: string): string {
  return withBackoff(() => driveApi().Files.get(fileId, { alt: 'media' }));
}

export function writeText(fileId: string, content: string): void {
  withBackoff(() => driveApi().Files.update({}, fileId, Utilities.newBlob(content, MIME.json), { fields: 'id' }));
}

/** The file's last change (ISO), or null when Drive cannot say. */
export function modifiedTime(fileId: string): string | null {
  return fileById(fileId)?.modifiedTime ?? null;
}

export const urlOf = (file: DriveFile): string => file.webViewLink ?? `https://drive.google.com/open?id=${file.id ?? ''}`;
