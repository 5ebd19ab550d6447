/** The .eml writer: RFC 2047 words, CRLF lines within 78 characters, no header from a hostile value. */
import { encodedWords, mimeMessage, rfc5322Date } from '../../../src/node/letters/mime';

const decode = (words: string): string =>
  words
    .split(/\r\n /)
    .map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)?.[1] ?? '', 'base64').toString('utf8'))
    .join('');

test('encoded words: whole characters, each within 75, a word ends after a space where it can', () => {
  const text = 'Отдел образования администрации Каларского муниципального округа 😀 ёЁ';
  const words = encodedWords(text);
  expect(decode(words)).toBe(text);
  for (const w of words.split('\r\n ')) expect(w.length).toBeLessThanOrEqual(75);
  expect(decode(words.split('\r\n ')[0] ?? '')).toMatch(/ $/);
});

test('a message: CRLF only, short header lines, no header made by a value', () => {
  const bytes = mimeMessage({
    from: { name: 'Отдел\r\nBcc: x@evil.ru', address: 'oo@edu.ru' },
    to: ['a@edu.ru', 'b@edu.ru'],
    subject: 'Тема\r\nBcc: y@evil.ru\nX-Evil: 1',
    body: 'Строка 1\nBcc: z@evil.ru\r\nСтрока 3',
    date: new Date('2026-12-06T10:00:00Z'),
    attachments: [{ filename: 'sosh1.xlsx', contentType: 'application/octet-stream', content: new Uint8Array([1, 2, 3]) }],
    headers: { 'X-Unsent': '1' },
  });
  const text = bytes.toString('utf8');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.split('\r\n');
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(78);
  expect(lines.filter((l) => /^(Bcc|X-Evil):/i.test(l))).toEqual([]);
  const head = lines.slice(0, lines.indexOf(''));
  expect(head.filter((l) => /^\S/.test(l)).map((l) => l.split(':')[0])).toEqual([
    'From',
    'To',
    'Subject',
    'Date',
    'Message-ID',
    'X-Unsent',
    'MIME-Version',
    'Content-Type',
  ]);
  expect(rfc5322Date(new Date('2026-12-06T10:00:00Z'))).toMatch(/^Sun, 06 Dec 2026 \d\d:\d\d:00 [+-]\d{4}$/);
});
