/**
 * Stateful in-memory fakes of the Apps Script services the add-on uses.
 *
 *   const ws = new FakeWorkspace();
 *   ws.createHostSpreadsheet();
 *   const { SpreadsheetApp } = ws.installGlobals();           // one execution, AuthMode.FULL
 *   const ss = SpreadsheetApp.create('Школа №1');
 *
 * Tests use the real Apps Script API; the FakeWorkspace methods are the test-only controls:
 * clock (now/advance/nextDay), quotas, actAs(email), executions and locks, call log
 * (calls/countCalls/resetCalls), realm binding for vm contexts, seedComputed for formula
 * results, registerHtmlFile, submitFormResponse, ui recordings and scripted answers,
 * advancedSheetsEnabled (whether the `Sheets` advanced service global exists).
 */
export { FakeWorkspace, DEFAULT_QUOTAS } from './workspace';
export type { CallFilter, GlobalsOptions, LogLine, QuotaLimits, QuotaName, SharingNotification, WorkspaceOptions } from './workspace';
export type { FakeGlobals } from './globals';
export type { SentMail } from './mail';
export type { TriggerRecord } from './triggers';
export * from './enums';
export type { CallRecord, Execution } from './runtime';
export type { FileRecord, SpreadsheetModel, SheetModel, CellValue } from './model';
export type { RecordedAlert, RecordedDialog, RecordedMenu, RecordedOutput, MenuEntry, ScriptedAnswer } from './html-ui';
export type { FakeSpreadsheetApp, FakeSpreadsheet, FakeNamedRange } from './spreadsheet';
export type { FakeSheet } from './sheet';
export type { FakeRangeList } from './range-list';
export type {
  FakeSheetsAdvanced,
  FakeSpreadsheetsCollection,
  FakeValuesCollection,
  FakeValueRange,
  FakeBatchGetValuesResponse,
  FakeBatchUpdateValuesResponse,
  FakeUpdateValuesResponse,
  FakeSpreadsheetResource,
  FakeSheetProperties,
  FakeBatchUpdateSpreadsheetResponse,
} from './sheets-advanced';
export type { FakeRange } from './range';
export type { FakeProtection } from './protection';
export type { FakeDataValidation, FakeDataValidationBuilder, FakeConditionalFormatRule, FakeConditionalFormatRuleBuilder } from './validation';
export type { FakeDocumentApp, FakeDocument, FakeBody } from './document';
export type { FakeParagraph, FakeListItem, FakeTable, FakeTableRow, FakeTableCell, FakeText } from './doc-elements';
export type { FakeDocsAdvanced, FakeDocumentsCollection, FakeDocsDocument, FakeBatchUpdateDocumentResponse } from './docs-advanced';
export type { FakeFormApp, FakeForm, FakeItem } from './form';
export type { FakeFormResponse, FakeItemResponse } from './form-responses';
export type { FakeDriveApp, FakeFile, FakeFolder, FakeIterator } from './drive';
export type {
  FakeDriveAdvanced,
  FakeDriveFilesCollection,
  FakeDrivePermissionsCollection,
  FakeDriveFile,
  FakeDriveFileList,
  FakeDrivePermission,
  FakeDrivePermissionList,
} from './drive-advanced';
export type { FakePropertiesService, FakeProperties } from './properties';
export type { FakeLockService, FakeLock } from './lock';
export type { FakeHtmlService, FakeHtmlOutput, FakeUi, FakeMenu } from './html-ui';
export type { FakeUtilities, FakeBlob, FakeSession, FakeLogger, FakeConsole, FakeScriptApp } from './utilities';
export { PROTECTED_MSG } from './protection';
export { LOCK_TIMEOUT } from './lock';
export { manifestScopesOf, requiredScopes } from './oauth-scopes';
export { DEFAULT_API_LIMITS, MAX_CELLS } from './api-limits';
export type { ApiLimits } from './api-limits';
