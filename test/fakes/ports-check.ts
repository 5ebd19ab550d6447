/**
 * Compile-time guard: every public method of a fake exists on the REAL Apps Script type
 * (@types/google-apps-script). If a fake invents a method, `tsc` fails here naming it, so code
 * tested against the fakes can only call methods that Apps Script really has.
 * (Names only: argument types are checked by the adapters' own ports.)
 * No runtime code.
 */
import type { FakeBody, FakeDocument, FakeDocumentApp } from './document';
import type { FakeHorizontalRule, FakeListItem, FakeParagraph, FakeTable, FakeTableCell, FakeTableRow, FakeText } from './doc-elements';
import type { FakeDriveApp, FakeFile, FakeFolder, FakeIterator } from './drive';
import type { FakeDriveAdvanced, FakeDriveFilesCollection, FakeDrivePermissionsCollection } from './drive-advanced';
import type { FakeChoice, FakeForm, FakeFormApp, FakeItem } from './form';
import type { FakeFormResponse, FakeItemResponse } from './form-responses';
import type { FakeHtmlOutput, FakeHtmlService, FakeMenu, FakePromptResponse, FakeUi } from './html-ui';
import type { FakeLock, FakeLockService } from './lock';
import type { FakeProperties, FakePropertiesService } from './properties';
import type { FakeProtection } from './protection';
import type { FakeRange } from './range';
import type { FakeRangeList } from './range-list';
import type { FakeUser } from './runtime';
import type { FakeSheet } from './sheet';
import type { FakeSheetsAdvanced, FakeSpreadsheetsCollection, FakeValuesCollection } from './sheets-advanced';
import type { FakeNamedRange, FakeSpreadsheet, FakeSpreadsheetApp } from './spreadsheet';
import type { FakeBlob, FakeLogger, FakeScriptApp, FakeSession, FakeUtilities } from './utilities';
import type { FakeMailApp } from './mail';
import type { FakeClockTriggerBuilder, FakeTrigger, FakeTriggerBuilder } from './triggers';
import type {
  FakeBooleanCondition,
  FakeConditionalFormatRule,
  FakeConditionalFormatRuleBuilder,
  FakeDataValidation,
  FakeDataValidationBuilder,
} from './validation';

