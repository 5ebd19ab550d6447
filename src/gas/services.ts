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

/** Apps Script reports daily quota exhaustion with this text («Service invoked too many times for one day»). */
export function isQuotaError(e: unknown): boolean {
  return /too many times|quota|Service invoked too many/i.test(errorText(e));
}

export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/** Text that Sheets would parse as a formula or number is written with a leading apostrophe (stays text). */
export function asSheetText(value: string): string {
  return /^[=+\-@']/.test(value) || /^\s*[\d.,]+\s*$/.test(value) ? `'${value}` : value;
}
