/**
 * OAuth scopes: the table generated from Google's reference (scopes/authorization.json) and the call gate that
 * enforces a manifest's oauthScopes (ws.manifestScopes). Written against the public API plus FakeWorkspace controls.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeWorkspace, manifestScopesOf, requiredScopes } from '.';
import { AMBIGUOUS_METHODS, isCovered } from './oauth-scopes';

const ROOT = path.join(__dirname, '..', '..');
const AUTH = 'https://www.googleapis.com/auth/';
const MANIFEST = manifestScopesOf(path.join(ROOT, 'appsscript.json'));

function thrown(fn: () => unknown): Error | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

describe('the table (scopes/authorization.json)', () => {
  test('regenerating it from node_modules/gas-types-detailed gives the committed file', () => {
    const generated = execFileSync(process.execPath, [path.join(__dirname, 'scopes', 'generate.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(generated).toBe(readFileSync(path.join(__dirname, 'scopes', 'authorization.json'), 'utf8'));
  });

  test('Authorization blocks of the reference, in its order; [] where a method needs none; unknown names undefined', () => {
    expect(requiredScopes('DriveApp', 'getFileById')).toEqual([`${AUTH}drive.readonly`, `${AUTH}drive`]);
    expect(requiredScopes('DriveApp', 'createFolder')).toEqual([`${AUTH}drive`]);
    expect(requiredScopes('File', 'makeCopy')).toEqual([`${AUTH}drive`]);
    expect(requiredScopes('SpreadsheetApp', 'getActiveSpreadsheet')).toEqual([`${AUTH}spreadsheets.currentonly`, `${AUTH}spreadsheets`]);
    expect(requiredScopes('SpreadsheetApp', 'openById')).toEqual([`${AUTH}spreadsheets`]);
    expect(requiredScopes('Range', 'setValues')).toEqual([`${AUTH}spreadsheets.currentonly`, `${AUTH}spreadsheets`]);
    expect(requiredScopes('Ui', 'showSidebar')).toEqual([`${AUTH}script.container.ui`]);
    expect(requiredScopes('Session', 'getActiveUser')).toEqual([`${AUTH}userinfo.email`]);
    expect(requiredScopes('PropertiesService', 'getDocumentProperties')).toEqual([]);
    expect(requiredScopes('LockService', 'getScriptLock')).toEqual([]);
    expect(requiredScopes('Range', 'noSuchMethod')).toBeUndefined();
    expect(requiredScopes('NoSuchClass', 'get')).toBeUndefined();
  });

  test('advanced services: the REST methods’ scopes (drive.file works for Sheets, Drive v3 and Docs)', () => {
    expect(requiredScopes('Sheets.Spreadsheets.Values', 'batchGet')).toContain(`${AUTH}spreadsheets.readonly`);
    expect(requiredScopes('Sheets.Spreadsheets.Values', 'batchUpdate')).toEqual([`${AUTH}drive`, `${AUTH}drive.file`, `${AUTH}spreadsheets`]);
    expect(requiredScopes('Drive.Files', 'get')).toContain(`${AUTH}drive.file`);
    expect(requiredScopes('Drive.Permissions', 'create')).toEqual([`${AUTH}drive`, `${AUTH}drive.file`]);
    expect(requiredScopes('Docs.Documents', 'batchUpdate')).toEqual([`${AUTH}documents`, `${AUTH}drive`, `${AUTH}drive.file`]);
  });

  test('a Class.method two services share with different scopes accepts either (listed as ambiguous)', () => {
    expect(AMBIGUOUS_METHODS).toContain('ListItem.getType');
    expect(requiredScopes('ListItem', 'getType')).toEqual(expect.arrayContaining([`${AUTH}documents`, `${AUTH}forms`]));
  });

  test('a broader scope includes the narrower ones', () => {
    expect(isCovered([`${AUTH}spreadsheets.currentonly`], [`${AUTH}spreadsheets`])).toBe(true);
    expect(isCovered([`${AUTH}spreadsheets.readonly`], [`${AUTH}spreadsheets`])).toBe(true);
    expect(isCovered([`${AUTH}drive.readonly`], [`${AUTH}drive`])).toBe(true);
    expect(isCovered([`${AUTH}drive.file`], [`${AUTH}drive`])).toBe(true);
    expect(isCovered([`${AUTH}documents.currentonly`], [`${AUTH}documents`])).toBe(true);
    expect(isCovered([`${AUTH}forms.currentonly`], [`${AUTH}forms`])).toBe(true);
    expect(isCovered([`${AUTH}drive`], [`${AUTH}drive.file`])).toBe(false);
    expect(isCovered([`${AUTH}spreadsheets`], [`${AUTH}spreadsheets.currentonly`])).toBe(false);
    expect(isCovered([], [])).toBe(true);
  });
});

describe('ws.manifestScopes: the call gate', () => {
  test('the repository manifest lists drive.file, not drive', () => {
    expect(MANIFEST).toContain(`${AUTH}drive.file`);
    expect(MANIFEST).not.toContain(`${AUTH}drive`);
  });

  test('with the repository manifest DriveApp.getFileById fails as Apps Script does; the Drive advanced service passes', () => {
    const ws = new FakeWorkspace({ manifestScopes: MANIFEST });
    const hostId = ws.createHostSpreadsheet();
    const g = ws.installGlobals();
    const e = thrown(() => g.DriveApp.getFileById(hostId));
    expect(e?.name).toBe('Exception');
    expect(e?.message).toBe(
      `Specified permissions are not sufficient to call DriveApp.getFileById. Required permissions: (${AUTH}drive.readonly || ${AUTH}drive)`,
    );
    expect(ws.calls.at(-1)).toMatchObject({ service: 'DriveApp', method: 'getFileById', denied: true });
    expect(() => g.DriveApp.createFolder('Мониторинг')).toThrow(
      `Specified permissions are not sufficient to call DriveApp.createFolder. Required permissions: ${AUTH}drive`,
    );
    // what the manifest does cover runs
    expect(g.SpreadsheetApp.openById(hostId).getName()).toContain('Мониторинг');
    expect(() => g.Sheets?.Spreadsheets.Values.batchGet(hostId, { ranges: ['A1:B2'] })).not.toThrow();
    expect(() => g.PropertiesService.getDocumentProperties()?.setProperty('k', 'v')).not.toThrow();
    // Drive v3 (drive.file): only the scope check is asserted, the Drive fake decides the rest
    const drive: unknown = Reflect.get(g, 'Drive');
    const files: unknown = typeof drive === 'object' && drive !== null ? Reflect.get(drive, 'Files') : undefined;
    const get: unknown = typeof files === 'object' && files !== null ? Reflect.get(files, 'get') : undefined;
    if (typeof get !== 'function') return; // the Drive advanced fake is not there: nothing more to check
    const driveError = thrown(() => get.call(files, hostId));
    expect(driveError?.message ?? '').not.toMatch(/Specified permissions/);
    expect(ws.calls.find((c) => c.service === 'Drive.Files' && c.method === 'get')).toMatchObject({ denied: false });
  });

  test('null (the default) enforces nothing; [] refuses every call that needs a scope', () => {
    const free = new FakeWorkspace();
    const id = free.createHostSpreadsheet();
    expect(() => free.installGlobals().DriveApp.getFileById(id)).not.toThrow();
    const none = new FakeWorkspace({ manifestScopes: [] });
    none.createHostSpreadsheet();
    const g = none.installGlobals();
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow(
      `Specified permissions are not sufficient to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (${AUTH}spreadsheets.currentonly || ${AUTH}spreadsheets)`,
    );
    expect(() => g.LockService.getScriptLock().tryLock(10)).not.toThrow();
    expect(() => g.Utilities.getUuid()).not.toThrow();
  });

  test('the property can be set later, and the auth mode is checked first', () => {
    const ws = new FakeWorkspace();
    const id = ws.createHostSpreadsheet();
    ws.manifestScopes = [`${AUTH}spreadsheets.currentonly`];
    const g = ws.installGlobals();
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).not.toThrow();
    expect(() => g.SpreadsheetApp.openById(id)).toThrow(/Specified permissions are not sufficient to call SpreadsheetApp.openById/);
    const limited = ws.installGlobals({ authMode: 'LIMITED' });
    expect(() => limited.SpreadsheetApp.openById(id)).toThrow('You do not have permission to call SpreadsheetApp.openById');
  });
});

/** Every method of the fake's facades, by the class name the call log uses, reached through the public API. */
function facades(ws: FakeWorkspace): Array<[string, object]> {
  const hostId = ws.createHostSpreadsheet();
  const g = ws.installGlobals();
  const ss = g.SpreadsheetApp.openById(hostId);
  const sheet = ss.getSheets()[0];
  if (!sheet) throw new Error('no sheet');
  const range = sheet.getRange('A1:B2');
  const doc = g.DocumentApp.create('Справка');
  const body = doc.getBody();
  const form = g.FormApp.create('Опрос');
  const folder = g.DriveApp.createFolder('Папка');
  const out: Array<[string, object]> = [
    ['SpreadsheetApp', g.SpreadsheetApp],
    ['Spreadsheet', ss],
    ['Sheet', sheet],
    ['Range', range],
    ['RangeList', sheet.getRangeList(['A1'])],
    ['Protection', range.protect()],
    ['DataValidationBuilder', g.SpreadsheetApp.newDataValidation()],
    ['ConditionalFormatRuleBuilder', g.SpreadsheetApp.newConditionalFormatRule()],
    ['DocumentApp', g.DocumentApp],
    ['Document', doc],
    ['Body', body],
    ['Paragraph', body.appendParagraph('x')],
    ['Table', body.appendTable([['a']])],
    ['FormApp', g.FormApp],
    ['Form', form],
    ['Item', form.addTextItem()],
    ['DriveApp', g.DriveApp],
    ['Folder', folder],
    ['File', g.DriveApp.getFileById(hostId)],
    ['FileIterator', g.DriveApp.getFilesByName('x')],
    ['PropertiesService', g.PropertiesService],
    ['Properties', g.PropertiesService.getScriptProperties()],
    ['LockService', g.LockService],
    ['Lock', g.LockService.getScriptLock()],
    ['HtmlService', g.HtmlService],
    ['HtmlOutput', g.HtmlService.createHtmlOutput('<p>x</p>')],
    ['Ui', g.SpreadsheetApp.getUi()],
    ['Menu', g.SpreadsheetApp.getUi().createAddonMenu()],
    ['Session', g.Session],
    ['User', g.Session.getActiveUser()],
    ['Utilities', g.Utilities],
    ['Blob', g.Utilities.newBlob('x')],
    ['Logger', g.Logger],
    ['console', g.console],
    ['ScriptApp', g.ScriptApp],
    ['MailApp', g.MailApp],
  ];
  // advanced services, as the call log names them (Drive v3 and Docs only when their fakes are there)
  const advanced: Array<[string, string[]]> = [
    ['Sheets.Spreadsheets', ['Sheets', 'Spreadsheets']],
    ['Sheets.Spreadsheets.Values', ['Sheets', 'Spreadsheets', 'Values']],
    ['Drive.Files', ['Drive', 'Files']],
    ['Drive.Permissions', ['Drive', 'Permissions']],
    ['Docs.Documents', ['Docs', 'Documents']],
  ];
  for (const [service, path] of advanced) {
    const obj = path.reduce<unknown>((o, key) => (typeof o === 'object' && o !== null ? Reflect.get(o, key) : undefined), g);
    if (typeof obj === 'object' && obj !== null) out.push([service, obj]);
  }
  return out;
}

