import type { Reply } from '../app/errors';
import { newCampaign } from './actions/campaign';
import { runSelfTest } from './actions/self-test';
import { selfTestText } from './self-test';
import { runStep } from './actions/steps';
import { collectSurveyResults, createSurvey } from './actions/surveys';
import { APP_TITLE } from './dialogs';
import { readCampaign } from './store/campaign-sheet';
import { getSetting } from './store/job-store';
import type { StepName } from './steps/runner';

/** A menu click runs the first chunk; if more remains, the sidebar carries on with progress. */
export function menuStep(step: StepName, openSidebar: () => void): void {
  const ui = SpreadsheetApp.getUi();
  const result = runStep(step);
  if (!result.ok) {
    ui.alert(APP_TITLE, result.message, ui.ButtonSet.OK);
    return;
  }
  if (!result.done && !result.paused) {
    openSidebar();
    return;
  }
  ui.alert(APP_TITLE, result.message, ui.ButtonSet.OK);
}

export function menuNewCampaign(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt('Новая кампания', 'Муниципалитет (например, «Каларский муниципальный округ»):', ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const reply: Reply<{ message: string }> = newCampaign({ year: new Date().getFullYear(), municipality: answer.getResponseText().trim() });
  ui.alert(APP_TITLE, reply.message, ui.ButtonSet.OK);
}

export function menuSurvey(): void {
  const ui = SpreadsheetApp.getUi();
  let year: number;
  try {
    year = readCampaign(SpreadsheetApp.getActiveSpreadsheet()).campaign.year;
  } catch (e) {
    ui.alert(APP_TITLE, e instanceof Error ? e.message : String(e), ui.ButtonSet.OK);
    return;
  }
  // the campaign's forms, whatever the calendar year
  if (getSetting(`form.${year}.students`)) {
    ui.alert(APP_TITLE, collectSurveyResults().message, ui.ButtonSet.OK);
    return;
  }
  const reply = createSurvey();
  ui.alert(
    APP_TITLE,
    reply.ok ? `${reply.message}\n${reply.forms.map((f) => `${f.group === 'students' ? 'Обучающиеся' : 'Родители'}: ${f.url}`).join('\n')}` : reply.message,
    ui.ButtonSet.OK,
  );
}

/** «Проверка надстройки» from the menu: the same checks as the panel's button, in a dialog. */
export function menuSelfTest(): void {
  const ui = SpreadsheetApp.getUi();
  const reply = runSelfTest();
  ui.alert(APP_TITLE, reply.ok ? selfTestText(reply.checks) : reply.message, ui.ButtonSet.OK);
}
