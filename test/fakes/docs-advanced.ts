/**
 * The Docs advanced service (`Docs`, REST API v1) over the SAME document models that DocumentApp uses: what a
 * batchUpdate writes, `DocumentApp.openById(id).getBody()` reads (text, headings, list items, tables, links, bold),
 * and `Documents.get` shows what DocumentApp wrote, with the API's indexes.
 *
 * Enforced, as Google does: a batch is atomic (applied to a fresh copy, committed only if every request succeeds);
 * index and structure rules (docs-advanced-requests.ts, docs-advanced-styles.ts); access (404 / 403, writing needs
 * edit rights); 60 write requests (batchUpdate, create) and 300 read requests (get) per minute per user on the fake
 * clock, over a sliding minute, with the API's 429 text (https://developers.google.com/workspace/docs/api/limits).
 * The project's own budget, labelled as such: a request body over 2,000,000 bytes of UTF-8 JSON is refused.
 * Refused in AuthMode.NONE (by the call log) and LIMITED (here). Calls are logged as `Docs.Documents.batchUpdate`…
 * Failures reach the script as `GoogleJsonResponseException: API call to docs.documents.… failed with error: …`.
 * Only present when `ws.advancedDocsEnabled` (the default).
 */
import { newDocumentModel } from './doc-elements';
import { documentJson, revise, revisionOf, type FakeDocsDocument } from './docs-advanced-json';
import { applyRequests } from './docs-advanced-requests';
import { modelOf, treeOf } from './docs-advanced-tree';
import { MIME, type FileRecord } from './model';
import { track, type Env } from './runtime';
import { ApiError, apiCall, isObj, notFound, noPermission, objOf, parseFieldMask, project, toRealm, type Json } from './sheets-advanced-util';
import type { FakeWorkspace } from './workspace';

export type { FakeDocsDocument } from './docs-advanced-json';

/** Our budget for one request body (Google documents no Docs API payload limit; we hold every body to this). */
export const DOCS_MAX_BODY_BYTES = 2_000_000;
export const DOCS_WRITES_PER_MINUTE = 60;
export const DOCS_READS_PER_MINUTE = 300;
const MINUTE_MS = 60_000;
/** A project number for the 429 text (the real one names the script's Cloud project). */
const CONSUMER = 'project_number:000000000000';

export interface FakeBatchUpdateDocumentResponse {
  documentId: string;
  replies: Json[];
  writeControl: { requiredRevisionId: string };
}

/** Per workspace: user → times (ms on the fake clock) of their recent write / read requests. */
const recent = new WeakMap<FakeWorkspace, Map<string, number[]>>();

function spend(env: Env, metric: 'Write' | 'Read', limit: number): void {
  const ws = env.ws;
  const byUser = recent.get(ws) ?? new Map<string, number[]>();
  recent.set(ws, byUser);
  const key = `${metric}:${ws.currentUser}`;
  const now = ws.nowMs();
  const times = (byUser.get(key) ?? []).filter((t) => t > now - MINUTE_MS);
  byUser.set(key, times);
  if (times.length >= limit) {
    throw new ApiError(
      `Quota exceeded for quota metric '${metric} requests' and limit '${metric} requests per minute per user' ` +
        `of service 'docs.googleapis.com' for consumer '${CONSUMER}'.`,
      429,
    );
  }
  times.push(now);
}

/** UTF-8 length of the JSON the service receives. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function openDocument(env: Env, documentId: unknown, write: boolean): FileRecord {
  const ws = env.ws;
  const file = ws.files.get(String(documentId));
  if (!file || file.trashed || file.kind !== 'document' || !file.document) throw notFound();
  if (!ws.canAccess(file)) throw noPermission();
  const user = ws.currentUser;
  const canWrite =
    file.owner === user || file.editors.includes(user) || (file.access !== 'PRIVATE' && file.permission === 'EDIT' && !file.viewers.includes(user));
  if (write && !canWrite) throw noPermission();
  return file;
}

/** The advanced service needs the user's authorization: not in LIMITED (NONE is refused by the call log). */
function authorized(env: Env, method: string): void {
  if (env.exec.authMode === 'LIMITED') throw env.ws.error(`You do not have permission to call Docs.Documents.${method}`);
}

