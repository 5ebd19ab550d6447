/**
 * The native chart part of a school's recommendations (src/node/docx/chart-part.ts) read back by saxes, a strict
 * XML parser that shares no code with the writer: for hostile titles, labels and series names (markup, controls,
 * lone surrogates, bidi overrides) and any numbers, the part is well-formed and holds exactly the chart's texts,
 * with «√»/«×» in the labels, and exactly its finite values at their indices; the drawing that places it is well-formed too.
 */
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import type { Chart, ChartSeries, Standing } from '../../../src/core/chart/model';
import { xmlSafe } from '../../../src/core/text/xml-safe';
import { chartPartXml, isNativeChart, nativeChartDrawing, nativeExtent } from '../../../src/node/docx/chart-part';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';

interface Read {
  /** a:t texts: the title, then the value axis' unit */
  texts: string[];
  series: { name: string; labels: string[]; values: [number, number][]; count: number }[];
}

/** Parses strictly (throws on anything not well-formed) and collects the series' literals. */
function read(xml: string): Read {
  const parser = new SaxesParser({ xmlns: true });
  const out: Read = { texts: [], series: [] };
  const stack: string[] = [];
  let text = '';
  let idx = -1;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    stack.push(`${tag.uri === C ? 'c' : tag.uri === A ? 'a' : '?'}:${tag.local}`);
    text = '';
    if (tag.local === 'ser') out.series.push({ name: '', labels: [], values: [], count: -1 });
    if (tag.local === 'pt') idx = Number(tag.attributes.idx?.value);
    if (tag.local === 'ptCount' && stack.includes('c:val')) (out.series.at(-1) as Read['series'][number]).count = Number(tag.attributes.val?.value);
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', () => {
    const name = stack.join('/');
    const ser = out.series.at(-1);
    if (name.endsWith('a:t')) out.texts.push(text);
    if (ser && name.endsWith('c:ser/c:tx/c:v')) ser.name = text;
    if (ser && name.endsWith('c:cat/c:strLit/c:pt/c:v')) {
      expect(idx).toBe(ser.labels.length);
      ser.labels.push(text);
    }
    if (ser && name.endsWith('c:val/c:numLit/c:pt/c:v')) ser.values.push([idx, Number(text)]);
    stack.pop();
  });
  parser.write(xml).close();
  return out;
}

/** What an XML reader gets back from a text: forbidden characters removed, line ends normalised. */
const back = (s: string): string => xmlSafe(s).replace(/\r\n?/g, '\n');

const HOSTILE = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '&amp;',
  ']]>',
  '<w:t>',
  '\u0000',
  '\u0007',
  '\u000B',
  '\r',
  '\n',
  '\t',
  '\uD800',
  '\uDC00',
  '\uFFFE',
  '\u202E',
  '😀',
  'ё',
  ' ',
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 8 })
  .map((a) => a.join(''));
const number = fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -0, 55.5, 1e-7, 1e21, Number.NaN, Number.POSITIVE_INFINITY));
const MARK: Record<Standing, string> = { achieved: ' √', notAchieved: ' ×', none: '' };

const chartOf = fc
  .record({
    kind: fc.constantFrom('bullet' as const, 'bar' as const, 'groupedBar' as const),
    title: hostile,
    unit: hostile,
    max: fc.option(number, { nil: null }),
    categories: fc.array(
      fc.record({
        label: hostile,
        target: fc.option(fc.record({ value: number, op: fc.constantFrom('>=' as const, '<=' as const) }), { nil: null }),
        standing: fc.constantFrom<Standing>('achieved', 'notAchieved', 'none'),
      }),
      { minLength: 1, maxLength: 20 },
    ),
    series: fc.array(
      fc.record({
        name: hostile,
        role: fc.constantFrom('school' as const, 'municipal' as const),
        values: fc.array(fc.option(number, { nil: null }), { maxLength: 20 }),
      }),
      {
        minLength: 1,
        maxLength: 2,
      },
    ),
    alt: hostile,
  })
  .map(
    (r): Chart => ({
      id: 'school',
      kind: r.kind,
      title: r.title,
      unit: r.unit,
      max: r.max,
      categories: r.categories.map((c, i) => ({ ...c, name: c.label, key: `K${i}`, direction: 'none' })),
      series: r.series.map((s): ChartSeries => ({ ...s, values: r.categories.map((_, i) => s.values[i] ?? null) })),
      notes: [],
      audience: 'school',
      alt: r.alt,
    }),
  );

