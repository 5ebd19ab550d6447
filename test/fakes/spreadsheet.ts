/** SpreadsheetApp and Spreadsheet (sheets, named ranges, sharing, locale/time zone, toasts). */
import { assertCellRoom } from './api-limits';
import { BooleanCriteria, BorderStyle, DataValidationCriteria, enumName, ProtectionType, WrapStrategy } from './enums';
import { HANDLE, type SheetHandle, type SsHandle } from './handles';
import { makeUi, type FakeUi } from './html-ui';
import { DEFAULT_COLS, DEFAULT_ROWS, newSheetModel, type FileRecord, type GridRef, type SheetModel } from './model';
import { makeProtection, type FakeProtection } from './protection';
import { makeRange, rangeHandle, type FakeRange } from './range';
import { emailOf, makeUser, track, type Env, type FakeUser } from './runtime';
import { getRangeByA1, makeSheet, type FakeSheet } from './sheet';
import { newCfRuleBuilder, newDataValidationBuilder, type FakeConditionalFormatRuleBuilder, type FakeDataValidationBuilder } from './validation';

export function makeSpreadsheet(env: Env, file: FileRecord): FakeSpreadsheet {
  const ss = file.spreadsheet;
  if (!ss) throw env.ws.error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  return track(env, 'Spreadsheet', new FakeSpreadsheet({ env, file, ss }));
}

export function renameSheet(h: SsHandle, sheet: SheetModel, name: unknown): void {
  const text = typeof name === 'string' ? name.trim() : '';
  if (text === '' || text.length > 100) throw h.env.ws.error(`Invalid sheet name: "${String(name)}".`);
  if (h.ss.sheets.some((s) => s !== sheet && s.name.toLowerCase() === text.toLowerCase())) {
    throw h.env.ws.error(`A sheet with the name "${text}" already exists. Please enter another name.`);
  }
  sheet.name = text;
}

/**
 * Sheets' rules for names: letters, digits and underscores; not starting with a digit; not
 * TRUE/FALSE; not a cell reference in A1 (up to column ZZZ) or R1C1 notation; 1–250 chars.
 */
export function isValidRangeName(name: string): boolean {
  if (name.length < 1 || name.length > 250) return false;
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) return false;
  if (/^(true|false)$/i.test(name)) return false;
  if (/^[A-Za-z]{1,3}\d+$/.test(name)) return false;
  return !/^(?:[Rr]\d*[Cc]\d*|[RrCc])$/.test(name);
}

export class FakeSpreadsheetApp {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly BooleanCriteria = BooleanCriteria;
  readonly BorderStyle = BorderStyle;
  readonly WrapStrategy = WrapStrategy;
  constructor(private readonly env: Env) {}

  create(name: string, rows?: number, columns?: number): FakeSpreadsheet {
    assertCellRoom(this.env.ws, null, (rows ?? DEFAULT_ROWS) * (columns ?? DEFAULT_COLS));
    this.env.ws.consumeQuota('spreadsheetCreate');
    return makeSpreadsheet(this.env, this.env.ws.newSpreadsheetRecord(String(name), rows, columns));
  }
  openById(id: string): FakeSpreadsheet {
    const ws = this.env.ws;
    const rec = ws.files.get(String(id));
    if (!rec || rec.trashed || rec.kind !== 'spreadsheet') {
      throw ws.error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    }
    if (!ws.canAccess(rec)) throw ws.error('You do not have permission to access the requested document.');
    return makeSpreadsheet(this.env, rec);
  }
  openByUrl(url: string): FakeSpreadsheet {
    const m = /\/spreadsheets\/d\/([\w-]+)/.exec(String(url));
    if (!m?.[1]) throw this.env.ws.error('Invalid argument: url');
    return this.openById(m[1]);
  }
  getActiveSpreadsheet(): FakeSpreadsheet | null {
    const id = this.env.ws.hostId;
    return id === null ? null : makeSpreadsheet(this.env, this.env.ws.file(id));
  }
  getActive(): FakeSpreadsheet | null {
    return this.getActiveSpreadsheet();
  }
  getActiveSheet(): FakeSheet | null {
    const id = this.env.ws.hostId;
    if (id === null) return null;
    const file = this.env.ws.file(id);
    return new FakeSpreadsheet({ env: this.env, file, ss: this.env.ws.spreadsheetModel(id) }).getActiveSheet();
  }
  getUi(): FakeUi {
    if (this.env.ws.hostId === null) throw this.env.ws.error('Cannot call SpreadsheetApp.getUi() from this context.');
    return makeUi(this.env);
  }
  flush(): void {
    // Nothing is buffered in the fake.
  }
  newDataValidation(): FakeDataValidationBuilder {
    return newDataValidationBuilder(this.env);
  }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return newCfRuleBuilder(this.env);
  }
}

