/**
 * The only entry point of the Apps Script bundle.
 *
 * Every export here becomes a top-level function of dist/Code.js and can be
 * called from menus, triggers and google.script.run. The export list must
 * equal src/gas/public-api.json (build.mjs enforces it). Keep this file thin
 * and keep module-level code free of service calls (onOpen runs in
 * AuthMode.NONE).
 */
import { buildMenu } from './menu';
import { showHelpWith, showSidebarWith } from './dialogs';

type OpenEvent = GoogleAppsScript.Events.SheetsOnOpen | GoogleAppsScript.Events.AddonOnInstall;

export function onOpen(_e?: OpenEvent): void {
  buildMenu(SpreadsheetApp.getUi());
}

export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

export function showSidebar(): void {
  showSidebarWith(HtmlService, SpreadsheetApp.getUi());
}

export function showHelp(): void {
  showHelpWith(HtmlService, SpreadsheetApp.getUi());
}
