/**
 * UrlFetchApp as the add-on uses it: Google's own REST APIs (Drive v3, Docs v1) called in parallel with
 * `fetchAll` and the script's OAuth token. Each request is routed to the SAME fake API the advanced service uses
 * (drive-advanced.ts, docs-advanced.ts), so scopes, drive.file reach, per-minute quotas and the request budget apply
 * as they do there; the inner calls are logged with `via: 'UrlFetchApp'`. Failures come back as HTTP responses with
 * Google's JSON error body (`muteHttpExceptions: true`), or as Apps Script's «Request failed for … returned code N»
 * exception without it. Sources: test/fakes/README.md («UrlFetchApp»).
 */
import { makeDocsAdvanced } from './docs-advanced';
import { makeDriveAdvanced } from './drive-advanced';
import { track, type Env } from './runtime';

/** https://developers.google.com/apps-script/guides/services/quotas: «URL Fetch URL length 2 kB / call». */
export const URL_MAX_CHARS = 2_048;
const GOOGLE_APIS = /^https:\/\/(www\.googleapis\.com\/drive\/v3|docs\.googleapis\.com\/v1)\//;

interface Request {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string | null;
  mute: boolean;
}

export class FakeHttpResponse {
  constructor(
    private readonly code: number,
    private readonly text: string,
  ) {}
  getResponseCode(): number {
    return this.code;
  }
  getContentText(): string {
    return this.text;
  }
  getHeaders(): Record<string, string> {
    return { 'Content-Type': 'application/json; charset=UTF-8' };
  }
}

function requestOf(value: unknown): Request {
  const obj = typeof value === 'string' ? { url: value } : typeof value === 'object' && value !== null ? value : null;
  const url = obj ? Reflect.get(obj, 'url') : undefined;
  if (!obj || typeof url !== 'string') throw new Error('Exception: Invalid argument: url');
  const headers = Reflect.get(obj, 'headers');
  const payload = Reflect.get(obj, 'payload');
  return {
    url,
    method: String(Reflect.get(obj, 'method') ?? 'get').toLowerCase(),
    headers: typeof headers === 'object' && headers !== null ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])) : {},
    payload: payload === undefined || payload === null ? null : String(payload),
    mute: Reflect.get(obj, 'muteHttpExceptions') === true,
  };
}

/** Google's JSON error body for an HTTP failure. */
function errorBody(code: number, message: string, reason: string): string {
  return JSON.stringify({ error: { code, message, errors: [{ domain: 'global', reason, message }] } });
}

const detailsOf = (e: unknown): object => {
  const details: unknown = typeof e === 'object' && e !== null ? Reflect.get(e, 'details') : undefined;
  return typeof details === 'object' && details !== null ? details : {};
};
const codeOf = (e: unknown): number => {
  const code: unknown = Reflect.get(detailsOf(e), 'code');
  return typeof code === 'number' ? code : 403;
};
/** The API's own reason (notFound, invalidSharingRequest…), else the one its HTTP code implies. */
const reasonOf = (e: unknown, code: number): string => {
  const errors: unknown = Reflect.get(detailsOf(e), 'errors');
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const reason: unknown = typeof first === 'object' && first !== null ? Reflect.get(first, 'reason') : undefined;
  return typeof reason === 'string' ? reason : code === 429 ? 'rateLimitExceeded' : code === 404 ? 'notFound' : 'forbidden';
};

const messageOf = (e: unknown): string => {
  const text = e instanceof Error || (typeof e === 'object' && e !== null) ? String(Reflect.get(e as object, 'message')) : String(e);
  return text.replace(/^API call to [\w.]+ failed with error: /, '');
};

function queryOf(url: URL): Record<string, string | boolean | number> {
  const out: Record<string, string | boolean | number> = {};
  for (const [k, v] of url.searchParams) out[k] = v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) && k === 'pageSize' ? Number(v) : v;
  return out;
}

export class FakeUrlFetchApp {
  constructor(private readonly env: Env) {}

  fetch(url: string, params?: object): FakeHttpResponse {
    return this.send({ ...(params ?? {}), url });
  }

  fetchAll(requests: unknown[]): FakeHttpResponse[] {
    if (!Array.isArray(requests)) throw this.env.ws.error('Invalid argument: requests');
    const ws = this.env.ws;
    const mark = ws.calls.length;
    const out = requests.map((r) => this.send(r));
    ws.onParallel?.(ws.calls.slice(mark));
    return ws.array(out);
  }

