/**
 * Plumbing shared by every fake service object: executions, the call log / auth-mode gate
 * (a Proxy around each facade), realm-aware value construction and Apps Script-like errors.
 */
import vm from 'node:vm';
import type { AuthModeName } from './enums';
import type { FakeWorkspace } from './workspace';

/** One simulated Apps Script execution (a menu click, a trigger, one google.script.run call). */
export interface Execution {
  readonly id: number;
  readonly authMode: AuthModeName;
  ended: boolean;
}

/** What every facade carries: the workspace (state) and the execution it was obtained in. */
export interface Env {
  readonly ws: FakeWorkspace;
  readonly exec: Execution;
}

export interface CallRecord {
  readonly service: string;
  readonly method: string;
  readonly execution: number;
  /** true when the auth mode or the manifest's scopes (ws.manifestScopes) refused the call (it threw). */
  readonly denied: boolean;
  /** Sheets, Docs and Drive advanced-service calls: UTF-8 bytes of the request body's JSON (0 for reads); see api-limits.ts. */
  readonly bytes?: number;
  /** Set on the API calls of a UrlFetchApp request (REST with the script's token), which are not Apps Script service calls. */
  readonly via?: 'UrlFetchApp';
}

/** Calls allowed in AuthMode.NONE (besides services that need no authorization at all). */
const NONE_ALLOWED = new Set([
  'SpreadsheetApp.getUi',
  'Ui.createAddonMenu',
  'Ui.createMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addSubMenu',
  'Menu.addToUi',
]);
/** Services that need no OAuth scope; they work in every auth mode (as in simple triggers). */
const NO_AUTH_SERVICES = new Set(['Utilities', 'Logger', 'console', 'Blob']);
/** In LIMITED (add-on enabled in the current document only) other files are out of reach. */
const LIMITED_BLOCKED_SERVICES = new Set([
  'DocumentApp',
  'FormApp',
  'DriveApp',
  'Document',
  'Form',
  'Folder',
  'File',
  // The Sheets advanced service needs the user's OAuth token: not available in LIMITED.
  'Sheets',
  'Sheets.Spreadsheets',
  'Sheets.Spreadsheets.Values',
  // So does the Drive advanced service (v3).
  'Drive',
  'Drive.Files',
  'Drive.Permissions',
]);
const LIMITED_BLOCKED = new Set(['SpreadsheetApp.create', 'SpreadsheetApp.openById', 'SpreadsheetApp.openByUrl']);

export function isAllowed(authMode: AuthModeName, service: string, method: string): boolean {
  if (NO_AUTH_SERVICES.has(service)) return true;
  const key = `${service}.${method}`;
  if (authMode === 'NONE' || authMode === 'CUSTOM_FUNCTION') return NONE_ALLOWED.has(key);
  if (authMode === 'LIMITED') return !LIMITED_BLOCKED_SERVICES.has(service) && !LIMITED_BLOCKED.has(key);
  return true;
}

const SKIP = new Set(['constructor', 'toString', 'toJSON', 'valueOf']);

/**
 * Wraps a facade so that every method call is logged as `service.method`, checked against the
 * execution's auth mode, and chained `return this` results stay wrapped. Non-function
 * properties (internal handles, enums) pass through untouched and unlogged.
 */
export function track<T extends object>(env: Env, service: string, target: T): T {
  const proxy: T = new Proxy(target, {
    get(t, prop) {
      const value: unknown = Reflect.get(t, prop, t);
      if (typeof value !== 'function' || typeof prop === 'symbol' || SKIP.has(prop)) return value;
      const method = prop;
      return (...args: unknown[]): unknown => {
        env.ws.recordCall(env.exec, service, method, args);
        const result: unknown = value.apply(t, args);
        return result === t ? proxy : result;
      };
    },
  });
  return proxy;
}

/** Constructors of the realm values are handed to (the vm context running the bundle). */
export interface Realm {
  readonly Array: ArrayConstructor;
  readonly Date: DateConstructor;
  readonly Error: ErrorConstructor;
  readonly Object: ObjectConstructor;
}

export const HOST_REALM: Realm = { Array, Date, Error, Object };

export function realmOf(ctx: vm.Context): Realm {
  const got: unknown = vm.runInContext('({ Array: Array, Date: Date, Error: Error, Object: Object })', ctx);
  if (typeof got !== 'object' || got === null) throw new Error('bindRealm: context returned no constructors');
  const pick = (name: string): unknown => Reflect.get(got, name);
  const A = pick('Array');
  const D = pick('Date');
  const E = pick('Error');
  const O = pick('Object');
  if (typeof A !== 'function' || typeof D !== 'function' || typeof E !== 'function' || typeof O !== 'function') {
    throw new Error('bindRealm: missing constructors in the context');
  }
  return { Array: A as ArrayConstructor, Date: D as DateConstructor, Error: E as ErrorConstructor, Object: O as ObjectConstructor };
}

export function isDateLike(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Base.User: only the e-mail is modelled. */
export class FakeUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
}

export function makeUser(env: Env, email: string): FakeUser {
  return track(env, 'User', new FakeUser(email));
}

/** Accepts an e-mail string or a User (ours or anything with getEmail()). */
export function emailOf(user: unknown): string {
  if (typeof user === 'string') return user.trim().toLowerCase();
  if (typeof user === 'object' && user !== null) {
    const getEmail: unknown = Reflect.get(user, 'getEmail');
    if (typeof getEmail === 'function') {
      const email: unknown = getEmail.call(user);
      if (typeof email === 'string') return email.trim().toLowerCase();
    }
  }
  throw new TypeError(`Invalid argument: ${String(user)}`);
}

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1);
}

export const MAX_CELL_CHARS = 50000;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
