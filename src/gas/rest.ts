import { UserFacingError } from '../app/errors';
import { BACKOFF_MS, RateLimited, disabledApiMessage, remainingMs, troubleOf } from './limits';

/**
 * Google's REST APIs (Drive v3, Docs v1) called in parallel: one `UrlFetchApp.fetchAll` sends a whole group of
 * requests at once with the script's own OAuth token, so the token carries exactly the manifest's scopes (drive.file
 * reaches only the add-on's files, as through the advanced services). The advanced services are synchronous: a
 * thousand documents made one call after another spend most of their time waiting for Google's replies, and
 * parallel requests bring the step under the Docs API's own bound of 60 writes a minute.
 */
export type ApiMethod = 'get' | 'post' | 'patch';
export interface ApiCall {
  readonly method: ApiMethod;
  readonly url: string;
  readonly body?: unknown;
}
export type ApiReply = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly code: number; readonly text: string };

const DRIVE = 'https://www.googleapis.com/drive/v3';
const DOCS = 'https://docs.googleapis.com/v1';

const queryString = (query: Record<string, string | boolean>): string => {
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

export const driveCreate = (resource: object, fields: string): ApiCall => ({ method: 'post', url: `${DRIVE}/files${queryString({ fields })}`, body: resource });
export const drivePermission = (fileId: string, permission: object, query: Record<string, string | boolean>): ApiCall => ({
  method: 'post',
  url: `${DRIVE}/files/${encodeURIComponent(fileId)}/permissions${queryString(query)}`,
  body: permission,
});
export const docsGet = (documentId: string, fields: string): ApiCall => ({
  method: 'get',
  url: `${DOCS}/documents/${encodeURIComponent(documentId)}${queryString({ fields })}`,
});
export const docsBatchUpdate = (documentId: string, body: object): ApiCall => ({
  method: 'post',
  url: `${DOCS}/documents/${encodeURIComponent(documentId)}:batchUpdate`,
  body,
});

function request(call: ApiCall, token: string): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const out: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: call.url,
    method: call.method,
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
  };
  if (call.body !== undefined) {
    out.contentType = 'application/json';
    out.payload = JSON.stringify(call.body);
  }
  return out;
}

/** Google's error message from a JSON error body (the body itself when it is not one). */
function messageOf(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    const error: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'error') : undefined;
    const message: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'message') : undefined;
    const reason: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'errors') : undefined;
    const first: unknown = Array.isArray(reason) ? reason[0] : undefined;
    const why: unknown = typeof first === 'object' && first !== null ? Reflect.get(first, 'reason') : undefined;
    if (typeof message === 'string') return typeof why === 'string' ? `${message} (${why})` : message;
  } catch {
    // not JSON: the text as it came
  }
  return text.slice(0, 500);
}

/**
 * Every call's reply, in order. Calls a per-minute limit refused are sent again, together, after a backoff while
 * the execution has time; then RateLimited (the step resumes in its next chunk and finds what was made by its stamp).
 */
export function fetchAllApi(calls: readonly ApiCall[]): ApiReply[] {
  const replies: (ApiReply | null)[] = calls.map(() => null);
  let pending = calls.map((_, i) => i);
  for (let attempt = 0; pending.length > 0; attempt++) {
    const token = ScriptApp.getOAuthToken();
    const responses = UrlFetchApp.fetchAll(pending.map((i) => request(calls[i] as ApiCall, token)));
    const again: number[] = [];
    responses.forEach((response, k) => {
      const i = pending[k] as number;
      const code = response.getResponseCode();
      const text = response.getContentText();
      if (code >= 200 && code < 300) replies[i] = { ok: true, json: text ? (JSON.parse(text) as unknown) : {} };
      else if (code === 429 || troubleOf(text) === 'rate') again.push(i);
      else replies[i] = { ok: false, code, text: messageOf(text) };
    });
    if (again.length > 0) {
      const wait = BACKOFF_MS[attempt];
      if (wait === undefined || remainingMs() < wait + 30_000) throw new RateLimited(`${again.length} запросов к API Google ждут минутного лимита`);
      Utilities.sleep(wait);
    }
    pending = again;
  }
  return replies as ApiReply[];
}

/** A failed reply as the error the step runner understands (a daily quota pauses the step; a disabled API is said in Russian). */
export function apiFailure(reply: { code: number; text: string }, url = ''): Error {
  const text = `HTTP ${reply.code} ${url.replace(/\?.*$/, '')}: ${reply.text}`;
  return troubleOf(text) === 'disabled' ? new UserFacingError(disabledApiMessage(text)) : new Error(text);
}

/** The bodies of every reply; the first failure is thrown. */
export function fetchAllOrThrow(calls: readonly ApiCall[]): unknown[] {
  const replies = fetchAllApi(calls);
  return replies.map((reply, i) => {
    if (!reply.ok) throw apiFailure(reply, calls[i]?.url);
    return reply.json;
  });
}
