/**
 * addChart of the fake Sheets advanced service: an embedded chart over a sheet, its data read from GridRanges.
 * Checked as the API reference describes EmbeddedChart, ChartSpec, BasicChartSpec and CandlestickChartSpec
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/charts); where the reference
 * gives no error text, the text is our guess (test/fakes/README.md says which).
 */
import type { SsHandle } from './handles';
import type { ChartModel } from './model';
import { assertSheetEditable } from './protection';
import { ApiError, gridRefOf, isObj, objOf, optInt, sheetById, type Json } from './sheets-advanced-util';

const CHART_KINDS = [
  'basicChart',
  'pieChart',
  'bubbleChart',
  'candlestickChart',
  'orgChart',
  'histogramChart',
  'waterfallChart',
  'treemapChart',
  'scorecardChart',
];
const BASIC_TYPES = new Set(['BAR', 'LINE', 'AREA', 'COLUMN', 'SCATTER', 'COMBO', 'STEPPED_AREA']);
const AXES = new Set(['BOTTOM_AXIS', 'LEFT_AXIS', 'RIGHT_AXIS']);
const LEGENDS = new Set(['BOTTOM_LEGEND', 'LEFT_LEGEND', 'RIGHT_LEGEND', 'TOP_LEGEND', 'NO_LEGEND']);

/** ChartData.sourceRange: every GridRange on an existing sheet, inside its grid, one row or one column. */
function checkData(d: SsHandle, data: unknown, where: string): number {
  const sources = objOf(objOf(data)['sourceRange'])['sources'];
  if (!Array.isArray(sources) || sources.length === 0) throw new ApiError(`${where}: ChartData must have a sourceRange with at least one source`);
  let points = 0;
  for (const src of sources) {
    const { ref } = gridRefOf(d.ss, src, where);
    if (ref.numRows !== 1 && ref.numCols !== 1) throw new ApiError(`${where}: Source ranges must be a single row or column`);
    points += Math.max(ref.numRows, ref.numCols);
  }
  return points;
}

function checkColor(c: unknown, where: string): void {
  if (c === undefined) return;
  for (const k of ['red', 'green', 'blue', 'alpha']) {
    const v = objOf(c)[k];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) throw new ApiError(`${where}: color.${k} must be between 0 and 1`);
  }
}

function checkBasic(d: SsHandle, basic: Json, where: string): void {
  const type = String(basic['chartType'] ?? 'BASIC_CHART_TYPE_UNSPECIFIED');
  if (!BASIC_TYPES.has(type)) throw new ApiError(`${where}: Invalid chart type: ${type}`);
  if (basic['legendPosition'] !== undefined && !LEGENDS.has(String(basic['legendPosition'])))
    throw new ApiError(`Invalid value at 'requests[0].add_chart.chart.spec.basic_chart.legend_position', "${String(basic['legendPosition'])}"`);
  const header = optInt(basic['headerCount'], 'headerCount');
  if (header !== undefined && header < 0) throw new ApiError(`${where}: headerCount must be non-negative`);
  const domains = basic['domains'];
  if (!Array.isArray(domains) || domains.length !== 1) throw new ApiError(`${where}: Basic charts support exactly one domain`);
  const length = checkData(d, objOf(domains[0])['domain'], where);
  const series = basic['series'];
  if (!Array.isArray(series) || series.length === 0) throw new ApiError(`${where}: Basic charts require at least one series`);
  // a BAR chart lies on its side: its values run along the bottom axis, which the reference names for it
  const valueAxes = type === 'BAR' ? new Set(['BOTTOM_AXIS']) : new Set(['LEFT_AXIS', 'RIGHT_AXIS']);
  series.forEach((s: unknown, i) => {
    const one = objOf(s);
    if (checkData(d, one['series'], `${where}.series[${i}]`) !== length)
      throw new ApiError(`${where}: series[${i}] does not have the same number of points as the domain`);
    const axis = one['targetAxis'];
    if (axis !== undefined && !valueAxes.has(String(axis))) throw new ApiError(`${where}: series[${i}].targetAxis ${String(axis)} is not valid for ${type}`);
    checkColor(one['color'], `${where}.series[${i}]`);
  });
  const axes = basic['axis'];
  if (axes !== undefined) {
    if (!Array.isArray(axes)) throw new ApiError(`${where}: axis must be a list`);
    for (const a of axes) if (!AXES.has(String(objOf(a)['position']))) throw new ApiError(`${where}: Invalid axis position ${String(objOf(a)['position'])}`);
  }
}

