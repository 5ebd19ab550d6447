/**
 * What the fake Drive v3 Files collection does to the file store: the File resource it answers with, and
 * files.create / files.copy / files.update on the SAME records SpreadsheetApp, DocumentApp, FormApp and DriveApp
 * use (a spreadsheet made here opens with SpreadsheetApp.openById, with one sheet «Лист1» in ru_RU).
 */
import { createHash } from 'node:crypto';
import { newDocumentModel } from './doc-elements';
import {
  badRequest,
  canWrite,
  DriveApiError,
  driveFileOnly,
  FILE_FIELDS,
  insufficientPermissions,
  lookup,
  notFound,
  resolveId,
  rfc3339,
} from './drive-advanced-util';
import { XLSX_MIME, importXlsx } from './drive-convert';
import { newFormModel } from './form';
import { MIME, type FileKind, type FileRecord } from './model';
import type { Env } from './runtime';
import { isObj, type Json } from './sheets-advanced-util';
import { blobParts } from './utilities';
import type { FakeWorkspace, QuotaName } from './workspace';

/** Google file types Files.create makes, and the daily creation quota each uses (the same as SpreadsheetApp.create etc.). */
const GOOGLE_KINDS: Record<string, { kind: FileKind; quota?: QuotaName }> = {
  [MIME.spreadsheet]: { kind: 'spreadsheet', quota: 'spreadsheetCreate' },
  [MIME.document]: { kind: 'document', quota: 'documentCreate' },
  [MIME.form]: { kind: 'form', quota: 'formCreate' },
  [MIME.folder]: { kind: 'folder' },
};
const QUOTA_OF: Partial<Record<FileKind, QuotaName>> = { spreadsheet: 'spreadsheetCreate', document: 'documentCreate', form: 'formCreate' };
/** Fields a request body may carry, by method; the rest of the File resource is output-only or not modelled. */
const WRITABLE: Record<'create' | 'copy' | 'update', readonly string[]> = {
  create: ['name', 'mimeType', 'description', 'parents', 'appProperties', 'properties', 'writersCanShare'],
  copy: ['name', 'mimeType', 'description', 'parents', 'appProperties', 'properties', 'writersCanShare'],
  update: ['name', 'mimeType', 'description', 'appProperties', 'properties', 'writersCanShare', 'trashed'],
};
const MAX_PROPERTY_BYTES = 124;
const MAX_PROPERTIES = 30;

/** Fields fileJson fills (the others of FILE_FIELDS throw «not modelled» when asked for). */
export const FILE_MODELLED = new Set([
  'kind',
  'id',
  'name',
  'mimeType',
  'description',
  'parents',
  'trashed',
  'explicitlyTrashed',
  'createdTime',
  'modifiedTime',
  'starred',
  'owners',
  'ownedByMe',
  'writersCanShare',
  'shared',
  'isAppAuthorized',
  'webViewLink',
  'webContentLink',
  'capabilities',
  'spaces',
  'appProperties',
  'properties',
  'size',
  'md5Checksum',
]);

function webViewLink(rec: FileRecord): string {
  if (rec.kind === 'spreadsheet') return `https://docs.google.com/spreadsheets/d/${rec.id}/edit?usp=drivesdk`;
  if (rec.kind === 'document') return `https://docs.google.com/document/d/${rec.id}/edit?usp=drivesdk`;
  if (rec.kind === 'form') return `https://docs.google.com/forms/d/${rec.id}/edit?usp=drivesdk`;
  if (rec.kind === 'folder') return `https://drive.google.com/drive/folders/${rec.id}`;
  return `https://drive.google.com/file/d/${rec.id}/view?usp=drivesdk`;
}

/** The v3 File resource of a record, as the acting user sees it (every modelled field; `fields` trims it). */
export function fileJson(ws: FakeWorkspace, rec: FileRecord): Json {
  const user = ws.currentUser;
  const owner = rec.owner === user;
  const edit = canWrite(ws, rec, user);
  const out: Json = {
    kind: 'drive#file',
    id: rec.id,
    name: rec.name,
    mimeType: rec.mimeType,
    parents: rec.id === ws.rootFolderId ? undefined : [...rec.parents],
    trashed: rec.trashed,
    explicitlyTrashed: rec.trashed,
    createdTime: rfc3339(rec.createdAt),
    modifiedTime: rfc3339(rec.modifiedAt ?? rec.createdAt),
    starred: false,
    owners: [{ kind: 'drive#user', emailAddress: rec.owner, me: owner }],
    ownedByMe: owner,
    writersCanShare: rec.writersCanShare ?? true,
    shared: rec.editors.length + rec.viewers.length + (rec.commenters?.length ?? 0) > 0 || rec.access !== 'PRIVATE',
    isAppAuthorized: (rec.appUsers ?? []).includes(user),
    webViewLink: webViewLink(rec),
    capabilities: {
      canEdit: edit,
      canShare: owner || (rec.editors.includes(user) && rec.writersCanShare !== false),
      canCopy: rec.kind !== 'folder',
      canTrash: owner,
      canAddChildren: rec.kind === 'folder' && edit,
      canDownload: true,
    },
    spaces: ['drive'],
    description: rec.description,
  };
  if (rec.appProperties && Object.keys(rec.appProperties).length > 0) out['appProperties'] = { ...rec.appProperties };
  if (rec.properties && Object.keys(rec.properties).length > 0) out['properties'] = { ...rec.properties };
  if (rec.kind === 'blob') {
    out['size'] = String(Buffer.byteLength(rec.content, 'utf8'));
    out['md5Checksum'] = createHash('md5').update(rec.content, 'utf8').digest('hex');
    out['webContentLink'] = `https://drive.google.com/uc?id=${rec.id}&export=download`;
  }
  return out;
}

