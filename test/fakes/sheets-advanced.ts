/**
 * The Sheets advanced service (`Sheets`, REST API v4) over the SAME spreadsheet models that
 * SpreadsheetApp uses: a batchGet sees what Range.setValues wrote, a batchUpdate's merges,
 * formats, validations, rules and protections are seen (and enforced) by SpreadsheetApp.
 *
 * Calls are logged as `Sheets.Spreadsheets.Values.batchGet`, `Sheets.Spreadsheets.batchUpdate`…,
 * refused in AuthMode.NONE and LIMITED, and need access to the file (edit access to write).
 * Failures reach the script as `GoogleJsonResponseException: API call to sheets.… failed with error: …`.
 * Only present when `ws.advancedSheetsEnabled` (the default) — see installGlobals().
 */
import type { SsHandle } from './handles';
import { track, type Env } from './runtime';
import { sheetsWithGrid } from './sheets-advanced-grid';
import { applyRequests, sheetPropertiesJson } from './sheets-advanced-requests';
import { conditionalFormatJson, namedRangesJson, protectedRangeJson } from './sheets-advanced-rules';
import { apiCall, atomically, gridRangeOf, isObj, objOf, openSpreadsheet, parseFieldMask, project, toRealm, type Json } from './sheets-advanced-util';
import {
  inputOption,
  readOptions,
  readValueRange,
  resolveA1,
  writeValueRange,
  type FakeUpdateValuesResponse,
  type FakeValueRange,
} from './sheets-advanced-values';

export type { FakeUpdateValuesResponse, FakeValueRange } from './sheets-advanced-values';

export interface FakeBatchGetValuesResponse {
  spreadsheetId: string;
  valueRanges?: FakeValueRange[];
}
export interface FakeBatchUpdateValuesResponse {
  spreadsheetId: string;
  totalUpdatedRows: number;
  totalUpdatedColumns: number;
  totalUpdatedCells: number;
  totalUpdatedSheets: number;
  responses: FakeUpdateValuesResponse[];
}
export interface FakeSheetProperties {
  sheetId: number;
  title: string;
  index: number;
  sheetType: 'GRID';
  hidden?: boolean;
  gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number; frozenColumnCount?: number };
}
/** Spreadsheet resource (fields the fake knows; a `fields` mask may leave any of them out). */
export interface FakeSpreadsheetResource {
  spreadsheetId?: string;
  spreadsheetUrl?: string;
  properties?: { title?: string; locale?: string; timeZone?: string; autoRecalc?: string };
  sheets?: Array<{ properties?: FakeSheetProperties; data?: Json[]; merges?: Json[]; conditionalFormats?: Json[]; protectedRanges?: Json[] }>;
  namedRanges?: Json[];
}
export interface FakeBatchUpdateSpreadsheetResponse {
  spreadsheetId: string;
  replies: Json[];
}

export class FakeSheetsAdvanced {
  readonly Spreadsheets: FakeSpreadsheetsCollection;
  constructor(env: Env) {
    this.Spreadsheets = track(env, 'Sheets.Spreadsheets', new FakeSpreadsheetsCollection(env));
  }
}

export function makeSheetsAdvanced(env: Env): FakeSheetsAdvanced {
  return track(env, 'Sheets', new FakeSheetsAdvanced(env));
}

