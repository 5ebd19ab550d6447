/**
 * «letters» on the local server (msoko serve): the same call as in Google, answered with the offline use case —
 * .eml drafts offered as one zip, «отметить отправленными» recorded once, schools without an address listed, the
 * Google-only daily reminders refused in Russian.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { type Serving, serve } from '../../../src/node/server/serve';
import { type Answer, send, rpcTo } from './http';

let root: string;
let dir: string;
let serving: Serving;
let port: number;
let cookie: string;

const rpc = (name: string, args: unknown[]): Promise<Answer> => rpcTo(port, cookie, name, args);
interface View {
  ok: boolean;
  message: string;
  letters: { schoolId: string; to: string[] }[];
  noAddress: { schoolId: string }[];
  skipped: { schoolId: string; reason: string }[];
  download: { url: string } | null;
  reminders: unknown;
}
const letters = async (request: unknown): Promise<View> => (await rpc('letters', [request])).json as View;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'letters-server-'));
  dir = path.join(root, 'кампания');
  process.env['MSOKO_HOME'] = path.join(root, 'home');
  serving = await serve({ dir, port: 0, open: false, print: () => undefined });
  const url = new URL(serving.url);
  port = Number(url.port);
  const first = await send(port, 'GET', `/?token=${url.searchParams.get('token') ?? ''}`);
  cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
  expect(((await rpc('newCampaign', [{ year: 2026, municipality: 'Тестовый округ', deadline: '2026-12-15' }])).json as View).ok).toBe(true);
  writeFileSync(
    path.join(dir, 'schools.csv'),
    [
      'id,name,short_name,type,emails',
      'sosh1,Средняя школа № 1,СОШ № 1,СОШ,sosh1@edu-demo.ru',
      'nosh1,Начальная школа,НОШ,НОШ,',
      'oosh1,Основная школа,ООШ,ООШ,oosh1@edu-demo.ru',
    ].join('\n'),
  );
  expect(((await rpc('runStep', ['generate'])).json as View).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await serving?.close();
  rmSync(root, { recursive: true, force: true });
});

test('state lists the schools without an address and has no reminder trigger', async () => {
  const s = await letters({ action: 'state' });
  expect(s).toMatchObject({ ok: true, reminders: null });
  expect(s.noAddress.map((x) => x.schoolId)).toEqual(['nosh1']);
});

test('launch drafts: one .eml per school with an address, offered as one zip; marked sent once; then none due', async () => {
  const r = await letters({ action: 'send', kind: 'launch' });
  expect(r.ok).toBe(true);
  expect(r.letters.map((l) => [l.schoolId, l.to])).toEqual([
    ['sosh1', ['sosh1@edu-demo.ru']],
    ['oosh1', ['oosh1@edu-demo.ru']],
  ]);
  expect(r.noAddress.map((x) => x.schoolId)).toEqual(['nosh1']);
  const url = new URL(r.download?.url ?? '');
  expect(url.pathname).toBe('/files/letters-launch.zip');
  const zip = await send(port, 'GET', url.pathname, { cookie });
  expect(zip.status).toBe(200);
  expect(Object.keys((await JSZip.loadAsync(zip.body)).files).sort()).toEqual(['oosh1.eml', 'sosh1.eml']);
  const marked = await letters({ action: 'markSent', kind: 'launch' });
  expect(marked).toMatchObject({ ok: true, message: 'Отмечено отправленными: 2.' });
  expect((await letters({ action: 'markSent', kind: 'launch' })).message).toContain('Уже были отмечены: 2');
  const again = await letters({ action: 'send', kind: 'launch' });
  expect(again.letters).toEqual([]);
  expect(again.skipped.filter((s) => s.reason.includes('уже отправлено')).map((s) => s.schoolId)).toEqual(['sosh1', 'oosh1']);
});

test('daily reminders are Google-only; a bad payload is refused by the contract', async () => {
  const r = await letters({ action: 'reminders', on: true });
  expect(r).toMatchObject({ ok: false, message: expect.stringContaining('Офлайн ежедневных напоминаний нет') });
  const bad = await rpc('letters', [{ action: 'send', kind: 'spam' }]);
  expect(bad.status).toBe(400);
});
