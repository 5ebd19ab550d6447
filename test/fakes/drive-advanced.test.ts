/**
 * The fake Drive advanced service (`Drive`, REST v3): Files over the same store as DriveApp / SpreadsheetApp /
 * DocumentApp / FormApp. Written against the public API only (plus FakeWorkspace controls), and called through
 * the real typings (GoogleAppsScript.Drive, apis/drive_v3.d.ts) so the call shapes are the ones production code
 * can write. Sharing, drive.file and the call log: drive-advanced-sharing.test.ts.
 */
import { blob, NO_MEDIA, setup, thrown } from '../helpers/drive-v3';

const FOLDER = 'application/vnd.google-apps.folder';
const SHEET = 'application/vnd.google-apps.spreadsheet';
const DOC = 'application/vnd.google-apps.document';
const FORM = 'application/vnd.google-apps.form';

describe('Files.create', () => {
  test('Google files are real records: SpreadsheetApp, DocumentApp and FormApp open them', () => {
    const { g, Drive } = setup();
    const folder = Drive.Files.create({ name: 'Мониторинг 2026', mimeType: FOLDER });
    expect(Object.keys(folder).sort()).toEqual(['id', 'kind', 'mimeType', 'name']); // the default fields of v3
    expect(folder).toMatchObject({ kind: 'drive#file', name: 'Мониторинг 2026', mimeType: FOLDER });
    const ss = Drive.Files.create({ name: 'Школа №1', mimeType: SHEET, parents: [folder.id ?? ''] }, NO_MEDIA, {
      fields: 'id,name,webViewLink,parents,appProperties,modifiedTime',
    });
    expect(ss.parents).toEqual([folder.id]);
    expect(ss.webViewLink).toBe(`https://docs.google.com/spreadsheets/d/${ss.id}/edit?usp=drivesdk`);
    expect(ss.modifiedTime).toBe('2026-02-02T00:00:00.000Z');
    expect(ss).not.toHaveProperty('mimeType');
    expect(ss).not.toHaveProperty('appProperties'); // none set: the API leaves the field out
    expect(
      g.SpreadsheetApp.openById(ss.id ?? '')
        .getSheets()
        .map((s) => s.getName()),
    ).toEqual(['Лист1']);
    const doc = Drive.Files.create({ name: 'Справка', mimeType: DOC });
    expect(
      g.DocumentApp.openById(doc.id ?? '')
        .getBody()
        .getText(),
    ).toBe('');
    const form = Drive.Files.create({ name: 'Анкета', mimeType: FORM });
    expect(g.FormApp.openById(form.id ?? '').getItems()).toHaveLength(0);
    expect(
      g.DriveApp.getFolderById(folder.id ?? '')
        .getFiles()
        .next()
        .getName(),
    ).toBe('Школа №1');
  });

  test('appProperties, description, writersCanShare and parents come back through Files.get', () => {
    const { Drive } = setup();
    const f = Drive.Files.create({
      name: 'Школа №2',
      mimeType: SHEET,
      description: 'ОО 2',
      appProperties: { kind: 'school', id: '2' },
      writersCanShare: false,
    });
    const got = Drive.Files.get(f.id ?? '', { fields: 'appProperties,description,writersCanShare,parents,isAppAuthorized,owners(emailAddress)' });
    expect(got).toEqual({
      appProperties: { kind: 'school', id: '2' },
      description: 'ОО 2',
      writersCanShare: false,
      parents: [expect.stringMatching(/^1FakeDIR/)],
      isAppAuthorized: true,
      owners: [{ emailAddress: 'department@kalar-edu.example' }],
    });
    expect(Drive.Files.get('root', { fields: 'name' })).toEqual({ name: 'Мой диск' });
  });

  test('a blob file takes its content from mediaData (a Blob) and gives it back with alt: media', () => {
    const { g, Drive } = setup();
    const f = Drive.Files.create({ name: 'Итоги.json', parents: ['root'] }, blob(g, '{"a":1}', 'application/json', 'x.json'), { fields: 'id,mimeType,size' });
    expect(f).toMatchObject({ mimeType: 'application/json', size: '7' });
    expect(Drive.Files.get(f.id ?? '', { alt: 'media' })).toBe('{"a":1}');
    expect(
      g.DriveApp.getFileById(f.id ?? '')
        .getBlob()
        .getDataAsString(),
    ).toBe('{"a":1}');
    const notBlob = Drive.Files.create as unknown as (r: object, m: unknown) => unknown;
    expect(() => notBlob({ name: 'x' }, '{"a":1}')).toThrow(TypeError);
  });

  test('refusals: v2 field names, unknown parents, two parents, unmodelled types and fields', () => {
    const { Drive } = setup();
    expect(() => Drive.Files.create({ title: 'Школа' } as GoogleAppsScript.Drive_v3.Drive.V3.Schema.File)).toThrow(
      "Fake Drive: 'title' is not a field of the v3 File resource (Drive API v2's title is v3's name)",
    );
    const e = thrown(() => Drive.Files.create({ name: 'x', parents: ['nope'] }));
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(e.message).toBe('API call to drive.files.create failed with error: File not found: nope.');
    expect(e.details).toMatchObject({ code: 404, errors: [{ reason: 'notFound' }] });
    const a = Drive.Files.create({ name: 'a', mimeType: FOLDER }).id ?? '';
    const b = Drive.Files.create({ name: 'b', mimeType: FOLDER }).id ?? '';
    expect(() => Drive.Files.create({ name: 'x', parents: [a, b] })).toThrow('Increasing the number of parents is not allowed');
    const notFolder = Drive.Files.create({ name: 'лист', mimeType: SHEET }).id ?? '';
    expect(() => Drive.Files.create({ name: 'x', parents: [notFolder] })).toThrow('The specified parent is not a folder.');
    expect(() => Drive.Files.create({ name: 'x', mimeType: 'application/vnd.google-apps.presentation' })).toThrow('not implemented');
    expect(() => Drive.Files.get(a, { fields: 'id,titel' })).toThrow('failed with error: Invalid field selection titel');
    expect(() => Drive.Files.get(a, { fields: 'thumbnailLink' })).toThrow("Fake Drive: field 'thumbnailLink' is not modelled");
    const sheet = Drive.Files.create({ name: 's', mimeType: SHEET }).id ?? '';
    expect(() => Drive.Files.get(sheet, { alt: 'media' })).toThrow('Only files with binary content can be downloaded. Use Export with Docs Editors files.');
  });

  test('Google files made through Drive use the daily creation quotas of their services', () => {
    const { ws, Drive } = setup({ quotas: { spreadsheetCreate: 1 } });
    Drive.Files.create({ name: 'a', mimeType: SHEET });
    expect(() => Drive.Files.create({ name: 'b', mimeType: SHEET })).toThrow('Service invoked too many times for one day: spreadsheet create.');
    ws.nextDay();
    expect(Drive.Files.create({ name: 'b', mimeType: SHEET }).name).toBe('b');
  });
});

