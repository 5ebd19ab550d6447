/** The .eml writer: RFC 2047 words, CRLF lines within 78 characters, no header from a hostile value. */
import fc from 'fast-check';
import type { School } from '../../../src/core/campaign/schema';
import { DEMO_CAMPAIGN, DEMO_SCHOOLS } from '../../../src/core/demo/municipality';
import { composeLetter } from '../../../src/core/letters/compose';
import { defaultLetterTexts } from '../../../src/core/letters/texts';
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

test('property: whatever a school name, a sender name or a subject holds, the header has exactly the headers written', () => {
  const unsafe = fc.string({ unit: fc.constantFrom('\r', '\n', ':', ' ', 'B', 'c', 'я', '\u0085', '\u2028', '\u0000', '=', '?', '"', '<', '>') });
  fc.assert(
    fc.property(unsafe, unsafe, unsafe, (name, subject, body) => {
      const letter = composeLetter(
        'reminder',
        {
          campaign: { ...DEMO_CAMPAIGN, senderName: name, senderEmail: 'oo@edu.ru' },
          catalogTitle: 'Каталог',
          texts: { ...defaultLetterTexts(), reminder: { subject: `${subject} {школа}`, body: `${body}\n{школа}` } },
          today: '06.12.2026',
        },
        { school: { ...DEMO_SCHOOLS[0], name, shortName: name } as School, to: ['a@edu.ru'], state: 'missing', messages: [], returnReason: name, file: null },
      );
      const text = mimeMessage({ ...letter, date: new Date(0), attachments: [], headers: { 'X-Unsent': '1' } }).toString('utf8');
      const head = text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n');
      expect(head.filter((l) => !l.startsWith(' ')).map((l) => l.slice(0, l.indexOf(':')))).toEqual([
        'From',
        'To',
        'Subject',
        'Date',
        'Message-ID',
        'X-Unsent',
        'MIME-Version',
        'Content-Type',
        'Content-Transfer-Encoding',
      ]);
    }),
    { numRuns: 300 },
  );
});