function methodNames(obj: object): string[] {
  const names = new Set<string>();
  for (let p: unknown = Object.getPrototypeOf(obj); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (typeof p !== 'object' || p === null) break;
    for (const name of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (name !== 'constructor' && typeof d?.value === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

test('methods the table does not know pass unchecked; logged here so that we know which', () => {
  const ws = new FakeWorkspace();
  const unknownClass: string[] = [];
  const unknownMethod: string[] = [];
  let known = 0;
  for (const [service, obj] of facades(ws)) {
    const names = methodNames(obj);
    const inTable = names.filter((m) => requiredScopes(service, m) !== undefined);
    known += inTable.length;
    const missing = names.filter((m) => !inTable.includes(m)).map((m) => `${service}.${m}`);
    (inTable.length === 0 ? unknownClass : unknownMethod).push(...missing);
  }
  console.info(
    `scope table: ${known} fake methods known; not in the reference (unchecked): ${unknownMethod.join(', ') || 'none'}; classes unknown: ${unknownClass.join(', ') || 'none'}`,
  );
  expect(known).toBeGreaterThan(200);
  // every Apps Script service the add-on calls is in the table (its fake-only helpers are the exceptions logged above)
  expect(unknownClass.filter((n) => !n.startsWith('Drive.') && !n.startsWith('Docs.'))).toEqual([]);
});
