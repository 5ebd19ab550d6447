/**
 * Protection (sheet and range) and the edit check applied to every write.
 *
 * Model (from the Apps Script reference for Range.protect / Sheet.protect / Protection):
 * - The spreadsheet owner can always edit.
 * - Until the script changes the editor list (addEditor/removeEditor(s)), a new protection's
 *   permissions "mirror those of the spreadsheet itself": every file editor can still edit.
 *   The first change materialises the list as owner + file editors + current user.
 * - removeEditor(s) never removes the owner or the current user.
 * - setWarningOnly(true): everybody may edit; setDomainEdit(true): the owner's domain may edit.
 * - A sheet protection can exempt ranges with setUnprotectedRanges (ignored for RANGE type).
 */
import { ProtectionType, type EnumValue } from './enums';
import type { RangeHandle, SheetHandle, SsHandle } from './handles';
import { cellIn, containsRef, intersects, type FileRecord, type GridRef, type ProtectionModel } from './model';
import { domainOf, emailOf, makeUser, track, type FakeUser } from './runtime';
import { makeRange, rangeHandle, type FakeRange } from './range';

export const PROTECTED_MSG =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export function canEditProtection(p: ProtectionModel, user: string, file: FileRecord): boolean {
  if (user === file.owner || p.warningOnly) return true;
  if (p.domainEdit && domainOf(user) !== '' && domainOf(user) === domainOf(file.owner)) return true;
  if (p.editors === null) return file.editors.includes(user);
  return p.editors.has(user);
}

function blocks(p: ProtectionModel, ref: GridRef): boolean {
  if (p.sheetId !== ref.sheetId) return false;
  if (p.type === 'RANGE') return p.ref !== null && intersects(p.ref, ref);
  if (p.unprotected.some((u) => containsRef(u, ref))) return false;
  for (let r = ref.row; r < ref.row + ref.numRows; r++) {
    for (let c = ref.col; c < ref.col + ref.numCols; c++) {
      if (!p.unprotected.some((u) => cellIn(u, r, c))) return true;
    }
  }
  return false;
}

/** Throws the Sheets message when the acting user may not edit some cell of the range. */
export function assertCanEdit(h: RangeHandle): void {
  const user = h.env.ws.currentUser;
  for (const p of h.ss.protections) {
    if (!canEditProtection(p, user, h.file) && blocks(p, h.ref)) throw h.env.ws.error(PROTECTED_MSG);
  }
}

/** Structural sheet changes (rename, insert/delete rows, hide, clear…) on a protected sheet. */
export function assertSheetEditable(h: SheetHandle, affected?: GridRef): void {
  const user = h.env.ws.currentUser;
  for (const p of h.ss.protections) {
    if (p.sheetId !== h.sheet.id || canEditProtection(p, user, h.file)) continue;
    if (p.type === 'SHEET' || (affected !== undefined && p.ref !== null && intersects(p.ref, affected))) {
      throw h.env.ws.error(PROTECTED_MSG);
    }
  }
}

function newModel(h: SheetHandle, type: 'RANGE' | 'SHEET', ref: GridRef | null): ProtectionModel {
  const p: ProtectionModel = {
    id: h.ss.nextProtectionId++,
    type,
    sheetId: h.sheet.id,
    ref,
    description: '',
    editors: null,
    warningOnly: false,
    domainEdit: false,
    unprotected: [],
    rangeName: null,
  };
  h.ss.protections.push(p);
  return p;
}

export function newRangeProtection(h: RangeHandle): ProtectionModel {
  assertCanEdit(h);
  return newModel(h, 'RANGE', { ...h.ref });
}

/** Sheet.protect(): the existing sheet protection, or a new one. */
export function sheetProtection(h: SheetHandle): ProtectionModel {
  const existing = h.ss.protections.find((p) => p.type === 'SHEET' && p.sheetId === h.sheet.id);
  if (existing) return existing;
  assertSheetEditable(h);
  return newModel(h, 'SHEET', null);
}

export function makeProtection(h: SsHandle, model: ProtectionModel): FakeProtection {
  return track(h.env, 'Protection', new FakeProtection(h, model));
}

export class FakeProtection {
  constructor(
    private readonly h: SsHandle,
    private readonly p: ProtectionModel,
  ) {}