function spreadsheetJson(h: SsHandle, picked: ReturnType<typeof sheetsWithGrid>): FakeSpreadsheetResource {
  const { ss, file } = h;
  const sheets = picked.map(({ sheet, data }) => {
    const out: Json = { properties: sheetPropertiesJson(ss, sheet) };
    if (data) out['data'] = data;
    if (sheet.merges.length > 0) out['merges'] = sheet.merges.map(gridRangeOf);
    if (sheet.cfRules.length > 0) out['conditionalFormats'] = sheet.cfRules.map(conditionalFormatJson);
    const protections = ss.protections.filter((p) => p.sheetId === sheet.id);
    if (protections.length > 0) out['protectedRanges'] = protections.map((p) => protectedRangeJson(h, p));
    return out;
  });
  const out: Json = {
    spreadsheetId: file.id,
    properties: { title: file.name, locale: ss.locale, autoRecalc: 'ON_CHANGE', timeZone: ss.timeZone },
    sheets,
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${file.id}/edit`,
  };
  if (ss.namedRanges.size > 0) out['namedRanges'] = namedRangesJson(h);
  return out as FakeSpreadsheetResource;
}

export class FakeSpreadsheetsCollection {
  readonly Values: FakeValuesCollection;
  constructor(private readonly env: Env) {
    this.Values = track(env, 'Sheets.Spreadsheets.Values', new FakeValuesCollection(env));
  }

  /**
   * spreadsheets.get(id, {fields?, ranges?, includeGridData?}). `ranges` keeps only the sheets they are on; grid
   * data (sheets-advanced-grid.ts) comes with includeGridData, or when a `fields` mask names sheets.data (a mask
   * overrides includeGridData, as the API says).
   */
  get(spreadsheetId: string, optionalArgs?: object): FakeSpreadsheetResource {
    return apiCall(this.env, 'sheets.spreadsheets.get', () => {
      const h = openSpreadsheet(this.env, spreadsheetId, false);
      const args = objOf(optionalArgs);
      const fields = args['fields'];
      const mask = typeof fields === 'string' && fields.trim() !== '' ? parseFieldMask(fields, 'fields') : null;
      const withData = mask
        ? mask.some((m) => m === '*' || m === 'sheets' || m === 'sheets.data' || m.startsWith('sheets.data.'))
        : args['includeGridData'] === true;
      const raw = args['ranges'];
      const full = spreadsheetJson(h, sheetsWithGrid(h, raw === undefined ? null : Array.isArray(raw) ? raw : [raw], withData));
      return toRealm(this.env.ws, mask ? (project(full, mask) as FakeSpreadsheetResource) : full);
    });
  }

  /** spreadsheets.batchUpdate: all requests or none (applied to a copy, committed on success). */
  batchUpdate(resource: object, spreadsheetId: string): FakeBatchUpdateSpreadsheetResponse {
    return apiCall(this.env, 'sheets.spreadsheets.batchUpdate', () => {
      const h = openSpreadsheet(this.env, spreadsheetId, true);
      const replies = atomically(h, (draft) => applyRequests(draft, objOf(resource)['requests']));
      return toRealm(this.env.ws, { spreadsheetId: h.file.id, replies });
    });
  }
}

export class FakeValuesCollection {
  constructor(private readonly env: Env) {}

  /** values.batchGet(id, {ranges, valueRenderOption?, dateTimeRenderOption?, majorDimension?}). */
  batchGet(spreadsheetId: string, optionalArgs?: object): FakeBatchGetValuesResponse {
    return apiCall(this.env, 'sheets.spreadsheets.values.batchGet', () => {
      const h = openSpreadsheet(this.env, spreadsheetId, false);
      const args = objOf(optionalArgs);
      const opts = readOptions(args);
      const raw = args['ranges'];
      const ranges: unknown[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const out: FakeBatchGetValuesResponse = { spreadsheetId: h.file.id };
      if (ranges.length > 0) out.valueRanges = ranges.map((r) => readValueRange(h.ss, resolveA1(h.ss, r), opts));
      return toRealm(this.env.ws, out);
    });
  }

  /** values.get(id, range, {valueRenderOption?, dateTimeRenderOption?, majorDimension?}). */
  get(spreadsheetId: string, range: string, optionalArgs?: object): FakeValueRange {
    return apiCall(this.env, 'sheets.spreadsheets.values.get', () => {
      const h = openSpreadsheet(this.env, spreadsheetId, false);
      return toRealm(this.env.ws, readValueRange(h.ss, resolveA1(h.ss, range), readOptions(objOf(optionalArgs))));
    });
  }

  /** values.batchUpdate({valueInputOption, data: [{range, values, majorDimension?}]}, id); atomic. */
  batchUpdate(resource: object, spreadsheetId: string): FakeBatchUpdateValuesResponse {
    return apiCall(this.env, 'sheets.spreadsheets.values.batchUpdate', () => {
      const h = openSpreadsheet(this.env, spreadsheetId, true);
      const body = objOf(resource);
      const input = inputOption(body['valueInputOption']);
      const data: unknown[] = Array.isArray(body['data']) ? body['data'] : [];
      const responses = atomically(h, (draft) => data.map((d, i) => writeValueRange(draft, d, input, i)));
      const sum = (k: 'updatedRows' | 'updatedColumns' | 'updatedCells'): number => responses.reduce((n, r) => n + (r[k] ?? 0), 0);
      const sheets = new Set(responses.filter((r) => (r.updatedCells ?? 0) > 0).map((r) => r.updatedRange.slice(0, r.updatedRange.lastIndexOf('!'))));
      const out: FakeBatchUpdateValuesResponse = {
        spreadsheetId: h.file.id,
        totalUpdatedRows: sum('updatedRows'),
        totalUpdatedColumns: sum('updatedColumns'),
        totalUpdatedCells: sum('updatedCells'),
        totalUpdatedSheets: sheets.size,
        responses,
      };
      return toRealm(this.env.ws, out);
    });
  }

  /** values.update(resource {values, majorDimension?}, id, range, {valueInputOption}). */
  update(resource: object, spreadsheetId: string, range: string, optionalArgs?: object): FakeUpdateValuesResponse {
    return apiCall(this.env, 'sheets.spreadsheets.values.update', () => {
      const h = openSpreadsheet(this.env, spreadsheetId, true);
      const input = inputOption(objOf(optionalArgs)['valueInputOption']);
      const data = isObj(resource) ? { ...resource, range } : { range };
      return toRealm(
        this.env.ws,
        atomically(h, (draft) => writeValueRange(draft, data, input, 0)),
      );
    });
  }
}
