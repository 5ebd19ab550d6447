/**
 * The hand-written .docx writer (src/node/docx/) read back by readers that share no code with it: python's
 * zipfile and strict XML parser (test/helpers/docx-reader.ts) and LibreOffice. The documents are the real
 * ones — every school's recommendations and the municipal report of `msoko demo`, built from the demo's
 * files in this process and by the built CLI — plus a hand-made model with every block type, markup in the
 * text, control characters and links that must not become clickable.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { type Block, type DocumentModel, safeUrl } from '../../../src/core/document/model';
import { ConsolidationExportSchema } from '../../../src/core/export/contract';
import { municipalReport } from '../../../src/core/recommend/municipal-report';
import { schoolRecommendations } from '../../../src/core/recommend/school-document';
import { loadCampaign } from '../../../src/node/campaign/load';
import { SchoolValuesSchema } from '../../../src/core/submission/values';
import { docxBytes, writeDocx } from '../../../src/node/docx/render';
import { WRITER, msoko, tempDir, toolTest, withTools } from '../cli/helpers';
import { type DocxRead, type ParagraphRead, PYTHON3, type TableRead, readDocx } from '../../helpers/docx-reader';

const INJECTION = `<script>&"'`;
const CONTROL = '\u0000\u0001\u0007\u0008\u000B\u000C\u001B\u001F\uFFFE\uFFFF\uD800';

/** Every block type, every tone, markup and control characters in the text, links that must stay text. */
const HAND: DocumentModel = {
  title: `Проверка ${INJECTION} записи`,
  subtitle: `Подзаголовок${CONTROL} без управляющих символов`,
  audience: 'internal',
  blocks: [
    { type: 'heading', level: 1, text: 'Заголовок первого уровня' },
    { type: 'heading', level: 2, text: `Заголовок второго уровня ${INJECTION}` },
    { type: 'heading', level: 3, text: 'Заголовок третьего уровня' },
    { type: 'paragraph', text: '  Обычный абзац:   три пробела и пробелы по краям  ' },
    { type: 'paragraph', text: 'Приглушённый абзац', tone: 'muted' },
    { type: 'paragraph', text: 'Выделенный абзац', tone: 'emphasis' },
    { type: 'paragraph', text: 'Обычный по явному указанию', tone: 'normal' },
    { type: 'paragraph', text: 'Строка 1\nСтрока 2\tпосле табуляции\r\nСтрока 3' },
    { type: 'bullets', items: ['Первый пункт', `Второй ${INJECTION} пункт`, `Третий${CONTROL}пункт`] },
    {
      type: 'table',
      header: ['Показатель', 'Значение', 'План'],
      rows: [['A & B', 'строка 1\nстрока 2', '<3'], ['Короткая строка'], [`${INJECTION}${CONTROL}`, '', '100 %']],
      widths: [50, 25, 25],
    },
    { type: 'table', header: ['Без ширин', 'Вторая', 'Третья'], rows: [['x', 'y', 'z']] },
    { type: 'table', header: [], rows: [] },
    { type: 'link', text: 'Сайт школы', url: 'https://example.ru/a?b=1&c="2"&d=<3>' },
    { type: 'link', text: 'Второй сайт', url: '  http://школа.рф/документы  ' },
    { type: 'link', text: 'Опасная ссылка', url: 'javascript:alert(1)' },
    { type: 'link', text: 'Файл', url: 'file:///etc/passwd' },
    { type: 'link', text: 'Не адрес', url: 'сайт школы' },
    { type: 'paragraph', text: `Управляющие символы${CONTROL} удалены; эмодзи 😀 и ё остаются` },
  ],
};

// ------------------------------------------------------------------------------------ expectations --
/** XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; carriage returns become line breaks. */
function xmlText(text: string): string {
  const allowed = (cp: number): boolean =>
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
  return Array.from(text)
    .filter((ch) => allowed(ch.codePointAt(0) ?? 0))
    .join('')
    .replace(/\r\n?/g, '\n');
}