describe('Files.copy', () => {
  test('copies content and appProperties (the resource patches them), not the sharing; uses the creation quota', () => {
    const { ws, g, Drive } = setup({ quotas: { spreadsheetCreate: 3 } });
    const template = g.SpreadsheetApp.create('Шаблон');
    template.getSheets()[0]?.getRange('A1').setValue('Показатель');
    template.addEditor('school1@gmail.com');
    Drive.Files.update({ appProperties: { role: 'template', year: '2026' } }, template.getId());
    const copy = Drive.Files.copy({ name: 'Школа №1', appProperties: { role: 'school', year: null } }, template.getId(), {
      fields: 'id,name,appProperties,parents',
    });
    expect(copy).toMatchObject({ name: 'Школа №1', appProperties: { role: 'school' }, parents: [ws.rootFolderId] });
    const opened = g.SpreadsheetApp.openById(copy.id ?? '');
    expect(opened.getSheets()[0]?.getRange('A1').getValue()).toBe('Показатель');
    expect(opened.getEditors()).toHaveLength(0);
    expect(Drive.Files.copy({}, template.getId()).name).toBe('Copy of Шаблон');
    expect(() => Drive.Files.copy({}, template.getId())).toThrow('Service invoked too many times for one day: spreadsheet create.');
  });

  test('a folder cannot be copied; an unknown id is 404', () => {
    const { Drive } = setup();
    const folder = Drive.Files.create({ name: 'a', mimeType: FOLDER }).id ?? '';
    expect(() => Drive.Files.copy({}, folder)).toThrow('API call to drive.files.copy failed with error: This file cannot be copied by the user.');
    expect(() => Drive.Files.copy({}, 'missing')).toThrow('File not found: missing.');
  });
});

