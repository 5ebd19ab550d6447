/**
 * The built sidebar (dist/Sidebar.html) in headless Debian Chromium (playwright-core, no browser
 * download), with a google.script.run shim whose calls go through page.exposeFunction to
 * googleScriptRun(): the built dist/Code.js in a fresh vm context per call over one FakeWorkspace.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { FakeWorkspace } from '../fakes';
import { call } from '../gas/helpers';
import { type RunOptions, googleScriptRun, readPublicApi } from './run-bundle';

export const ROOT = path.join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'test-output', 'sidebar');
export const VIEWPORT = { width: 300, height: 900 };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const haveChromium = (): boolean => existsSync(CHROMIUM);
const INSTALL = 'установите: apt-get install chromium';

/** Debian's Chromium, never a downloaded one; missing → a clear error (CI fails, see browserDescribe). */
export function launchChromium(): Promise<Browser> {
  if (!haveChromium()) return Promise.reject(new Error(`нет ${CHROMIUM} — ${INSTALL}`));
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** `describe` when Chromium is there or CI=true (so a missing browser fails CI); otherwise skipped with a hint. */
export function browserDescribe(file: string): jest.Describe {
  if (haveChromium() || process.env['CI'] === 'true') return describe;
  console.warn(`${file} пропущен: нет ${CHROMIUM} — ${INSTALL}`);
  return describe.skip;
}

/** Node-side controls of the transport, changeable during a test. */
export interface Bridge {
  /** Every call from the page, in order. */
  readonly calls: { name: string; args: unknown[] }[];
  /** Delay before each call reaches the server, ms (lets a test see progress and click «Отменить»). */
  delayMs: number;
  /** Awaited before a call runs (e.g. to hold the first getState until the loading state is checked). */
  before: ((name: string) => Promise<void> | void) | null;
  /** Options for googleScriptRun (e.g. a slowed-down copy of the bundle). */
  runOptions: RunOptions;
}

/** What the page did that it must not: script errors, console errors, dialogs, network requests. */
export interface Incidents {
  readonly errors: string[];
  readonly dialogs: string[];
  readonly requests: string[];
}

export interface SidebarPage {
  readonly page: Page;
  readonly bridge: Bridge;
  readonly incidents: Incidents;
  readonly html: string;
}

interface BridgeReply {
  ok: boolean;
  value?: unknown;
  message?: string;
}

/** Runs in the page before its scripts: google.script.run / google.script.host as Apps Script provides them. */
function installShim(names: string[]): void {
  type Handler = (value: unknown) => void;
  type Transport = (name: string, args: unknown[]) => Promise<BridgeReply>;
  const g = globalThis as unknown as Record<string, unknown>;
  const make = (success: Handler | null, failure: Handler | null): Record<string, unknown> => {
    const runner: Record<string, unknown> = {
      withSuccessHandler: (f: Handler) => make(f, failure),
      withFailureHandler: (f: Handler) => make(success, f),
      withUserObject: () => runner,
    };
    for (const name of names) {
      runner[name] = (...args: unknown[]): void => {
        args.forEach((a, i) => {
          if (typeof a === 'function') throw new Error(`Failed due to illegal value in property: ${i}`);
        });
        const transport = g['__gasBridge'] as Transport;
        void transport(name, args).then(
          (r) => (r.ok ? success?.(r.value) : failure?.(new Error(r.message ?? 'ScriptError'))),
          (e: unknown) => failure?.(e instanceof Error ? e : new Error(String(e))),
        );
      };
    }
    return runner;
  };
  const noop = (): void => undefined;
  g['google'] = { script: { run: make(null, null), host: { close: noop, setHeight: noop, setWidth: noop, editor: { focus: noop } } } };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The HTML the add-on serves: showSidebar() on the built bundle, HtmlService reading dist/Sidebar.html. */
export function servedSidebarHtml(ws: FakeWorkspace): string {
  ws.loadHtmlFilesFrom(path.join(ROOT, 'dist'));
  call(ws, 'showSidebar');
  const shown = ws.ui.sidebars[ws.ui.sidebars.length - 1];
  if (!shown) throw new Error('showSidebar showed nothing');
  const built = readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8');
  if (shown.content !== built) throw new Error('showSidebar did not serve dist/Sidebar.html');
  return shown.content;
}

/** Opens the sidebar at 300×900 over `ws`; nothing is awaited from the server before the page loads. */
export async function openSidebar(browser: Browser, ws: FakeWorkspace, bridge: Partial<Bridge> = {}): Promise<SidebarPage> {
  const b: Bridge = { calls: [], delayMs: 0, before: null, runOptions: {}, ...bridge };
  const incidents: Incidents = { errors: [], dialogs: [], requests: [] };
  const html = servedSidebarHtml(ws);
  const page = await browser.newPage({ viewport: VIEWPORT, locale: 'ru-RU', timezoneId: 'Asia/Chita' });
  page.on('pageerror', (e) => incidents.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') incidents.errors.push(`console.error: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    incidents.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!/^(about|data):/.test(r.url())) incidents.requests.push(r.url());
  });
  await page.exposeFunction('__gasBridge', async (name: string, args: unknown[]): Promise<BridgeReply> => {
    b.calls.push({ name, args });
    if (b.before) await b.before(name);
    if (b.delayMs > 0) await sleep(b.delayMs);
    try {
      return { ok: true, value: await googleScriptRun(ws, name, args, b.runOptions) };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  });
  await page.addInitScript(installShim, readPublicApi());
  // init scripts run on the next navigation, not on the page's first about:blank
  await page.goto('about:blank');
  await page.setContent(html, { waitUntil: 'load' });
  return { page, bridge: b, incidents, html };
}

export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.mouse.move(0, 0); // no hover highlight in the picture
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A promise with its resolve function, to hold a server call until the test lets it through. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
