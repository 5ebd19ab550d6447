/**
 * The local server of the offline panel (msoko serve) refuses what it must: no token, a wrong token, a foreign Host,
 * a foreign Origin, a malformed payload, an oversize upload — each with a Russian message and no stack — and keeps
 * what is uploaded inside the campaign folder: a «../» name lands in received/ under its own name, a zip bomb is
 * read with a Russian message that names the file.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REGISTRY_CSV_HEADER } from '../../../src/core/campaign/registry';
import { toCsv } from '../../../src/node/csv';
import { type Serving, serve } from '../../../src/node/server/serve';
import { SCHOOLS } from '../../gas/helpers';
import { minimalParts } from '../hostile/parts';
import { buildZip } from '../hostile/zip-build';
import { type Answer, multipart, send, rpcTo } from './http';

let root: string;
let dir: string;
let serving: Serving;
let port: number;
let token: string;
let cookie: string;

const RUSSIAN = /[А-Яа-яЁё]/;
const refusal = (a: Answer): string => {
  const body = a.json as { ok?: unknown; message?: unknown } | null;
  expect(body?.ok).toBe(false);
  expect(typeof body?.message).toBe('string');
  expect(a.text).not.toMatch(/\bat .+:\d+:\d+|Error:|stack/);
  return String(body?.message);
};
const rpc = (name: string, args: unknown[], headers: Record<string, string> = {}): Promise<Answer> => rpcTo(port, cookie, name, args, headers);
const upload = (kind: string, files: { name: string; data: Buffer | string }[], fields: Record<string, string> = {}): Promise<Answer> => {
  const m = multipart(files, fields);
  return send(port, 'POST', `/upload/${kind}`, { 'content-type': m.type, cookie }, m.body);
};

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'panel-server-'));
  dir = path.join(root, 'кампания');
  process.env['MSOKO_HOME'] = path.join(root, 'home');
  const lines: string[] = [];
  serving = await serve({ dir, port: 0, open: false, print: (l) => lines.push(l) });
  const url = new URL(serving.url);
  port = Number(url.port);
  token = url.searchParams.get('token') ?? '';
  expect(lines[0]).toBe(serving.url);
  expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
});
afterAll(async () => {
  await serving?.close();
  rmSync(root, { recursive: true, force: true });
});

test('the token from the printed address becomes an HttpOnly SameSite=Strict cookie and leaves the address', async () => {
  const first = await send(port, 'GET', `/?token=${token}`);
  expect(first.status).toBe(303);
  expect(first.headers['location']).toBe('/');
  const set = String(first.headers['set-cookie']);
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  cookie = set.split(';')[0] ?? '';
  const page = await send(port, 'GET', '/', { cookie });
  expect(page.status).toBe(200);
  const csp = String(page.headers['content-security-policy']);
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("default-src 'none'");
  expect(page.text).toContain(`<script nonce="${nonce}">`);
  expect(page.text.match(/<script/g)).toHaveLength(1);
});

test('no token → 401, a wrong token → 403, in Russian; nothing is served', async () => {
  for (const [path_, headers] of [
    ['/', {}],
    ['/rpc/getState', {}],
    ['/files/out/appendices.xlsx', {}],
  ] as const) {
    const a = await send(port, path_.startsWith('/rpc') ? 'POST' : 'GET', path_, headers);
    expect(a.status).toBe(401);
    expect(refusal(a)).toMatch(/^Нет ключа доступа/);
  }
  const wrongQuery = await send(port, 'GET', '/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect(wrongQuery.status).toBe(403);
  expect(refusal(wrongQuery)).toMatch(/^Неверный ключ доступа/);
  expect(wrongQuery.headers['set-cookie']).toBeUndefined();
  const wrongCookie = await send(port, 'POST', '/rpc/getState', { cookie: `msoko_${port}=x` });
  expect(wrongCookie.status).toBe(403);
});

test('a foreign Host (DNS rebinding) → 421; a foreign Origin on a change → 403', async () => {
  const host = await send(port, 'GET', `/?token=${token}`, { host: `evil.example:${port}` });
  expect(host.status).toBe(421);
  expect(refusal(host)).toMatch(RUSSIAN);
  const origin = await rpc('newCampaign', [{ year: 2026, municipality: 'Чужой' }], { origin: 'http://evil.example' });
  expect(origin.status).toBe(403);
  expect(refusal(origin)).toMatch(/^Запрос с чужой страницы отклонён/);
  expect(existsSync(path.join(dir, 'campaign.json'))).toBe(false);
});

test('a malformed payload → 400 with a Russian message naming the call', async () => {
  const step = await rpc('runStep', ['format-disk']);
  expect(step.status).toBe(400);
  expect(refusal(step)).toMatch(/^Запрос «runStep»: [А-Яа-яЁё]/);
  const campaign = await rpc('newCampaign', [{ year: 1999, municipality: '' }]);
  expect(refusal(campaign)).toBe('Запрос «newCampaign»: год: не раньше 2020; укажите муниципалитет');
  const unknown = await rpc('constructor', []);
  expect(unknown.status).toBe(404);
  expect(refusal(unknown)).toMatch(RUSSIAN);
  const broken = await send(port, 'POST', '/rpc/getState', { cookie, 'content-type': 'application/json' }, '{"args": [');
  expect(broken.status).toBe(400);
  expect(refusal(broken)).toMatch(RUSSIAN);
});

test('a campaign, its registry, a «../» name and a zip bomb: both land in received/ and are named in Russian', async () => {
  expect((await rpc('newCampaign', [{ year: 2026, municipality: 'Тестовый муниципальный округ' }])).json).toMatchObject({ ok: true });
  const csv = toCsv([REGISTRY_CSV_HEADER, ...SCHOOLS.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')])]);
  expect((await upload('registry', [{ name: 'schools.csv', data: csv }])).json).toMatchObject({ ok: true, message: 'Реестр загружен: школ — 4.' });
  const bomb = buildZip([
    ...Object.entries(minimalParts()).map(([name, data]) => ({ name, data })),
    { name: 'xl/styles.xml', data: Buffer.alloc(100 * 1024 * 1024), declaredSize: 1000 },
  ]);
  const hostile = await upload('received', [
    { name: '../../evil.xlsx', data: 'not a workbook' },
    { name: '..\\..\\bomb.xlsx', data: bomb },
  ]);
  expect(hostile.json).toMatchObject({ ok: true, saved: ['evil.xlsx', 'bomb.xlsx'] });
  expect(readdirSync(path.join(dir, 'received')).sort()).toEqual(['bomb.xlsx', 'evil.xlsx']);
  expect(existsSync(path.join(root, 'evil.xlsx'))).toBe(false);
  expect(existsSync(path.join(dir, 'evil.xlsx'))).toBe(false);
  const validated = await rpc('runStep', ['validate']);
  expect(validated.json).toMatchObject({ ok: true, done: true });
  const state = (await rpc('getState', [])).json as { problems: string[] };
  expect(state.problems).toEqual([
    expect.stringMatching(/^Файл «bomb\.xlsx» не отнесён к ОО реестра: .*[А-Яа-яЁё]/),
    expect.stringMatching(/^Файл «evil\.xlsx»/),
  ]);
});

test('an oversize upload → 413 in Russian, and nothing of it stays', async () => {
  const big = await upload('received', [{ name: 'big.xlsx', data: Buffer.alloc(26 * 1024 * 1024) }]);
  expect(big.status).toBe(413);
  expect(refusal(big)).toMatch(/больше 25 МБ/);
  expect(readdirSync(path.join(dir, 'received')).sort()).toEqual(['bomb.xlsx', 'evil.xlsx']);
});

test('one operation at a time: a second change while the first runs → 409', async () => {
  const [a, b] = await Promise.all([rpc('runStep', ['generate']), rpc('runStep', ['validate'])]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  expect(refusal(a.status === 409 ? a : b)).toMatch(/^Сейчас выполняется другой шаг/);
});

test('downloads: only registry codes and listed outputs; a school file by its code', async () => {
  expect((await send(port, 'GET', '/files/school/sosh1', { cookie })).status).toBe(200);
  expect((await send(port, 'GET', '/files/school/..%2Fcampaign', { cookie })).status).toBe(404);
  expect((await send(port, 'GET', '/files/out/..%2F..%2Fcampaign.json', { cookie })).status).toBe(404);
  const zip = await send(port, 'GET', '/files/schools.zip', { cookie });
  expect(zip.status).toBe(200);
  expect(zip.body.subarray(0, 2).toString()).toBe('PK');
  expect(String(zip.headers['content-disposition'])).toContain("filename*=UTF-8''");
});
