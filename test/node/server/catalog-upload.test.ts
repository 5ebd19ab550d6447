/**
 * «importCatalog» on the local server (msoko serve): the same call as in Google, the workbook sent as base64 in the
 * call's JSON (bigger than the 1 MB of other requests): examples/catalog-bashmakovsky.xlsx becomes the campaign's own
 * catalog (catalog.json, campaign.json's id); a broken workbook gets placed Russian messages; a Sheets link is
 * explained; once school files are out, a catalog that changes the school form is refused with the offline text.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Serving, serve } from '../../../src/node/server/serve';
import { type Answer, send, rpcTo } from './http';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'catalog-bashmakovsky.xlsx');
let root: string;
let dir: string;
let serving: Serving;
let port: number;
let cookie: string;

const rpc = (name: string, args: unknown[]): Promise<Answer> => rpcTo(port, cookie, name, args);
const body = (a: Answer) => a.json as { ok: boolean; message: string };

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'catalog-upload-'));
  dir = path.join(root, 'кампания');
  process.env['MSOKO_HOME'] = path.join(root, 'home');
  serving = await serve({ dir, port: 0, open: false, print: () => undefined });
  const url = new URL(serving.url);
  port = Number(url.port);
  const first = await send(port, 'GET', `/?token=${url.searchParams.get('token') ?? ''}`);
  cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
});
afterAll(async () => {
  await serving?.close();
  rmSync(root, { recursive: true, force: true });
});

test('before a campaign exists the call is refused in Russian', async () => {
  expect(body(await rpc('importCatalog', [{ kind: 'builtin', id: 'kalar' }]))).toEqual({ ok: false, message: 'Сначала создайте кампанию.' });
});

test('the Bashmakovsky workbook uploaded from the panel becomes the campaign’s own catalog', async () => {
  expect(body(await rpc('newCampaign', [{ year: 2026, municipality: 'Башмаковский район' }])).ok).toBe(true);
  const base64 = readFileSync(EXAMPLE).toString('base64');
  const r = body(await rpc('importCatalog', [{ kind: 'xlsx', name: 'catalog-bashmakovsky.xlsx', base64 }]));
  expect(r).toMatchObject({ ok: true, message: expect.stringMatching(/версия 2026\.1 #[0-9a-f]{8}/) });
  expect(JSON.parse(readFileSync(path.join(dir, 'campaign.json'), 'utf8'))).toMatchObject({ catalogId: 'bashmakovsky' });
  expect(JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8'))).toMatchObject({ id: 'bashmakovsky' });
  const state = (await rpc('getState', [])).json as { campaign: { catalogId: string } };
  expect(state.campaign.catalogId).toBe('bashmakovsky');
});

test('a file that is no workbook, a bad payload and a Sheets link get Russian answers', async () => {
  const junk = body(await rpc('importCatalog', [{ kind: 'xlsx', name: 'x.xlsx', base64: Buffer.from('не книга').toString('base64') }]));
  expect(junk.ok).toBe(false);
  expect(junk.message).toMatch(/каталог «x\.xlsx» не прочитан/);
  const bad = await rpc('importCatalog', [{ kind: 'xlsx', name: 'x.xlsx', base64: '!!' }]);
  expect([bad.status, body(bad).message]).toEqual([400, expect.stringContaining('Запрос «importCatalog»')]);
  const link = body(await rpc('importCatalog', [{ kind: 'url', url: 'https://docs.google.com/spreadsheets/d/abcdefghijkl/edit' }]));
  expect(link).toMatchObject({ ok: false, message: expect.stringContaining('Microsoft Excel (.xlsx)') });
  expect(readdirSync(dir).filter((f) => f.startsWith('.catalog-upload'))).toEqual([]);
});

test('once school files are out, another catalog is refused with the offline text', async () => {
  mkdirSync(path.join(dir, 'schools'), { recursive: true });
  writeFileSync(path.join(dir, 'schools', 'sosh-1.xlsx'), 'x');
  const r = body(await rpc('importCatalog', [{ kind: 'builtin', id: 'kalar' }]));
  expect(r).toEqual({ ok: false, message: 'Каталог не заменён: таблицы школ уже разосланы по каталогу «bashmakovsky», а новый каталог — «kalar».' });
});