  private send(value: unknown): FakeHttpResponse {
    const ws = this.env.ws;
    const req = requestOf(value);
    if (req.url.length > URL_MAX_CHARS) throw ws.error('Limit Exceeded: URLFetch URL Length.');
    ws.consumeQuota('urlFetch');
    if (!GOOGLE_APIS.test(req.url)) throw ws.error(`Address unavailable: ${req.url}`);
    const reply = this.route(req);
    if (reply.getResponseCode() >= 400 && !req.mute) {
      throw ws.error(
        `Request failed for ${new URL(req.url).origin} returned code ${reply.getResponseCode()}. Truncated server response: ` +
          `${reply.getContentText().slice(0, 100)}... (use muteHttpExceptions option to examine full response)`,
      );
    }
    return reply;
  }

  private route(req: Request): FakeHttpResponse {
    const ws = this.env.ws;
    if (req.headers['authorization'] !== 'Bearer fake-oauth-token') {
      return new FakeHttpResponse(401, errorBody(401, 'Request is missing required authentication credential.', 'required'));
    }
    const url = new URL(req.url);
    const query = queryOf(url);
    let body: unknown = {};
    if (req.payload !== null) {
      try {
        body = JSON.parse(req.payload);
      } catch {
        return new FakeHttpResponse(400, errorBody(400, 'Invalid JSON payload received.', 'parseError'));
      }
    }
    const previous = ws.via;
    ws.via = 'UrlFetchApp';
    try {
      const json = this.dispatch(req.method, url, query, body);
      return new FakeHttpResponse(200, JSON.stringify(json ?? {}));
    } catch (e) {
      const message = messageOf(e);
      if (/not sufficient to call/.test(message)) {
        return new FakeHttpResponse(403, errorBody(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions'));
      }
      const code = codeOf(e);
      return new FakeHttpResponse(code, errorBody(code, message, reasonOf(e, code)));
    } finally {
      ws.via = previous;
    }
  }

  private dispatch(method: string, url: URL, query: Record<string, unknown>, body: unknown): unknown {
    const ws = this.env.ws;
    const path = url.pathname;
    const disabled = (api: string): never => {
      const err = ws.error(`${api} has not been used in project 1 before or it is disabled. Enable it by visiting the Cloud console. SERVICE_DISABLED`);
      Reflect.set(err, 'details', { code: 403 });
      throw err;
    };
    if (url.host === 'docs.googleapis.com') {
      if (!ws.advancedDocsEnabled) disabled('Google Docs API (docs.googleapis.com)');
      const docs = makeDocsAdvanced(this.env).Documents;
      const update = /^\/v1\/documents\/([^/:]+):batchUpdate$/.exec(path);
      if (update && method === 'post') return docs.batchUpdate(body as object, decodeURIComponent(update[1] ?? ''));
      const get = /^\/v1\/documents\/([^/:]+)$/.exec(path);
      if (get && method === 'get') return docs.get(decodeURIComponent(get[1] ?? ''), query);
    } else {
      if (!ws.advancedDriveEnabled) disabled('Google Drive API (drive.googleapis.com)');
      const drive = makeDriveAdvanced(this.env);
      if (path === '/drive/v3/files' && method === 'post') return drive.Files.create(body as object, undefined, query);
      const perm = /^\/drive\/v3\/files\/([^/]+)\/permissions$/.exec(path);
      if (perm && method === 'post') return drive.Permissions.create(body as object, decodeURIComponent(perm[1] ?? ''), query);
      const file = /^\/drive\/v3\/files\/([^/]+)$/.exec(path);
      if (file && method === 'get') return drive.Files.get(decodeURIComponent(file[1] ?? ''), query);
      if (file && method === 'patch') return drive.Files.update(body as object, decodeURIComponent(file[1] ?? ''), undefined, query);
    }
    const err = ws.error(`Fake UrlFetchApp: ${method.toUpperCase()} ${path} is not modelled`);
    Reflect.set(err, 'details', { code: 404 });
    throw err;
  }
}

export function makeUrlFetchApp(env: Env): FakeUrlFetchApp {
  return track(env, 'UrlFetchApp', new FakeUrlFetchApp(env));
}
