/**
 * The fake UrlFetchApp as the add-on uses it: Google's REST APIs in parallel with the script's token, routed to the
 * same fake Drive v3 and Docs v1 as the advanced services, so their scopes, reach, quotas and request budget hold.
 */
import { FakeWorkspace, type FakeGlobals } from '.';
import { thrown } from '../helpers/drive-v3';

const MANIFEST = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/documents',
  'https://www.googleapis.com/auth/drive.file',
  'https://www.googleapis.com/auth/script.external_request',
];
const DRIVE = 'https://www.googleapis.com/drive/v3';
const DOCS = 'https://docs.googleapis.com/v1';

type Reply = { getResponseCode(): number; getContentText(): string };
function setup(manifestScopes = MANIFEST): { ws: FakeWorkspace; g: FakeGlobals; fetchAll: (requests: object[]) => Reply[] } {
  const ws = new FakeWorkspace({ manifestScopes });
  ws.createHostSpreadsheet();
  const g = ws.installGlobals();
  const token = g.ScriptApp.getOAuthToken();
  const fetchAll = (requests: object[]): Reply[] =>
    g.UrlFetchApp.fetchAll(requests.map((r) => ({ headers: { Authorization: `Bearer ${token}` }, muteHttpExceptions: true, ...r })));
  return { ws, g, fetchAll };
}
const post = (url: string, body: object): object => ({ url, method: 'post', contentType: 'application/json', payload: JSON.stringify(body) });
const json = (r: Reply | undefined): Record<string, unknown> => JSON.parse(r?.getContentText() ?? '{}') as Record<string, unknown>;

describe('UrlFetchApp.fetchAll to Google APIs', () => {
  test('creates, fills and shares documents in one round each; the API calls are logged as made via UrlFetchApp', () => {
    const { ws, fetchAll } = setup();
    const created = fetchAll(
      [1, 2, 3].map((i) => post(`${DRIVE}/files?fields=id,name`, { name: `Школа ${i}`, mimeType: 'application/vnd.google-apps.document' })),
    );
    expect(created.map((r) => r.getResponseCode())).toEqual([200, 200, 200]);
    const ids = created.map((r) => String(json(r)['id']));
    const filled = fetchAll(
      ids.map((id) => post(`${DOCS}/documents/${id}:batchUpdate`, { requests: [{ insertText: { location: { index: 1 }, text: 'Рекомендации' } }] })),
    );
    expect(filled.map((r) => r.getResponseCode())).toEqual([200, 200, 200]);
    const shared = fetchAll(
      ids.map((id) =>
        post(`${DRIVE}/files/${id}/permissions?sendNotificationEmail=false&fields=id`, { type: 'user', role: 'reader', emailAddress: 'school@gmail.com' }),
      ),
    );
    expect(shared.map((r) => r.getResponseCode())).toEqual([200, 200, 200]);
    const viaFetch = ws.calls.filter((c) => c.via === 'UrlFetchApp').map((c) => `${c.service}.${c.method}`);
    expect(viaFetch.filter((k) => k === 'Docs.Documents.batchUpdate')).toHaveLength(3);
    expect(ws.calls.filter((c) => c.service === 'UrlFetchApp').map((c) => c.method)).toEqual(['fetchAll', 'fetchAll', 'fetchAll']);
    expect(ws.calls.find((c) => c.method === 'batchUpdate')?.bytes).toBeGreaterThan(0);
  });

  test('without script.external_request in the manifest the call is refused as Apps Script refuses it', () => {
    const { fetchAll } = setup(MANIFEST.slice(0, 3));
    expect(thrown(() => fetchAll([{ url: `${DRIVE}/files/x` }])).message).toMatch(/script\.external_request/);
  });

  test('a request without the token gets 401; a file the add-on did not create is not found under drive.file', () => {
    const { g, fetchAll } = setup();
    const [noToken] = g.UrlFetchApp.fetchAll([{ url: `${DRIVE}/files/abc`, muteHttpExceptions: true }]) as Reply[];
    expect(noToken?.getResponseCode()).toBe(401);
    const [missing] = fetchAll([{ url: `${DRIVE}/files/not-ours?fields=id` }]);
    expect(missing?.getResponseCode()).toBe(404);
    expect(json(missing)).toMatchObject({ error: { code: 404, errors: [{ reason: 'notFound' }] } });
  });

  test("the Docs API's 61st write of a minute answers 429 with Google's text; without muteHttpExceptions fetchAll throws", () => {
    const { g, fetchAll } = setup();
    const [doc] = fetchAll([post(`${DRIVE}/files?fields=id`, { name: 'Д', mimeType: 'application/vnd.google-apps.document' })]);
    const id = String(json(doc)['id']);
    const writes = fetchAll(Array.from({ length: 61 }, () => post(`${DOCS}/documents/${id}:batchUpdate`, { requests: [] })));
    expect(writes.slice(0, 60).every((r) => r.getResponseCode() === 200)).toBe(true);
    expect(writes[60]?.getResponseCode()).toBe(429);
    expect(json(writes[60])).toMatchObject({ error: { message: expect.stringContaining("limit 'Write requests per minute per user'") } });
    const token = g.ScriptApp.getOAuthToken();
    const e = thrown(() =>
      g.UrlFetchApp.fetchAll([{ ...post(`${DOCS}/documents/${id}:batchUpdate`, { requests: [] }), headers: { Authorization: `Bearer ${token}` } }]),
    );
    expect(e.message).toMatch(/^Request failed for https:\/\/docs\.googleapis\.com returned code 429\. Truncated server response: /);
  });

  test('a disabled Docs API answers 403 SERVICE_DISABLED; other addresses and over-long URLs are refused', () => {
    const { ws, fetchAll } = setup();
    ws.advancedDocsEnabled = false;
    const [r] = fetchAll([{ url: `${DOCS}/documents/x` }]);
    expect(r?.getResponseCode()).toBe(403);
    expect(r?.getContentText()).toMatch(/has not been used in project .* or it is disabled/);
    expect(thrown(() => fetchAll([{ url: 'https://example.com/' }])).message).toMatch(/Address unavailable/);
    expect(thrown(() => fetchAll([{ url: `${DRIVE}/files/${'x'.repeat(2100)}` }])).message).toBe('Limit Exceeded: URLFetch URL Length.');
  });
});
