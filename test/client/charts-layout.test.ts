/**
 * The panel's own chart drawing (src/client/charts), without a browser: the chart model → SVG data → elements made
 * with createElementNS/setAttribute/textContent only. Bars, target marks and «√/×» beside the values; lines with
 * distinct marker and dash; box plots; every chart a role="img" labelled by its title in a 320-wide viewBox.
 */
import { departmentCharts } from '../../src/app/charts';
import { ruValue, scaleMax, chartSvg, WIDTH } from '../../src/client/charts/layout';
import { type SvgDocument, type SvgNode, SVG_NS, node, toElement } from '../../src/client/charts/svg-tree';
import type { Chart } from '../../src/core/chart/model';
import { consolidate } from '../../src/core/consolidate/consolidate';
import { DEMO_CAMPAIGN } from '../../src/core/demo/municipality';
import { REGISTRY, campaign, catalog, demoOutcomes } from '../core/builders';

const all = (n: SvgNode): SvgNode[] => [n, ...n.children.flatMap(all)];
const byClass = (n: SvgNode, cls: string): SvgNode[] => all(n).filter((x) => (x.attrs['class'] ?? '').split(' ').includes(cls));
const texts = (n: SvgNode): string[] => all(n).flatMap((x) => (x.text === undefined ? [] : [x.text]));

const base = { unit: '%', max: 100, notes: [], audience: 'public' as const, alt: 'подпись' };
const cat = (key: string, standing: 'achieved' | 'notAchieved' | 'none', target: number | null, label = key) => ({
  label,
  name: `${label} (полное имя)`,
  key,
  target: target === null ? null : { value: target, op: '>=' as const },
  standing,
  direction: 'none' as const,
});

const bullet: Chart = {
  ...base,
  id: 'appendix-1-1',
  kind: 'bullet',
  title: 'Приложение 1: значения и плановые значения, %',
  categories: [cat('a', 'achieved', 50), cat('b', 'notAchieved', 90), cat('c', 'none', null)],
  series: [
    { name: '2026 г.', role: 'current', values: [72.25, 40, null] },
    { name: '2025 г.', role: 'previous', values: [60, 45, 10] },
  ],
};

test('bullet: a bar per value, a target mark per target, «√/×» beside the judged values, dark vs hatched light', () => {
  const svg = chartSvg(bullet, 'u1');
  expect(svg.tag).toBe('svg');
  expect(svg.attrs).toMatchObject({ role: 'img', 'aria-label': bullet.title, viewBox: expect.stringMatching(new RegExp(`^0 0 ${WIDTH} \\d+$`)) });
  expect(svg.children[0]).toEqual({ tag: 'title', attrs: {}, children: [], text: bullet.title });
  const bars = byClass(svg, 'c-bar');
  expect(bars).toHaveLength(5); // one value of the current year is missing
  expect(bars.map((b) => b.attrs['data-standing'])).toEqual(['achieved', 'none', 'notAchieved', 'none', 'none']);
  const [achieved, , notAchieved] = bars;
  expect(achieved?.attrs['fill']).toBe('#1f4e79');
  expect(notAchieved?.attrs['fill']).toBe('url(#u1-hatch)');
  const pattern = all(svg).find((n) => n.tag === 'pattern' && n.attrs['id'] === 'u1-hatch');
  // in greyscale: the achieved bar is dark, the not achieved one light (a white ground with grey hatching)
  const grey = (hex = ''): number => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  expect(grey(achieved?.attrs['fill'])).toBeLessThan(0.3);
  expect(grey(pattern?.children[0]?.attrs['fill'])).toBeGreaterThan(0.9);
  // widths follow the values on the 0–100 axis
  const width = (b: SvgNode | undefined): number => Number(b?.attrs['width']);
  expect(width(achieved) / width(bars[1])).toBeCloseTo(72.25 / 60, 1);
  expect(byClass(svg, 'c-target')).toHaveLength(2);
  const values = byClass(svg, 'c-value').map((v) => v.text);
  expect(values).toEqual(['72,3 √', '60', '40 ×', '45', 'нет данных', '10']);
  expect(texts(svg)).toEqual(expect.arrayContaining(['√ достигнуто', '× не достигнуто', 'плановое значение', '2026 г.', '2025 г.', '0', '50', '100']));
});

test('a label too long for the width is cut, with the full name as its tooltip', () => {
  const long = 'Доля обучающихся, вовлечённых в деятельность школьных спортивных клубов и театров';
  const chart: Chart = { ...bullet, categories: [cat('a', 'achieved', 50, long)], series: [{ name: '2026 г.', role: 'current', values: [60] }] };
  const label = byClass(chartSvg(chart, 'u2'), 'c-category')[0];
  const [title, shown] = label?.children ?? [];
  expect(title).toMatchObject({ tag: 'title', text: `${long} (полное имя)` });
  expect(shown?.text?.endsWith('…')).toBe(true);
  expect((shown?.text?.length ?? 0) * 6.6).toBeLessThanOrEqual(WIDTH);
});

