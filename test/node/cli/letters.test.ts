/**
 * Offline letters (issue 19) on the demo campaign through the built CLI: every .eml draft is parsed by Python's
 * email package and must carry the school's registry addresses, its subject, its own body and its own file; a school
 * without an address is listed, a hostile name adds no header, letters.csv is safe, delivery is recorded once.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { School } from '../../../src/core/campaign/schema';
import { DEMO_SCHOOLS } from '../../../src/core/demo/municipality';
import { headerText } from '../../../src/core/letters/address';
import { PYTHON3 } from '../../helpers/docx-reader';
import { OPENPYXL, ROOT, msoko, msokoJson, mutate, tempDir, withTools, writeRegistry } from './helpers';

interface Parsed {
  headers: [string, string][];
  from: { name: string; address: string }[] | null;
  to: string[];
  subject: string;
  date: string | null;
  message_id: string | null;
  x_unsent: string | null;
  content_type: string;
  body: string | null;
  attachments: { filename: string; content_type: string; sha256: string }[];
  defects: string[];
}

const parseEml = (files: string[]): Record<string, Parsed> =>
  JSON.parse(
    execFileSync('/usr/bin/python3', [path.join(ROOT, 'test', 'python', 'parse_eml.py'), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as Record<string, Parsed>;
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const HEADERS = ['From', 'To', 'Subject', 'Date', 'Message-ID', 'X-Unsent', 'MIME-Version', 'Content-Type'];

withTools([PYTHON3], 'letters offline', () => {
  const base = tempDir('letters');
  const dir = path.join(base, 'demo');
  /** The demo registry with one school without an address, one with two, a hostile name and a formula-like short name. */
  const schools: School[] = DEMO_SCHOOLS.map((s) => {
    if (s.id === 'oosh1') return { ...s, emails: [] };
    if (s.id === 'sosh2') return { ...s, emails: ['sosh2@edu-demo.ru', 'director.sosh2@edu-demo.ru'] };
    if (s.id === 'nosh1') return { ...s, name: `${s.name}\r\nBcc: x@evil.ru\r\n\r\nподмена` };
    if (s.id === 'sosh3') return { ...s, shortName: '=HYPERLINK("http://evil.ru","СОШ № 3")' };
    return s;
  });
  const byId = new Map(schools.map((s) => [s.id, s]));
  const emls = (kind: string): string[] => {
    const d = path.join(dir, 'out', 'letters', kind);
    return existsSync(d)
      ? readdirSync(d)
          .filter((n) => n.endsWith('.eml'))
          .sort()
      : [];
  };

  beforeAll(() => {
    const run = msoko(['demo', dir]);
    if (run.code !== 0) throw new Error(run.stderr);
    const campaign = JSON.parse(readFileSync(path.join(dir, 'campaign.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'campaign.json'), JSON.stringify({ ...campaign, senderName: 'Иванова Мария Петровна', senderEmail: 'otdel@edu-demo.ru' }));
    writeRegistry(dir, schools);
  }, 240_000);

  /** Every draft of a kind, parsed, checked for what every letter must be; returns them by school id. */
  function drafts(kind: string): Map<string, Parsed> {
    const files = emls(kind).map((n) => path.join(dir, 'out', 'letters', kind, n));
    const parsed = parseEml(files);
    const out = new Map<string, Parsed>();
    for (const [file, p] of Object.entries(parsed)) {
      const id = path.basename(file, '.eml');
      const s = byId.get(id) as School;
      expect([id, p.defects]).toEqual([id, []]);
      const single = p.attachments.length === 0 ? ['Content-Transfer-Encoding'] : [];
      expect(p.headers.map(([k]) => k).sort()).toEqual([...HEADERS, ...single].sort());
      expect(p.to).toEqual(s.emails);
      // Python's address parser keeps the folding space between encoded-words that RFC 2047 drops: spaces collapsed
      expect(p.from?.map((f) => ({ ...f, name: f.name.replace(/\s+/g, ' ') }))).toEqual([{ name: 'Иванова Мария Петровна', address: 'otdel@edu-demo.ru' }]);
      expect(p.x_unsent).toBe('1');
      expect(p.message_id).toMatch(/^<[0-9a-f-]+@edu-demo\.ru>$/);
      expect(p.date).not.toBeNull();
      expect(p.subject).toContain(headerText(s.shortName));
      expect(p.body).toContain(headerText(s.name));
      for (const other of schools) if (other.id !== id) expect([id, p.body?.includes(headerText(other.name))]).toEqual([id, false]);
      out.set(id, p);
    }
    return out;
  }

  test('launch: each school its own workbook attached, «без адреса» listed, a hostile name adds no header', () => {
    const run = msoko(['letters', dir, '--kind', 'launch']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Тексты писем по умолчанию записаны');
    expect(run.stdout).toMatch(/Без адреса[^\n]*\(1\):\n {2}ООШ с\. Берёзовка \(oosh1\): в реестре нет адреса электронной почты/);
    const got = drafts('launch');
    expect([...got.keys()].sort()).toEqual(
      schools
        .filter((s) => s.id !== 'oosh1')
        .map((s) => s.id)
        .sort(),
    );
    for (const [id, p] of got) {
      expect(p.subject).toBe(
        `Мониторинг системы воспитания и социализации обучающихся 2026: таблица ${headerText((byId.get(id) as School).shortName)}, сведения до 15.12.2026`,
      );
      expect(p.body).toContain('Срок представления сведений — до 15.12.2026.');
      expect(p.body).toContain('Порядок проведения:');
      expect(p.attachments).toEqual([
        {
          filename: `${id}.xlsx`,
          content_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          sha256: sha(path.join(dir, 'schools', `${id}.xlsx`)),
        },
      ]);
    }
    expect(got.get('nosh1')?.body).toContain('Bcc: x@evil.ru подмена');
    expect(got.get('sosh2')?.to).toEqual(['sosh2@edu-demo.ru', 'director.sosh2@edu-demo.ru']);
    const status = msoko(['status', dir]);
    expect(status.stdout).toContain('Без адреса');
    expect(status.stdout).toContain('ООШ с. Берёзовка (oosh1)');
  });

  test('launch goes once: marked as sent, it is not drafted again unless resent', () => {
    expect(msoko(['letters', dir, '--kind', 'launch', '--mark-sent', '--school', 'sosh1', 'gimn']).stdout).toContain(
      'Отмечено как отправленные (2): sosh1, gimn',
    );
    const log = JSON.parse(readFileSync(path.join(dir, 'deliveries.json'), 'utf8')) as { schoolId: string; kind: string; subject: string }[];
    expect(log.map((d) => [d.schoolId, d.kind])).toEqual([
      ['sosh1', 'launch'],
      ['gimn', 'launch'],
    ]);
    expect(msoko(['letters', dir, '--kind', 'launch', '--mark-sent', '--school', 'sosh1']).stdout).toContain('Уже были отмечены: sosh1');
    const again = msoko(['letters', dir, '--kind', 'launch']);
    expect(again.stdout).toMatch(/не отправляется: СОШ № 1 — письмо «О проведении мониторинга» уже отправлено \d\d\.\d\d\.\d{4}/);
    expect(emls('launch')).not.toContain('sosh1.eml');
    expect(emls('launch')).not.toContain('gimn.eml');
    msoko(['letters', dir, '--kind', 'launch', '--resend', '--school', 'sosh1']);
    expect(emls('launch')).toEqual(['sosh1.eml']);
    expect(msoko(['letters', dir, '--kind', 'launch', '--school', 'nope']).stderr).toContain('В реестре нет ОО с кодом «nope»');
  });

  test('reminder: to the schools not done, with their own findings by sheet and cell, then not again within the interval', () => {
    const status = msokoJson<{ rows: { id: string; state: string }[] }>(['status', dir, '--json']).json.rows;
    const due = status.filter((r) => ['missing', 'filling', 'errors', 'returned'].includes(r.state) && r.id !== 'oosh1').map((r) => r.id);
    expect(due.length).toBeGreaterThan(1);
    msoko(['letters', dir, '--kind', 'reminder']);
    const got = drafts('reminder');
    expect([...got.keys()].sort()).toEqual([...due].sort());
    const validation = msokoJson<{ schools: { id: string; messages: string[] }[] }>(['validate', dir, '--json']).json.schools;
    for (const [id, p] of got) {
      expect(p.attachments).toEqual([]);
      expect(p.content_type).toBe('text/plain');
      expect(p.subject).toContain('Напоминание');
      const state = status.find((r) => r.id === id)?.state;
      if (state === 'missing') expect(p.body).toContain('— таблица не получена');
      else for (const m of validation.find((s) => s.id === id)?.messages ?? []) expect(p.body).toContain(`— ${m}`);
      expect(p.body).toMatch(/(— таблица не получена|— (Предупреждение\. )?Лист «)/);
    }
    msoko(['letters', dir, '--kind', 'reminder', '--mark-sent']);
    const next = msoko(['letters', dir, '--kind', 'reminder', '--resend']);
    expect(emls('reminder')).toEqual([]);
    expect(next.stdout).toMatch(/напоминание уже отправлено \d\d\.\d\d\.\d{4}; следующее — не раньше/);
  });

  test('recommendations: each school its own document; letters.csv lists every draft, with no formula', () => {
    msoko(['letters', dir, '--kind', 'recommendations']);
    const got = drafts('recommendations');
    expect(got.size).toBe(schools.length - 1);
    for (const [id, p] of got)
      expect(p.attachments).toEqual([
        {
          filename: `${id}.docx`,
          content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          sha256: sha(path.join(dir, 'out', 'recommendations', `${id}.docx`)),
        },
      ]);
    const csv = readFileSync(path.join(dir, 'out', 'letters', 'letters.csv'), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('school,name,addresses,kind,subject,file,eml');
    expect(lines.length - 1).toBe(emls('launch').length + emls('reminder').length + emls('recommendations').length);
    expect(csv).toContain(`sosh3,"'=HYPERLINK(""http://evil.ru"",""СОШ № 3"")"`);
    expect(lines.some((l) => l.startsWith('sosh2,СОШ № 2,"sosh2@edu-demo.ru; director.sosh2@edu-demo.ru",recommendations,'))).toBe(true);
  });

  withTools([OPENPYXL], 'edited texts', () => {
    test('an unknown placeholder names the sheet and cell; an edited subject is used', () => {
      const file = path.join(dir, 'letters.xlsx');
      mutate([{ src: file, dst: file, fill: {}, ops: [{ op: 'set', sheet: 'Тексты писем', cell: 'C6', value: 'Рекомендации {школаа}' }] }], base);
      const bad = msoko(['letters', dir, '--kind', 'recommendations', '--resend']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('Лист «Тексты писем», ячейка C6: неизвестная подстановка {школаа}');
      mutate([{ src: file, dst: file, fill: {}, ops: [{ op: 'set', sheet: 'Тексты писем', cell: 'C6', value: '=CONCAT("a";"b")' }] }], base);
      expect(msoko(['letters', dir, '--kind', 'recommendations', '--resend']).stderr).toMatch(/ячейка C6: формула вместо текста|ячейка C6/);
      mutate(
        [{ src: file, dst: file, fill: {}, ops: [{ op: 'set', sheet: 'Тексты писем', cell: 'C6', value: 'Рекомендации {год} для {школа_кратко}' }] }],
        base,
      );
      const good = msoko(['letters', dir, '--kind', 'recommendations', '--resend', '--school', 'gimn']);
      expect([good.code, good.stderr]).toEqual([0, '']);
      expect(drafts('recommendations').get('gimn')?.subject).toBe('Рекомендации 2026 для Гимназия');
    });
  });
});