describe('Files.update', () => {
  test('patches name, description, appProperties (null clears), moves with addParents / removeParents', () => {
    const { ws, g, Drive } = setup();
    const from = Drive.Files.create({ name: 'Входящие', mimeType: FOLDER }).id ?? '';
    const to = Drive.Files.create({ name: 'Архив', mimeType: FOLDER }).id ?? '';
    const f = Drive.Files.create({ name: 'Школа', mimeType: SHEET, parents: [from], appProperties: { a: '1', b: '2' } }).id ?? '';
    ws.advance(60_000);
    const out = Drive.Files.update({ name: 'Школа №3', description: 'x', appProperties: { a: null, c: '3' } }, f, NO_MEDIA, {
      addParents: to,
      removeParents: from,
      fields: 'name,description,appProperties,parents,modifiedTime',
    });
    expect(out).toEqual({ name: 'Школа №3', description: 'x', appProperties: { b: '2', c: '3' }, parents: [to], modifiedTime: '2026-02-02T00:01:00.000Z' });
    expect(g.SpreadsheetApp.openById(f).getName()).toBe('Школа №3');
    expect(() => Drive.Files.update({}, f, NO_MEDIA, { addParents: from })).toThrow('Increasing the number of parents is not allowed');
    const e = thrown(() => Drive.Files.update({ parents: [from] }, f));
    expect(e.message).toContain('The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.');
    expect(e.details?.code).toBe(403);
  });

  test('trashing is the owner’s; an editor renames but may not trash; a viewer may not write', () => {
    const { ws, g, Drive } = setup();
    const ss = g.SpreadsheetApp.create('Школа');
    ss.addEditor('editor@gmail.com');
    ss.addViewer('viewer@gmail.com');
    ws.actAs('editor@gmail.com');
    expect(Drive.Files.update({ name: 'Школа (ред.)' }, ss.getId()).name).toBe('Школа (ред.)');
    expect(() => Drive.Files.update({ trashed: true }, ss.getId())).toThrow(`The user does not have sufficient permissions for file ${ss.getId()}.`);
    ws.actAs('viewer@gmail.com');
    expect(() => Drive.Files.update({ name: 'x' }, ss.getId())).toThrow('does not have sufficient permissions');
    ws.actAs(ws.owner);
    expect(Drive.Files.update({ trashed: true }, ss.getId(), NO_MEDIA, { fields: 'trashed' })).toEqual({ trashed: true });
    expect(Drive.Files.get(ss.getId(), { fields: 'trashed' })).toEqual({ trashed: true }); // v3 still serves trashed files
  });

  test('new content for a blob file; properties limits', () => {
    const { g, Drive } = setup();
    const f = Drive.Files.create({ name: 'a.txt', mimeType: 'text/plain' }).id ?? '';
    Drive.Files.update({}, f, blob(g, 'новое', 'text/plain', 'a.txt'));
    expect(Drive.Files.get(f, { alt: 'media' })).toBe('новое');
    expect(() => Drive.Files.update({ appProperties: { k: 'я'.repeat(62) } }, f)).toThrow('124 bytes');
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v']));
    expect(() => Drive.Files.update({ appProperties: many }, f)).toThrow('limit of 30');
  });
});

