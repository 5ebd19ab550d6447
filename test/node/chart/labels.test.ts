/**
 * resvg drops text silently when the font is missing or unreadable, and draws nothing for a character the font lacks.
 * Every chart the demo produces (report, department, school) is checked: each character of each label is in the
 * shipped PT Sans, each title and category label is on the picture, and the picture drawn with the shipped font
 * differs from the one drawn with no font at all (the font was read: the text is there).
 */
import { historyFromResult } from '../../../src/core/chart/history';
import type { Chart } from '../../../src/core/chart/model';
import { distributionCharts } from '../../../src/core/chart/distribution';
import { achievedDynamicsChart, appendixCharts, cellDynamicsCharts, overviewChart, surveyChart } from '../../../src/core/chart/municipal';
import { schoolChart } from '../../../src/core/chart/school';
import { chartMissingGlyphs, chartSvg, renderSvg, svgTexts } from '../../../src/node/chart/render';
import { catalog, demoChartResult } from '../../core/builders';

const kalar = catalog();
const { outcomes, result } = demoChartResult();
const history = historyFromResult(result);
const first = outcomes.find((o) => o.submission !== null);
const charts: Chart[] = [
  overviewChart(kalar, result, history),
  ...[achievedDynamicsChart(kalar, result, history), surveyChart(result)].filter((c): c is Chart => c !== null),
  ...result.appendices.flatMap((a) => appendixCharts(kalar, result, a)),
  ...cellDynamicsCharts(kalar, result, history),
  ...distributionCharts(
    kalar,
    result,
    outcomes.flatMap((o) => (o.submission ? [o.submission.values] : [])),
  ),
  ...(first?.submission ? [schoolChart(kalar, result, first.submission.values)].filter((c): c is Chart => c !== null) : []),
];

// three years make lines instead of grouped bars: the demo has two, so one dynamics chart is also drawn as lines
const dynamics = charts.find((c) => c.id.startsWith('dynamics-'));
if (dynamics) charts.push({ ...dynamics, id: `${dynamics.id}-line`, kind: 'line' });

test('the demo draws every kind of chart the reports use', () => {
  expect(new Set(charts.map((c) => c.kind))).toEqual(new Set(['bullet', 'groupedBar', 'line', 'distribution']));
});

test.each(charts.map((c) => [c.id, c] as const))('%s: every character of every label is in the shipped font, title and labels are drawn', (_, chart) => {
  const { svg } = chartSvg(chart);
  expect(chartMissingGlyphs(svg)).toEqual([]);
  const texts = svgTexts(svg).join('\n');
  expect(texts).toContain(chart.title);
  // a long label may be cut with «…» on the axis; its beginning is always there
  for (const c of chart.categories) expect([c.label, texts.includes(c.label.slice(0, 12))]).toEqual([c.label, true]);
});

test('the shipped font is read by resvg: the same chart with no font loses its text, so a silent fallback would show', () => {
  const chart = charts[0] as Chart;
  const { svg } = chartSvg(chart);
  const drawn = renderSvg(svg, 1);
  const bare = renderSvg(svg, 1, []);
  expect([drawn.width, drawn.height]).toEqual([bare.width, bare.height]);
  expect(Buffer.from(drawn.png).equals(Buffer.from(bare.png))).toBe(false);
});

test('a character outside the font is reported, not dropped silently', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Доля ✓ 𝔸</text></svg>';
  expect(chartMissingGlyphs(svg)).toEqual(expect.arrayContaining(['𝔸']));
});
