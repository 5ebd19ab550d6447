/**
 * `msoko serve` and `npm start`: the local server on 127.0.0.1, the address with its token printed, the default
 * browser opened (unless --no-open or MSOKO_NO_OPEN=1), Ctrl+C closing it cleanly.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { newAccess } from './access';
import { panelServer } from './app';
import { openBrowser } from './open-browser';
import { findSidebar } from './page';
import { rememberCampaign } from './recent';

export interface ServeOptions {
  dir: string;
  port: number;
  open: boolean;
  print: (line: string) => void;
}

export interface Serving {
  url: string;
  close: () => Promise<void>;
}

export async function serve(o: ServeOptions): Promise<Serving> {
  const dir = resolve(o.dir);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const options = { dir, port: o.port, access: newAccess(o.port), sidebar: findSidebar() };
  const app = panelServer(options);
  await app.listen({ host: '127.0.0.1', port: o.port });
  // with port 0 the system picks one: the checks of Host and Origin read it from here on (nothing is served before)
  const address = app.server.address();
  options.port = typeof address === 'object' && address ? address.port : o.port;
  options.access = newAccess(options.port);
  const url = `http://127.0.0.1:${options.port}/?token=${options.access.token}`;
  rememberCampaign(dir);
  o.print(url);
  o.print(`Панель кампании «${dir}» открыта по этому адресу. Остановить: Ctrl+C.`);
  if (o.open && process.env['MSOKO_NO_OPEN'] !== '1') {
    if (!(await openBrowser(url))) o.print('Браузер открыть не удалось — откройте адрес выше вручную.');
  }
  return { url, close: () => app.close() };
}

/** Runs until Ctrl+C (or SIGTERM), then closes the server and resolves. */
export async function serveUntilStopped(o: ServeOptions): Promise<void> {
  const serving = await serve(o);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      o.print('Панель остановлена.');
      void serving.close().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