function checkCandlestick(d: SsHandle, spec: Json, where: string): void {
  const length = checkData(d, objOf(spec['domain'])['data'], `${where}.domain`);
  const data = spec['data'];
  if (!Array.isArray(data) || data.length === 0) throw new ApiError(`${where}: Candlestick charts require data`);
  data.forEach((one: unknown, i) => {
    for (const k of ['lowSeries', 'openSeries', 'closeSeries', 'highSeries']) {
      const s = objOf(one)[k];
      if (!isObj(s)) throw new ApiError(`${where}.data[${i}]: ${k} is required`);
      if (checkData(d, s['data'], `${where}.data[${i}].${k}`) !== length)
        throw new ApiError(`${where}.data[${i}]: ${k} does not have the same number of points as the domain`);
    }
  });
}

export function addChart(d: SsHandle, body: Json, where: string): Json {
  const chart = objOf(body['chart']);
  const spec = objOf(chart['spec']);
  const kinds = CHART_KINDS.filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (kinds.length === 0) throw new ApiError(`${where}: ChartSpec must specify a chart type`);
  if (kinds.length > 1)
    throw new ApiError(`Invalid value at 'requests[0].add_chart.chart.spec' (oneof), oneof field 'chart' is already set. Cannot set '${kinds[1]}'`);
  if (kinds[0] === 'basicChart') checkBasic(d, objOf(spec['basicChart']), where);
  else if (kinds[0] === 'candlestickChart') checkCandlestick(d, objOf(spec['candlestickChart']), where);
  else throw new Error(`Fake Sheets service: chart kind '${kinds[0]}' is not implemented by the fake`);
  const overlay = objOf(objOf(chart['position'])['overlayPosition']);
  const cell = objOf(overlay['anchorCell']);
  if (!isObj(overlay['anchorCell'])) throw new Error('Fake Sheets service: only overlayPosition.anchorCell positions are implemented by the fake');
  const sheet = sheetById(d.ss, optInt(cell['sheetId'], 'sheetId') ?? 0, where);
  assertSheetEditable({ ...d, sheet });
  const row = optInt(cell['rowIndex'], 'rowIndex') ?? 0;
  const col = optInt(cell['columnIndex'], 'columnIndex') ?? 0;
  if (row < 0 || col < 0 || row >= sheet.maxRows || col >= sheet.maxCols)
    throw new ApiError(`${where}: The anchor cell (row ${row}, column ${col}) is outside the grid of sheet ${sheet.id}`);
  const widthPx = optInt(overlay['widthPixels'], 'widthPixels') ?? 600;
  const heightPx = optInt(overlay['heightPixels'], 'heightPixels') ?? 371;
  if (widthPx <= 0 || heightPx <= 0) throw new ApiError(`${where}: widthPixels and heightPixels must be positive`);
  const taken = new Set(d.ss.sheets.flatMap((s) => (s.charts ?? []).map((c) => c.id)));
  const asked = optInt(chart['chartId'], 'chartId');
  if (asked !== undefined && taken.has(asked)) throw new ApiError(`${where}: An object with id ${asked} already exists`);
  let id = asked ?? 1 + d.ss.sheets.length * 7919;
  while (taken.has(id)) id += 1;
  const model: ChartModel = { id, spec: structuredClone(spec), anchor: { row: row + 1, col: col + 1 }, widthPx, heightPx };
  sheet.charts = [...(sheet.charts ?? []), model];
  return {
    chart: {
      chartId: id,
      spec,
      position: { overlayPosition: { anchorCell: { sheetId: sheet.id, rowIndex: row, columnIndex: col }, widthPixels: widthPx, heightPixels: heightPx } },
    },
  };
}