export class FakeSpreadsheet {
  readonly [HANDLE]: SsHandle;
  constructor(h: SsHandle) {
    this[HANDLE] = h;
  }
  private sheetHandle(sheet: SheetModel): SheetHandle {
    return { ...this[HANDLE], sheet };
  }
  private sheetOf(value: unknown): SheetModel {
    const h: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, HANDLE) : undefined;
    const sheet: unknown = typeof h === 'object' && h !== null ? Reflect.get(h, 'sheet') : undefined;
    const found = this[HANDLE].ss.sheets.find((s) => s === sheet);
    if (!found) throw this[HANDLE].env.ws.error('The sheet does not belong to this spreadsheet.');
    return found;
  }

  getId(): string {
    return this[HANDLE].file.id;
  }
  getName(): string {
    return this[HANDLE].file.name;
  }
  rename(newName: string): void {
    this[HANDLE].file.name = String(newName);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this[HANDLE].file.id}/edit`;
  }
  getSheets(): FakeSheet[] {
    return this[HANDLE].env.ws.array(this[HANDLE].ss.sheets.map((s) => makeSheet(this[HANDLE], s)));
  }
  getNumSheets(): number {
    return this[HANDLE].ss.sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    const sheet = this[HANDLE].ss.sheets.find((s) => s.name === name);
    return sheet ? makeSheet(this[HANDLE], sheet) : null;
  }
  getSheetById(id: number): FakeSheet | null {
    const sheet = this[HANDLE].ss.sheets.find((s) => s.id === id);
    return sheet ? makeSheet(this[HANDLE], sheet) : null;
  }
  getActiveSheet(): FakeSheet {
    const { ss } = this[HANDLE];
    const sheet = ss.sheets.find((s) => s.id === ss.activeSheetId) ?? ss.sheets[0];
    if (!sheet) throw this[HANDLE].env.ws.error('The spreadsheet has no sheets.');
    return makeSheet(this[HANDLE], sheet);
  }
  setActiveSheet(sheet: unknown): FakeSheet {
    const model = this.sheetOf(sheet);
    this[HANDLE].ss.activeSheetId = model.id;
    return makeSheet(this[HANDLE], model);
  }
  /** insertSheet(), insertSheet(name), insertSheet(index), insertSheet(name, index); becomes active. */
  insertSheet(a?: unknown, b?: unknown): FakeSheet {
    const h = this[HANDLE];
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : h.ss.sheets.length;
    let name: string;
    if (typeof a === 'string') name = a;
    else {
      const prefix = h.ss.locale.startsWith('ru') ? 'Лист' : 'Sheet';
      let n = h.ss.sheets.length + 1;
      while (h.ss.sheets.some((s) => s.name.toLowerCase() === `${prefix}${n}`.toLowerCase())) n++;
      name = `${prefix}${n}`;
    }
    if (index < 0 || index > h.ss.sheets.length) throw h.env.ws.error(`Sheet index out of range: ${index}`);
    assertCellRoom(h.env.ws, h.ss, DEFAULT_ROWS * DEFAULT_COLS);
    const sheet = newSheetModel(h.ss.nextSheetId++, '');
    renameSheet(h, sheet, name);
    h.ss.sheets.splice(index, 0, sheet);
    h.ss.activeSheetId = sheet.id;
    return makeSheet(h, sheet);
  }
  deleteSheet(sheet: unknown): void {
    const h = this[HANDLE];
    const model = this.sheetOf(sheet);
    if (h.ss.sheets.length === 1) throw h.env.ws.error("You can't remove all the sheets in a document.");
    h.ss.sheets = h.ss.sheets.filter((s) => s !== model);
    h.ss.protections = h.ss.protections.filter((p) => p.sheetId !== model.id);
    for (const [name, ref] of [...h.ss.namedRanges]) if (ref.sheetId === model.id) h.ss.namedRanges.delete(name);
    if (h.ss.activeSheetId === model.id) h.ss.activeSheetId = h.ss.sheets[0]?.id ?? 0;
  }
  moveActiveSheet(pos: number): void {
    const { ss } = this[HANDLE];
    const sheet = ss.sheets.find((s) => s.id === ss.activeSheetId);
    if (!sheet) return;
    ss.sheets = ss.sheets.filter((s) => s !== sheet);
    ss.sheets.splice(Math.max(0, Math.min(pos - 1, ss.sheets.length)), 0, sheet);
  }
  getRange(a1Notation: string): FakeRange {
    return getRangeByA1(this.sheetHandle(this.getActiveSheet()[HANDLE].sheet), a1Notation);
  }

  // ------------------------------------------------------------- named ranges --
  setNamedRange(name: string, range: unknown): void {
    const rh = rangeHandle(range, 'SpreadsheetApp.Spreadsheet.setNamedRange');
    if (!isValidRangeName(String(name))) {
      throw this[HANDLE].env.ws.error(
        `Invalid named range name: "${String(name)}". Use letters, numbers and underscores; do not start with a number or look like a cell reference (A1, R1C1).`,
      );
    }
    this[HANDLE].ss.namedRanges.set(String(name), { ...rh.ref });
  }
  getRangeByName(name: string): FakeRange | null {
    const ref = this[HANDLE].ss.namedRanges.get(name);
    return ref ? this.rangeOf(ref) : null;
  }
  getNamedRanges(): FakeNamedRange[] {
    const h = this[HANDLE];
    return h.env.ws.array([...h.ss.namedRanges.keys()].map((n) => track(h.env, 'NamedRange', new FakeNamedRange(h, n))));
  }
  removeNamedRange(name: string): void {
    if (!this[HANDLE].ss.namedRanges.delete(name)) throw this[HANDLE].env.ws.error(`Named range not found: ${name}`);
  }
  private rangeOf(ref: GridRef): FakeRange {
    const sheet = this[HANDLE].ss.sheets.find((s) => s.id === ref.sheetId);
    if (!sheet) throw this[HANDLE].env.ws.error('Range not found');
    return makeRange(this.sheetHandle(sheet), ref);
  }

  // ------------------------------------------------------------ settings --
  getSpreadsheetTimeZone(): string {
    return this[HANDLE].ss.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this[HANDLE].ss.timeZone = String(timezone);
  }
  getSpreadsheetLocale(): string {
    return this[HANDLE].ss.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this[HANDLE].ss.locale = String(locale);
  }
  toast(msg: string, title = '', timeoutSeconds = 5): void {
    this[HANDLE].ss.toasts.push({ message: String(msg), title: String(title), timeoutSeconds });
  }
  getProtections(type: unknown): FakeProtection[] {
    const h = this[HANDLE];
    const name = enumName(type, 'ProtectionType');
    return h.env.ws.array(h.ss.protections.filter((p) => p.type === name).map((p) => makeProtection(h, p)));
  }

  // ------------------------------------------------------------- sharing --
  addEditor(emailOrUser: unknown): FakeSpreadsheet {
    this[HANDLE].env.ws.grant(this[HANDLE].file, emailOf(emailOrUser), 'editor');
    return this;
  }
  addEditors(emailAddresses: unknown): FakeSpreadsheet {
    if (Array.isArray(emailAddresses)) for (const e of emailAddresses) this.addEditor(e);
    return this;
  }
  removeEditor(emailOrUser: unknown): FakeSpreadsheet {
    const email = emailOf(emailOrUser);
    this[HANDLE].file.editors = this[HANDLE].file.editors.filter((e) => e !== email);
    return this;
  }
  /** Editors other than the owner (use getOwner for the owner). */
  getEditors(): FakeUser[] {
    return this[HANDLE].env.ws.array(this[HANDLE].file.editors.map((e) => makeUser(this[HANDLE].env, e)));
  }
  addViewer(emailOrUser: unknown): FakeSpreadsheet {
    this[HANDLE].env.ws.grant(this[HANDLE].file, emailOf(emailOrUser), 'viewer');
    return this;
  }
  addViewers(emailAddresses: unknown): FakeSpreadsheet {
    if (Array.isArray(emailAddresses)) for (const e of emailAddresses) this.addViewer(e);
    return this;
  }
  getViewers(): FakeUser[] {
    return this[HANDLE].env.ws.array(this[HANDLE].file.viewers.map((e) => makeUser(this[HANDLE].env, e)));
  }
  getOwner(): FakeUser {
    return makeUser(this[HANDLE].env, this[HANDLE].file.owner);
  }
}

export class FakeNamedRange {
  constructor(
    private readonly h: SsHandle,
    private name: string,
  ) {}
  getName(): string {
    return this.name;
  }
  getRange(): FakeRange {
    const ref = this.h.ss.namedRanges.get(this.name);
    const sheet = ref ? this.h.ss.sheets.find((s) => s.id === ref.sheetId) : undefined;
    if (!ref || !sheet) throw this.h.env.ws.error('Range not found');
    return makeRange({ ...this.h, sheet }, ref);
  }
  setName(name: string): FakeNamedRange {
    const ref = this.h.ss.namedRanges.get(this.name);
    if (!isValidRangeName(name)) throw this.h.env.ws.error(`Invalid named range name: "${name}".`);
    if (ref) {
      this.h.ss.namedRanges.delete(this.name);
      this.h.ss.namedRanges.set(name, ref);
    }
    this.name = name;
    return this;
  }
  setRange(range: unknown): FakeNamedRange {
    this.h.ss.namedRanges.set(this.name, { ...rangeHandle(range, 'SpreadsheetApp.NamedRange.setRange').ref });
    return this;
  }
  remove(): void {
    this.h.ss.namedRanges.delete(this.name);
  }
}
