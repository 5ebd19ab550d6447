/**
 * The chart model drawn as SVG data in the browser — no charting library: ECharts alone is ≈ 1 MB, and the sidebar's
 * HTML is deployed with the Apps Script bundle, which has a size budget (see README). Every chart is 320 units wide
 * (a viewBox, so it scales to the 300 px sidebar and to a wide page alike); each category's label sits on its own
 * line above its bars, so long Russian indicator names keep the whole width. Achieved or not is never colour alone:
 * an achieved bar is dark and solid with «√», one not achieved is light, hatched, with a thick outline and «×»;
 * lines over the years differ in marker and dash as well as in colour.
 */
import type { Chart, ChartCategory, ChartSeries, SeriesRole, Standing } from '../../core/chart/model';
import { type SvgNode, node } from './svg-tree';

export const WIDTH = 320;
const PAD = 4;
const FONT = 11;
/** Room right of the bars for the value and its mark («100 √»). */
const VALUE_ROOM = 58;
const LABEL_H = 15;
const BAR_H = 11;
const BAR_GAP = 2;
const ROW_GAP = 7;
/** An average character of the panel's font at FONT, for cutting labels and flowing the legend. */
const CHAR_W = 6.6;

const TEXT = '#202124';
const MUTED = '#5f6368';
const GRID = '#e0e0e0';

interface Look {
  fill: string;
  stroke: string;
}
/** Per role: dark for this year and the school, light grey for last year, white with an outline for the municipality. */
const LOOK: Record<SeriesRole, Look> = {
  current: { fill: '#1f4e79', stroke: '#1f4e79' },
  school: { fill: '#1f4e79', stroke: '#1f4e79' },
  previous: { fill: '#c9c9c9', stroke: '#7f7f7f' },
  year: { fill: '#9dc3e6', stroke: '#2e75b6' },
  municipal: { fill: '#ffffff', stroke: '#595959' },
  group: { fill: '#2e75b6', stroke: '#1f4e79' },
};
const NO_TARGET: Look = { fill: '#8c8c8c', stroke: '#595959' };
const NOT_ACHIEVED_STROKE = '#c55a11';
const MARK: Record<Standing, string> = { achieved: ' √', notAchieved: ' ×', none: '' };
const PALETTE = ['#1f4e79', '#c55a11', '#595959', '#2e75b6', '#000000', '#548235', '#7030a0', '#843c0c'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'plus'] as const;
const DASHES = ['', '6 3', '2 3'];

/** «12,5» — Russian decimal comma, one decimal at most. */
export const ruValue = (v: number): string => (Math.round(v * 10) / 10).toLocaleString('ru-RU', { maximumFractionDigits: 1, useGrouping: false });

const fit = (text: string, width: number): string => {
  const max = Math.max(4, Math.floor(width / CHAR_W));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
};

const text = (x: number, y: number, value: string, attrs: Record<string, string | number> = {}): SvgNode => node('text', { x, y, ...attrs }, [], value);

/** A text with a tooltip of its full form keeps its visible part in a tspan (textContent would drop the title). */
function label(x: number, y: number, value: string, full: string, attrs: Record<string, string | number> = {}): SvgNode {
  if (value === full) return text(x, y, value, attrs);
  return node('text', { x, y, ...attrs }, [node('title', {}, [], full), node('tspan', {}, [], value)]);
}

/** The axis' top: the chart's fixed maximum, or a round number above every value and target. */
export function scaleMax(chart: Chart): number {
  if (chart.max !== null && chart.max > 0) return chart.max;
  const all = [
    ...chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null)),
    ...chart.categories.flatMap((c) => [c.target?.value ?? 0, c.box?.max ?? 0]),
  ];
  const top = Math.max(0, ...all);
  if (top <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(top));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= top) ?? 10) * power;
}

const ticksOf = (max: number): number[] => (Number.isInteger(max / 4) ? [0, max / 4, max / 2, (3 * max) / 4, max] : [0, max / 2, max]);

interface LegendItem {
  swatch: SvgNode[];
  text: string;
}

/** Legend items flowed left to right, wrapping at the width; returns the nodes and the height used. */
function legend(items: LegendItem[], top: number): { nodes: SvgNode[]; height: number } {
  const nodes: SvgNode[] = [];
  let x = PAD;
  let y = top;
  for (const item of items) {
    const w = 16 + fit(item.text, WIDTH - 2 * PAD - 16).length * CHAR_W + 10;
    if (x > PAD && x + w > WIDTH - PAD) {
      x = PAD;
      y += 15;
    }
    nodes.push(
      node('g', { class: 'c-legend-item', transform: `translate(${Math.round(x)},${y})` }, [...item.swatch, text(16, 9, fit(item.text, WIDTH - 2 * PAD - 16))]),
    );
    x += w;
  }
  return { nodes, height: items.length > 0 ? y - top + 18 : 0 };
}

