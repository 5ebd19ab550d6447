/**
 * Addresses and header text of a letter. An address comes only from the school's registry row and is checked here
 * more strictly than the registry does (RFC 5321 dot-atom, ASCII domain), so nothing but an address reaches a header.
 * Any other text bound for a header (subject, names) loses every control and line-break character first.
 */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** Why an address is refused, in Russian, or null for a good one. */
export function emailProblem(address: string): string | null {
  if (address.length > 254) return 'слишком длинный адрес';
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return 'нет «@» между именем и доменом';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return 'недопустимые знаки до «@»';
  if (/[^\x21-\x7e]/.test(domain)) return 'домен с русскими буквами или пробелами — укажите его латиницей (xn--…)';
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TOP.test(labels[labels.length - 1] ?? '')) return 'неверный домен';
  return null;
}

export const isEmail = (address: string): boolean => emailProblem(address) === null;

export interface Recipients {
  /** Valid addresses, each once (compared without case). */
  to: string[];
  /** Addresses of the registry that were refused, each with the reason. */
  refused: { address: string; reason: string }[];
}

/** A school's registry e-mails split into the addresses a letter may go to and the refused ones. */
export function recipients(emails: readonly string[]): Recipients {
  const to: string[] = [];
  const refused: Recipients['refused'] = [];
  for (const raw of emails) {
    const address = raw.trim();
    if (address === '') continue;
    const problem = emailProblem(address);
    if (problem !== null) refused.push({ address: headerText(address), reason: problem });
    else if (!to.some((a) => a.toLowerCase() === address.toLowerCase())) to.push(address);
  }
  return { to, refused };
}

/** C0/C1 controls, line and paragraph separators, zero-width and bidi formatting characters, the BOM. */
const HEADER_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Text for a header: every line break and control becomes a space, runs of spaces one, trimmed. */
export const headerText = (text: string): string => text.replace(HEADER_UNSAFE, ' ').replace(/\s+/g, ' ').trim();

/** A one-line value inside a body (a school name in a sentence): as for a header, so it cannot start a new line. */
export const inlineText = headerText;
