import type { Chart } from './model';

/**
 * A chart's size in logical pixels, the same for every adapter: the offline picture, the sheet's room for it and a
 * Google chart's overlay. 760 px across is the A4 text width in the .docx; the height grows with the categories.
 */
export const CHART_WIDTH = 760;
const ROW_HEIGHT = 26;
export const CHART_TOP = 64;
export const CHART_BOTTOM = 64;

export function chartHeight(chart: Chart): number {
  if (chart.kind === 'line') return 420;
  const bars = chart.kind === 'distribution' ? 1 : Math.max(1, chart.series.length);
  return CHART_TOP + CHART_BOTTOM + Math.max(2, chart.categories.length) * (ROW_HEIGHT + (bars - 1) * 10);
}