/** The paragraphs a model must give, in document order (a table cell line is a paragraph; an empty one follows each table). */
function expectedParagraphs(model: DocumentModel): string[] {
  const out = [model.title, model.subtitle];
  for (const block of model.blocks) out.push(...blockParagraphs(block));
  return out.map(xmlText);
}
function blockParagraphs(block: Block): string[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'bullets':
      return block.items;
    case 'table': {
      const cells = [block.header, ...block.rows].flatMap((row) => block.header.map((_, i) => row[i] ?? ''));
      return [...cells.flatMap((c) => c.split(/\r\n?|\n/)), ''];
    }
    case 'link':
      return [safeUrl(block.url) ? block.text : `${block.text}: ${block.url}`];
    case 'chart':
      return [''];
  }
}
const links = (model: DocumentModel): Extract<Block, { type: 'link' }>[] => model.blocks.flatMap((b) => (b.type === 'link' ? [b] : []));

const PARTS = [
  '[Content_Types].xml',
  '_rels/.rels',
  'docProps/app.xml',
  'docProps/core.xml',
  'word/_rels/document.xml.rels',
  'word/document.xml',
  'word/numbering.xml',
  'word/settings.xml',
  'word/styles.xml',
];
const HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';
const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const TEXT_WIDTH = 11906 - 1701 - 850;

// ----------------------------------------------------------------------------------------- fixture --
const root = tempDir('docx-writer');
const demo = path.join(root, 'demo');
const own = path.join(root, 'own');
/** file → the model it was written from */
const written = new Map<string, DocumentModel>();
/** the CLI's own output file → the model this process builds from the same inputs */
const cliFiles = new Map<string, DocumentModel>();
let handFile = '';

beforeAll(async () => {
  const run = msoko(['demo', demo], 180_000);
  if (run.code !== 0) throw new Error(`msoko demo: код ${String(run.code)}\n${run.stderr}`);
  const folder = await loadCampaign(demo);
  const out = path.join(demo, 'out');
  const result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(out, 'appendices.json'), 'utf8')));
  const values = SchoolValuesSchema.parse(JSON.parse(readFileSync(path.join(out, 'school-values.json'), 'utf8')));
  const previous = SchoolValuesSchema.parse(JSON.parse(readFileSync(path.join(demo, '2025', 'out', 'school-values.json'), 'utf8')));
  // the same inputs as src/node/commands/recommend.ts gives the generators
  for (const school of folder.schools) {
    const entry = result.schools.find((s) => s.id === school.id);
    const model = schoolRecommendations(
      folder.catalog,
      folder.campaign,
      {
        school,
        status: entry?.status ?? 'missing',
        values: values[school.id] ?? null,
        messages: (entry?.messages ?? []).map((m) => ({ ...m, code: 'report' })),
      },
      previous[school.id] ?? null,
      result,
    );
    const file = path.join(own, `${school.id}.docx`);
    await writeDocx(model, file);
    written.set(file, model);
    cliFiles.set(path.join(out, 'recommendations', `${school.id}.docx`), model);
  }
  const report = municipalReport(folder.catalog, folder.campaign, result);
  await writeDocx(report, path.join(own, 'report.docx'));
  written.set(path.join(own, 'report.docx'), report);
  cliFiles.set(path.join(out, 'report.docx'), report);
  handFile = path.join(own, 'hand.docx');
  await writeDocx(HAND, handFile);
  written.set(handFile, HAND);
}, 240_000);

test('the documents cover every block type: 10 schools of the demo, its report and the hand-made model', () => {
  const models = [...written.values()];
  expect(models.length).toBe(12);
  expect(models.some((m) => m.blocks.some((b) => b.type === 'table'))).toBe(true);
  expect(models.some((m) => m.blocks.some((b) => b.type === 'bullets'))).toBe(true);
  expect(models.some((m) => m !== HAND && m.blocks.some((b) => b.type === 'link'))).toBe(true);
  expect(new Set(models.flatMap((m) => m.blocks.map((b) => b.type)))).toEqual(new Set(['heading', 'paragraph', 'bullets', 'table', 'link', 'chart']));
});