  private sheetHandle(): SheetHandle {
    const sheet = this.h.ss.sheets.find((s) => s.id === this.p.sheetId);
    if (!sheet) throw this.h.env.ws.error('The sheet of this protection was deleted.');
    return { env: this.h.env, file: this.h.file, ss: this.h.ss, sheet };
  }
  private mutate(): ProtectionModel {
    if (!canEditProtection(this.p, this.h.env.ws.currentUser, this.h.file)) throw this.h.env.ws.error(PROTECTED_MSG);
    return this.p;
  }
  private editorList(): Set<string> {
    const p = this.mutate();
    if (p.editors === null) p.editors = new Set([this.h.file.owner, ...this.h.file.editors, this.h.env.ws.currentUser]);
    return p.editors;
  }

  getProtectionType(): EnumValue {
    return ProtectionType[this.p.type];
  }
  getDescription(): string {
    return this.p.description;
  }
  setDescription(description: string): FakeProtection {
    this.mutate().description = String(description);
    return this;
  }
  getRange(): FakeRange {
    const sh = this.sheetHandle();
    const ref = this.p.ref ?? { sheetId: sh.sheet.id, row: 1, col: 1, numRows: sh.sheet.maxRows, numCols: sh.sheet.maxCols };
    return makeRange(sh, ref);
  }
  setRange(range: unknown): FakeProtection {
    const rh = rangeHandle(range, 'SpreadsheetApp.Protection.setRange');
    if (this.p.type === 'RANGE') this.mutate().ref = { ...rh.ref };
    return this;
  }
  getRangeName(): string | null {
    return this.p.rangeName;
  }
  setRangeName(rangeName: string): FakeProtection {
    const ref = this.h.ss.namedRanges.get(rangeName);
    if (!ref) throw this.h.env.ws.error(`Range not found: ${rangeName}`);
    const p = this.mutate();
    p.rangeName = rangeName;
    if (p.type === 'RANGE') p.ref = { ...ref };
    return this;
  }
  getUnprotectedRanges(): FakeRange[] {
    const sh = this.sheetHandle();
    return this.h.env.ws.array(this.p.unprotected.map((u) => makeRange(sh, u)));
  }
  /** Replaces the exemptions; ranges on other sheets and calls on RANGE protections are ignored. */
  setUnprotectedRanges(ranges: unknown): FakeProtection {
    if (!Array.isArray(ranges)) throw new TypeError("The parameters don't match the method signature for SpreadsheetApp.Protection.setUnprotectedRanges.");
    const refs = ranges.map((r) => rangeHandle(r, 'SpreadsheetApp.Protection.setUnprotectedRanges').ref);
    const p = this.mutate();
    if (p.type === 'SHEET') p.unprotected = refs.filter((r) => r.sheetId === p.sheetId).map((r) => ({ ...r }));
    return this;
  }
  getEditors(): FakeUser[] {
    const list = this.p.editors === null ? [this.h.file.owner, ...this.h.file.editors] : [...this.p.editors];
    return this.h.env.ws.array(list.map((e) => makeUser(this.h.env, e)));
  }
  addEditor(emailOrUser: unknown): FakeProtection {
    this.editorList().add(emailOf(emailOrUser));
    return this;
  }
  addEditors(emailAddresses: unknown): FakeProtection {
    const list = this.editorList();
    if (Array.isArray(emailAddresses)) for (const e of emailAddresses) list.add(emailOf(e));
    return this;
  }
  removeEditor(emailOrUser: unknown): FakeProtection {
    return this.removeEditors([emailOrUser]);
  }
  removeEditors(emailsOrUsers: unknown): FakeProtection {
    const list = this.editorList();
    const keep = new Set([this.h.file.owner, this.h.env.ws.currentUser]);
    if (Array.isArray(emailsOrUsers)) {
      for (const e of emailsOrUsers) {
        const email = emailOf(e);
        if (!keep.has(email)) list.delete(email);
      }
    }
    return this;
  }
  canEdit(): boolean {
    return canEditProtection(this.p, this.h.env.ws.currentUser, this.h.file);
  }
  canDomainEdit(): boolean {
    return this.p.domainEdit;
  }
  setDomainEdit(editable: boolean): FakeProtection {
    this.mutate().domainEdit = Boolean(editable);
    return this;
  }
  isWarningOnly(): boolean {
    return this.p.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.mutate().warningOnly = Boolean(warningOnly);
    return this;
  }
  remove(): void {
    this.mutate();
    this.h.ss.protections = this.h.ss.protections.filter((x) => x !== this.p);
  }
}