type PublicMethods<T> = Extract<{ [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T], string>;
/** Method names of Fake that Real lacks; must be `never`. */
type Invented<Fake, Real> = Exclude<PublicMethods<Fake>, keyof Real>;
type AssertNone<T extends never> = T;

import Sheets = GoogleAppsScript.Spreadsheet;
import Docs = GoogleAppsScript.Document;
import Forms = GoogleAppsScript.Forms;
import Drive = GoogleAppsScript.Drive;
import Base = GoogleAppsScript.Base;

/**
 * Form publishing (Form.setPublished / isPublished, 2025) is newer than @types/google-apps-script
 * 2.0.13; Google documents it in the Forms reference. Remove this once the typings have it.
 */
interface FormPublishing2025 {
  setPublished(enabled: boolean): Forms.Form;
  isPublished(): boolean;
}

export type PortsCheck = [
  AssertNone<Invented<FakeSpreadsheetApp, Sheets.SpreadsheetApp>>,
  AssertNone<Invented<FakeSpreadsheet, Sheets.Spreadsheet>>,
  AssertNone<Invented<FakeSheet, Sheets.Sheet>>,
  AssertNone<Invented<FakeRange, Sheets.Range>>,
  AssertNone<Invented<FakeRangeList, Sheets.RangeList>>,
  AssertNone<Invented<FakeNamedRange, Sheets.NamedRange>>,
  AssertNone<Invented<FakeProtection, Sheets.Protection>>,
  AssertNone<Invented<FakeDataValidation, Sheets.DataValidation>>,
  AssertNone<Invented<FakeDataValidationBuilder, Sheets.DataValidationBuilder>>,
  AssertNone<Invented<FakeConditionalFormatRule, Sheets.ConditionalFormatRule>>,
  AssertNone<Invented<FakeConditionalFormatRuleBuilder, Sheets.ConditionalFormatRuleBuilder>>,
  AssertNone<Invented<FakeBooleanCondition, Sheets.BooleanCondition>>,
  // The Sheets advanced service (apis/sheets_v4.d.ts).
  AssertNone<Invented<FakeSheetsAdvanced, GoogleAppsScript.Sheets>>,
  AssertNone<Invented<FakeSpreadsheetsCollection, GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection>>,
  AssertNone<Invented<FakeValuesCollection, GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection>>,
  AssertNone<Invented<FakeDocumentApp, Docs.DocumentApp>>,
  AssertNone<Invented<FakeDocument, Docs.Document>>,
  AssertNone<Invented<FakeBody, Docs.Body>>,
  AssertNone<Invented<FakeParagraph, Docs.Paragraph>>,
  AssertNone<Invented<FakeListItem, Docs.ListItem>>,
  AssertNone<Invented<FakeHorizontalRule, Docs.HorizontalRule>>,
  AssertNone<Invented<FakeTable, Docs.Table>>,
  AssertNone<Invented<FakeTableRow, Docs.TableRow>>,
  AssertNone<Invented<FakeTableCell, Docs.TableCell>>,
  AssertNone<Invented<FakeText, Docs.Text>>,
  AssertNone<Invented<FakeFormApp, Forms.FormApp>>,
  AssertNone<Invented<FakeForm, Forms.Form & FormPublishing2025>>,
  AssertNone<
    Invented<FakeItem, Forms.Item & Forms.ListItem & Forms.MultipleChoiceItem & Forms.CheckboxItem & Forms.ScaleItem & Forms.ParagraphTextItem & Forms.TextItem>
  >,
  AssertNone<Invented<FakeChoice, Forms.Choice>>,
  AssertNone<Invented<FakeFormResponse, Forms.FormResponse>>,
  AssertNone<Invented<FakeItemResponse, Forms.ItemResponse>>,
  AssertNone<Invented<FakeDriveApp, Drive.DriveApp>>,
  // The Drive advanced service, v3 (apis/drive_v3.d.ts).
  AssertNone<Invented<FakeDriveAdvanced, GoogleAppsScript.Drive>>,
  AssertNone<Invented<FakeDriveFilesCollection, GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection>>,
  AssertNone<Invented<FakeDrivePermissionsCollection, GoogleAppsScript.Drive_v3.Drive.V3.Collection.PermissionsCollection>>,
  AssertNone<Invented<FakeFolder, Drive.Folder>>,
  AssertNone<Invented<FakeFile, Drive.File>>,
  AssertNone<Invented<FakeIterator<FakeFile>, Drive.FileIterator>>,
  AssertNone<Invented<FakePropertiesService, GoogleAppsScript.Properties.PropertiesService>>,
  AssertNone<Invented<FakeProperties, GoogleAppsScript.Properties.Properties>>,
  AssertNone<Invented<FakeLockService, GoogleAppsScript.Lock.LockService>>,
  AssertNone<Invented<FakeLock, GoogleAppsScript.Lock.Lock>>,
  AssertNone<Invented<FakeHtmlService, GoogleAppsScript.HTML.HtmlService>>,
  AssertNone<Invented<FakeHtmlOutput, GoogleAppsScript.HTML.HtmlOutput>>,
  AssertNone<Invented<FakeUi, Base.Ui>>,
  AssertNone<Invented<FakeMenu, Base.Menu>>,
  AssertNone<Invented<FakePromptResponse, Base.PromptResponse>>,
  AssertNone<Invented<FakeUser, Base.User>>,
  AssertNone<Invented<FakeBlob, Base.Blob>>,
  AssertNone<Invented<FakeSession, Base.Session>>,
  AssertNone<Invented<FakeLogger, Base.Logger>>,
  AssertNone<Invented<FakeUtilities, GoogleAppsScript.Utilities.Utilities>>,
  AssertNone<Invented<FakeScriptApp, GoogleAppsScript.Script.ScriptApp>>,
  AssertNone<Invented<FakeTriggerBuilder, GoogleAppsScript.Script.TriggerBuilder>>,
  AssertNone<Invented<FakeClockTriggerBuilder, GoogleAppsScript.Script.ClockTriggerBuilder>>,
  AssertNone<Invented<Omit<FakeTrigger, 'record'>, GoogleAppsScript.Script.Trigger>>,
  AssertNone<Invented<FakeMailApp, GoogleAppsScript.Mail.MailApp>>,
];
