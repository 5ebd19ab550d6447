import type { Chart } from '../chart/model';
import { rangeA1 } from './a1';
import { departmentSheet } from './table-sheet';
import type { CellSpec, SheetSpec } from './types';

export const CHART_DATA_SHEET = 'Данные диаграмм';

/** Where a chart's numbers stand on the data sheet (1-based): a header row, then one row per point of the axis. */
export interface ChartData {
  chart: Chart;
  /** The sheet the chart is drawn over, its anchor cell (1-based). */
  sheet: string;
  row: number;
  col: number;
  top: number;
  left: number;
  /** Rows including the header. */
  rows: number;
  /** The axis column first, then one column per series. */
  headers: string[];
}

const MARK = { achieved: ' √', notAchieved: ' ×', none: '' } as const;

/**
 * A chart's numbers as a table a native chart reads: bars take one row per category, the «√/×» of its standing in
 * the label (read without colour), then a column per series and the target; lines over the years take one row per
 * year and a column per indicator; a distribution takes min, quartiles and max per indicator.
 */
export function chartTable(chart: Chart): (string | number)[][] {
  const num = (v: number | null | undefined): string | number => (v === null || v === undefined ? '' : v);
  if (chart.kind === 'line') {
    return [['Год', ...chart.categories.map((c) => c.label)], ...chart.series.map((s) => [s.name, ...chart.categories.map((_, i) => num(s.values[i]))])];
  }
  if (chart.kind === 'distribution') {
    return [
      ['Показатель', 'Минимум', '1-й квартиль', '3-й квартиль', 'Максимум', 'Медиана'],
      ...chart.categories.map((c) => [c.label, num(c.box?.min), num(c.box?.q1), num(c.box?.q3), num(c.box?.max), num(c.box?.median)]),
    ];
  }
  const targets = chart.categories.some((c) => c.target !== null);
  return [
    ['Показатель', ...chart.series.map((s) => s.name), ...(targets ? ['Целевое значение'] : [])],
    ...chart.categories.map((c, i) => [
      `${c.label}${MARK[c.standing]}`,
      ...chart.series.map((s) => num(s.values[i])),
      ...(targets ? [num(c.target?.value)] : []),
    ]),
  ];
}

/**
 * The hidden sheet the department spreadsheet's native charts read from: every chart's table under the one
 * before, with an empty row between. The offline workbook draws pictures and needs none of this.
 */
export function chartDataSheet(specs: SheetSpec[]): { sheet: SheetSpec; placed: ChartData[] } | null {
  const cells: CellSpec[] = [];
  const placed: ChartData[] = [];
  let top = 1;
  let width = 1;
  for (const spec of specs) {
    for (const c of spec.charts ?? []) {
      const table = chartTable(c.chart);
      table.forEach((row, r) => {
        row.forEach((value, k) => {
          if (value !== '') cells.push({ row: top + r, col: k + 1, value, style: r === 0 ? 'header' : k === 0 ? 'label' : 'value' });
        });
      });
      const headers = (table[0] ?? []).map(String);
      width = Math.max(width, headers.length);
      placed.push({ chart: c.chart, sheet: spec.name, row: c.row, col: c.col, top, left: 1, rows: table.length, headers });
      top += table.length + 1;
    }
  }
  if (placed.length === 0) return null;
  return {
    sheet: departmentSheet({
      name: CHART_DATA_SHEET,
      marker: CHART_DATA_SHEET,
      widths: [30, ...Array.from({ length: width - 1 }, () => 14)],
      cells,
      hidden: true,
      printArea: rangeA1(1, 1, Math.max(1, top - 1), width),
    }),
    placed,
  };
}
