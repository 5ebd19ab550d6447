import type { DocumentModel } from '../../core/document/model';
import { type DriveFile, FIELDS, MIME, newFileResource } from '../drive';
import { DOCS_WRITES_PER_MINUTE, pace } from '../limits';
import { END_INDEX_FIELDS, bodyEndIndex, documentRequestBodies } from '../render/docs-requests';
import { docsBatchUpdate, docsGet, driveCreate, fetchAllOrThrow } from '../rest';
import { shareAllWith } from '../share';

/** One school document of a group: where it goes, what it says, who reads it. */
export interface GroupDocument {
  readonly role: string;
  readonly name: string;
  readonly parent: string;
  readonly model: DocumentModel;
  readonly readers: readonly string[];
  /** The document an earlier run made (found by its stamp or its link), or null to create one. */
  readonly known: DriveFile | null;
}

/** Schools per group: the documents of a group are created, filled and shared with three parallel requests. */
export const DOCUMENT_GROUP = 20;

/**
 * A group of documents through the REST APIs in parallel: one round of Drive creates (stamped, so a killed run
 * finds them), one round of Docs reads for documents that already have a body, one batchUpdate per document paced
 * under 60 writes a minute, one round of shares. Returns each document's file, in order, and the addresses that
 * could only be invited by e-mail.
 */
export function renderGroup(docs: readonly GroupDocument[], message: string): { files: DriveFile[]; invited: string[] } {
  const fresh = docs.filter((d) => d.known === null);
  const created = fetchAllOrThrow(fresh.map((d) => driveCreate(newFileResource(d.name, MIME.document, d.role, d.parent), FIELDS))) as DriveFile[];
  const made = new Map(fresh.map((d, i) => [d.role, created[i] as DriveFile]));
  const files = docs.map((d) => d.known ?? (made.get(d.role) as DriveFile));

  const old = docs.map((d, i) => ({ d, id: files[i]?.id ?? '' })).filter(({ d }) => d.known !== null);
  const bodies = fetchAllOrThrow(old.map(({ id }) => docsGet(id, END_INDEX_FIELDS))) as GoogleAppsScript.Docs.Schema.Document[];
  const ends = new Map(old.map(({ id }, i) => [id, bodyEndIndex(bodies[i] ?? {})]));

  const writes = docs.map((d, i) => {
    const id = files[i]?.id ?? '';
    const endIndex = ends.get(id);
    return { id, bodies: documentRequestBodies(d.model, endIndex === undefined ? {} : { endIndex }) };
  });
  // a document too large for one request gets its later bodies in later rounds, in order
  for (let round = 0; writes.some((w) => w.bodies.length > round); round++) {
    const now = writes.filter((w) => w.bodies.length > round);
    for (const _ of now) pace('docs-write', DOCS_WRITES_PER_MINUTE);
    fetchAllOrThrow(now.map((w) => docsBatchUpdate(w.id, { requests: w.bodies[round] })));
  }

  const invited = shareAllWith(
    docs.map((d, i) => ({ fileId: files[i]?.id ?? '', emails: d.readers })),
    'reader',
    message,
  );
  return { files, invited };
}
