import { randomUUID } from 'node:crypto';
import { headerText } from '../../core/letters/address';

/**
 * A small RFC 5322 / MIME writer for the offline drafts: UTF-8 subject and display names as RFC 2047 encoded-words,
 * the body in base64, attachments in base64, CRLF line ends, no line over 78 characters. It only builds text; it
 * never sends. Every header value passes through headerText first, and addresses are checked by the core, so no
 * value can end a header line.
 */
export interface MimeAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface MimeMessage {
  from: { name: string; address: string | null };
  to: string[];
  subject: string;
  body: string;
  date: Date;
  attachments: MimeAttachment[];
  /** Extra headers (name → value), e.g. X-Unsent. */
  headers?: Record<string, string>;
}

const CRLF = '\r\n';
/** 39 bytes → 52 base64 characters → a 64-character encoded-word: fits after «Subject: » within 78. */
const WORD_BYTES = 39;

/**
 * RFC 2047 B-encoded words of the text, each whole UTF-8 characters, joined by folding whitespace (which a decoder
 * drops). A word ends after a space where it can, so a decoder that keeps that whitespace (Python's address parser
 * does) still separates the words — it shows two spaces, never a word cut in two.
 */
export function encodedWords(text: string): string {
  const chars = [...text];
  const words: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let size = 0;
    let lastSpace = -1;
    while (end < chars.length) {
      const bytes = Buffer.byteLength(chars[end] as string, 'utf8');
      if (size + bytes > WORD_BYTES) break;
      size += bytes;
      if (chars[end] === ' ') lastSpace = end;
      end++;
    }
    if (end < chars.length && lastSpace > start) end = lastSpace + 1;
    words.push(`=?UTF-8?B?${Buffer.from(chars.slice(start, end).join(''), 'utf8').toString('base64')}?=`);
    start = end;
  }
  return words.join(`${CRLF} `);
}

const PLAIN = /^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~.,:;()]*$/;

/** A header value: plain when it is short printable ASCII without «=?», otherwise encoded-words. */
function headerValue(name: string, text: string): string {
  const clean = headerText(text);
  return PLAIN.test(clean) && !clean.includes('=?') && name.length + 2 + clean.length <= 78 ? clean : encodedWords(clean);
}

function mailbox(name: string, address: string): string {
  const clean = headerText(name);
  return clean === '' ? address : `${encodedWords(clean)}${CRLF} <${address}>`;
}

const base64Lines = (bytes: Uint8Array): string =>
  (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** «Sun, 06 Dec 2026 17:55:44 +0300» in the computer's time zone (RFC 5322 §3.3). */
export function rfc5322Date(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${DAYS[at.getDay()]}, ${two(at.getDate())} ${MONTHS[at.getMonth()]} ${at.getFullYear()} ` +
    `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())} ${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`
  );
}

/** The message as bytes of an .eml file. */
export function mimeMessage(m: MimeMessage): Buffer {
  const domain = m.from.address?.split('@')[1] ?? 'msoko.invalid';
  const lines: string[] = [];
  if (m.from.address) lines.push(`From: ${mailbox(m.from.name, m.from.address)}`);
  lines.push(`To: ${m.to.join(`,${CRLF} `)}`);
  lines.push(`Subject: ${headerValue('Subject', m.subject)}`);
  lines.push(`Date: ${rfc5322Date(m.date)}`);
  lines.push(`Message-ID: <${randomUUID()}@${domain}>`);
  for (const [name, value] of Object.entries(m.headers ?? {})) lines.push(`${name}: ${headerValue(name, value)}`);
  lines.push('MIME-Version: 1.0');
  const text = [
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(m.body.replace(/\r?\n/g, CRLF), 'utf8')),
  ];
  if (m.attachments.length === 0) return Buffer.from([...lines, ...text, ''].join(CRLF), 'utf8');
  const boundary = `=_msoko_${randomUUID().replace(/-/g, '')}`;
  lines.push(`Content-Type: multipart/mixed;${CRLF} boundary="${boundary}"`, '', 'This is a multi-part message in MIME format.', `--${boundary}`, ...text);
  for (const a of m.attachments) {
    const name = headerText(a.filename);
    const ascii = /^[A-Za-z0-9._-]+$/.test(name);
    // a name beyond plain ASCII goes as an RFC 2231 parameter (percent-encoded UTF-8), never folded inside quotes
    const param = (key: string): string => (ascii ? `${key}="${name}"` : `${key}*=UTF-8''${encodeURIComponent(name)}`);
    lines.push(
      `--${boundary}`,
      `Content-Type: ${a.contentType};${CRLF} ${param('name')}`,
      `Content-Disposition: attachment;${CRLF} ${param('filename')}`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(a.content),
    );
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join(CRLF), 'utf8');
}
