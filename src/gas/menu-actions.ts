import type { Reply } from '../app/errors';
import { newCampaign } from './actions/campaign';
import { letters } from './actions/letters';
import { runSelfTest } from './actions/self-test';
import type { LetterKind } from '../core/letters/kinds';
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

/** A mailing from the menu: the reply in a dialog, with the schools without an address listed (never skipped silently). */
export function menuLetters(kind: LetterKind): void {
  const ui = SpreadsheetApp.getUi();
  const reply = letters({ action: 'send', kind });
  if (!reply.ok) {
    ui.alert(APP_TITLE, reply.message, ui.ButtonSet.OK);
    return;
  }
  const lines = [reply.message];
  if (reply.more) lines.push('Продолжите тем же пунктом меню или в панели.');
  if (reply.noAddress.length > 0) {
    lines.push('', 'Без адреса электронной почты:');
    for (const s of reply.noAddress.slice(0, 30)) lines.push(`— ${s.name} (${s.schoolId}): ${s.reason}`);
    if (reply.noAddress.length > 30) lines.push(`… и ещё ${reply.noAddress.length - 30} (все — в панели, раздел «Письма школам»)`);
  }
  ui.alert(APP_TITLE, lines.join('\n'), ui.ButtonSet.OK);
}
