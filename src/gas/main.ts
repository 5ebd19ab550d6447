/**
 * The only entry point of the Apps Script bundle.
 *
 * Every export here becomes a top-level function of dist/Code.js and can be called from menus, triggers
 * and google.script.run. The export list must equal src/gas/public-api.json (build.mjs enforces it).
 * RPC arguments are checked with zod in ./actions. Module-level code touches no service (onOpen runs in
 * AuthMode.NONE).
 */
import * as actions from './actions';
import { showHelpWith, showSidebarWith } from './dialogs';
import { buildMenu } from './menu';
import * as menu from './menu-actions';

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

export function menuNewCampaign(): void {
  menu.menuNewCampaign();
}
export function menuGenerate(): void {
  menu.menuStep('generate', showSidebar);
}
export function menuValidate(): void {
  menu.menuStep('validate', showSidebar);
}
export function menuConsolidate(): void {
  menu.menuStep('consolidate', showSidebar);
}
export function menuDocuments(): void {
  menu.menuStep('documents', showSidebar);
}
export function menuSurvey(): void {
  menu.menuSurvey();
}

/* RPC for the sidebar (google.script.run); each returns { ok, … } with a Russian message. */
export function getState(): ReturnType<typeof actions.getState> {
  return actions.getState();
}
export function newCampaign(settings: unknown): ReturnType<typeof actions.newCampaign> {
  return actions.newCampaign(settings);
}
export function runStep(step: unknown): ReturnType<typeof actions.runStep> {
  return actions.runStep(step);
}
export function cancelStep(): ReturnType<typeof actions.cancelStep> {
  return actions.cancelStep();
}
export function returnSchool(request: unknown): ReturnType<typeof actions.returnSchool> {
  return actions.returnSchool(request);
}
export function acceptSchool(request: unknown): ReturnType<typeof actions.acceptSchool> {
  return actions.acceptSchool(request);
}
export function createSurvey(): ReturnType<typeof actions.createSurvey> {
  return actions.createSurvey();
}
export function collectSurvey(): ReturnType<typeof actions.collectSurveyResults> {
  return actions.collectSurveyResults();
}
