/**
 * The panel against the command line on the same filled files, in one run: `msoko validate` (a child process of
 * build/cli.cjs), then the same files through the panel's HTTP API — `msoko serve` as a child process, its token
 * exchanged for the cookie as a browser does, every file in one multipart upload as a drop sends them, `runStep`
 * «validate», and `getState` for the statuses. No browser. The intake cache is removed before each, so both read
 * every file; the files are written (untimed) by bench/offline.ts's worker processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { paths } from '../src/node/campaign/files';
import { CLI, fillInWorkers, initCampaign, measure, run } from './offline';

export interface PanelRun {
  n: number;
  /** `msoko validate` on the files in received/, s (process start to exit). */
  cliValidateS: number;
  /** Upload + runStep validate + getState, s. */
  panelValidateS: number;
  uploadS: number;
  stepS: number;
  stateS: number;
  /** Schools whose file the panel's state shows read (any status but «не получено»). */
  statuses: number;
  /** panelValidateS / cliValidateS. */
  ratio: number;
}

/** The panel may cost at most this many times the command line. */
export const PANEL_TO_CLI_TARGET = 1.5;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, method: string, url: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: url, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** One multipart/form-data body with every file under «file», as the page's FormData sends a drop. */
function multipart(dir: string, names: string[]): { body: Buffer; type: string } {
  const boundary = `----msokobench${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const name of names) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    );
    parts.push(readFileSync(path.join(dir, name)), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** `msoko serve DIR --port 0 --no-open` until it prints its address with the token. */
function startServer(dir: string): Promise<{ child: ChildProcess; port: number; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', dir, '--port', '0', '--no-open'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MSOKO_NO_OPEN: '1' },
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`msoko serve printed no address: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), token: m[2] as string });
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`msoko serve exited with ${code}: ${out}`)));
  });
}

const stopped = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

export async function panelRun(n: number, benchBundle: string, log: (s: string) => void): Promise<PanelRun> {
  const work = mkdtempSync(path.join(tmpdir(), `msoko-bench-panel-${n}-`));
  const dir = path.join(work, 'kampania');
  try {
    await initCampaign(dir, n);
    log(`panel ${n}: msoko generate (setup)…`);
    const generated = await run(process.execPath, [CLI, 'generate', dir]);
    if (generated.code !== 0) throw new Error(`msoko generate failed: ${generated.stderr}`);
    await fillInWorkers(dir, n, benchBundle, (s) => log(`panel ${n}: ${s}`));
    const received = paths(dir).received;
    const cache = path.join(paths(dir).out, '.intake-cache.json');

    rmSync(cache, { force: true });
    log(`panel ${n}: msoko validate…`);
    const cli = await measure('validate', [dir], work, false);
    if (cli.exitCode > 1) throw new Error(`msoko validate failed: ${cli.tail}`);
    log(`panel ${n}: msoko validate — ${cli.wallS.toFixed(1)} s`);

    // the same files leave received/ and come back through the panel
    const staged = path.join(work, 'from-schools');
    renameSync(received, staged);
    mkdirSync(received);
    rmSync(cache, { force: true });
    const names = readdirSync(staged).sort();
    const form = multipart(staged, names);
    const server = await startServer(dir);
    try {
      const origin = `http://127.0.0.1:${server.port}`;
      const first = await send(server.port, 'GET', `/?token=${server.token}`, {});
      const cookie = String(first.headers['set-cookie'] ?? '').split(';')[0] ?? '';
      if (!cookie.includes('=')) throw new Error(`no cookie for the token (HTTP ${first.status})`);
      const headers = { cookie, origin };
      const rpc = async (name: string, args: unknown[]): Promise<Record<string, unknown>> => {
        const r = await send(server.port, 'POST', `/rpc/${name}`, { ...headers, 'content-type': 'application/json' }, JSON.stringify({ args }));
        const body = JSON.parse(r.body) as Record<string, unknown>;
        if (r.status !== 200 || body['ok'] !== true) throw new Error(`${name}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
        return body;
      };
      log(`panel ${n}: uploading ${names.length} files (${Math.round(form.body.length / 1024 / 1024)} MB, one request), validating through the panel…`);
      const t0 = performance.now();
      const upload = await send(server.port, 'POST', '/upload/received', { ...headers, 'content-type': form.type }, form.body);
      if (upload.status !== 200) throw new Error(`upload: HTTP ${upload.status} ${upload.body.slice(0, 300)}`);
      const t1 = performance.now();
      await rpc('runStep', ['validate']);
      const t2 = performance.now();
      const state = await rpc('getState', []);
      const t3 = performance.now();
      // every school whose file was read has a status other than «не получено»
      const schools = ((state['schools'] ?? []) as { state?: string }[]).filter((s) => typeof s.state === 'string' && s.state !== 'missing');
      const panelValidateS = (t3 - t0) / 1000;
      log(
        `panel ${n}: panel — ${panelValidateS.toFixed(1)} s (upload ${((t1 - t0) / 1000).toFixed(1)}, validate ${((t2 - t1) / 1000).toFixed(1)}, state ${((t3 - t2) / 1000).toFixed(1)})`,
      );
      if (readdirSync(received).length !== names.length) throw new Error('the upload did not land every file in received/');
      return {
        n,
        cliValidateS: cli.wallS,
        panelValidateS,
        uploadS: (t1 - t0) / 1000,
        stepS: (t2 - t1) / 1000,
        stateS: (t3 - t2) / 1000,
        statuses: schools.length,
        ratio: panelValidateS / cli.wallS,
      };
    } finally {
      await stopped(server.child);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
