/**
 * Runs the built bundle (dist/Code.js) the way Apps Script does, over a FakeWorkspace:
 * one fresh vm context per execution (menu click, trigger, google.script.run call), the
 * service globals from ws.installGlobals(), values built in the context's realm.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { FakeWorkspace, GlobalsOptions } from '../fakes';

const ROOT = path.join(__dirname, '..', '..');
export const CODE_JS = path.join(ROOT, 'dist', 'Code.js');
export const PUBLIC_API_JSON = path.join(ROOT, 'src', 'gas', 'public-api.json');

export type BundleFunction = (...args: unknown[]) => unknown;

export interface RunOptions extends GlobalsOptions {
  /** Defaults to dist/Code.js. */
  codePath?: string;
  /** Limit for evaluating the script (module-level code), ms. */
  timeoutMs?: number;
}

export interface LoadedBundle {
  readonly ctx: vm.Context;
  readonly execution: number;
  /** Top-level functions of the script (context keys holding functions, minus injected globals). */
  readonly functions: Record<string, BundleFunction>;
}

/** Loads the bundle into a fresh context bound to a new execution (no wrapping). */
export function loadBundle(ws: FakeWorkspace, opts: RunOptions = {}): LoadedBundle {
  const globals: Record<string, unknown> = { ...ws.installGlobals(opts) };
  const execution = ws.currentExecutionId;
  const injected = new Set(Object.keys(globals));
  const ctx = vm.createContext(globals);
  ws.bindRealm(ctx);
  try {
    vm.runInContext(readFileSync(opts.codePath ?? CODE_JS, 'utf8'), ctx, { filename: 'Code.js', timeout: opts.timeoutMs ?? 10000 });
  } catch (e) {
    ws.endExecution(execution);
    throw e;
  }
  const functions: Record<string, BundleFunction> = {};
  for (const key of Object.keys(ctx)) {
    const value: unknown = ctx[key];
    if (injected.has(key) || typeof value !== 'function') continue;
    functions[key] = (...args: unknown[]): unknown => {
      const result: unknown = value.apply(ctx, args);
      return result;
    };
  }
  return { ctx, execution, functions };
}

/**
 * A fresh context for ONE execution. The returned functions end the execution when they return
 * or throw (its locks are released, like at the end of an Apps Script run); calling a second
 * function of the same record throws — take a new context per call, as Apps Script does.
 */
export function runInFreshContext(ws: FakeWorkspace, opts: RunOptions = {}): Record<string, BundleFunction> {
  const { functions, execution } = loadBundle(ws, opts);
  let used: string | null = null;
  const out: Record<string, BundleFunction> = {};
  for (const [name, fn] of Object.entries(functions)) {
    out[name] = (...args: unknown[]): unknown => {
      if (used !== null) {
        throw new Error(`runInFreshContext: execution ${execution} already ran ${used}(); call runInFreshContext again for ${name}()`);
      }
      used = name;
      try {
        return fn(...args);
      } finally {
        ws.endExecution(execution);
      }
    };
  }
  return out;
}

export function readPublicApi(): string[] {
  const list: unknown = JSON.parse(readFileSync(PUBLIC_API_JSON, 'utf8'));
  if (!Array.isArray(list) || !list.every((x): x is string => typeof x === 'string')) {
    throw new Error('src/gas/public-api.json must be a JSON array of strings');
  }
  return list;
}

const tag = (v: unknown): string => Object.prototype.toString.call(v);

/** Client → server: Dates and functions are illegal anywhere; undefined in arrays → null. */
function copyArg(ws: FakeWorkspace, value: unknown, key: string): unknown {
  if (typeof value === 'function' || tag(value) === '[object Date]') {
    throw new Error(`Failed due to illegal value in property: ${key}`);
  }
  if (Array.isArray(value)) return ws.array(value.map((v: unknown, i) => (v === undefined ? null : copyArg(ws, v, String(i)))));
  if (typeof value === 'object' && value !== null) {
    const entries: Array<[string, unknown]> = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined) entries.push([k, copyArg(ws, v, k)]);
    return ws.object(entries);
  }
  return value;
}

class DateInResult extends Error {}

/** Server → client: a Date anywhere makes the whole result null; functions are dropped. */
function copyResult(value: unknown): unknown {
  if (tag(value) === '[object Date]') throw new DateInResult();
  if (Array.isArray(value)) return value.map((v: unknown) => (v === undefined || typeof v === 'function' ? null : copyResult(v)));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = copyResult(v);
    return out;
  }
  return value;
}

/**
 * Emulates google.script.run.withSuccessHandler(resolve).withFailureHandler(reject)[name](...args):
 * only names in src/gas/public-api.json that do not end in "_"; arguments and results deep-copied
 * with the transport's rules; a fresh context (execution) per call; delivered asynchronously.
 */
export function googleScriptRun(ws: FakeWorkspace, name: string, args: readonly unknown[] = [], opts: RunOptions = {}): Promise<unknown> {
  return Promise.resolve().then(() => {
    if (name.endsWith('_') || !readPublicApi().includes(name)) {
      throw new TypeError(`google.script.run.${name} is not a function`);
    }
    // reject illegal arguments before any execution starts
    args.forEach((a, i) => {
      copyArg(ws, a, String(i));
    });
    const fns = runInFreshContext(ws, { authMode: 'FULL', ...opts });
    const fn = fns[name];
    if (!fn) throw new TypeError(`google.script.run.${name} is not a function`);
    const copied = args.map((a, i) => (a === undefined ? null : copyArg(ws, a, String(i))));
    let result: unknown;
    try {
      result = fn(...copied);
    } catch (e) {
      const message = typeof e === 'object' && e !== null && 'message' in e ? String(Reflect.get(e, 'message')) : String(e);
      throw new Error(message);
    }
    try {
      return result === undefined ? undefined : copyResult(result);
    } catch (e) {
      if (e instanceof DateInResult) return null;
      throw e;
    }
  });
}