const swatch = (look: Look, fill = look.fill): SvgNode[] => [
  node('rect', { x: 0, y: 0, width: 11, height: 10, fill, stroke: look.stroke, 'stroke-width': 1.5 }),
];

function hatch(id: string): SvgNode {
  return node('pattern', { id, width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
    node('rect', { width: 5, height: 5, fill: '#ffffff' }),
    node('line', { x1: 0, y1: 0, x2: 0, y2: 5, stroke: '#7f7f7f', 'stroke-width': 2 }),
  ]);
}

/** The first series of a bullet chart, and a school's own values, are judged against the target. */
const judged = (chart: Chart, s: ChartSeries, j: number): boolean => (chart.kind === 'bullet' && j === 0) || s.role === 'school';

function barLook(chart: Chart, s: ChartSeries, j: number, cat: ChartCategory, hatchUrl: string): { look: Look; fill: string; standing: Standing } {
  const look = LOOK[s.role];
  if (!judged(chart, s, j)) return { look, fill: look.fill, standing: 'none' };
  if (cat.standing === 'notAchieved') return { look: { fill: '#ffffff', stroke: NOT_ACHIEVED_STROKE }, fill: hatchUrl, standing: 'notAchieved' };
  if (cat.standing === 'none' && chart.kind === 'bullet') return { look: NO_TARGET, fill: NO_TARGET.fill, standing: 'none' };
  return { look, fill: look.fill, standing: cat.standing };
}

/** The value axis under the rows and its grid lines from `top` down to it. */
function valueAxis(max: number, unit: string, x: (v: number) => number, top: number, bottom: number): SvgNode[] {
  return [
    ...ticksOf(max).flatMap((t) => [
      node('line', { x1: x(t), y1: top, x2: x(t), y2: bottom, stroke: GRID, 'stroke-width': 1 }),
      text(x(t), bottom + 12, ruValue(t), { 'text-anchor': t === 0 ? 'start' : 'middle', fill: MUTED, 'font-size': 10 }),
    ]),
    node('line', { x1: x(0), y1: bottom, x2: x(max), y2: bottom, stroke: '#888888', 'stroke-width': 1 }),
    text(WIDTH - PAD, bottom + 12, unit, { 'text-anchor': 'end', fill: MUTED, 'font-size': 10 }),
  ];
}

/** bullet, bar, groupedBar: horizontal bars, one group per category, the target as an upright black mark. */
function barsChart(chart: Chart, uid: string): { body: SvgNode[]; height: number; defs: SvgNode[] } {
  const hatchId = `${uid}-hatch`;
  const max = scaleMax(chart);
  const left = PAD;
  const right = WIDTH - VALUE_ROOM;
  const x = (v: number): number => left + (Math.max(0, Math.min(v, max)) / max) * (right - left);
  const items: LegendItem[] = chart.series.map((s) => ({ swatch: swatch(LOOK[s.role]), text: s.name }));
  if (chart.kind === 'bullet' || chart.series.some((s) => s.role === 'school'))
    items.push(
      { swatch: swatch(LOOK.current), text: '√ достигнуто' },
      { swatch: swatch({ fill: '#ffffff', stroke: NOT_ACHIEVED_STROKE }, `url(#${hatchId})`), text: '× не достигнуто' },
    );
  if (chart.categories.some((c) => c.target))
    items.push({ swatch: [node('rect', { x: 4, y: -2, width: 3, height: 14, fill: '#000000' })], text: 'плановое значение' });
  const head = legend(items, 2);
  const rows: SvgNode[] = [];
  let y = head.height + 4;
  const top = y;
  chart.categories.forEach((cat, i) => {
    rows.push(label(left, y + 11, fit(cat.label, WIDTH - 2 * PAD), cat.name, { class: 'c-category', fill: TEXT }));
    y += LABEL_H;
    const groupTop = y;
    const target = cat.target ? x(cat.target.value) : null;
    chart.series.forEach((s, j) => {
      const v = s.values[i] ?? null;
      const look = barLook(chart, s, j, cat, `url(#${hatchId})`);
      if (v === null) {
        rows.push(text(left + 2, y + 9, 'нет данных', { class: 'c-value', fill: MUTED, 'font-size': 10 }));
      } else {
        const end = x(v);
        rows.push(
          node('rect', {
            class: 'c-bar',
            'data-standing': look.standing,
            'data-role': s.role,
            x: left,
            y,
            width: Math.max(end - left, 1),
            height: BAR_H,
            fill: look.fill,
            stroke: look.look.stroke,
            'stroke-width': look.standing === 'notAchieved' ? 2 : 1,
          }),
          text(Math.max(end, target ?? 0) + 4, y + 9, `${ruValue(v)}${MARK[look.standing]}`, { class: 'c-value', fill: TEXT, 'font-size': 10 }),
        );
      }
      y += BAR_H + BAR_GAP;
    });
    if (target !== null) rows.push(node('rect', { class: 'c-target', x: target - 1.5, y: groupTop - 3, width: 3, height: y - groupTop + 4, fill: '#000000' }));
    y += ROW_GAP;
  });
  return { body: [...head.nodes, ...valueAxis(max, chart.unit, x, top, y), ...rows], height: y + 18, defs: [hatch(hatchId)] };
}

