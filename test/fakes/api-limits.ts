/**
 * Limits of the Sheets API (the `Sheets` advanced service) and of spreadsheets themselves, enforced where Google
 * enforces them: per-minute read and write quotas keyed by the fake clock and the acting user, the request size
 * budget, 10 million cells per spreadsheet and 50,000 characters per cell. Sources: test/fakes/README.md («Limits»).
 */
import type { SpreadsheetModel } from './model';
import { MAX_CELL_CHARS, type CallRecord } from './runtime';
import { ApiError, googleError } from './sheets-advanced-util';
import type { FakeWorkspace } from './workspace';

export interface ApiLimits {
  /** Largest Sheets API request body (UTF-8 bytes of its JSON). OUR budget: Google recommends ≤ 2 MB. */
  requestBytes: number;
  /** Sheets API read / write requests per minute per user (per project: the *PerProject limits). */
  sheetsReadsPerMinutePerUser: number;
  sheetsWritesPerMinutePerUser: number;
  sheetsReadsPerMinutePerProject: number;
  sheetsWritesPerMinutePerProject: number;
}

/** https://developers.google.com/sheets/api/limits: 60 / 300 requests a minute, «we recommend a 2 MB maximum payload». */
export const DEFAULT_API_LIMITS: ApiLimits = {
  requestBytes: 2_000_000,
  sheetsReadsPerMinutePerUser: 60,
  sheetsWritesPerMinutePerUser: 60,
  sheetsReadsPerMinutePerProject: 300,
  sheetsWritesPerMinutePerProject: 300,
};

