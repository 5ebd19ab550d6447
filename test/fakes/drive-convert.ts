/**
 * Drive's import conversion in files.create: an .xlsx upload with the metadata mimeType of a Google spreadsheet
 * becomes a spreadsheet with the workbook's sheets, values and formulas (never evaluated; an Excel formula's cached
 * result stays as the cell's computed value, as `seedComputed` sets).
 * Source: https://developers.google.com/workspace/drive/api/guides/manage-uploads#import-docs
 * («To convert, specify the target mimeType in the file metadata»); the supported import types:
 * https://developers.google.com/workspace/drive/api/reference/rest/v3/about (importFormats). The workbook is read by the
 * project's own lean .xlsx reader (src/node/xlsx/read/package-reader.ts), which is synchronous like the API call.
 */
import { leanReadWorkbook } from '../../src/node/xlsx/read/package-reader';
import { badRequest } from './drive-advanced-util';
import { type Cell, type CellValue, type FileRecord, newSheetModel } from './model';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const cellValue = (v: unknown): CellValue | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date ? (v === '' ? undefined : v) : undefined;

/** Fills the new spreadsheet `rec` from the workbook's bytes; a file that is no workbook is refused (400, text a guess). */
export function importXlsx(rec: FileRecord, bytes: Buffer): void {
  const model = rec.spreadsheet;
  if (!model) throw new Error('Fake Drive: conversion target is not a spreadsheet');
  const lean = leanReadWorkbook(bytes);
  if ('unreadable' in lean) throw badRequest('The file could not be converted to a Google spreadsheet.');
  if (!('grid' in lean)) throw new Error(`Fake Drive: converting this workbook is not modelled (${lean.fallback.slice(0, 120)})`);
  model.sheets = lean.grid.sheets.map((g, i) => {
    const rows = Math.max(g.values.length, g.formulas?.length ?? 0);
    const cols = Math.max(0, ...g.values.map((r) => r?.length ?? 0), ...(g.formulas ?? []).map((r) => r?.length ?? 0));
    const sheet = newSheetModel(i, g.name, Math.max(rows, 1000), Math.max(cols, 26));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const formula = g.formulas?.[r]?.[c];
        const value = cellValue(g.values[r]?.[c]);
        if ((typeof formula !== 'string' || formula === '') && value === undefined) continue;
        const cell: Cell =
          typeof formula === 'string' && formula !== '' ? { formula: `=${formula}`, ...(value === undefined ? {} : { computed: value }) } : { value };
        const row = sheet.rows[r] ?? [];
        row[c] = cell;
        sheet.rows[r] = row;
      }
    }
    return sheet;
  });
  model.activeSheetId = 0;
  model.nextSheetId = model.sheets.length;
}
