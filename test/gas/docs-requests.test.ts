/**
 * src/gas/render/docs-requests.ts: every document of the demo campaign (each school's recommendations and the
 * municipal report) and a hand-made model with every block type are rendered twice on the fake — element by element
 * with DocumentApp (doc-renderer.ts) and as one Docs API batchUpdate through the fake Docs service — and the two
 * documents must read back the same through DocumentApp: element kinds, texts, headings, list items, table cells
 * and header backgrounds, and every character's bold, italic, colour and link. Re-rendering over an existing body
 * (its end index read with one Documents.get) gives the same document again.
 */
import type { Block, DocumentModel } from '../../src/core/document/model';
import { docsText, documentRequestBodies, documentRequests } from '../../src/gas/render/docs-requests';
import { jsonBytes } from '../../src/gas/render/request-size';
import { FakeWorkspace } from '../fakes';
import { demoDocuments, normalized, renderWithDocsApi, renderWithDocumentApp, snapshot, type ElementSnap } from './docs-snapshot';

const INJECTION = '=1+1 <b>жирный?</b> <script>&"\'';
/** Every block type: Cyrillic, emoji (surrogate pairs), empty paragraphs and cells, injection-like text, tables back to back and last. */
const HAND: DocumentModel = {
  title: 'Проверка 😀 документа',
  subtitle: `Подзаголовок ${INJECTION}`,
  audience: 'internal',
  blocks: [
    { type: 'heading', level: 1, text: 'Заголовок 1 — ёжик 🦔' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: `Заголовок 2 ${INJECTION}` },
    { type: 'heading', level: 3, text: 'Заголовок 3' },
    { type: 'paragraph', text: 'Приглушённый 👍🏽 абзац', tone: 'muted' },
    { type: 'paragraph', text: 'Выделенный абзац', tone: 'emphasis' },
    { type: 'paragraph', text: '', tone: 'emphasis' },
    { type: 'paragraph', text: '  обычный: пробелы\tи табуляция  ', tone: 'normal' },
    { type: 'bullets', items: ['Первый пункт', '', `Третий ${INJECTION}`, '👨‍👩‍👧 семья'] },
    { type: 'bullets', items: ['Вторая группа пунктов — тот же список'] },
    { type: 'table', header: ['Показатель', '', 'План 😀'], rows: [['=1+1', '<b>', ''], ['Короткая строка'], [], ['', '', '']] },
    { type: 'table', header: ['Сразу вторая таблица'], rows: [['x']] },
    { type: 'link', text: 'Сайт школы', url: 'https://example.ru/a?b=1&c="2"' },
    { type: 'link', text: 'Опасная ссылка', url: 'javascript:alert(1)' },
    { type: 'heading', level: 2, text: 'Таблица без столбцов' },
    { type: 'table', header: [], rows: [] },
    { type: 'bullets', items: ['пункт перед последней таблицей'] },
    { type: 'table', header: ['Последняя', 'таблица'], rows: [['1', '2']] },
  ],
};

const demo = demoDocuments();
const MODELS: [string, DocumentModel][] = [...demo, ['hand', HAND]];

interface Rendered {
  ws: FakeWorkspace;
  viaApp: ElementSnap[];
  viaApi: ElementSnap[];
  rerendered: ElementSnap[];
  overApp: ElementSnap[];
  apiCalls: number;
  appCalls: number;
}

function renderBoth(model: DocumentModel): Rendered {
  const ws = new FakeWorkspace();
  const g = ws.installGlobals();
  const appId = renderWithDocumentApp(g, 'DocumentApp', model);
  const appCalls = ws.countCalls((c) => !c.service.startsWith('Docs') && c.service !== 'DocumentApp');
  const apiId = g.DocumentApp.create('Docs API').getId();
  ws.resetCalls();
  expect(renderWithDocsApi(g, model, apiId, false)).toBe(1);
  const apiCalls = ws.countCalls((c) => c.service.startsWith('Docs'));
  const viaApi = snapshot(ws, g, apiId);
  renderWithDocsApi(g, model, apiId, true);
  const rerendered = snapshot(ws, g, apiId);
  const viaApp = snapshot(ws, g, appId);
  renderWithDocsApi(g, model, appId, true);
  return { ws, viaApp, viaApi, rerendered, overApp: snapshot(ws, g, appId), apiCalls, appCalls };
}

const rendered = new Map(MODELS.map(([name, model]) => [name, renderBoth(model)]));
const of = (name: string): Rendered => rendered.get(name) as Rendered;

test('the demo campaign gives 10 school documents and the report, with every block type among them', () => {
  expect(demo.size).toBe(11);
  const blocks = [...demo.values()].flatMap((m) => m.blocks);
  expect(new Set(blocks.map((b) => b.type))).toEqual(new Set<Block['type']>(['heading', 'paragraph', 'bullets', 'table', 'link', 'chart']));
});

