/**
 * FakeWorkspace: the single holder of all fake Apps Script state (Drive files, spreadsheets,
 * documents, forms, property stores, locks, UI recordings), plus the clock, daily quotas,
 * executions, the acting user, the call log and the realm that returned values belong to.
 *
 * Tests talk to the fake through the public Apps Script API obtained from installGlobals();
 * the methods here are the test-only controls (clock, quotas, actAs, seeding, inspection).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type vm from 'node:vm';
import { enumName, type AuthModeName } from './enums';
import { createGlobals, type FakeGlobals } from './globals';
import { UiRecorder } from './html-ui';
import type { FormAnswers } from './form';
import { newFormResponse } from './form-responses';
import { ensureCell, newSheetModel, parseA1, MIME, type CellValue, type FileKind, type FileRecord, type SpreadsheetModel } from './model';
import { HOST_REALM, isAllowed, realmOf, type CallRecord, type Execution, type Realm } from './runtime';
import { ApiMeter, DEFAULT_API_LIMITS, requestBytes, type ApiLimits } from './api-limits';
import { scopeDenial } from './oauth-scopes';
import type { SentMail } from './mail';
import type { TriggerRecord } from './triggers';

export interface QuotaLimits {
  spreadsheetCreate: number;
  documentCreate: number;
  formCreate: number;
  propertiesReadWrite: number;
  /** Invitation e-mails sent while sharing (a GUESS: Google publishes no figure; see README). */
  sharingInvitations: number;
  /** UrlFetchApp requests (each request of a fetchAll counts). */
  urlFetch: number;
  /** MailApp recipients a day (to + cc + bcc): 100 consumer, 1,500 Google Workspace (quota page; see mail.ts). */
  emailRecipients: number;
}
export type QuotaName = keyof QuotaLimits;

/** Consumer-account figures from the Apps Script quota page (forms: no published limit). */
export const DEFAULT_QUOTAS: QuotaLimits = {
  spreadsheetCreate: 250,
  documentCreate: 250,
  formCreate: Number.POSITIVE_INFINITY,
  propertiesReadWrite: 50000,
  sharingInvitations: 100,
  urlFetch: 20_000,
  emailRecipients: 100,
};
const QUOTA_LABEL: Record<QuotaName, string> = {
  spreadsheetCreate: 'spreadsheet create',
  documentCreate: 'docs create',
  formCreate: 'forms create',
  propertiesReadWrite: 'properties',
  sharingInvitations: 'sharing invitations',
  urlFetch: 'urlfetch',
  emailRecipients: 'email',
};

export interface WorkspaceOptions {
  /** Owner of the script and of every file the script creates (the department). */
  owner?: string;
  /** Initial fake clock. */
  start?: Date | string | number;
  scriptTimeZone?: string;
  /** Locale of new spreadsheets; 'ru_RU' names the first sheet «Лист1». */
  userLocale?: string;
  quotas?: Partial<QuotaLimits>;
  /** The manifest's oauthScopes to enforce per call (manifestScopesOf('appsscript.json')); null/absent: none. */
  manifestScopes?: readonly string[] | null;
  /** Sheets API request size budget and per-minute quotas (api-limits.ts). */
  apiLimits?: Partial<ApiLimits>;
  /**
   * Which addresses have a Google account (Drive v3 refuses a silent share to one that has none). Default:
   * gmail.com, googlemail.com and the owner's own domain.
   */
  googleAccounts?: (email: string) => boolean;
}

export interface GlobalsOptions {
  authMode?: AuthModeName | { toString(): string };
}

export interface SharingNotification {
  readonly fileId: string;
  readonly email: string;
  readonly role: 'editor' | 'commenter' | 'viewer';
  readonly at: number;
  /** Drive v3 Permissions.create emailMessage, when given. */
  readonly message?: string;
}

export interface LogLine {
  readonly level: 'log' | 'info' | 'warn' | 'error' | 'Logger';
  readonly message: string;
  readonly execution: number;
}

