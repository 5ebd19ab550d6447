import type { Chart, SeriesRole } from '../../core/chart/model';
import { CHART_WIDTH, chartHeight } from '../../core/chart/size';
import type { ChartData } from '../../core/layout/chart-data';
import type { SheetsRequest } from '../services';
import { rgb } from './palette';

/** Dark for this year and the school, light for last year, grey for the municipality: told apart in greyscale too. */
const FILL: Record<SeriesRole, string> = {
  current: '#1F4E79',
  school: '#1F4E79',
  previous: '#9DC3E6',
  year: '#2E75B6',
  municipal: '#A6A6A6',
  group: '#2E75B6',
};
const TARGET_FILL = '#C55A11';

/**
 * A native chart of the department spreadsheet, drawn from its table on the hidden data sheet: it stays live, and
 * the department may restyle it. Bars lie horizontally (long indicator names read on the axis), lines run over the
 * years, a distribution is a candlestick from minimum through the quartiles to maximum.
 */
export function addChartRequest(data: ChartData, dataSheetId: number, anchorSheetId: number): SheetsRequest {
  // a candlestick has no header count: its ranges start under the header row
  const from = data.top - 1 + (data.chart.kind === 'distribution' ? 1 : 0);
  const column = (k: number): GoogleAppsScript.Sheets.Schema.ChartData => ({
    sourceRange: {
      sources: [{ sheetId: dataSheetId, startRowIndex: from, endRowIndex: data.top - 1 + data.rows, startColumnIndex: k, endColumnIndex: k + 1 }],
    },
  });
  const spec: GoogleAppsScript.Sheets.Schema.ChartSpec = {
    title: data.chart.title,
    fontName: 'PT Sans',
    hiddenDimensionStrategy: 'SHOW_ALL',
    ...(data.chart.kind === 'distribution' ? { candlestickChart: candlestick(column) } : { basicChart: basic(data, column) }),
  };
  return {
    addChart: {
      chart: {
        spec,
        position: {
          overlayPosition: {
            anchorCell: { sheetId: anchorSheetId, rowIndex: data.row - 1, columnIndex: data.col - 1 },
            widthPixels: CHART_WIDTH,
            heightPixels: chartHeight(data.chart),
          },
        },
      },
    },
  };
}

function basic(data: ChartData, column: (k: number) => GoogleAppsScript.Sheets.Schema.ChartData): GoogleAppsScript.Sheets.Schema.BasicChartSpec {
  const { chart } = data;
  const line = chart.kind === 'line';
  const valueAxis = line ? 'LEFT_AXIS' : 'BOTTOM_AXIS';
  const series: GoogleAppsScript.Sheets.Schema.BasicChartSeries[] = data.headers.slice(1).map((header, i) => ({
    series: column(i + 1),
    targetAxis: valueAxis,
    ...(line ? {} : { color: rgb(header === 'Целевое значение' ? TARGET_FILL : FILL[chart.series[i]?.role ?? 'current']) }),
  }));
  return {
    chartType: line ? 'LINE' : 'BAR',
    legendPosition: 'BOTTOM_LEGEND',
    headerCount: 1,
    axis: [{ position: valueAxis, title: unitTitle(chart) }],
    domains: [{ domain: column(0) }],
    series,
  };
}

function candlestick(column: (k: number) => GoogleAppsScript.Sheets.Schema.ChartData): GoogleAppsScript.Sheets.Schema.CandlestickChartSpec {
  return {
    domain: { data: column(0) },
    data: [{ lowSeries: { data: column(1) }, openSeries: { data: column(2) }, closeSeries: { data: column(3) }, highSeries: { data: column(4) } }],
  };
}

const unitTitle = (chart: Chart): string => (chart.unit === '' ? 'Значение' : `Значение, ${chart.unit}`);