/** Refuses body fields the fake does not write: a name that is no File field at all (v2's `title`) or an output-only one. */
export function checkBody(body: Json, method: 'create' | 'copy' | 'update'): void {
  for (const key of Object.keys(body)) {
    if (body[key] === undefined) continue;
    if (method === 'update' && key === 'parents') {
      throw new DriveApiError(
        'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.',
        403,
        'fieldNotWritable',
      );
    }
    if (!FILE_FIELDS.has(key)) {
      const hint = key === 'title' ? " (Drive API v2's title is v3's name)" : '';
      throw new Error(`Fake Drive: '${key}' is not a field of the v3 File resource${hint}; the real API ignores it`);
    }
    if (!WRITABLE[method].includes(key)) throw new Error(`Fake Drive: writing the File field '${key}' in files.${method} is not implemented`);
  }
}

/** appProperties / properties after a patch: null clears an entry; at most 30 entries of at most 124 bytes (key + value). */
export function mergeProperties(current: Record<string, string> | undefined, patch: unknown, field: string): Record<string, string> | undefined {
  if (patch === undefined) return current;
  if (patch === null) return undefined;
  if (!isObj(patch)) throw badRequest(`Invalid value for ${field}`);
  const out: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    if (typeof v === 'object' || v === undefined) throw badRequest(`Invalid value for ${field}.${k}`);
    out[k] = String(v);
    if (Buffer.byteLength(k + out[k], 'utf8') > MAX_PROPERTY_BYTES) {
      throw badRequest(`The size of the property ${k} exceeds the limit of ${MAX_PROPERTY_BYTES} bytes (key and value together).`);
    }
  }
  if (Object.keys(out).length > MAX_PROPERTIES) throw badRequest(`The number of ${field} on a file exceeds the limit of ${MAX_PROPERTIES}.`);
  return out;
}

/** The folder a new file goes to: one parent ('root' = My Drive), which the user can write to. */
export function parentsOf(env: Env, value: unknown, fallback: string[]): string[] {
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value)) throw badRequest('Invalid value for parents');
  if (value.length > 1) throw new DriveApiError('Increasing the number of parents is not allowed', 403, 'cannotAddParent');
  return value.map((p) => folderFor(env, p));
}

/** A folder a file is put into: it must exist, be reachable (drive.file: the app's, or My Drive) and writable. */
export function folderFor(env: Env, id: unknown): string {
  const ws = env.ws;
  const fid = resolveId(ws, id);
  if (fid === ws.rootFolderId) return fid;
  if (driveFileOnly(ws) && !ws.appCanAccess(ws.currentUser, fid)) throw notFound(String(id));
  const rec = lookup(env, id, 'read');
  if (rec.kind !== 'folder') throw new DriveApiError('The specified parent is not a folder.', 403, 'parentNotAFolder');
  if (!canWrite(ws, rec)) throw insufficientPermissions(String(id));
  return rec.id;
}

/** Blob content of a mediaData argument; anything but a Blob is refused like a signature mismatch. */
export function mediaOf(value: unknown): { data: string; type: string; name: string; bytes?: Buffer } | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return blobParts(value);
  } catch {
    throw new TypeError("The parameters don't match the method signature for Drive.Files (mediaData must be a Blob).");
  }
}

function setMeta(rec: FileRecord, body: Json, props: { app?: Record<string, string>; pub?: Record<string, string> }, now: number): void {
  if (body['name'] !== undefined && body['name'] !== null) rec.name = String(body['name']);
  if (body['description'] !== undefined) rec.description = body['description'] === null ? undefined : String(body['description']);
  if (typeof body['writersCanShare'] === 'boolean') rec.writersCanShare = body['writersCanShare'];
  rec.appProperties = props.app;
  rec.properties = props.pub;
  rec.modifiedAt = now;
}