export type CallFilter = string | ((call: CallRecord) => boolean);

/** "Range.getValues" matches exactly, "Range" the whole class, a function decides itself. */
function callMatches(call: CallRecord, filter: CallFilter): boolean {
  if (typeof filter === 'function') return filter(call);
  return filter.includes('.') ? `${call.service}.${call.method}` === filter : call.service === filter;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ID_TAG: Record<FileKind, string> = { spreadsheet: 'SS', document: 'DOC', form: 'FORM', folder: 'DIR', blob: 'FILE' };
const AUTH_MODES: readonly AuthModeName[] = ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'];

export class FakeWorkspace {
  readonly owner: string;
  /** The user running the script (Session.getActiveUser/getEffectiveUser); see actAs(). */
  currentUser: string;
  scriptTimeZone: string;
  userLocale: string;
  readonly scriptId = '1FakeScriptId000000000000000000000000000000000000000';
  readonly files = new Map<string, FileRecord>();
  readonly rootFolderId: string;
  hostId: string | null = null;
  readonly calls: CallRecord[] = [];
  readonly logs: LogLine[] = [];
  readonly notifications: SharingNotification[] = [];
  readonly ui = new UiRecorder();
  /** HtmlService project files by base name ("Sidebar" for dist/Sidebar.html). */
  readonly htmlFiles = new Map<string, string>();
  readonly scriptProperties = new Map<string, string>();
  readonly userProperties = new Map<string, Map<string, string>>();
  readonly documentProperties = new Map<string, Map<string, string>>();
  /** Lock key ('script', 'user:<email>', 'document:<id>') → holding execution id. */
  readonly locks = new Map<string, number>();
  readonly quotaLimits: QuotaLimits;
  readonly quotaUsed: Record<QuotaName, number> = {
    spreadsheetCreate: 0,
    documentCreate: 0,
    formCreate: 0,
    propertiesReadWrite: 0,
    sharingInvitations: 0,
    urlFetch: 0,
    emailRecipients: 0,
  };
  /** What MailApp.sendEmail sent (mail.ts), in order. */
  readonly sentMails: SentMail[] = [];
  /** Installable triggers of the project (triggers.ts). */
  readonly triggers: TriggerRecord[] = [];
  realm: Realm = HOST_REALM;
  /**
   * Whether the Sheets advanced service is enabled (appsscript.json enabledAdvancedServices).
   * When false, installGlobals() provides no `Sheets` global, so the SpreadsheetApp fallback runs.
   */
  advancedSheetsEnabled = true;
  /**
   * The users' Google Workspace domain, or null for consumer accounts. A form made on Workspace starts limited to the
   * organisation (the default of «Restrict to users in <domain>»); `formsLockedToDomain` models an admin who forbids
   * lifting it (https://support.google.com/a/answer/6069322).
   */
  workspaceDomain: string | null = null;
  formsLockedToDomain = false;
  /** Whether the Docs advanced service (v1) is enabled; when false installGlobals() provides no `Docs` global. */
  advancedDocsEnabled = true;
  /**
   * The scopes of appsscript.json's oauthScopes: a call that needs a scope none of them covers throws «Specified
   * permissions are not sufficient to call …» (oauth-scopes.ts). null (the default): scopes are not enforced.
   */
  manifestScopes: string[] | null;
  /** Sheets API limits: request body budget (2,000,000 bytes) and per-minute read/write quotas (60 per user). */
  readonly apiLimits: ApiLimits;
  /** Sheets API requests of the last minute (fake clock), per user and per project. */
  private readonly apiMeter = new ApiMeter();
  /** Whether the Drive advanced service (v3) is enabled; when false installGlobals() provides no `Drive` global. */
  advancedDriveEnabled = true;
  /** Which addresses have a Google account (see WorkspaceOptions.googleAccounts); tests may replace it. */
  googleAccounts: (email: string) => boolean;
  /**
   * Optional observer of every logged call, before the method runs, with its arguments (benchmarks use it
   * to advance the clock by a latency model and to see which file a call reads). Null by default.
   */
  onCall: ((call: CallRecord, args: readonly unknown[]) => void) | null = null;
  /** After a UrlFetchApp.fetchAll: the API calls its requests made, all sent at once (the bench advances the clock by the slowest). */
  onParallel: ((calls: readonly CallRecord[]) => void) | null = null;
  /** Set while UrlFetchApp routes a request to a fake API: its calls are logged with `via`. */
  via: 'UrlFetchApp' | null = null;
  /** The fault armed by failCall(), if any. */
  private fault: { filter: CallFilter; left: number; message: string } | null = null;
  private clockMs: number;
  private readonly counters = new Map<string, number>();
  private readonly executions = new Map<number, Execution>();
  private lastExecutionId = 0;

  constructor(opts: WorkspaceOptions = {}) {
    this.owner = (opts.owner ?? 'department@kalar-edu.example').toLowerCase();
    this.currentUser = this.owner;
    this.scriptTimeZone = opts.scriptTimeZone ?? 'Asia/Chita';
    this.userLocale = opts.userLocale ?? 'ru_RU';
    this.quotaLimits = { ...DEFAULT_QUOTAS, ...opts.quotas };
    this.manifestScopes = opts.manifestScopes ? [...opts.manifestScopes] : null;
    this.apiLimits = { ...DEFAULT_API_LIMITS, ...opts.apiLimits };
    this.clockMs = new Date(opts.start ?? '2026-02-02T09:00:00+09:00').getTime();
    const ownDomain = this.owner.slice(this.owner.lastIndexOf('@') + 1);
    this.googleAccounts =
      opts.googleAccounts ?? ((email) => ['gmail.com', 'googlemail.com', ownDomain].includes(email.slice(email.lastIndexOf('@') + 1).toLowerCase()));
    const root = this.addFile('folder', 'Мой диск', MIME.folder, []);
    root.appUsers = []; // My Drive itself is not the app's under drive.file
    this.rootFolderId = root.id;
  }

  // ------------------------------------------------------------ clock & ids --
  now(): Date {
    return new Date(this.clockMs);
  }
  nowMs(): number {
    return this.clockMs;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`advance(${ms}): time only moves forward`);
    this.clockMs += ms;
  }
  /** 24 hours later: the daily quotas are reset. */
  nextDay(): void {
    this.advance(DAY_MS);
    for (const k of Object.keys(this.quotaUsed) as QuotaName[]) this.quotaUsed[k] = 0;
  }
  next(counter: string): number {
    const n = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, n);
    return n;
  }
  /** Deterministic 44-character ids shaped like real Drive ids. */
  newId(kind: FileKind): string {
    const n = String(this.next(`id:${kind}`));
    const prefix = `1Fake${ID_TAG[kind]}`;
    return prefix + '0'.repeat(44 - prefix.length - n.length) + n;
  }

  // ------------------------------------------------------------------ users --
  /** Subsequent service calls run as this user (owner = the department). */
  actAs(email: string): void {
    this.currentUser = email.trim().toLowerCase();
  }

  // ------------------------------------------------------------- executions --
  beginExecution(authMode: AuthModeName = 'FULL'): Execution {
    const exec: Execution = { id: ++this.lastExecutionId, authMode, ended: false };
    this.executions.set(exec.id, exec);
    return exec;
  }
  get currentExecutionId(): number {
    return this.lastExecutionId;
  }
  /** Ends an execution: the locks it holds are released, as when an Apps Script run finishes. */
  endExecution(id: number = this.lastExecutionId): void {
    const exec = this.executions.get(id);
    if (exec) exec.ended = true;
    for (const [key, holder] of [...this.locks]) if (holder === id) this.locks.delete(key);
  }
  /** A fresh set of service globals bound to a new execution. */
  installGlobals(opts: GlobalsOptions = {}): FakeGlobals {
    const name = opts.authMode === undefined ? 'FULL' : (enumName(opts.authMode) ?? String(opts.authMode));
    const mode = AUTH_MODES.find((m) => m === name);
    if (mode === undefined) throw new Error(`installGlobals: unknown authMode ${name}`);
    return createGlobals({ ws: this, exec: this.beginExecution(mode) });
  }

  // --------------------------------------------------------------- call log --
  recordCall(exec: Execution, service: string, method: string, args: readonly unknown[] = []): void {
    const allowed = isAllowed(exec.authMode, service, method);
    const scopeRefusal = allowed ? scopeDenial(this.manifestScopes, service, method) : null;
    const bytes = requestBytes(service, method, args);
    const call: CallRecord = {
      service,
      method,
      execution: exec.id,
      denied: !allowed || scopeRefusal !== null,
      ...(bytes === undefined ? {} : { bytes }),
      ...(this.via ? { via: this.via } : {}),
    };
    this.calls.push(call);
    this.onCall?.(call, args);
    if (!allowed) throw this.error(`You do not have permission to call ${service}.${method}`);
    if (scopeRefusal !== null) throw this.error(scopeRefusal);
    const refused = this.apiMeter.check(this, call);
    if (refused) throw refused;
    if (this.fault && callMatches(call, this.fault.filter) && --this.fault.left === 0) {
      const { message } = this.fault;
      this.fault = null;
      throw this.error(message);
    }
  }
  /**
   * Fault injection: the `nth` call from now on that matches `filter` ("Sheets.Spreadsheets.batchUpdate",
   * "Spreadsheet.insertSheet", a class name, or a function) throws an Exception with `message` before the
   * method runs — once; the calls before and after it work. `failCall(null)` disarms a pending fault.
   */
  failCall(filter: CallFilter | null, nth = 1, message = 'Fake fault injected'): void {
    if (filter !== null && !(Number.isInteger(nth) && nth >= 1)) throw new Error(`failCall: nth must be a positive integer, got ${nth}`);
    this.fault = filter === null ? null : { filter, left: nth, message };
  }
  /** Counts calls; a filter "Range.getValues" matches exactly, "Range" matches the whole class. */
  countCalls(filter?: CallFilter): number {
    if (filter === undefined) return this.calls.length;
    return this.calls.filter((c) => callMatches(c, filter)).length;
  }
  /** Forgets the Sheets API requests of the last minute (per-minute quotas start afresh), e.g. after seeding. */
  resetApiQuotas(): void {
    this.apiMeter.reset();
  }
  /** The largest Sheets, Docs or Drive API request body logged so far (bytes; 0 when none), among calls matching `filter`. */
  maxRequestBytes(filter?: CallFilter): number {
    return this.calls.reduce((max, c) => (filter === undefined || callMatches(c, filter) ? Math.max(max, c.bytes ?? 0) : max), 0);
  }
  resetCalls(): void {
    this.calls.length = 0;
  }

  // ------------------------------------------------------------------ realm --
  /** Values handed to code (arrays, Dates, errors, plain objects) are built in ctx's realm. */
  bindRealm(ctx: vm.Context): void {
    this.realm = realmOf(ctx);
  }
  unbindRealm(): void {
    this.realm = HOST_REALM;
  }
  array<T>(items: Iterable<T>): T[] {
    const out: T[] = new this.realm.Array<T>();
    for (const item of items) out.push(item);
    return out;
  }
  date(value: Date | number): Date {
    return new this.realm.Date(typeof value === 'number' ? value : value.getTime());
  }
  object<T>(entries: Iterable<[string, T]>): Record<string, T> {
    const out: Record<string, T> = new this.realm.Object() as Record<string, T>;
    for (const [k, v] of entries) out[k] = v;
    return out;
  }
  /** An Apps Script-style error ("Exception: …" when printed), from the bound realm. */
  error(message: string): Error {
    const err = new this.realm.Error(message);
    err.name = 'Exception';
    return err;
  }

  // ----------------------------------------------------------------- quotas --
  consumeQuota(name: QuotaName): void {
    if (this.quotaUsed[name] + 1 > this.quotaLimits[name]) {
      throw this.error(`Service invoked too many times for one day: ${QUOTA_LABEL[name]}.`);
    }
    this.quotaUsed[name] += 1;
  }

  // ------------------------------------------------------------------ files --
  addFile(kind: FileKind, name: string, mimeType: string, parents?: string[]): FileRecord {
    const rec: FileRecord = {
      id: this.newId(kind),
      kind,
      name,
      mimeType,
      owner: this.currentUser,
      editors: [],
      viewers: [],
      access: 'PRIVATE',
      permission: 'NONE',
      parents: parents ?? [this.rootFolderId],
      createdAt: this.clockMs,
      trashed: false,
      content: '',
      appUsers: [this.currentUser],
    };
    this.files.set(rec.id, rec);
    return rec;
  }
  newSpreadsheetRecord(name: string, rows?: number, cols?: number): FileRecord {
    const rec = this.addFile('spreadsheet', name, MIME.spreadsheet);
    const first = newSheetModel(0, this.userLocale.startsWith('ru') ? 'Лист1' : 'Sheet1', rows, cols);
    const model: SpreadsheetModel = {
      timeZone: this.scriptTimeZone,
      locale: this.userLocale,
      sheets: [first],
      activeSheetId: 0,
      namedRanges: new Map(),
      protections: [],
      toasts: [],
      nextSheetId: 1,
      nextProtectionId: 1,
    };
    rec.spreadsheet = model;
    return rec;
  }
  /** Creates the spreadsheet the add-on is open in (getActiveSpreadsheet); no quota used. */
  createHostSpreadsheet(name = 'Мониторинг воспитания — управление образованием'): string {
    const rec = this.newSpreadsheetRecord(name);
    this.hostId = rec.id;
    return rec.id;
  }
  setHost(spreadsheetId: string | null): void {
    this.hostId = spreadsheetId;
  }
  file(id: string): FileRecord {
    const rec = this.files.get(id);
    if (!rec) throw new Error(`FakeWorkspace: no file ${id}`);
    return rec;
  }
  spreadsheetModel(id: string): SpreadsheetModel {
    const model = this.file(id).spreadsheet;
    if (!model) throw new Error(`FakeWorkspace: ${id} is not a spreadsheet`);
    return model;
  }
  filesOfKind(kind: FileKind): FileRecord[] {
    return [...this.files.values()].filter((f) => f.kind === kind && !f.trashed);
  }
  canAccess(rec: FileRecord, user: string = this.currentUser): boolean {
    if (rec.owner === user || rec.editors.includes(user) || rec.viewers.includes(user) || rec.commenters?.includes(user)) return true;
    if (rec.access === 'ANYONE' || rec.access === 'ANYONE_WITH_LINK') return true;
    const sameDomain = user.split('@')[1] === rec.owner.split('@')[1];
    return sameDomain && (rec.access === 'DOMAIN' || rec.access === 'DOMAIN_WITH_LINK');
  }
  /**
   * Adds a permission; no-op if the user already has it. With `notify` (the default, and the only way of
   * DriveApp, SpreadsheetApp, DocumentApp and FormApp) the invitation e-mail is recorded in `notifications`
   * and counts against the daily sharing quota (`quotaLimits.sharingInvitations`, a guess). An editor may
   * not re-share a file whose writersCanShare is false (Drive v3); only the owner can then.
   */
  grant(rec: FileRecord, email: string, role: 'editor' | 'commenter' | 'viewer', opts: { notify?: boolean; message?: string } = {}): void {
    if (role === 'commenter') rec.commenters ??= [];
    const list = role === 'editor' ? rec.editors : role === 'viewer' ? rec.viewers : (rec.commenters ?? []);
    if (email === rec.owner || list.includes(email)) return;
    if (rec.writersCanShare === false && this.currentUser !== rec.owner) throw this.error('Access denied: DriveApp.');
    const notify = opts.notify ?? true;
    if (notify) {
      if (this.quotaUsed.sharingInvitations + 1 > this.quotaLimits.sharingInvitations) throw this.error('Sorry, you have exceeded your sharing quota.');
      this.quotaUsed.sharingInvitations += 1;
    }
    if (role === 'editor') {
      rec.viewers = rec.viewers.filter((v) => v !== email);
      if (rec.commenters) rec.commenters = rec.commenters.filter((v) => v !== email);
    }
    list.push(email);
    if (notify) this.notifications.push({ fileId: rec.id, email, role, at: this.clockMs, ...(opts.message === undefined ? {} : { message: opts.message }) });
  }
  /** Whether `email` has a Google account (WorkspaceOptions.googleAccounts). */
  hasGoogleAccount(email: string): boolean {
    return this.googleAccounts(email.trim().toLowerCase());
  }
  /**
   * drive.file: whether the app may reach the file for this user — the user can access the file and the app
   * holds a grant for them on it (they created it through the app, or opened it with the app: grantAppAccess).
   */
  appCanAccess(user: string, fileId: string): boolean {
    const rec = this.files.get(fileId);
    const who = user.trim().toLowerCase();
    return rec !== undefined && (rec.appUsers ?? []).includes(who) && this.canAccess(rec, who);
  }
  /** Test control: the user opened the file with the app (Picker, «Open with»), which gives a drive.file grant. */
  grantAppAccess(fileId: string, user: string = this.currentUser): void {
    const rec = this.file(fileId);
    const who = user.trim().toLowerCase();
    rec.appUsers = [...new Set([...(rec.appUsers ?? []), who])];
  }
  /** Files reachable by link or by the whole domain/public (a privacy leak for school data). */
  linkSharedFiles(): FileRecord[] {
    return [...this.files.values()].filter((f) => f.access !== 'PRIVATE');
  }

  // ---------------------------------------------------------------- seeding --
  /**
   * Formulas are stored as text and never evaluated: getValues() of a formula cell returns ''
   * unless a test seeds the result here (values: one value, or a grid matching the range).
   */
  seedComputed(spreadsheetId: string, sheetName: string, a1: string, values: CellValue | CellValue[][]): void {
    const model = this.spreadsheetModel(spreadsheetId);
    const sheet = model.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`seedComputed: no sheet ${sheetName}`);
    const ref = parseA1(a1, sheet.maxRows, sheet.maxCols);
    if (!ref) throw new Error(`seedComputed: bad A1 ${a1}`);
    for (let i = 0; i < ref.numRows; i++) {
      for (let j = 0; j < ref.numCols; j++) {
        const v = Array.isArray(values) ? values[i]?.[j] : values;
        if (v === undefined) throw new Error(`seedComputed: no value for row ${i} col ${j}`);
        const cell = ensureCell(sheet, ref.row + i, ref.col + j);
        if (cell.formula === undefined) throw new Error(`seedComputed: ${a1} has no formula at row ${i} col ${j}`);
        cell.computed = v;
      }
    }
  }
  registerHtmlFile(name: string, content: string): void {
    this.htmlFiles.set(name.replace(/\.html$/i, ''), content);
  }
  /** Registers every *.html file of a directory (e.g. dist/) under its base name. */
  loadHtmlFilesFrom(dir: string): void {
    for (const f of readdirSync(dir)) if (f.toLowerCase().endsWith('.html')) this.registerHtmlFile(f, readFileSync(path.join(dir, f), 'utf8'));
  }
  /** Simulates a respondent submitting the form (answers keyed by item title). */
  submitFormResponse(formId: string, answers: FormAnswers, respondentEmail?: string): string {
    return newFormResponse(this, formId, answers, respondentEmail);
  }
}
