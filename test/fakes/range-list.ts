/**
 * Sheet.getRangeList(a1Notations): one call that formats or fills several ranges of a sheet.
 * Logged once as `RangeList.<method>` (the per-range work is not logged as Range calls).
 * Every range is checked against protections before any of them changes.
 */
import { HANDLE, type SheetHandle } from './handles';
import type { GridRef } from './model';
import { assertCanEdit } from './protection';
import { FakeRange, makeRange } from './range';
import { track } from './runtime';
import { getRangeByA1 } from './sheet';

export function makeRangeList(h: SheetHandle, a1Notations: unknown): FakeRangeList {
  if (!Array.isArray(a1Notations) || a1Notations.some((a) => typeof a !== 'string')) {
    throw h.env.ws.error("The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.getRangeList.");
  }
  const refs = a1Notations.map((a1: string) => getRangeByA1(h, a1)[HANDLE].ref);
  if (refs.some((r) => r.sheetId !== h.sheet.id)) throw h.env.ws.error('Range not found');
  return track(h.env, 'RangeList', new FakeRangeList(h, refs));
}

export class FakeRangeList {
  constructor(
    private readonly h: SheetHandle,
    private readonly refs: readonly GridRef[],
  ) {}
  /** Untracked ranges for the work; all checked against protections first. */
  private each(fn: (r: FakeRange) => unknown): this {
    const ranges = this.refs.map((ref) => new FakeRange({ ...this.h, ref: { ...ref } }));
    for (const r of ranges) assertCanEdit(r[HANDLE]);
    for (const r of ranges) fn(r);
    return this;
  }
  getRanges(): FakeRange[] {
    return this.h.env.ws.array(this.refs.map((ref) => makeRange(this.h, ref)));
  }
  setBackground(color: string | null): FakeRangeList {
    return this.each((r) => r.setBackground(color));
  }
  setFontWeight(fontWeight: string | null): FakeRangeList {
    return this.each((r) => r.setFontWeight(fontWeight));
  }
  setFontColor(color: string | null): FakeRangeList {
    return this.each((r) => r.setFontColor(color));
  }
  setWrap(isWrapEnabled: boolean): FakeRangeList {
    return this.each((r) => r.setWrap(isWrapEnabled));
  }
  setHorizontalAlignment(alignment: string | null): FakeRangeList {
    return this.each((r) => r.setHorizontalAlignment(alignment));
  }
  setVerticalAlignment(alignment: string | null): FakeRangeList {
    return this.each((r) => r.setVerticalAlignment(alignment));
  }
  setNumberFormat(format: string): FakeRangeList {
    return this.each((r) => r.setNumberFormat(format));
  }
  setBorder(...args: unknown[]): FakeRangeList {
    return this.each((r) => r.setBorder(...args));
  }
  setValue(value: unknown): FakeRangeList {
    return this.each((r) => r.setValue(value));
  }
  setFormula(formula: string): FakeRangeList {
    return this.each((r) => r.setFormula(formula));
  }
  setNote(note: string | null): FakeRangeList {
    return this.each((r) => r.setNote(note));
  }
  clear(options?: unknown): FakeRangeList {
    return this.each((r) => r.clear(options));
  }
  clearContent(): FakeRangeList {
    return this.each((r) => r.clearContent());
  }
  clearFormat(): FakeRangeList {
    return this.each((r) => r.clearFormat());
  }
  clearDataValidations(): FakeRangeList {
    return this.each((r) => r.clearDataValidations());
  }
  clearNote(): FakeRangeList {
    return this.each((r) => r.clearNote());
  }
  breakApart(): FakeRangeList {
    return this.each((r) => r.breakApart());
  }
}
