import { quoteSheet } from '../../core/layout/a1';
import type { SheetSpec } from '../../core/layout/types';
import { CHART_DATA_SHEET, chartDataSheet } from '../../core/layout/chart-data';
import { addChartRequest } from './chart-requests';
import { extent, formatRequests, renderSheet, valueGrid } from './sheet-renderer';
import { withBackoff } from '../limits';
import { type Sheet, type SheetsApi, type SheetsRequest, type Spreadsheet, advancedSheets } from '../services';
import { valueRangesWithin, withinBudget } from './request-size';

const STAGING = ' (новое)';
const OLD = ' (старое)';

/**
 * Staged writes: every new sheet is written completely under a temporary name first; only then are the old
 * sheets replaced. A failure midway removes the partial new sheets and leaves the last good tables.
 * With the Sheets advanced service the whole set takes five calls while it fits the request budget (2 MB a body),
 * a few more for a large municipality.
 */
export function writeStaged(ss: Spreadsheet, specs: SheetSpec[], extra: ExtraRequests = () => []): void {
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) writeStagedBatched(ss, api, specs, extra);
  else writeStagedOneByOne(ss, specs);
}

/** More requests of a sheet sent with its formats where the Sheets service is enabled (the catalog's notes and validations). */
export type ExtraRequests = (spec: SheetSpec, sheetId: number) => SheetsRequest[];

/**
 * Every call waits out a per-minute limit (Sheets allows about 60 reads and 60 writes a minute per user): a request
 * refused with 429 was not applied, so sending it again is safe.
 */
function writeStagedBatched(ss: Spreadsheet, api: SheetsApi, tables: SheetSpec[], extra: ExtraRequests): void {
  const id = ss.getId();
  // native charts read their numbers from a hidden sheet written with the others, so they swap in together
  const chartData = chartDataSheet(tables);
  const specs = chartData ? [...tables, chartData.sheet] : tables;
  const update = (requests: SheetsRequest[]) => withBackoff(() => api.Spreadsheets?.batchUpdate({ requests }, id));
  const removeStaged = (ids: number[]): void => {
    try {
      update(ids.map((sheetId) => ({ deleteSheet: { sheetId } })));
    } catch {
      // the next run deletes what is left under the staging name before it adds its own
    }
  };
  // every sheet's id and title in one call, however many sheets the spreadsheet has
  const meta = withBackoff(() => api.Spreadsheets?.get(id, { fields: 'sheets.properties(sheetId,title)' }));
  const existing = new Map<string, number>();
  for (const sheet of meta?.sheets ?? []) {
    const { title, sheetId } = sheet.properties ?? {};
    if (title !== undefined && sheetId !== undefined) existing.set(title, sheetId);
  }
  const stale = specs.map((s) => existing.get(s.name + STAGING)).filter((x): x is number => x !== undefined);
  const added = update([
    ...stale.map((sheetId) => ({ deleteSheet: { sheetId } })),
    ...specs.map((spec) => {
      const { rows, cols } = extent(spec);
      const gridProperties = { rowCount: Math.max(rows, 20), columnCount: Math.max(cols, 8) };
      return { addSheet: { properties: { title: spec.name + STAGING, gridProperties, ...(spec.hidden ? { hidden: true } : {}) } } };
    }),
  ]);
  const ids = (added?.replies ?? []).slice(stale.length).map((r) => r.addSheet?.properties?.sheetId ?? -1);
  try {
    // every body within the request budget: one call for all sheets as long as they fit, more for 1,000 schools
    const data = specs.flatMap((spec) => valueRangesWithin(quoteSheet(spec.name + STAGING), valueGrid(spec)));
    for (const part of withinBudget(data)) withBackoff(() => api.Spreadsheets?.Values?.batchUpdate({ valueInputOption: 'USER_ENTERED', data: part }, id));
    const formats = specs.flatMap((spec, i) => [...formatRequests(spec, ids[i] ?? -1), ...extra(spec, ids[i] ?? -1)]);
    // the charts go with the formats (their numbers are written above): no call is spent on them alone
    const idOf = new Map(specs.map((spec, i) => [spec.name, ids[i] ?? -1]));
    const charts = (chartData?.placed ?? []).map((c) => addChartRequest(c, idOf.get(CHART_DATA_SHEET) ?? -1, idOf.get(c.sheet) ?? -1));
    for (const requests of withinBudget([...formats, ...charts])) update(requests);
  } catch (e) {
    removeStaged(ids);
    throw e;
  }
  const old = specs.map((s) => existing.get(s.name)).filter((x): x is number => x !== undefined);
  try {
    // one atomic batch: the old tables go and the new ones take their names together, or nothing changes
    update([
      ...old.map((sheetId) => ({ deleteSheet: { sheetId } })),
      ...specs.map((spec, i) => ({ updateSheetProperties: { properties: { sheetId: ids[i] ?? -1, title: spec.name }, fields: 'title' } })),
    ]);
  } catch (e) {
    removeStaged(ids);
    throw e;
  }
}

/** Without the Sheets advanced service the tables are written without their native charts (README: «Диаграммы»). */
function writeStagedOneByOne(ss: Spreadsheet, specs: SheetSpec[]): void {
  const made: Sheet[] = [];
  try {
    for (const spec of specs) {
      const stale = ss.getSheetByName(spec.name + STAGING);
      if (stale) ss.deleteSheet(stale);
      const sheet = ss.insertSheet(spec.name + STAGING);
      made.push(sheet);
      renderSheet(ss, sheet, spec);
    }
  } catch (e) {
    for (const sheet of made) ss.deleteSheet(sheet);
    throw e;
  }
  // old tables step aside first, so a failed rename can put everything back
  const aside: { sheet: Sheet; name: string }[] = [];
  try {
    for (const spec of specs) {
      const old = ss.getSheetByName(spec.name);
      if (!old) continue;
      old.setName(spec.name + OLD);
      aside.push({ sheet: old, name: spec.name });
    }
    specs.forEach((spec, i) => {
      (made[i] as Sheet).setName(spec.name);
    });
  } catch (e) {
    for (const sheet of made) ss.deleteSheet(sheet);
    for (const a of aside) a.sheet.setName(a.name);
    throw e;
  }
  for (const a of aside) ss.deleteSheet(a.sheet);
}
