/**
 * The chart model as an Apache ECharts option. Every chart is horizontal (long Russian indicator names read on the
 * left), with the value axis fixed at 0–100 for shares. Achieved or not is never told by colour alone: an achieved
 * bar is solid dark with «√», one not achieved is white with a dark outline and «×", so it reads in greyscale print
 * and for colour-blind readers; series differ in lightness and outline as well as in hue.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import { ruNumber } from '../../core/consolidate/format';
import type { Chart, ChartSeries, SeriesRole, Standing } from '../../core/chart/model';
import { CHART_BOTTOM as BOTTOM, CHART_TOP as TOP, CHART_WIDTH as WIDTH } from '../../core/chart/size';
import { FONT_FAMILY } from './font';

const LABEL_WIDTH = 320;
const TEXT = '#222222';
const AXIS = '#888888';

/** Fill and outline per role: dark for this year and the school, light for last year, grey outlines for the municipality. */
const LOOK: Record<SeriesRole, { fill: string; border: string }> = {
  current: { fill: '#1F4E79', border: '#1F4E79' },
  school: { fill: '#1F4E79', border: '#1F4E79' },
  previous: { fill: '#C9C9C9', border: '#7F7F7F' },
  year: { fill: '#9DC3E6', border: '#2E75B6' },
  municipal: { fill: '#FFFFFF', border: '#595959' },
  group: { fill: '#2E75B6', border: '#1F4E79' },
};
const NOT_ACHIEVED = { fill: '#FFFFFF', border: '#C55A11' };
const NO_TARGET = { fill: '#8C8C8C', border: '#595959' };
const MARK: Record<Standing, string> = { achieved: ' √', notAchieved: ' ×', none: '' };

const shown = (v: number | null | undefined): string => (v === null || v === undefined ? '' : ruNumber(v));

function valueAxis(chart: Chart) {
  return {
    type: 'value' as const,
    min: 0,
    ...(chart.max === null ? {} : { max: chart.max }),
    name: chart.unit,
    nameTextStyle: { color: TEXT },
    axisLabel: { color: TEXT },
    splitLine: { lineStyle: { color: '#E0E0E0' } },
  };
}

function categoryAxis(chart: Chart) {
  return {
    type: 'category' as const,
    inverse: true,
    data: chart.categories.map((c) => c.label),
    axisLabel: { color: TEXT, width: LABEL_WIDTH - 16, overflow: 'truncate' as const, interval: 0 },
    axisLine: { lineStyle: { color: AXIS } },
    axisTick: { show: false },
  };
}

function barSeries(chart: Chart, s: ChartSeries, first: boolean): SeriesOption {
  const look = LOOK[s.role];
  const judged = first && (chart.kind === 'bullet' || s.role === 'school');
  return {
    type: 'bar',
    name: s.name,
    barMaxWidth: 18,
    barGap: '15%',
    itemStyle: { color: look.fill, borderColor: look.border, borderWidth: 1.5 },
    label: { show: true, position: 'right', color: TEXT, fontSize: 11 },
    data: s.values.map((v, i) => {
      const cat = chart.categories[i];
      const standing = judged && cat ? cat.standing : 'none';
      const style = !judged ? look : standing === 'achieved' ? look : standing === 'notAchieved' ? NOT_ACHIEVED : cat?.target ? look : NO_TARGET;
      return {
        value: v ?? '-',
        itemStyle: { color: style.fill, borderColor: style.border, borderWidth: standing === 'notAchieved' ? 2 : 1.5 },
        label: { formatter: `${shown(v)}${judged ? MARK[standing] : ''}` },
      };
    }),
  };
}

/** The targets as short black upright bars on the value axis («|»), a legend entry of their own. */
function targetSeries(chart: Chart): SeriesOption[] {
  if (!chart.categories.some((c) => c.target)) return [];
  return [
    {
      type: 'scatter',
      name: 'плановое значение',
      symbol: 'rect',
      symbolSize: [3, 20],
      itemStyle: { color: '#000000' },
      z: 5,
      data: chart.categories.map((c, i) => (c.target ? [c.target.value, i] : ['-', i])),
    },
  ];
}

function boxSeries(chart: Chart): SeriesOption[] {
  return [
    {
      type: 'boxplot',
      name: 'разброс по ОО',
      itemStyle: { color: '#DEEBF7', borderColor: '#1F4E79', borderWidth: 1.5 },
      boxWidth: [8, 16],
      data: chart.categories.map((c) => (c.box ? [c.box.min, c.box.q1, c.box.median, c.box.q3, c.box.max] : [])),
    },
    ...chart.series.map(
      (s): SeriesOption => ({
        type: 'scatter',
        name: s.name,
        symbol: 'diamond',
        symbolSize: 11,
        itemStyle: { color: '#C55A11', borderColor: '#000000', borderWidth: 1 },
        z: 5,
        data: s.values.map((v, i) => [v ?? '-', i]),
      }),
    ),
  ];
}

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];
const DASHES: ('solid' | 'dashed' | 'dotted')[] = ['solid', 'dashed', 'dotted'];

/** Lines over the years: the years along the axis, one line per category, told apart by marker and dash as well as colour. */
function lineOption(chart: Chart, base: EChartsOption): EChartsOption {
  return {
    ...base,
    grid: { left: 56, right: 24, top: TOP, bottom: 110 },
    xAxis: { type: 'category', data: chart.series.map((s) => s.name), axisLabel: { color: TEXT } },
    yAxis: valueAxis(chart),
    series: chart.categories.map((c, i) => ({
      type: 'line',
      name: c.label,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 8,
      lineStyle: { width: 2, type: DASHES[Math.floor(i / SYMBOLS.length) % DASHES.length] },
      label: { show: true, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? ruNumber(p.value) : ''), fontSize: 10 },
      data: chart.series.map((s) => s.values[i] ?? '-'),
    })),
  };
}

export function echartsOption(chart: Chart): EChartsOption {
  const base: EChartsOption = {
    animation: false,
    backgroundColor: '#FFFFFF',
    color: ['#1F4E79', '#C55A11', '#7F7F7F', '#2E75B6', '#000000', '#A9D18E', '#5B9BD5', '#843C0C'],
    textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: TEXT },
    title: {
      text: chart.title,
      left: 8,
      top: 6,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 14, fontWeight: 'bold', color: TEXT, width: WIDTH - 16, overflow: 'break' },
      ...(chart.kind === 'bullet' ? { subtext: '√ — достигнуто, × — не достигнуто, | — плановое значение', subtextStyle: { color: '#444444' } } : {}),
    },
    legend: { bottom: 8, left: 8, textStyle: { color: TEXT }, itemGap: 16 },
  };
  if (chart.kind === 'line') return lineOption(chart, base);
  const series: SeriesOption[] =
    chart.kind === 'distribution' ? boxSeries(chart) : [...chart.series.map((s, i) => barSeries(chart, s, i === 0)), ...targetSeries(chart)];
  return {
    ...base,
    grid: { left: LABEL_WIDTH, right: 56, top: TOP, bottom: BOTTOM - 16 },
    xAxis: valueAxis(chart),
    yAxis: categoryAxis(chart),
    series,
  };
}
