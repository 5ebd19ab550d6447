/** The panel page: the built sidebar (dist/Sidebar.html), served with a nonce for its inline script and style. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserFacingError } from '../../app/errors';

/** dist/Sidebar.html of this installation: beside build/cli.cjs (../dist) or above src/node/server in tests. */
export function findSidebar(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'dist', 'Sidebar.html');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new UserFacingError('Не найдена панель dist/Sidebar.html. Соберите проект: npm install (или npm run build).');
}

export interface ServedPage {
  html: string;
  csp: string;
}

/** Only the page's own inline script and style run (by nonce); it connects only to this server; nothing frames it. */
export function panelPage(template: string): ServedPage {
  const nonce = randomBytes(16).toString('base64');
  // the first of each is the tag (the style is in the head, the script is last); the code inside is never touched
  const html = template.replace('<style>', () => `<style nonce="${nonce}">`).replace('<script>', () => `<script nonce="${nonce}">`);
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

export const readTemplate = (file: string): string => readFileSync(file, 'utf8');