test('line: one line per category over the years, each with its own marker and dash pattern', () => {
  const categories = Array.from({ length: 8 }, (_, i) => cat(`k${i}`, 'none', null, `Показатель ${i + 1}`));
  const chart: Chart = {
    ...base,
    id: 'dynamics-1-1',
    kind: 'line',
    title: 'Приложение 1: динамика значений, %',
    categories,
    series: [2023, 2024, 2025, 2026].map((y, j) => ({
      name: `${y} г.`,
      role: 'year',
      values: categories.map((_, i) => (i === 1 && j === 1 ? null : 10 * i + j)),
    })),
  };
  const svg = chartSvg(chart, 'u3');
  const lines = byClass(svg, 'c-line');
  expect(lines.map((l) => l.attrs['data-key'])).toEqual(categories.map((c) => c.key));
  const look = (g: SvgNode): string => {
    const path = g.children.find((c) => c.tag === 'path' && c.attrs['class'] !== 'c-marker');
    const marker = g.children.find((c) => c.attrs['class'] === 'c-marker');
    return `${marker?.tag}:${marker?.attrs['d'] ? 'path' : ''}:${path?.attrs['stroke-dasharray'] ?? ''}:${path?.attrs['stroke']}`;
  };
  expect(new Set(lines.map(look)).size).toBe(8);
  // a missing year breaks the line: two pieces, three markers
  const broken = lines[1];
  expect(broken?.children.find((c) => c.tag === 'path')?.attrs['d']?.match(/M/g)).toHaveLength(2);
  expect(broken?.children.filter((c) => c.attrs['class'] === 'c-marker')).toHaveLength(3);
  expect(texts(svg)).toEqual(expect.arrayContaining(['2023 г.', '2026 г.', 'Показатель 8']));
});

test('distribution: a box plot per category and the municipal value, no school named', () => {
  const box = { min: 10, q1: 30, median: 45, q3: 60, max: 95, n: 7 };
  const chart: Chart = {
    ...base,
    id: 'distribution-1-1',
    kind: 'distribution',
    audience: 'internal',
    title: 'Приложение 1: разброс значений ОО, % — для служебного пользования',
    categories: [{ ...cat('a', 'none', null), box }, cat('b', 'none', null)],
    series: [{ name: 'муниципальное значение', role: 'municipal', values: [50, 20] }],
  };
  const svg = chartSvg(chart, 'u4');
  expect(byClass(svg, 'c-box-plot')).toHaveLength(1);
  const rect = byClass(svg, 'c-box')[0];
  expect(Number(rect?.attrs['width'])).toBeGreaterThan(0);
  expect(byClass(svg, 'c-municipal').filter((n) => n.tag === 'polygon')).toHaveLength(3); // two values and the legend
  expect(byClass(svg, 'c-value').map((v) => v.text)).toEqual(['7 ОО · 50', '20']);
});

test('every chart of a real consolidation draws, labelled by its title, with finite coordinates', () => {
  const cat0 = catalog();
  const outcomes = demoOutcomes();
  const previous = consolidate({
    catalog: cat0,
    campaign: campaign({ year: DEMO_CAMPAIGN.year - 1 }),
    outcomes: demoOutcomes(REGISTRY.length, 5),
    previous: null,
  });
  const result = consolidate({ catalog: cat0, campaign: campaign(), outcomes, previous });
  const values = Object.fromEntries(outcomes.flatMap((o) => (o.submission ? [[o.school.id, o.submission.values] as const] : [])));
  const charts = departmentCharts(cat0, result, values);
  expect(new Set(charts.map((c) => c.kind))).toEqual(new Set(['groupedBar', 'bullet', 'distribution']));
  for (const [i, chart] of charts.entries()) {
    const svg = chartSvg(chart, `c${i}`);
    expect(svg.attrs['aria-label']).toBe(chart.title);
    const numbers = all(svg).flatMap((n) =>
      ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'cx', 'cy'].flatMap((a) => (n.attrs[a] ? [Number(n.attrs[a])] : [])),
    );
    expect(numbers.every(Number.isFinite)).toBe(true);
    const drawn = chart.kind === 'distribution' ? byClass(svg, 'c-box-plot') : byClass(svg, 'c-bar');
    expect(drawn.length).toBeGreaterThan(0);
  }
});

test('scale: the fixed maximum, else a round number above every value and target', () => {
  expect(scaleMax(bullet)).toBe(100);
  const counts: Chart = { ...bullet, max: null, unit: 'ед.', series: [{ name: 'x', role: 'current', values: [3, 17, null] }] };
  expect(scaleMax(counts)).toBe(100); // above the target 90, the highest
  expect(scaleMax({ ...counts, categories: counts.categories.map((c) => ({ ...c, target: null })) })).toBe(20);
  expect(ruValue(12.345)).toBe('12,3');
  expect(ruValue(1500)).toBe('1500');
});

/** Just enough of a DOM to see what the drawing does with it: no innerHTML, no parsing. */
class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly childNodes: FakeElement[] = [];
  textContent = '';
  constructor(
    readonly namespaceURI: string,
    readonly tagName: string,
  ) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  appendChild(child: FakeElement): FakeElement {
    this.childNodes.push(child);
    return child;
  }
}
const fakeDocument: SvgDocument<FakeElement> = { createElementNS: (ns: string, tag: string) => new FakeElement(ns, tag) };

test('into the page: SVG-namespaced elements, user text only as textContent, no handlers or links', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const chart: Chart = {
    ...bullet,
    title: hostile,
    categories: [cat('a', 'achieved', 50, hostile)],
    series: [{ name: hostile, role: 'current', values: [60] }],
  };
  const root = toElement(chartSvg(chart, 'u5'), fakeDocument);
  const flat = (e: FakeElement): FakeElement[] => [e, ...e.childNodes.flatMap(flat)];
  expect(flat(root).every((e) => e.namespaceURI === SVG_NS)).toBe(true);
  expect(flat(root).some((e) => e.tagName === 'img')).toBe(false);
  expect(root.attributes.get('aria-label')).toBe(hostile);
  expect(flat(root).filter((e) => e.textContent === hostile).length).toBeGreaterThanOrEqual(2);
  expect(() => toElement(node('rect', { onclick: 'alert(1)' }), fakeDocument)).toThrow('onclick');
  expect(() => toElement(node('a', { href: 'javascript:alert(1)' }), fakeDocument)).toThrow('href');
});
