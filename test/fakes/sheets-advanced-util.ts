/**
 * Plumbing of the fake Sheets advanced service (Sheets.Spreadsheets…): API errors and how they
 * reach the script (GoogleJsonResponseException), readers for request JSON, field masks, colors,
 * GridRange ↔ GridRef, and the copy-then-commit that makes spreadsheets.batchUpdate atomic.
 */
import type { SsHandle } from './handles';
import { a1Of, quoteSheetName, type Cell, type DataValidationSpec, type GridRef, type SheetModel, type SpreadsheetModel } from './model';
import { isDateLike, type Env } from './runtime';
import type { FakeWorkspace } from './workspace';

/** A failure the real API reports as an HTTP error; becomes a GoogleJsonResponseException for the script. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code = 400,
  ) {
    super(message);
  }
}
export const notFound = (): ApiError => new ApiError('Requested entity was not found.', 404);
export const noPermission = (): ApiError => new ApiError('The caller does not have permission', 403);

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const objOf = (v: unknown): Json => (isObj(v) ? v : {});

/** An optional integer field; numeric strings are accepted like the JSON mapping of int32 does. */
export function optInt(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new ApiError(`Invalid value at '${path}' (TYPE_INT32), ${JSON.stringify(v)}`);
  return n;
}
export function optStr(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/**
 * Runs one API call: ApiErrors and the fake's Apps Script exceptions (protection, names…) reach
 * the script as `GoogleJsonResponseException: API call to <api> failed with error: <message>`.
 */
export function apiCall<T>(env: Env, api: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError) throw googleError(env.ws, api, e.message, e.code);
    if (typeof e === 'object' && e !== null && Reflect.get(e, 'name') === 'Exception') {
      throw googleError(env.ws, api, String(Reflect.get(e, 'message')), 400);
    }
    throw e;
  }
}

/** The error a failed advanced-service call throws: `GoogleJsonResponseException`, with `details: {code, message}`. */
export function googleError(ws: FakeWorkspace, api: string, message: string, code: number): Error {
  const err = new ws.realm.Error(`API call to ${api} failed with error: ${message}`);
  err.name = 'GoogleJsonResponseException';
  Reflect.set(
    err,
    'details',
    ws.object<unknown>([
      ['code', code],
      ['message', message],
    ]),
  );
  return err;
}

/** Opens a spreadsheet for the acting user: reading needs access, writing needs edit rights. */
export function openSpreadsheet(env: Env, spreadsheetId: unknown, write: boolean): SsHandle {
  const ws = env.ws;
  const file = ws.files.get(String(spreadsheetId));
  if (!file || file.trashed || !file.spreadsheet) throw notFound();
  if (!ws.canAccess(file)) throw noPermission();
  const user = ws.currentUser;
  const canWrite =
    file.owner === user || file.editors.includes(user) || (file.access !== 'PRIVATE' && file.permission === 'EDIT' && !file.viewers.includes(user));
  if (write && !canWrite) throw noPermission();
  return { env, file, ss: file.spreadsheet };
}

/** Deep copy of plain JSON into the bound realm (what the script receives). */
export function toRealm<T>(ws: FakeWorkspace, value: T): T {
  const conv = (v: unknown): unknown => {
    if (Array.isArray(v)) return ws.array(v.map(conv));
    if (isDateLike(v)) return ws.date(v);
    if (isObj(v))
      return ws.object(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => [k, conv(x)]),
      );
    return v;
  };
  return conv(value) as T;
}

// ------------------------------------------------------------- field masks --

/** "a.b,c(d,e(f))" → ["a.b", "c.d", "c.e.f"]. */
export function parseFieldMask(mask: string, where: string): string[] {
  const out: string[] = [];
  let i = 0;
  const bad = (): ApiError => new ApiError(`${where}: Invalid field mask: '${mask}'`);
  const list = (prefix: string): void => {
    for (;;) {
      let name = '';
      while (i < mask.length && !',()'.includes(mask.charAt(i))) name += mask.charAt(i++);
      name = name.trim();
      const full = prefix && name ? `${prefix}.${name}` : prefix || name;
      if (mask.charAt(i) === '(') {
        if (!name) throw bad();
        i++;
        list(full);
        if (mask.charAt(i) !== ')') throw bad();
        i++;
      } else if (name) out.push(full);
      else throw bad();
      if (mask.charAt(i) !== ',') return;
      i++;
    }
  };
  list('');
  if (i < mask.length) throw bad();
  return out;
}

/** The mask of an update request; the API refuses updates without one. */
export function requiredMask(fields: unknown, where: string): string[] {
  if (typeof fields !== 'string' || fields.trim() === '')
    throw new ApiError(`${where}: At least one field must be specified in 'fields' (use '*' for all fields).`);
  return parseFieldMask(fields, where);
}

/** Does the mask select `path` (itself, or a parent of it, or '*')? */
export function covers(mask: readonly string[], path: string): boolean {
  return mask.some((m) => m === '*' || m === path || path.startsWith(`${m}.`));
}

/** Keeps only the fields a response mask names (arrays are traversed transparently). */
export function project(value: unknown, mask: readonly string[]): unknown {
  if (mask.includes('*')) return value;
  if (Array.isArray(value)) return value.map((v) => project(v, mask));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (mask.includes(k)) out[k] = v;
    else {
      const sub = mask.filter((m) => m.startsWith(`${k}.`)).map((m) => m.slice(k.length + 1));
      if (sub.length > 0) out[k] = project(v, sub);
    }
  }
  return out;
}

/** Reads a dotted path out of request JSON. */
export function pick(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of path.split('.')) cur = isObj(cur) ? cur[key] : undefined;
  return cur;
}