/** files.create: a folder, a Google spreadsheet / document / form (empty, like their services make them) or a blob. */
export function createFile(env: Env, body: Json, mediaData: unknown): FileRecord {
  const ws = env.ws;
  checkBody(body, 'create');
  const media = mediaOf(mediaData);
  const mimeType = body['mimeType'] === undefined ? (media?.type ?? 'application/octet-stream') : String(body['mimeType']);
  const google = GOOGLE_KINDS[mimeType];
  if (!google && mimeType.startsWith('application/vnd.google-apps.')) throw new Error(`Fake Drive: files.create of ${mimeType} is not implemented`);
  const converts = google?.kind === 'spreadsheet' && media !== undefined && media.type === XLSX_MIME;
  if (google && media && !converts) throw new Error(`Fake Drive: importing ${media.type} into ${mimeType} (conversion) is not implemented`);
  const parents = parentsOf(env, body['parents'], [ws.rootFolderId]);
  const props = { app: mergeProperties(undefined, body['appProperties'], 'appProperties'), pub: mergeProperties(undefined, body['properties'], 'properties') };
  if (google?.quota) ws.consumeQuota(google.quota);
  const name = body['name'] === undefined || body['name'] === null ? 'Untitled' : String(body['name']);
  let rec: FileRecord;
  if (google?.kind === 'spreadsheet') {
    rec = ws.newSpreadsheetRecord(name);
    rec.parents = parents;
    if (converts && media) importXlsx(rec, media.bytes ?? Buffer.from(media.data, 'utf8'));
  } else {
    rec = ws.addFile(google?.kind ?? 'blob', name, mimeType, parents);
    if (rec.kind === 'document') rec.document = newDocumentModel();
    if (rec.kind === 'form') rec.form = newFormModel(name, ws.workspaceDomain !== null);
    if (rec.kind === 'blob') rec.content = media?.data ?? '';
  }
  setMeta(rec, body, props, ws.nowMs());
  return rec;
}

/** files.copy: content copied like DriveApp's makeCopy (same creation quota); sharing is not copied. */
export function copyFile(env: Env, src: FileRecord, body: Json): FileRecord {
  const ws = env.ws;
  checkBody(body, 'copy');
  if (src.kind === 'folder') throw new DriveApiError('This file cannot be copied by the user.', 403, 'cannotCopyFile');
  if (body['mimeType'] !== undefined && body['mimeType'] !== src.mimeType) throw new Error('Fake Drive: files.copy with conversion is not implemented');
  const inherited = src.parents.filter((p) => {
    const parent = ws.files.get(p);
    return parent !== undefined && ws.canAccess(parent) && canWrite(ws, parent);
  });
  const parents = parentsOf(env, body['parents'], inherited.length > 0 ? inherited.slice(0, 1) : [ws.rootFolderId]);
  const props = {
    app: mergeProperties(src.appProperties, body['appProperties'], 'appProperties'),
    pub: mergeProperties(src.properties, body['properties'], 'properties'),
  };
  const quota = QUOTA_OF[src.kind];
  if (quota) ws.consumeQuota(quota);
  const name = body['name'] === undefined || body['name'] === null ? `Copy of ${src.name}` : String(body['name']);
  const copy = ws.addFile(src.kind, name, src.mimeType, parents);
  copy.content = src.content;
  if (src.spreadsheet) copy.spreadsheet = structuredClone(src.spreadsheet);
  if (src.document) copy.document = structuredClone(src.document);
  if (src.form) copy.form = { ...structuredClone(src.form), responses: [] };
  if (src.description !== undefined) copy.description = src.description;
  if (src.writersCanShare !== undefined) copy.writersCanShare = src.writersCanShare;
  setMeta(copy, body, props, ws.nowMs());
  return copy;
}

function idList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** files.update: metadata patch, addParents / removeParents (one parent at most), new content for blobs. */
export function updateFile(env: Env, rec: FileRecord, body: Json, mediaData: unknown, args: Json): void {
  const ws = env.ws;
  checkBody(body, 'update');
  const media = mediaOf(mediaData);
  const owner = rec.owner === ws.currentUser;
  if ((body['trashed'] !== undefined || body['writersCanShare'] !== undefined) && !owner) throw insufficientPermissions(rec.id);
  if (media && rec.kind !== 'blob') throw new Error(`Fake Drive: uploading content into ${rec.mimeType} is not implemented`);
  const mimeType = body['mimeType'];
  if (mimeType !== undefined && mimeType !== rec.mimeType && !media) throw badRequest('The mimeType of a file can only be changed with new content.');
  const remove = idList(args['removeParents']).map((p) => resolveId(ws, p));
  const add = idList(args['addParents']).map((p) => folderFor(env, p));
  const parents = [...new Set([...rec.parents.filter((p) => !remove.includes(p)), ...add])];
  if (parents.length > Math.max(1, rec.parents.length)) throw new DriveApiError('Increasing the number of parents is not allowed', 403, 'cannotAddParent');
  const props = {
    app: mergeProperties(rec.appProperties, body['appProperties'], 'appProperties'),
    pub: mergeProperties(rec.properties, body['properties'], 'properties'),
  };
  rec.parents = parents;
  if (typeof body['trashed'] === 'boolean') rec.trashed = body['trashed'];
  if (media) {
    rec.content = media.data;
    if (typeof mimeType === 'string') rec.mimeType = mimeType;
  }
  setMeta(rec, body, props, ws.nowMs());
}
