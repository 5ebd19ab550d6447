/** The service globals of one execution, as Apps Script injects them into the script. */
import { FakeDocumentApp } from './document';
import { makeDocsAdvanced, type FakeDocsAdvanced } from './docs-advanced';
import { FakeDriveApp } from './drive';
import { makeDriveAdvanced, type FakeDriveAdvanced } from './drive-advanced';
import { FakeFormApp } from './form';
import { FakeHtmlService } from './html-ui';
import { FakeLockService } from './lock';
import { makeMailApp, type FakeMailApp } from './mail';
import { FakePropertiesService } from './properties';
import { track, type Env } from './runtime';
import { makeSheetsAdvanced, type FakeSheetsAdvanced } from './sheets-advanced';
import { FakeSpreadsheetApp } from './spreadsheet';
import { makeUrlFetchApp, type FakeUrlFetchApp } from './url-fetch';
import { FakeConsole, FakeLogger, FakeScriptApp, FakeSession, FakeUtilities } from './utilities';

export interface FakeGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  DocumentApp: FakeDocumentApp;
  FormApp: FakeFormApp;
  DriveApp: FakeDriveApp;
  PropertiesService: FakePropertiesService;
  LockService: FakeLockService;
  HtmlService: FakeHtmlService;
  Session: FakeSession;
  Utilities: FakeUtilities;
  Logger: FakeLogger;
  console: FakeConsole;
  ScriptApp: FakeScriptApp;
  UrlFetchApp: FakeUrlFetchApp;
  MailApp: FakeMailApp;
  /** The Docs advanced service (v1); absent when `ws.advancedDocsEnabled` is false. */
  Docs?: FakeDocsAdvanced;
  /** The Sheets advanced service; absent when `ws.advancedSheetsEnabled` is false. */
  Sheets?: FakeSheetsAdvanced;
  /** The Drive advanced service (v3); absent when `ws.advancedDriveEnabled` is false. */
  Drive?: FakeDriveAdvanced;
}

export function createGlobals(env: Env): FakeGlobals {
  const globals: FakeGlobals = {
    SpreadsheetApp: track(env, 'SpreadsheetApp', new FakeSpreadsheetApp(env)),
    DocumentApp: track(env, 'DocumentApp', new FakeDocumentApp(env)),
    FormApp: track(env, 'FormApp', new FakeFormApp(env)),
    DriveApp: track(env, 'DriveApp', new FakeDriveApp(env)),
    PropertiesService: track(env, 'PropertiesService', new FakePropertiesService(env)),
    LockService: track(env, 'LockService', new FakeLockService(env)),
    HtmlService: track(env, 'HtmlService', new FakeHtmlService(env)),
    Session: track(env, 'Session', new FakeSession(env)),
    Utilities: track(env, 'Utilities', new FakeUtilities(env)),
    Logger: track(env, 'Logger', new FakeLogger(env)),
    console: track(env, 'console', new FakeConsole(env)),
    ScriptApp: track(env, 'ScriptApp', new FakeScriptApp(env)),
    UrlFetchApp: makeUrlFetchApp(env),
    MailApp: makeMailApp(env),
  };
  if (env.ws.advancedSheetsEnabled) globals.Sheets = makeSheetsAdvanced(env);
  if (env.ws.advancedDocsEnabled) globals.Docs = makeDocsAdvanced(env);
  if (env.ws.advancedDriveEnabled) globals.Drive = makeDriveAdvanced(env);
  return globals;
}