export const MAX_CELLS = 10_000_000;
export const CELL_TEXT_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;
export const TOO_MANY_CELLS = `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;
/** The consumer named in quota errors (the fake's Cloud project). */
export const FAKE_PROJECT_NUMBER = '1';

const SHEETS = 'Sheets.';
/** Sheets API methods that read («any method that retrieves data from a spreadsheet, such as get or search»). */
const READ_METHODS = new Set(['get', 'batchGet', 'getByDataFilter', 'batchGetByDataFilter', 'search']);

const isSheetsApi = (service: string): boolean => service.startsWith(SHEETS);
export const isSheetsRead = (service: string, method: string): boolean => isSheetsApi(service) && READ_METHODS.has(method);

/** 'Sheets.Spreadsheets.Values' + 'batchGet' → 'sheets.spreadsheets.values.batchGet', as Apps Script names the call. */
export function apiName(service: string, method: string): string {
  return `${service
    .split('.')
    .map((s) => s.charAt(0).toLowerCase() + s.slice(1))
    .join('.')}.${method}`;
}

/**
 * Docs and Drive advanced-service methods that send a JSON body: the resource, their first argument
 * (Docs batchUpdate(resource, id), create(resource); Drive Files.create(resource, media?, args?), copy(resource, id, args?),
 * update(resource, id, media?, args?), Permissions.create(resource, id, args?)). Their other methods (get, list) send none.
 * A media upload (the Blob of Files.create/update) is not the JSON body and is not counted.
 */
const BODY_METHODS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Docs.Documents', new Set(['batchUpdate', 'create'])],
  ['Drive.Files', new Set(['create', 'copy', 'update'])],
  ['Drive.Permissions', new Set(['create'])],
]);
const isDocsOrDriveApi = (service: string): boolean => service.startsWith('Docs.') || service.startsWith('Drive.');

/**
 * The size of a Sheets, Docs or Drive API request body: UTF-8 bytes of the JSON of the resource, the first argument of
 * every method that sends one (batchUpdate(resource, id), update(resource, id, range, …), Files.create(resource, …)…).
 * Reads send none: 0. Undefined for calls that are not requests to these APIs (SpreadsheetApp, DriveApp, …). Only the
 * Sheets API's budget is enforced here (ApiMeter); the Docs service checks its own (docs-advanced.ts).
 */
export function requestBytes(service: string, method: string, args: readonly unknown[]): number | undefined {
  if (isDocsOrDriveApi(service)) return BODY_METHODS.get(service)?.has(method) ? bodyBytesOrZero(args[0]) : 0;
  if (!isSheetsApi(service)) return undefined;
  if (READ_METHODS.has(method)) return 0;
  return jsonBytesOf(args[0]);
}

/** As jsonBytesOf, but a body that is no JSON (a wrong argument the service itself refuses) logs 0 instead of throwing here. */
function bodyBytesOrZero(body: unknown): number {
  try {
    return jsonBytesOf(body);
  } catch {
    return 0;
  }
}

function jsonBytesOf(body: unknown): number {
  if (body === undefined) return 0;
  const json = JSON.stringify(body);
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

const MINUTE_MS = 60_000;

/** Sliding one-minute windows of accepted Sheets API requests (fake-clock times), per user and per project. */
export class ApiMeter {
  private readonly windows = new Map<string, number[]>();

  /** Forgets every request (a new minute for everybody). */
  reset(): void {
    this.windows.clear();
  }

  /**
   * The refusal Google would answer this logged call with (too large, or over a per-minute quota), or null; an
   * accepted call is counted. Refused calls are not counted.
   */
  check(ws: FakeWorkspace, call: CallRecord): Error | null {
    if (!isSheetsApi(call.service)) return null;
    const api = apiName(call.service, call.method);
    const limits = ws.apiLimits;
    if ((call.bytes ?? 0) > limits.requestBytes) {
      return googleError(ws, api, `Request payload size exceeds the limit: ${limits.requestBytes} bytes.`, 400);
    }
    const read = READ_METHODS.has(call.method);
    const metric = read ? 'Read requests' : 'Write requests';
    const perUser = read ? limits.sheetsReadsPerMinutePerUser : limits.sheetsWritesPerMinutePerUser;
    const perProject = read ? limits.sheetsReadsPerMinutePerProject : limits.sheetsWritesPerMinutePerProject;
    const now = ws.nowMs();
    const userKey = `${metric}|${ws.currentUser}`;
    const projectKey = `${metric}|`;
    const over = (key: string, limit: number): boolean => {
      const times = (this.windows.get(key) ?? []).filter((t) => t > now - MINUTE_MS);
      this.windows.set(key, times);
      return times.length >= limit;
    };
    const limitName = over(userKey, perUser) ? `${metric} per minute per user` : over(projectKey, perProject) ? `${metric} per minute` : null;
    if (limitName !== null) {
      const message = `Quota exceeded for quota metric '${metric}' and limit '${limitName}' of service 'sheets.googleapis.com' for consumer 'project_number:${FAKE_PROJECT_NUMBER}'.`;
      return googleError(ws, api, message, 429);
    }
    for (const key of [userKey, projectKey]) this.windows.get(key)?.push(now);
    return null;
  }
}

// ------------------------------------------------------------------ cells --

/** Cells of a spreadsheet's grids (every sheet's rows × columns, empty or not). */
export function cellCount(ss: SpreadsheetModel): number {
  return ss.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
}

/** SpreadsheetApp: throws Apps Script's exception when `added` more cells would exceed 10 million. */
export function assertCellRoom(ws: FakeWorkspace, ss: SpreadsheetModel | null, added: number): void {
  if ((ss ? cellCount(ss) : 0) + added > MAX_CELLS) throw ws.error(TOO_MANY_CELLS);
}

/** Sheets API: the same limit as a 400 of the request at `where` («Invalid requests[0].addSheet: …»). */
export function apiCellRoom(ss: SpreadsheetModel, added: number, where: string): void {
  if (cellCount(ss) + added > MAX_CELLS) throw new ApiError(`${where}: ${TOO_MANY_CELLS}`);
}

/** A text for one cell; over 50,000 characters it fails as Sheets does (every write path calls this). */
export function cellText(ws: FakeWorkspace, text: string): string {
  if (text.length > MAX_CELL_CHARS) throw ws.error(CELL_TEXT_TOO_LONG);
  return text;
}