/** A line's marker, drawn at (cx, cy). */
function marker(kind: (typeof MARKERS)[number], cx: number, cy: number, color: string): SvgNode {
  const r = 3.5;
  const common = { fill: color, stroke: color, 'stroke-width': 1, class: 'c-marker' };
  if (kind === 'circle') return node('circle', { cx, cy, r, ...common });
  if (kind === 'square') return node('rect', { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r, ...common });
  if (kind === 'triangle') return node('polygon', { points: `${cx},${cy - r - 1} ${cx + r + 1},${cy + r} ${cx - r - 1},${cy + r}`, ...common });
  if (kind === 'diamond') return node('polygon', { points: `${cx},${cy - r - 1} ${cx + r + 1},${cy} ${cx},${cy + r + 1} ${cx - r - 1},${cy}`, ...common });
  const d =
    kind === 'cross'
      ? `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`
      : `M${cx - r},${cy}H${cx + r}M${cx},${cy - r}V${cy + r}`;
  return node('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, class: 'c-marker' });
}

/** line: the years along the axis (the series), one line per category, told apart by colour, marker and dash. */
function linesChart(chart: Chart): { body: SvgNode[]; height: number; defs: SvgNode[] } {
  const max = scaleMax(chart);
  const left = 36;
  const right = WIDTH - 24;
  const top = 18;
  const bottom = 176;
  const n = chart.series.length;
  const xAt = (j: number): number => (n <= 1 ? (left + right) / 2 : left + (j / (n - 1)) * (right - left));
  const yOf = (v: number): number => bottom - (Math.max(0, Math.min(v, max)) / max) * (bottom - top);
  const body: SvgNode[] = [];
  for (const t of ticksOf(max)) {
    body.push(node('line', { x1: left, y1: yOf(t), x2: right, y2: yOf(t), stroke: GRID, 'stroke-width': 1 }));
    body.push(text(left - 4, yOf(t) + 3, ruValue(t), { 'text-anchor': 'end', fill: MUTED, 'font-size': 10 }));
  }
  body.push(text(PAD, 10, chart.unit, { fill: MUTED, 'font-size': 10 }));
  body.push(...chart.series.map((s, j) => text(xAt(j), bottom + 14, s.name, { 'text-anchor': 'middle', fill: TEXT, 'font-size': 10 })));
  body.push(node('line', { x1: left, y1: bottom, x2: right, y2: bottom, stroke: '#888888', 'stroke-width': 1 }));
  let y = bottom + 28;
  chart.categories.forEach((cat, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    const kind = MARKERS[i % MARKERS.length] ?? 'circle';
    const dash = DASHES[Math.floor(i / MARKERS.length) % DASHES.length] ?? '';
    const points = chart.series.map((s, j) => ({ j, v: s.values[i] ?? null }));
    let d = '';
    let pen = false;
    for (const p of points) {
      if (p.v === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${Math.round(xAt(p.j) * 10) / 10},${Math.round(yOf(p.v) * 10) / 10}`;
      pen = true;
    }
    const style = { fill: 'none', stroke: color, 'stroke-width': 2, ...(dash ? { 'stroke-dasharray': dash } : {}) };
    const marks = points.flatMap((p) => (p.v === null ? [] : [marker(kind, xAt(p.j), yOf(p.v), color)]));
    body.push(node('g', { class: 'c-line', 'data-key': cat.key }, [...(d ? [node('path', { d, ...style })] : []), ...marks]));
    const sample = [node('line', { x1: PAD, y1: y - 4, x2: PAD + 24, y2: y - 4, ...style }), marker(kind, PAD + 12, y - 4, color)];
    body.push(node('g', { class: 'c-legend-item' }, [...sample, label(PAD + 30, y, fit(cat.label, WIDTH - PAD - 30), cat.name, { fill: TEXT })]));
    y += 15;
  });
  return { body, height: y + 2, defs: [] };
}

/** distribution: per category a box plot of the schools' values (whiskers min–max, box q1–q3, median) and the municipal value. */
function boxesChart(chart: Chart): { body: SvgNode[]; height: number; defs: SvgNode[] } {
  const max = scaleMax(chart);
  const left = PAD;
  const right = WIDTH - VALUE_ROOM;
  const x = (v: number): number => left + (Math.max(0, Math.min(v, max)) / max) * (right - left);
  const municipal = chart.series[0];
  const diamond = (cx: number, cy: number): SvgNode =>
    node('polygon', {
      class: 'c-municipal',
      points: `${cx},${cy - 6} ${cx + 5},${cy} ${cx},${cy + 6} ${cx - 5},${cy}`,
      fill: NOT_ACHIEVED_STROKE,
      stroke: '#000000',
    });
  const head = legend(
    [
      {
        swatch: [node('rect', { x: 0, y: 1, width: 11, height: 8, fill: '#deebf7', stroke: '#1f4e79', 'stroke-width': 1.5 })],
        text: 'ОО: квартили, медиана, мин.–макс.',
      },
      ...(municipal ? [{ swatch: [diamond(5, 5)], text: municipal.name }] : []),
    ],
    2,
  );
  const rows: SvgNode[] = [];
  let y = head.height + 4;
  const top = y;
  chart.categories.forEach((cat, i) => {
    rows.push(label(left, y + 11, fit(cat.label, WIDTH - 2 * PAD), cat.name, { class: 'c-category', fill: TEXT }));
    y += LABEL_H;
    const mid = y + 7;
    const b = cat.box;
    if (b) {
      rows.push(
        node('g', { class: 'c-box-plot' }, [
          node('line', { class: 'c-whisker', x1: x(b.min), y1: mid, x2: x(b.max), y2: mid, stroke: '#1f4e79', 'stroke-width': 1.5 }),
          node('line', { x1: x(b.min), y1: mid - 5, x2: x(b.min), y2: mid + 5, stroke: '#1f4e79', 'stroke-width': 1.5 }),
          node('line', { x1: x(b.max), y1: mid - 5, x2: x(b.max), y2: mid + 5, stroke: '#1f4e79', 'stroke-width': 1.5 }),
          node('rect', {
            class: 'c-box',
            x: x(b.q1),
            y: mid - 6,
            width: Math.max(x(b.q3) - x(b.q1), 1),
            height: 12,
            fill: '#deebf7',
            stroke: '#1f4e79',
            'stroke-width': 1.5,
          }),
          node('line', { class: 'c-median', x1: x(b.median), y1: mid - 6, x2: x(b.median), y2: mid + 6, stroke: '#000000', 'stroke-width': 2.5 }),
        ]),
      );
    }
    const v = municipal?.values[i] ?? null;
    if (v !== null) rows.push(diamond(x(v), mid));
    const says = [b ? `${b.n} ОО` : '', v === null ? '' : ruValue(v)].filter(Boolean).join(' · ');
    rows.push(text(Math.max(x(b?.max ?? 0), v === null ? 0 : x(v)) + 7, mid + 3.5, says, { class: 'c-value', fill: TEXT, 'font-size': 10 }));
    y += 14 + ROW_GAP;
  });
  return { body: [...head.nodes, ...valueAxis(max, chart.unit, x, top, y), ...rows], height: y + 18, defs: [] };
}

/**
 * The whole chart as one <svg role="img"> labelled by its title; `uid` makes its pattern ids unique in the page.
 * The title and the caption are the page's own text around it (section.ts), not part of the drawing.
 */
export function chartSvg(chart: Chart, uid: string): SvgNode {
  const drawn = chart.kind === 'line' ? linesChart(chart) : chart.kind === 'distribution' ? boxesChart(chart) : barsChart(chart, uid);
  const height = Math.ceil(drawn.height);
  return node(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-label': chart.title,
      class: `chart-svg chart-${chart.kind}`,
      'font-size': FONT,
      focusable: 'false',
    },
    [node('title', {}, [], chart.title), ...(drawn.defs.length > 0 ? [node('defs', {}, drawn.defs)] : []), ...drawn.body],
  );
}
