/**
 * Request body sizes in the call log for the Docs and Drive advanced services, as for the Sheets API
 * (limits.test.ts): UTF-8 bytes of the JSON resource of every call that sends one, 0 for reads, nothing for
 * the built-in services. Logging only: the Sheets budget still applies to Sheets calls alone, the Docs service
 * keeps its own check. Written against the public API plus FakeWorkspace controls.
 */
import type { CallRecord } from '.';
import { blob, NO_MEDIA, setup, thrown } from '../helpers/drive-v3';

const DOC = 'application/vnd.google-apps.document';
const bytesOf = (body: unknown): number => Buffer.byteLength(JSON.stringify(body), 'utf8');
const logged = (calls: readonly CallRecord[], key: string): (number | undefined)[] =>
  calls.filter((c) => `${c.service}.${c.method}` === key).map((c) => c.bytes);

describe('Drive and Docs request bodies in the call log', () => {
  test('Drive v3: the resource of Files.create / copy / update and Permissions.create; Files.get / list and Permissions.list send none', () => {
    const { ws, g, Drive } = setup();
    const created = { name: 'Рекомендации «Школа № 1»', mimeType: DOC, appProperties: { msokoRole: 'recommendations:2026:b0001' } };
    const doc = Drive.Files.create(created, NO_MEDIA, { fields: 'id' });
    const id = doc.id ?? '';
    const copied = { name: 'Копия', appProperties: { msokoRole: 'copy' }, writersCanShare: false };
    Drive.Files.copy(copied, id, { fields: 'id' });
    Drive.Files.update({ trashed: false }, id);
    const permission = { type: 'user', role: 'reader', emailAddress: 'school@gmail.com' };
    Drive.Permissions.create(permission, id, { sendNotificationEmail: false, fields: 'id' });
    Drive.Files.get(id, { fields: 'id' });
    Drive.Files.list({ q: 'trashed = false', fields: 'files(id)' });
    Drive.Permissions.list(id);
    expect(logged(ws.calls, 'Drive.Files.create')).toEqual([bytesOf(created)]);
    expect(logged(ws.calls, 'Drive.Files.copy')).toEqual([bytesOf(copied)]);
    expect(logged(ws.calls, 'Drive.Files.update')).toEqual([bytesOf({ trashed: false })]);
    expect(logged(ws.calls, 'Drive.Permissions.create')).toEqual([bytesOf(permission)]);
    expect([...logged(ws.calls, 'Drive.Files.get'), ...logged(ws.calls, 'Drive.Files.list'), ...logged(ws.calls, 'Drive.Permissions.list')]).toEqual([0, 0, 0]);
    // UTF-8: a Cyrillic letter is two bytes
    expect(bytesOf(created)).toBeGreaterThan(JSON.stringify(created).length);
    expect(ws.maxRequestBytes((c) => c.service.startsWith('Drive.'))).toBe(Math.max(bytesOf(created), bytesOf(copied), bytesOf(permission)));
    // the built-in services send no API request body
    g.DriveApp.getFileById(id);
    expect(ws.calls.at(-1)).toMatchObject({ service: 'DriveApp', method: 'getFileById' });
    expect(ws.calls.at(-1)?.bytes).toBeUndefined();
  });

  test('Drive v3: an upload counts its JSON metadata only, not the media', () => {
    const { ws, g, Drive } = setup();
    const resource = { name: 'Итоги 2026.json', mimeType: 'application/json' };
    const file = Drive.Files.create(resource, blob(g, 'я'.repeat(10_000), 'application/json', 'Итоги 2026.json'));
    Drive.Files.update({}, file.id ?? '', blob(g, 'ё'.repeat(20_000), 'application/json', 'x'));
    expect(logged(ws.calls, 'Drive.Files.create')).toEqual([bytesOf(resource)]);
    expect(logged(ws.calls, 'Drive.Files.update')).toEqual([2]);
  });

  test('Docs v1: the batchUpdate body and the create resource; get sends none; an oversized body is logged and still refused by Docs', () => {
    const { ws, g } = setup();
    const docs = g.Docs;
    if (!docs) throw new Error('Docs advanced service missing');
    const made = docs.Documents.create({ title: 'Отчёт' });
    const id = String(made.documentId);
    const body = { requests: [{ insertText: { location: { index: 1 }, text: 'Рекомендации школе' } }] };
    docs.Documents.batchUpdate(body, id);
    docs.Documents.get(id, { fields: 'body.content(endIndex)' });
    expect(logged(ws.calls, 'Docs.Documents.create')).toEqual([bytesOf({ title: 'Отчёт' })]);
    expect(logged(ws.calls, 'Docs.Documents.batchUpdate')).toEqual([bytesOf(body)]);
    expect(logged(ws.calls, 'Docs.Documents.get')).toEqual([0]);
    const huge = { requests: [{ insertText: { location: { index: 1 }, text: 'я'.repeat(1_000_001) } }] };
    const e = thrown(() => docs.Documents.batchUpdate(huge, id));
    expect(e.message).toMatch(/^API call to docs\.documents\.batchUpdate failed with error: Request payload size exceeds the limit: 2000000 bytes\./);
    expect(ws.maxRequestBytes('Docs.Documents.batchUpdate')).toBe(bytesOf(huge));
    expect(ws.maxRequestBytes('Docs.Documents.batchUpdate')).toBeGreaterThan(2_000_000);
  });

  test('the Sheets budget and per-minute meter still apply to Sheets calls only', () => {
    const { ws, Drive } = setup({ apiLimits: { requestBytes: 100, sheetsWritesPerMinutePerUser: 1 } });
    const resource = { name: 'д'.repeat(200), mimeType: DOC };
    expect(() => Drive.Files.create(resource)).not.toThrow();
    expect(() => Drive.Files.create({ name: 'второй', mimeType: DOC })).not.toThrow();
    expect(ws.maxRequestBytes()).toBeGreaterThan(100);
  });
});