test.each(MODELS)('%s: the Docs API requests give the document DocumentApp draws', (name) => {
  const r = of(name);
  expect(normalized(r.viaApi)).toEqual(normalized(r.viaApp));
  expect(r.viaApp.length).toBeGreaterThan(3);
});

test.each(MODELS)('%s: re-rendering over the API’s own body and over DocumentApp’s gives the same document', (name) => {
  const r = of(name);
  expect(r.rerendered).toEqual(r.viaApi);
  expect(r.overApp).toEqual(r.viaApi);
});

test('one batchUpdate per document instead of hundreds of DocumentApp calls', () => {
  let app = 0;
  for (const [name] of demo) {
    const r = of(name);
    expect([name, r.apiCalls]).toEqual([name, 1]);
    app += r.appCalls;
  }
  expect(app).toBeGreaterThan(100 * demo.size);
});

test('sizes: every demo document is one body, well below 2,000,000 bytes', () => {
  for (const [name, model] of demo) {
    const bodies = documentRequestBodies(model);
    expect([name, bodies.length]).toEqual([name, 1]);
    expect(jsonBytes({ requests: bodies[0] })).toBeLessThan(500_000);
  }
});

test('a long text is inserted in pieces of at most 200,000 code units, never splitting a surrogate pair', () => {
  const text = `${'ж'.repeat(199_997)}😀${'я'.repeat(1_000_000)}`;
  const model: DocumentModel = { title: '', subtitle: '', audience: 'internal', blocks: [{ type: 'paragraph', text }] };
  const inserts = documentRequests(model).flatMap((r) => (r.insertText ? [r.insertText] : []));
  expect(inserts.map((i) => i.text?.length)).toEqual([199_999, 200_000, 200_000, 200_000, 200_000, 200_000, 2]);
  expect(inserts.map((i) => i.location?.index)).toEqual([1, 200_000, 400_000, 600_000, 800_000, 1_000_000, 1_200_000]);
  expect(inserts.map((i) => i.text).join('')).toBe(`\n\n${text}`);
  const bodies = documentRequestBodies(model);
  expect(bodies.length).toBe(2);
  for (const body of bodies) expect(jsonBytes({ requests: body })).toBeLessThanOrEqual(2_000_000);
});

test('bodies split under a budget are applied in order and give the same document', () => {
  const report = demo.get('report.docx') as DocumentModel;
  const bodies = documentRequestBodies(report, { maxBytes: 20_000 });
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(jsonBytes(body)).toBeLessThanOrEqual(20_000);
  expect(bodies.flat()).toEqual(documentRequests(report, { maxBytes: 20_000 }));
  const ws = new FakeWorkspace();
  const g = ws.installGlobals();
  const id = g.DocumentApp.create('report').getId();
  for (const requests of bodies) g.Docs?.Documents.batchUpdate({ requests }, id);
  expect(snapshot(ws, g, id)).toEqual(of('report.docx').viaApi);
});

test('text as Docs stores it: line breaks stay in the paragraph, stripped characters removed, lone surrogates replaced', () => {
  expect(docsText('a\r\nb\rc\nd')).toBe('a\u000bb\u000bc\u000bd');
  expect(docsText('x\u0000\u0007\u000c\u001b\ue000\uf8ffy\tz')).toBe('xy\tz');
  expect(docsText('😀 \ud800 \udc00 ё')).toBe('😀 \ufffd \ufffd ё');
  const model: DocumentModel = {
    title: 'Строка 1\nСтрока 2',
    subtitle: 'x\u0001y',
    audience: 'internal',
    blocks: [
      { type: 'bullets', items: ['\t\tс табуляцией'] },
      { type: 'table', header: ['a\nb'], rows: [] },
    ],
  };
  const ws = new FakeWorkspace();
  const g = ws.installGlobals();
  const id = g.DocumentApp.create('text').getId();
  renderWithDocsApi(g, model, id, false);
  const snap = snapshot(ws, g, id);
  expect(snap.map((e) => e.text)).toEqual(['Строка 1\u000bСтрока 2', 'xy', 'с табуляцией', 'a\u000bb', '']);
  expect(snap[2]?.glyph).toBe('BULLET/0');
});

test('the requests are plain Docs API JSON: one insertText for a run of paragraphs, the body deleted first on a re-render', () => {
  const model: DocumentModel = { title: 'T', subtitle: 'S', audience: 'school', blocks: [{ type: 'paragraph', text: 'P' }] };
  const fresh = documentRequests(model);
  expect(fresh[0]).toEqual({ insertText: { location: { index: 1 }, text: 'T\nS\nP' } });
  expect(fresh.filter((r) => r.insertText)).toHaveLength(1);
  expect(documentRequests(model, { endIndex: 40 })[0]).toEqual({ deleteContentRange: { range: { startIndex: 1, endIndex: 39 } } });
  expect(documentRequests(model, { endIndex: 2 })).toEqual(fresh);
  expect(() => documentRequests(model, { endIndex: 1 })).toThrow(/≥ 2/);
});