// ------------------------------------------------------------------------------ second reader: python --
withTools([PYTHON3], 'the .docx read back by python (zipfile + xml.etree)', () => {
  let read: Record<string, DocxRead>;
  let cli: Record<string, DocxRead>;
  const of = (file: string): DocxRead => {
    const r = read[file];
    if (!r) throw new Error(`${file}: не прочитан`);
    return r;
  };
  beforeAll(() => {
    read = readDocx([...written.keys()]);
    cli = readDocx([...cliFiles.keys()]);
  });

  test('every document is a whole zip of exactly the expected parts, each well-formed XML with a content type', () => {
    for (const r of [...Object.values(read), ...Object.values(cli)]) {
      // the municipal report's charts are pictures; a school's recommendations chart is a native chart part
      const media = r.parts.filter((p) => p.startsWith('word/media/') || p.startsWith('word/charts/'));
      const school = (r.core.title ?? '').startsWith('Адресные');
      expect(media.sort()).toEqual(media.map((_, i) => (school ? `word/charts/chart${i + 1}.xml` : `word/media/chart${i + 1}.png`)).sort());
      for (const part of media.filter((p) => p.endsWith('.xml'))) expect(r.contentTypes.overrides[`/${part}`]).toBe(CHART_TYPE);
      expect([r.bad, r.errors, r.parts.filter((p) => !media.includes(p)).sort()]).toEqual([null, [], PARTS]);
      expect(r.parts[0]).toBe('[Content_Types].xml');
      expect(r.contentTypes.defaults.png).toBe('image/png');
      for (const part of r.parts.filter((p) => !p.endsWith('.rels') && p !== '[Content_Types].xml' && !media.includes(p))) {
        expect([part, r.contentTypes.overrides[`/${part}`]]).toEqual([part, expect.stringMatching(/^application\/vnd\.openxmlformats-/)]);
      }
      expect(r.contentTypes.overrides['/word/document.xml']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
      expect(r.contentTypes.defaults.rels).toBe('application/vnd.openxmlformats-package.relationships+xml');
      expect(r.rootRels.map((rel) => rel.target).sort()).toEqual(['docProps/app.xml', 'docProps/core.xml', 'word/document.xml']);
      expect(
        r.documentRels
          .filter((rel) => rel.type !== HYPERLINK)
          .map((rel) => rel.target)
          .sort(),
      ).toEqual(['numbering.xml', 'settings.xml', 'styles.xml', ...media.map((m) => m.slice('word/'.length))].sort());
      expect(new Set(r.documentRels.map((rel) => rel.id)).size).toBe(r.documentRels.length);
    }
  });

  test('the paragraphs hold the model’s texts in order: title, subtitle, headings, paragraphs, bullets, table cells, links', () => {
    for (const [file, model] of written) expect([path.basename(file), of(file).paragraphs]).toEqual([path.basename(file), expectedParagraphs(model)]);
  });

  test('the documents the built CLI wrote (msoko demo) hold the same texts', () => {
    for (const [file, model] of cliFiles) {
      const r = cli[file];
      expect([path.basename(file), r?.paragraphs]).toEqual([path.basename(file), expectedParagraphs(model)]);
    }
  });

  test('every http(s) link is a hyperlink with its own external relationship; any other link is plain «text: url»', () => {
    for (const [file, model] of written) {
      const r = of(file);
      const safe = links(model).filter((l) => safeUrl(l.url) !== null);
      const clickable = r.body.flatMap((b) => (b.kind === 'paragraph' ? b.links : []));
      expect(clickable.map((l) => [l.target, l.mode])).toEqual(safe.map((l) => [safeUrl(l.url), 'External']));
      expect(r.documentRels.filter((rel) => rel.type === HYPERLINK).length).toBe(safe.length);
      for (const l of links(model).filter((x) => safeUrl(x.url) === null)) {
        const shown = r.body.find((b): b is ParagraphRead => b.kind === 'paragraph' && b.text === `${l.text}: ${l.url}`);
        expect([l.url, shown?.links]).toEqual([l.url, []]);
      }
    }
    const hand = of(handFile);
    expect(hand.documentRels.filter((rel) => rel.type === HYPERLINK).map((rel) => rel.target)).toEqual([
      'https://example.ru/a?b=1&c="2"&d=<3>',
      'http://школа.рф/документы',
    ]);
    expect(hand.documentRels.some((rel) => /javascript|file:/.test(rel.target))).toBe(false);
    const link = hand.body.find((b): b is ParagraphRead => b.kind === 'paragraph' && b.text === 'Сайт школы');
    expect(link?.runs.map((run) => run.style)).toEqual(['Hyperlink']);
    expect(hand.styles.Hyperlink).toMatchObject({ type: 'character', color: '0563C1', underline: 'single' });
  });

  test('document properties: the title, the subtitle as description, «Мониторинг воспитания» as author', () => {
    for (const [file, model] of written) {
      const r = of(file);
      expect([r.core.title, r.core.description, r.core.creator]).toEqual([xmlText(model.title), xmlText(model.subtitle), 'Мониторинг воспитания']);
      expect(r.core.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  test('the page and the text: A4 portrait, margins 1134/1134/1701/850, Times New Roman 12 pt', () => {
    for (const r of Object.values(read)) {
      expect(r.section).toEqual({ width: '11906', height: '16838', orient: null, top: '1134', bottom: '1134', left: '1701', right: '850' });
      expect(r.defaults).toEqual({ font: 'Times New Roman', size: '24' });
    }
  });

  test('title, subtitle, headings, tones and bullets look as designed', () => {
    const r = of(handFile);
    const paragraphs = r.body.filter((b): b is ParagraphRead => b.kind === 'paragraph');
    const [title, subtitle] = paragraphs;
    expect(title).toMatchObject({ jc: 'center', after: '120', runs: [{ bold: true, italic: false, size: '32' }] });
    expect(subtitle).toMatchObject({ jc: 'center', after: '240', runs: [{ bold: false, italic: true }] });
    const by = (text: string): ParagraphRead | undefined => paragraphs.find((p) => p.text === xmlText(text));
    const headings = HAND.blocks.flatMap((b) => (b.type === 'heading' ? [b] : []));
    expect(headings.map((h) => by(h.text)?.style)).toEqual(['Heading1', 'Heading2', 'Heading3']);
    for (const [level, size] of [
      [1, '30'],
      [2, '27'],
      [3, '25'],
    ] as const) {
      expect(r.styles[`Heading${level}`]).toMatchObject({
        type: 'paragraph',
        name: `heading ${level}`,
        bold: true,
        size,
        before: '240',
        after: '120',
        outline: String(level - 1),
      });
    }
    const body = { jc: 'both', after: '120', style: null };
    expect(by('  Обычный абзац:   три пробела и пробелы по краям  ')).toMatchObject({ ...body, runs: [{ bold: false, italic: false, color: null }] });
    expect(by('Приглушённый абзац')).toMatchObject({ ...body, runs: [{ bold: false, italic: true, color: '555555' }] });
    expect(by('Выделенный абзац')).toMatchObject({ ...body, runs: [{ bold: true, italic: false, color: null }] });
    expect(by('Обычный по явному указанию')).toMatchObject({ ...body, runs: [{ bold: false, italic: false }] });
    const bullets = paragraphs.filter((p) => p.numId !== null);
    expect(bullets.map((p) => p.text)).toEqual(['Первый пункт', `Второй ${INJECTION} пункт`, 'Третийпункт']);
    for (const p of bullets) expect(p).toMatchObject({ ilvl: '0', after: '60', jc: null });
    expect(r.numbering[bullets[0]?.numId ?? '']).toEqual({ format: 'bullet', text: '●', left: '720', hanging: '360' });
  });

  test('tables: fixed layout over the text width, columns by the percentages, grey borders, repeated shaded bold header, 9 pt, an empty paragraph after', () => {
    const r = of(handFile);
    const tables = r.body.filter((b): b is TableRead => b.kind === 'table');
    expect(tables.length).toBe(2); // the table without columns shows nothing
    for (const t of tables) {
      expect([t.width, t.widthType, t.layout]).toEqual([String(TEXT_WIDTH), 'dxa', 'fixed']);
      expect(t.grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'])
        expect([side, t.borders[side]]).toEqual([side, { val: 'single', sz: '4', color: '999999' }]);
      expect(t.rows.map((row) => row.header)).toEqual(t.rows.map((_, i) => i === 0));
      for (const [i, row] of t.rows.entries()) {
        expect(row.cells.map((c) => [c.width, c.widthType])).toEqual(t.grid.map((w) => [String(w), 'dxa']));
        for (const c of row.cells) {
          expect(c.fill).toBe(i === 0 ? 'E7E6E6' : null);
          for (const run of c.paragraphs.flatMap((p) => p.runs)) expect(run).toMatchObject({ bold: i === 0, size: '18' });
        }
      }
      const next = r.body[r.body.indexOf(t) + 1];
      expect(next).toMatchObject({ kind: 'paragraph', text: '', style: null, numId: null });
    }
    const [given, equal] = tables as [TableRead, TableRead];
    given.grid.forEach((w, i) => {
      expect(Math.abs(w - (TEXT_WIDTH * ([50, 25, 25][i] ?? 0)) / 100)).toBeLessThanOrEqual(1);
    });
    equal.grid.forEach((w) => {
      expect(Math.abs(w - TEXT_WIDTH / 3)).toBeLessThanOrEqual(1);
    });
    expect(given.rows[1]?.cells[1]?.paragraphs.map((p) => p.text)).toEqual(['строка 1', 'строка 2']);
    expect(given.rows[3]?.cells.map((c) => c.paragraphs.map((p) => p.text))).toEqual([[INJECTION], [''], ['100 %']]);
  });

  test('markup in the text stays text; control characters are dropped; spaces, line breaks and tabs are kept', async () => {
    const r = of(handFile);
    expect(r.paragraphs[0]).toBe(`Проверка ${INJECTION} записи`);
    expect(r.paragraphs[1]).toBe('Подзаголовок без управляющих символов');
    expect(r.paragraphs).toContain('Управляющие символы удалены; эмодзи 😀 и ё остаются');
    expect(r.paragraphs).toContain('Строка 1\nСтрока 2\tпосле табуляции\nСтрока 3');
    expect(r.paragraphs).toContain('  Обычный абзац:   три пробела и пробелы по краям  ');
    const raw = await (await JSZip.loadAsync(readFileSync(handFile))).file('word/document.xml')?.async('string');
    expect(raw).toContain("&lt;script&gt;&amp;&quot;'");
    expect(raw).not.toContain('<script>');
    expect(raw).not.toMatch(/<w:fldSimple|<w:instrText|<w:fldChar/);
  });
});

// -------------------------------------------------------------------------- the writer on its own --
test('the same model at the same moment gives the same bytes', async () => {
  const at = new Date('2026-05-01T10:00:00Z');
  expect(Buffer.from(await docxBytes(HAND, at)).equals(Buffer.from(await docxBytes(HAND, at)))).toBe(true);
});

test('writeDocx replaces an existing file and leaves no temporary file behind', async () => {
  const dir = path.join(root, 'atomic');
  const file = path.join(dir, 'doc.docx');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, 'старое содержимое');
  await writeDocx(HAND, file);
  expect(readdirSync(dir)).toEqual(['doc.docx']);
  const zip = await JSZip.loadAsync(readFileSync(file));
  expect(
    Object.keys(zip.files)
      .filter((n) => !zip.files[n]?.dir)
      .sort(),
  ).toEqual(PARTS);
});

// ------------------------------------------------------------------------- second reader: LibreOffice --
function soffice(): string {
  return execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).trim();
}
/** All `files` converted in ONE soffice call with a throwaway profile (parallel runs must not share one). */
function convert(files: string[], format: string, extension: string, outDir: string): string[] {
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(soffice(), [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, ...files], {
      timeout: 180_000,
      stdio: 'pipe',
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, `${path.basename(f, '.docx')}.${extension}`));
}
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

toolTest(
  [WRITER],
  'LibreOffice converts every document to text holding its title, headings, paragraphs, bullets, table cells and links',
  () => {
    const files = [...written.keys()];
    const texts = convert(files, 'txt:Text', 'txt', path.join(root, 'txt'));
    files.forEach((file, i) => {
      const text = collapse(readFileSync(texts[i] as string, 'utf8'));
      const missing = expectedParagraphs(written.get(file) as DocumentModel)
        .map(collapse)
        .filter((p) => p !== '' && !text.includes(p));
      expect([path.basename(file), missing]).toEqual([path.basename(file), []]);
    });
  },
  200_000,
);

toolTest(
  [WRITER],
  'LibreOffice sees the structure: headings 1–3, a bullet list, tables with a repeated header row, a clickable http link only',
  () => {
    const [html] = convert([handFile], 'html', 'html', path.join(root, 'html'));
    const page = readFileSync(html as string, 'utf8');
    expect(page).toMatch(/<h1[^>]*>[^<]*Заголовок первого уровня/);
    expect(page).toMatch(/<h2[^>]*>[^<]*Заголовок второго уровня &lt;script&gt;/);
    expect(page).toMatch(/<h3[^>]*>[^<]*Заголовок третьего уровня/);
    expect((page.match(/<li/g) ?? []).length).toBe(3);
    expect((page.match(/<thead>/g) ?? []).length).toBe(2);
    expect(page).toContain('#e7e6e6');
    expect([...page.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'https://example.ru/a?b=1&amp;c=%222%22&amp;d=%3C3%3E',
      expect.stringMatching(/^http:\/\/(школа\.рф|xn--80adi8aw\.xn--p1ai)\//),
    ]);
    expect(page).not.toMatch(/<script/i);
  },
  200_000,
);