const finite = (values: (number | null | undefined)[]): [number, number][] =>
  values.flatMap((v, i): [number, number][] => (typeof v === 'number' && Number.isFinite(v) ? [[i, v]] : []));

test('property: the part is well-formed and holds exactly the texts and the finite values, each at its category', () => {
  fc.assert(
    fc.property(chartOf, (chart) => {
      const got = read(chartPartXml(chart));
      expect(got.texts).toEqual([back(chart.title), back(chart.unit)]);
      const targets = chart.categories.some((c) => c.target !== null);
      const expected = [
        ...chart.series.map((s) => ({ name: back(s.name), values: finite(s.values) })),
        ...(targets ? [{ name: 'Целевое значение', values: finite(chart.categories.map((c) => c.target?.value)) }] : []),
      ];
      const labels = chart.categories.map((c) => back(`${c.label}${MARK[c.standing]}`));
      expect(got.series.map((s) => ({ name: s.name, values: s.values.map(([i, v]) => [i, Object.is(v, -0) ? 0 : v]) }))).toEqual(
        expected.map((e) => ({ ...e, values: e.values.map(([i, v]) => [i, Object.is(v, -0) ? 0 : v]) })),
      );
      for (const s of got.series) expect([s.labels, s.count]).toEqual([labels, chart.categories.length]);
      // the drawing that places the part: well-formed, the caption as alternative text
      const drawing = nativeChartDrawing(chart, 0, 'rIdChart1');
      const root = `<w:p xmlns:w="w" xmlns:wp="wp" xmlns:r="r">${drawing}</w:p>`;
      const descr: string[] = [];
      const parser = new SaxesParser();
      parser.on('error', (e) => {
        throw e;
      });
      parser.on('opentag', (tag) => {
        if (tag.name === 'wp:docPr') descr.push(String(tag.attributes.descr));
      });
      parser.write(root).close();
      expect(descr).toEqual([back(chart.alt).replace(/[\t\n]/g, ' ')]);
    }),
    { numRuns: 300 },
  );
});

test('only a school document’s bar charts are native; a part no taller than most of the page', () => {
  const base: Chart = {
    id: 'school',
    kind: 'bullet',
    title: 't',
    unit: '%',
    max: 100,
    categories: Array.from({ length: 20 }, (_, i) => ({ label: `${i}`, name: `${i}`, key: `${i}`, target: null, standing: 'none', direction: 'none' })),
    series: [{ name: 's', role: 'school', values: [] }],
    notes: [],
    audience: 'school',
    alt: 'a',
  };
  expect(isNativeChart('school', base)).toBe(true);
  expect(isNativeChart('school', { ...base, kind: 'line' })).toBe(false);
  expect(isNativeChart('public', base)).toBe(false);
  expect(isNativeChart('internal', { ...base, kind: 'groupedBar' })).toBe(false);
  // at most 80 % of the A4 text height (16,838 − 2 × 1,134 twips), as a picture
  expect(nativeExtent(base).cy).toBeLessThanOrEqual(Math.round(((0.8 * (16_838 - 2 * 1_134)) / 1_440) * 914_400));
  expect(nativeExtent({ ...base, categories: base.categories.slice(0, 1) }).cy).toBeLessThan(nativeExtent(base).cy);
});