// ------------------------------------------------------------------ colors --

/** {red, green, blue} (0–1, missing = 0) or a ColorStyle {rgbColor} → '#rrggbb'. */
export function hexOf(color: unknown): string | undefined {
  const c = isObj(color) && isObj(color['rgbColor']) ? color['rgbColor'] : color;
  if (!isObj(c)) return undefined;
  const ch = (k: string): string => {
    const v = Number(c[k] ?? 0);
    return Math.round(Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${ch('red')}${ch('green')}${ch('blue')}`;
}

/** '#rrggbb' → {red, green, blue} with zero channels omitted, as the API returns colors. */
export function rgbOf(hex: string): Json {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return {};
  const out: Json = {};
  (['red', 'green', 'blue'] as const).forEach((k, i) => {
    const v = parseInt(m[i + 1] ?? '0', 16) / 255;
    if (v > 0) out[k] = v;
  });
  return out;
}

// ------------------------------------------------------------- GridRange --

export interface Located {
  readonly sheet: SheetModel;
  readonly ref: GridRef;
}

export function sheetById(ss: SpreadsheetModel, id: number, where: string): SheetModel {
  const sheet = ss.sheets.find((s) => s.id === id);
  if (!sheet) throw new ApiError(`${where}: No grid with id: ${id}`);
  return sheet;
}

export function exceedsGrid(sheet: SheetModel, ref: GridRef): ApiError {
  return new ApiError(`Range (${quoteSheetName(sheet.name)}!${a1Of(ref)}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxCols}`);
}

/** GridRange (0-based, end-exclusive, missing bounds = unbounded, sheetId 0 by default) → GridRef. */
export function gridRefOf(ss: SpreadsheetModel, range: unknown, where: string): Located {
  if (!isObj(range)) throw new ApiError(`${where}: range is required`);
  const sheet = sheetById(ss, optInt(range['sheetId'], 'sheetId') ?? 0, where);
  const r0 = optInt(range['startRowIndex'], 'startRowIndex') ?? 0;
  const r1 = optInt(range['endRowIndex'], 'endRowIndex') ?? sheet.maxRows;
  const c0 = optInt(range['startColumnIndex'], 'startColumnIndex') ?? 0;
  const c1 = optInt(range['endColumnIndex'], 'endColumnIndex') ?? sheet.maxCols;
  if (r0 < 0 || c0 < 0) throw new ApiError(`${where}: Range indexes must be non-negative`);
  if (r1 < r0) throw new ApiError(`${where}: endRowIndex[${r1}] cannot be before startRowIndex[${r0}]`);
  if (c1 < c0) throw new ApiError(`${where}: endColumnIndex[${c1}] cannot be before startColumnIndex[${c0}]`);
  const ref: GridRef = { sheetId: sheet.id, row: r0 + 1, col: c0 + 1, numRows: r1 - r0, numCols: c1 - c0 };
  if (r1 > sheet.maxRows || c1 > sheet.maxCols) throw new ApiError(`${where}: ${exceedsGrid(sheet, ref).message}`);
  return { sheet, ref };
}

export function isWholeSheet(range: unknown): boolean {
  return isObj(range) && ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'].every((k) => range[k] === undefined || range[k] === null);
}

export function gridRangeOf(ref: GridRef): Json {
  return {
    sheetId: ref.sheetId,
    startRowIndex: ref.row - 1,
    endRowIndex: ref.row - 1 + ref.numRows,
    startColumnIndex: ref.col - 1,
    endColumnIndex: ref.col - 1 + ref.numCols,
  };
}

// ---------------------------------------------------------- atomic commits --

/**
 * A deep copy of the model to apply a batch to. Validation specs are immutable and may hold
 * Range facades (VALUE_IN_RANGE), which structuredClone cannot copy: they are shared instead.
 */
export function cloneModel(ss: SpreadsheetModel): SpreadsheetModel {
  const stash: Array<[Cell, DataValidationSpec]> = [];
  for (const sheet of ss.sheets) {
    for (const row of sheet.rows) {
      row?.forEach((cell) => {
        if (cell?.validation) {
          stash.push([cell, cell.validation]);
          delete cell.validation;
        }
      });
    }
  }
  let copy: SpreadsheetModel;
  try {
    copy = structuredClone(ss);
  } finally {
    for (const [cell, spec] of stash) cell.validation = spec;
  }
  ss.sheets.forEach((sheet, s) => {
    sheet.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        const target = copy.sheets[s]?.rows[r]?.[c];
        if (cell?.validation && target) target.validation = cell.validation;
      });
    });
  });
  return copy;
}

/**
 * Makes `next` the state of `orig` IN PLACE: facades obtained earlier (Sheet, Range, Protection)
 * hold the original sheet and protection objects, so those are updated rather than replaced.
 */
export function commitModel(orig: SpreadsheetModel, next: SpreadsheetModel): void {
  const sheets = next.sheets.map((s) => {
    const o = orig.sheets.find((x) => x.id === s.id);
    return o ? Object.assign(o, s) : s;
  });
  const protections = next.protections.map((p) => {
    const o = orig.protections.find((x) => x.id === p.id);
    return o ? Object.assign(o, p) : p;
  });
  Object.assign(orig, next, { sheets, protections });
}

/** Applies `fn` to a copy of the spreadsheet model; the copy replaces the model only if fn succeeds. */
export function atomically<T>(h: SsHandle, fn: (draft: SsHandle) => T): T {
  const draft: SsHandle = { env: h.env, file: h.file, ss: cloneModel(h.ss) };
  const result = fn(draft);
  commitModel(h.ss, draft.ss);
  return result;
}
