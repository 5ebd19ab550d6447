/** Internal handles that facades carry (under a symbol, invisible to the add-on's code). */
import type { FileRecord, GridRef, SheetModel, SpreadsheetModel } from './model';
import type { Env } from './runtime';

export const HANDLE: unique symbol = Symbol('fake-handle');

export interface SsHandle {
  readonly env: Env;
  readonly file: FileRecord;
  readonly ss: SpreadsheetModel;
}
export interface SheetHandle extends SsHandle {
  readonly sheet: SheetModel;
}
export interface RangeHandle extends SheetHandle {
  readonly ref: GridRef;
}

/** Reads the handle of a facade passed back into the fake (e.g. a Range given to setNamedRange). */
export function handleOf<H>(value: unknown, what: string, check: (h: object) => boolean): H {
  if (typeof value === 'object' && value !== null) {
    const h: unknown = Reflect.get(value, HANDLE);
    if (typeof h === 'object' && h !== null && check(h)) return h as H;
  }
  throw new TypeError(`The parameters (${describeArg(value)}) don't match the method signature for ${what}.`);
}

export function isRangeHandle(h: object): boolean {
  return 'ref' in h && 'sheet' in h;
}
export function isSheetHandle(h: object): boolean {
  return 'sheet' in h && !('ref' in h);
}

export function describeArg(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'number[]';
  if (typeof v === 'object') return 'Object';
  return typeof v === 'string' ? 'String' : typeof v;
}
