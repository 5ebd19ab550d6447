/**
 * `msoko serve` as npm start runs it (the built CLI): the demo campaign prepared on first start, the address printed
 * first with its token, one line when no browser can be opened (and serving goes on), Ctrl+C stopping it cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../cli/helpers';
import { json, send } from './http';

const PACKAGE = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };

interface Started {
  child: ChildProcess;
  lines: string[];
  url: URL;
  exited: Promise<number | null>;
}

/** Starts the CLI and waits for the address line. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no address in 60 s: ${lines.join('\n')}`)), 60_000);
    child.stderr?.on('data', (c: Buffer) => lines.push(`stderr: ${c.toString()}`));
    child.stdout?.on('data', (c: Buffer) => {
      buffer += c.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      const address = lines.find((l) => l.startsWith('http://127.0.0.1:'));
      if (address) {
        clearTimeout(timer);
        resolve({ child, lines, url: new URL(address), exited });
      }
    });
    void exited.then(() => reject(new Error(`exited before serving: ${lines.join('\n')}`)));
  });
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'serve-cli-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

test('npm start is msoko serve with the demo; the one-shot cycle is npm run demo; no shell-only syntax', () => {
  expect(PACKAGE.scripts['start']).toBe('node bin/msoko.cjs serve demo --demo');
  expect(PACKAGE.scripts['demo']).toBe('node bin/msoko.cjs demo demo');
  // cmd.exe runs npm scripts on Windows: «&&» works there; «;», $(…), backticks, single quotes, VAR=… and rm do not
  for (const script of Object.values(PACKAGE.scripts)) expect(script).not.toMatch(/;|\$\(|`|'|\benv\b|(^|\s)[A-Z_]+=\S|\brm\s/);
});

test('serve --demo: the demo prepared, the address printed first, no browser said in one line, Ctrl+C stops it', async () => {
  const dir = path.join(root, 'demo');
  // no opener on PATH: the browser cannot be opened, and the server goes on
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path.dirname(process.execPath), MSOKO_HOME: path.join(root, 'home') };
  delete env['MSOKO_NO_OPEN'];
  const s = await start(['serve', dir, '--demo', '--port', '0'], env);
  try {
    expect(s.lines[0]).toBe(`Готовлю демонстрационную кампанию в папке «${dir}»…`);
    expect(s.url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(s.url.hostname).toBe('127.0.0.1');
    await new Promise((r) => setTimeout(r, 2500));
    expect(s.lines.filter((l) => l.includes('Браузер'))).toEqual(['Браузер открыть не удалось — откройте адрес выше вручную.']);
    const port = Number(s.url.port);
    const first = await send(port, 'GET', `/?token=${s.url.searchParams.get('token')}`);
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    const j = json({ args: [] });
    const state = (await send(port, 'POST', '/rpc/getState', { ...j.headers, cookie }, j.body)).json as {
      campaign: { municipality: string };
      schools: unknown[];
    };
    expect(state.campaign.municipality).toBe('Демонстрационный муниципальный округ');
    expect(state.schools).toHaveLength(10);
    expect(existsSync(path.join(dir, 'received'))).toBe(true);
  } finally {
    s.child.kill('SIGINT');
  }
  expect(await s.exited).toBe(0);
  expect(s.lines).toContain('Панель остановлена.');
}, 120_000);

test('serve without a folder: a new campaign folder when none was served, the recent ones listed after', async () => {
  const env = { ...process.env, HOME: root, USERPROFILE: root, MSOKO_NO_OPEN: '1', MSOKO_HOME: path.join(root, 'home2') };
  const s = await start(['serve', '--no-open'], env);
  s.child.kill('SIGINT');
  await s.exited;
  const fresh = path.join(root, 'msoko-кампании', 'кампания-1');
  expect(s.lines[0]).toBe(`Новая кампания: папка «${fresh}». Заполните «Новая кампания» в панели.`);
  const again = await start(['serve', path.join(root, 'demo'), '--no-open'], env);
  again.child.kill('SIGINT');
  await again.exited;
  const listed = await start(['serve'], env);
  listed.child.kill('SIGINT');
  await listed.exited;
  expect(listed.lines.slice(0, 2)).toEqual(['Недавние кампании (открыть другую: msoko serve ПАПКА):', `  1. ${path.join(root, 'demo')}`]);
}, 60_000);