describe('Files.list (the v3 query language)', () => {
  function seeded() {
    const s = setup();
    const { Drive } = s;
    const folder = Drive.Files.create({ name: 'Мониторинг', mimeType: FOLDER }).id ?? '';
    const make = (name: string, app: Record<string, string>) => Drive.Files.create({ name, mimeType: SHEET, parents: [folder], appProperties: app }).id ?? '';
    const ids = { s1: make('Школа №1', { school: '1' }), s2: make('Школа №2', { school: '2' }), sum: make('Свод 2026', { kind: 'summary' }) };
    Drive.Files.update({ trashed: true }, ids.s2);
    const names = (q: string): string[] => (Drive.Files.list({ q, fields: 'files(name)' }).files ?? []).map((f) => f.name ?? '');
    return { ...s, folder, ids, names };
  }

  test('name, contains (a prefix), parents, mimeType, trashed, appProperties has, and/or/not/parentheses', () => {
    const { names, folder } = seeded();
    expect(names("name = 'Школа №1'")).toEqual(['Школа №1']);
    expect(names("name contains 'Школа'")).toEqual(['Школа №1', 'Школа №2']); // trashed files match unless excluded
    expect(names("name contains '2026'")).toEqual([]); // prefix matching only
    expect(names(`'${folder}' in parents and trashed = false`)).toEqual(['Школа №1', 'Свод 2026']);
    expect(names(`mimeType = '${FOLDER}'`)).toEqual(['Мониторинг']);
    expect(names("appProperties has { key='school' and value='2' }")).toEqual(['Школа №2']);
    expect(names("not appProperties has { key='kind' and value='summary' } and mimeType != 'application/vnd.google-apps.folder'")).toEqual([
      'Мониторинг воспитания — управление образованием', // the host spreadsheet
      'Школа №1',
      'Школа №2',
    ]);
    expect(names("(name = 'Свод 2026' or name = 'Школа №2') and trashed = false")).toEqual(['Свод 2026']);
    expect(names("'root' in parents")).toEqual(['Мониторинг воспитания — управление образованием', 'Мониторинг']);
  });

  test('the v2 term title is refused as Drive v3 refuses it; unmodelled terms are the fake’s error', () => {
    const { g, Drive } = seeded();
    const e = thrown(() => Drive.Files.list({ q: "title = 'Школа №1'" }));
    expect(e.message).toBe('API call to drive.files.list failed with error: Invalid Value');
    expect(e.details).toMatchObject({ code: 400, errors: [{ reason: 'invalid', location: 'q' }] });
    expect(() => Drive.Files.list({ q: "name = 'x" })).toThrow('Invalid Value');
    expect(() => Drive.Files.list({ q: "fullText contains 'x'" })).toThrow("Fake Drive: files.list query term 'fullText' is not implemented");
    expect(() => g.DriveApp.searchFiles("name = 'Школа №1'")).toThrow('Invalid argument: q'); // DriveApp stays on v2
  });

  test('pages: pageSize 1–1000, nextPageToken only when fields asks for it, tokens tied to their query', () => {
    const { Drive } = seeded();
    const first = Drive.Files.list({ q: "mimeType = 'application/vnd.google-apps.spreadsheet'", pageSize: 2 });
    expect(first.files?.map((f) => Object.keys(f).sort())).toEqual([
      ['id', 'kind', 'mimeType', 'name'],
      ['id', 'kind', 'mimeType', 'name'],
    ]);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const rest = Drive.Files.list({ q: "mimeType = 'application/vnd.google-apps.spreadsheet'", pageSize: 2, pageToken: first.nextPageToken });
    expect(rest.files).toHaveLength(2); // the host spreadsheet and the last school file
    expect(rest.nextPageToken).toBeUndefined();
    expect(Drive.Files.list({ pageSize: 1, fields: 'files(id)' }).nextPageToken).toBeUndefined();
    expect(() => Drive.Files.list({ pageSize: 1001 })).toThrow('Invalid Value');
    expect(() => Drive.Files.list({ q: "name = 'x'", pageToken: first.nextPageToken })).toThrow('Invalid Value');
  });
});
