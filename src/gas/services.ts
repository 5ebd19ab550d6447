/** Narrow names for the Apps Script types the adapters use, and the optional Sheets advanced service. */
export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Range = GoogleAppsScript.Spreadsheet.Range;
export type SheetsApi = GoogleAppsScript.Sheets;
export type SheetsRequest = GoogleAppsScript.Sheets.Schema.Request;

/** The Sheets advanced service where the deployment enabled it, else null (the adapters fall back to SpreadsheetApp). */
export function advancedSheets(): SheetsApi | null {
  return typeof Sheets === 'undefined' || !Sheets ? null : Sheets;
}

/** The Docs advanced service where enabled, else null (documents are then drawn through DocumentApp). */
export function advancedDocs(): GoogleAppsScript.Docs | null {
  return typeof Docs === 'undefined' || !Docs ? null : Docs;
}

export { errorText } from '../app/errors';

/** Text that Sheets would parse as a formula or number is written with a leading apostrophe (stays text). */
export function asSheetText(value: string): string {
  return /^[=+\-@']/.test(value) || /^\s*[\d.,]+\s*$/.test(value) ? `'${value}` : value;
}
