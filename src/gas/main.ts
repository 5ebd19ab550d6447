/**
 * The only entry point of the Apps Script bundle.
 *
 * Every export here becomes a top-level function of dist/Code.js and can be called from menus, triggers
 * and google.script.run. The export list must equal src/gas/public-api.json (build.mjs enforces it).
 * RPC arguments are checked with zod in ./actions (schemas of the contract in src/app). Module-level code touches no service (onOpen runs in
 * AuthMode.NONE).
 */
import type { PanelRpc } from '../app/rpc';
import { newCampaign as newCampaignAction } from './actions/campaign';
import { importCatalog as importCatalogAction } from './actions/catalog';
import { charts as chartsAction } from './actions/charts';
import { letters as lettersAction, lettersTrigger as lettersTriggerAction } from './actions/letters';
import { acceptSchool as acceptAction, returnSchool as returnAction } from './actions/decisions';
import { getState as readPanelState } from './actions/state';
import { runStep as runStepAction } from './actions/steps';
import { collectSurveyResults, createSurvey as createSurveyAction } from './actions/surveys';
import { runSelfTest } from './actions/self-test';
import { cancelStep as cancelStepAction } from './steps/runner';
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

/* RPC for the sidebar (google.script.run): the contract of src/app/rpc.ts; payloads arrive as unknown and are checked. */
export function getState(): ReturnType<PanelRpc['getState']> {
  return readPanelState();
}
export function newCampaign(settings: unknown): ReturnType<PanelRpc['newCampaign']> {
  return newCampaignAction(settings);
}
export function importCatalog(request: unknown): ReturnType<PanelRpc['importCatalog']> {
  return importCatalogAction(request);
}
export function runStep(step: unknown): ReturnType<PanelRpc['runStep']> {
  return runStepAction(step);
}
export function cancelStep(): ReturnType<PanelRpc['cancelStep']> {
  return cancelStepAction();
}
export function returnSchool(request: unknown): ReturnType<PanelRpc['returnSchool']> {
  return returnAction(request);
}
export function acceptSchool(request: unknown): ReturnType<PanelRpc['acceptSchool']> {
  return acceptAction(request);
}
export function createSurvey(): ReturnType<PanelRpc['createSurvey']> {
  return createSurveyAction();
}
export function collectSurvey(): ReturnType<PanelRpc['collectSurvey']> {
  return collectSurveyResults();
}
export function selfTest(): ReturnType<PanelRpc['selfTest']> {
  return runSelfTest();
}
export function charts(): ReturnType<PanelRpc['charts']> {
  return chartsAction();
}
export function menuSelfTest(): void {
  menu.menuSelfTest();
}
export function letters(request: unknown): ReturnType<PanelRpc['letters']> {
  return lettersAction(request);
}
export function menuLaunchLetters(): void {
  menu.menuLetters('launch');
}
export function menuRemind(): void {
  menu.menuLetters('reminder');
}
export function menuRecommendationLetters(): void {
  menu.menuLetters('recommendations');
}
/** The daily reminder trigger's handler (ScriptApp time-driven trigger; the event carries the trigger's id). */
export function lettersTrigger(e?: { triggerUid?: unknown }): void {
  lettersTriggerAction(e);
}

/** Compile-time: the public functions implement the panel's RPC contract (src/app/rpc.ts). */
type AssertAssignable<T extends U, U> = T;
export type ImplementsPanelRpc = AssertAssignable<
  {
    getState: typeof getState;
    newCampaign: typeof newCampaign;
    importCatalog: typeof importCatalog;
    runStep: typeof runStep;
    cancelStep: typeof cancelStep;
    returnSchool: typeof returnSchool;
    acceptSchool: typeof acceptSchool;
    createSurvey: typeof createSurvey;
    collectSurvey: typeof collectSurvey;
    selfTest: typeof selfTest;
    charts: typeof charts;
    letters: typeof letters;
  },
  PanelRpc
>;