export class FakeDocsAdvanced {
  readonly Documents: FakeDocumentsCollection;
  constructor(env: Env) {
    this.Documents = track(env, 'Docs.Documents', new FakeDocumentsCollection(env));
  }
}

export function makeDocsAdvanced(env: Env): FakeDocsAdvanced {
  return track(env, 'Docs', new FakeDocsAdvanced(env));
}

export class FakeDocumentsCollection {
  constructor(private readonly env: Env) {}

  /** documents.get(id, {fields?}): body.content with the API's indexes, text runs, styles, bullets and tables. */
  get(documentId: string, optionalArgs?: object): FakeDocsDocument {
    authorized(this.env, 'get');
    return apiCall(this.env, 'docs.documents.get', () => {
      spend(this.env, 'Read', DOCS_READS_PER_MINUTE);
      const file = openDocument(this.env, documentId, false);
      const args = objOf(optionalArgs);
      const unknown = Object.keys(args).find((k) => k !== 'fields' && k !== 'suggestionsViewMode' && k !== 'includeTabsContent');
      if (unknown !== undefined) throw new ApiError(`Invalid JSON payload received. Unknown name "${unknown}": Cannot bind query parameter.`);
      if (args['includeTabsContent'] === true) throw new Error('Fake Docs service: documents.get with includeTabsContent is not implemented');
      const full = documentJson(file);
      const fields = args['fields'];
      const shaped = typeof fields === 'string' && fields.trim() !== '' ? (project(full, parseFieldMask(fields, 'fields')) as FakeDocsDocument) : full;
      return toRealm(this.env.ws, shaped);
    });
  }

  /** documents.batchUpdate({requests, writeControl?}, id): all requests or none. */
  batchUpdate(resource: object, documentId: string): FakeBatchUpdateDocumentResponse {
    authorized(this.env, 'batchUpdate');
    return apiCall(this.env, 'docs.documents.batchUpdate', () => {
      const bytes = jsonBytes(resource);
      if (bytes > DOCS_MAX_BODY_BYTES) {
        throw new ApiError(`Request payload size exceeds the limit: ${DOCS_MAX_BODY_BYTES} bytes. (fake: the project's budget; the body had ${bytes})`);
      }
      spend(this.env, 'Write', DOCS_WRITES_PER_MINUTE);
      const file = openDocument(this.env, documentId, true);
      const body = objOf(resource);
      const stray = Object.keys(body).find((k) => k !== 'requests' && k !== 'writeControl');
      if (stray !== undefined) throw new ApiError(`Invalid JSON payload received. Unknown name "${stray}": Cannot find field.`);
      if (body['writeControl'] !== undefined) throw new Error('Fake Docs service: writeControl is not implemented');
      const doc = file.document;
      if (!doc) throw notFound();
      const tree = treeOf(doc);
      const replies = applyRequests(tree, body['requests'] ?? []);
      doc.body = modelOf(tree);
      revise(file);
      const out: FakeBatchUpdateDocumentResponse = { documentId: file.id, replies, writeControl: { requiredRevisionId: revisionOf(file) } };
      return toRealm(this.env.ws, out);
    });
  }

  /** documents.create({title}): a blank document (the title is all it takes, as the API says). */
  create(resource: object): FakeDocsDocument {
    authorized(this.env, 'create');
    return apiCall(this.env, 'docs.documents.create', () => {
      spend(this.env, 'Write', DOCS_WRITES_PER_MINUTE);
      const title = isObj(resource) && typeof resource['title'] === 'string' ? resource['title'] : 'Untitled document';
      this.env.ws.consumeQuota('documentCreate');
      const file = this.env.ws.addFile('document', title, MIME.document);
      file.document = newDocumentModel();
      return toRealm(this.env.ws, documentJson(file));
    });
  }
}

type PublicMethods<T> = Extract<{ [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T], string>;
type AssertNone<T extends never> = T;
/** Compile-time guard (as ports-check.ts): the fake has no method the real typings (apis/docs_v1.d.ts) lack. */
export type DocsPortsCheck = [
  AssertNone<Exclude<PublicMethods<FakeDocsAdvanced>, keyof GoogleAppsScript.Docs>>,
  AssertNone<Exclude<PublicMethods<FakeDocumentsCollection>, keyof GoogleAppsScript.Docs.Collection.DocumentsCollection>>,
];
