import { recordSurvey } from '../app/surveys';
import {
  SURVEY_ANSWERS,
  SURVEY_OVERALL_QUESTION,
  SURVEY_QUESTIONS,
  SURVEY_SCHOOL_QUESTION,
  SURVEY_TITLES,
  type SurveyGroup,
  type SurveyResponse,
} from '../core/survey/survey';
import { writeStaged } from './render/staged-write';
import { getSetting, setSettingNow } from './store/job-store';
import { type StepContext, campaignFolder } from './steps/context';

const GROUPS: SurveyGroup[] = ['students', 'parents'];
/** The forms' responses are one source: collecting again replaces their earlier counts. */
const FORMS_SOURCE = 'Google Формы';

/** Form.setPublished (2025) is newer than the typings; forms made by a script start unpublished. */
type PublishableForm = GoogleAppsScript.Forms.Form & { setPublished?(published: boolean): unknown };
function publish(form: PublishableForm): void {
  if (typeof form.setPublished === 'function') form.setPublished(true);
}

/**
 * Two anonymous Google Forms (students, parents) with the school as a dropdown; published, since forms made
 * by a script are unpublished by default. No e-mail collection: counts only, no personal data.
 */
export function createSurveyForms(ctx: StepContext): { group: SurveyGroup; url: string; editUrl: string }[] {
  return GROUPS.map((group) => {
    const key = `form.${ctx.settings.campaign.year}.${group}`;
    const existing = getSetting(key);
    if (existing) {
      try {
        const form = FormApp.openById(existing);
        return { group, url: form.getPublishedUrl(), editUrl: form.getEditUrl() };
      } catch {
        // deleted: make a new one
      }
    }
    const form = FormApp.create(`${SURVEY_TITLES[group]} — ${ctx.settings.campaign.year}`);
    form.setDescription('Анкета анонимная: мы не собираем имена и адреса электронной почты. Результаты используются только в обобщённом виде.');
    form.setCollectEmail(false);
    form
      .addListItem()
      .setTitle(SURVEY_SCHOOL_QUESTION)
      .setChoiceValues(ctx.registry.map((r) => r.school.shortName))
      .setRequired(true);
    form
      .addMultipleChoiceItem()
      .setTitle(SURVEY_OVERALL_QUESTION)
      .setChoiceValues([...SURVEY_ANSWERS])
      .setRequired(true);
    for (const q of SURVEY_QUESTIONS[group]) form.addMultipleChoiceItem().setTitle(q).setChoiceValues(['Да', 'Скорее да', 'Скорее нет', 'Нет']);
    publish(form);
    DriveApp.getFileById(form.getId()).moveTo(campaignFolder(ctx));
    setSettingNow(key, form.getId());
    return { group, url: form.getPublishedUrl(), editUrl: form.getEditUrl() };
  });
}

/** The campaign's survey forms, if created (for the sidebar). */
export function surveyForms(year: number): { group: SurveyGroup; url: string; editUrl: string }[] {
  const out: { group: SurveyGroup; url: string; editUrl: string }[] = [];
  for (const group of GROUPS) {
    const id = getSetting(`form.${year}.${group}`);
    if (!id) continue;
    try {
      const form = FormApp.openById(id);
      out.push({ group, url: form.getPublishedUrl(), editUrl: form.getEditUrl() });
    } catch {
      // a deleted form is simply not shown
    }
  }
  return out;
}

/**
 * Responses of both forms → the application's survey record (counts per school only, the same store and
 * «Удовлетворённость» table as the offline import); the consolidation then takes them into the result and the report.
 */
export function collectSurvey(ctx: StepContext): string {
  const responses: SurveyResponse[] = [];
  for (const group of GROUPS) {
    const id = getSetting(`form.${ctx.settings.campaign.year}.${group}`);
    if (!id) continue;
    for (const response of FormApp.openById(id).getResponses()) {
      let school = '';
      let overall = '';
      for (const item of response.getItemResponses()) {
        const title = item.getItem().getTitle();
        if (title === SURVEY_SCHOOL_QUESTION) school = String(item.getResponse());
        if (title === SURVEY_OVERALL_QUESTION) overall = String(item.getResponse());
      }
      responses.push({ group, school, overall, line: responses.length + 2 });
    }
  }
  if (responses.length === 0) return 'Ответов на анкеты пока нет.';
  const out = recordSurvey(ctx.app, FORMS_SOURCE, responses, [], ctx.store, ctx.clock);
  writeStaged(ctx.ss, [out.sheet]);
  return out.message;
}
