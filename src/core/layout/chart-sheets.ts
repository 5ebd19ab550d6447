import type { Chart } from '../chart/model';
import { INTERNAL_MARK } from '../chart/model';
import { CHART_WIDTH, chartHeight } from '../chart/size';
import { rangeA1 } from './a1';
import { departmentSheet } from './table-sheet';
import type { CellSpec, ChartSpec, SheetSpec } from './types';

/** A sheet row at its default height (15 pt) is 20 px: the rows a chart covers are left empty for it. */
const ROW_PX = 20;
const CHARTS_SHEET = 'Диаграммы';

const rowsFor = (chart: Chart): number => Math.ceil(chartHeight(chart) / ROW_PX) + 1;
const lastRow = (sheet: SheetSpec): number => sheet.cells.reduce((m, c) => Math.max(m, c.row), 0);

/**
 * The sheet with the charts below its table: the chart's title in a cell, then the picture over empty rows. The
 * numbers the chart shows are the table above it.
 */
export function withCharts(sheet: SheetSpec, charts: Chart[]): SheetSpec {
  if (charts.length === 0) return sheet;
  const cells: CellSpec[] = [...sheet.cells];
  const placed: ChartSpec[] = [...(sheet.charts ?? [])];
  let row = lastRow(sheet) + 2;
  for (const chart of charts) {
    cells.push({ row, col: 1, value: `Диаграмма: ${chart.title} (числа — в таблице выше)`, style: 'hint' });
    placed.push({ chart, row: row + 1, col: 1 });
    row += rowsFor(chart) + 2;
  }
  // the print area grows down to the last chart, so a printed appendix shows its charts too
  const lastCol = /:\$?([A-Z]+)\$?\d+$/.exec(sheet.printArea)?.[1] ?? 'A';
  return { ...sheet, cells, charts: placed, printArea: `A1:${lastCol}${row - 2}` };
}

/**
 * «Диаграммы» of appendices.xlsx and of the department's spreadsheet: every chart with its caption (every number it
 * shows) under it; the department's own analysis last, under «для служебного пользования».
 */
export function chartsSheet(title: string, charts: Chart[]): SheetSpec {
  const cells: CellSpec[] = [{ row: 1, col: 1, value: title, style: 'title' }];
  const placed: ChartSpec[] = [];
  let row = 3;
  const internalFrom = charts.findIndex((c) => c.audience === 'internal');
  charts.forEach((chart, i) => {
    if (i === internalFrom) {
      cells.push({ row, col: 1, value: `Внутренний анализ отдела — ${INTERNAL_MARK}: не публикуется и не передаётся школам`, style: 'group' });
      row += 2;
    }
    cells.push({ row, col: 1, value: chart.title, style: 'group' });
    placed.push({ chart, row: row + 1, col: 1 });
    row += rowsFor(chart) + 1;
    cells.push({ row, col: 1, value: chart.alt, style: 'hint' });
    row += 2;
  });
  return departmentSheet({
    name: CHARTS_SHEET,
    marker: title,
    // the picture is 760 px across: one column of about that width holds the titles and the captions under it
    widths: [Math.round(CHART_WIDTH / 7)],
    cells,
    printArea: rangeA1(1, 1, Math.max(1, row), 1),
    charts: placed,
  });
}
