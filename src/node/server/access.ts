/**
 * Who may talk to the local server: this computer only (127.0.0.1), a page from this server only (Host against DNS
 * rebinding, Origin against cross-site requests), and only someone who has the address printed at start (a random
 * token, exchanged for an HttpOnly SameSite=Strict cookie on the first visit, so it leaves the address bar at once).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface Access {
  readonly token: string;
  readonly cookieName: string;
}

export function newAccess(port: number): Access {
  // the port is in the name: cookies ignore ports, and two campaigns may be served at once on other ports
  return { token: randomBytes(24).toString('base64url'), cookieName: `msoko_${port}` };
}

export const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The hosts a page of this server can have: an attacker's name resolving to 127.0.0.1 is not one of them. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A state-changing request must come from a page of this server; browsers always send Origin on such requests. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export const accessCookie = (a: Access): string => `${a.cookieName}=${a.token}; HttpOnly; SameSite=Strict; Path=/`;

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; message: string };

/** The token from the query string or the cookie: none → 401, a wrong one → 403. */
export function checkToken(a: Access, queryToken: unknown, cookieHeader: string | undefined): Verdict {
  const fromCookie = cookieValue(cookieHeader, a.cookieName);
  if (typeof queryToken === 'string' && queryToken !== '') {
    return sameToken(queryToken, a.token) ? { ok: true, viaQuery: true } : { ok: false, status: 403, message: WRONG_TOKEN };
  }
  if (fromCookie === null || fromCookie === '') return { ok: false, status: 401, message: NO_TOKEN };
  return sameToken(fromCookie, a.token) ? { ok: true, viaQuery: false } : { ok: false, status: 403, message: WRONG_TOKEN };
}

const NO_TOKEN = 'Нет ключа доступа. Откройте панель по адресу, который msoko напечатал при запуске (с «?token=…»).';
const WRONG_TOKEN = 'Неверный ключ доступа: он меняется при каждом запуске msoko. Откройте адрес, напечатанный при последнем запуске.';
export const FOREIGN_HOST = 'Запрос к панели с чужим адресом отклонён: откройте её по адресу http://127.0.0.1:…, напечатанному msoko.';
export const FOREIGN_ORIGIN = 'Запрос с чужой страницы отклонён: изменять кампанию можно только из панели msoko.';
