import {
  SURVEY_ANSWERS,
  SURVEY_OVERALL_QUESTION,
  SURVEY_QUESTIONS,
  SURVEY_SCHOOL_QUESTION,
  SURVEY_TITLES,
  type SurveyGroup,
  type SurveyResponse,
  aggregateSurvey,
} from '../../core/survey/survey';
import { tableSheet } from '../../core/layout/table-sheet';
import { renderSheet } from '../render/sheet-renderer';
import { getSetting, setSettingNow } from '../store/job-store';
import { type StepContext, campaignFolder } from './context';

const GROUPS: SurveyGroup[] = ['students', 'parents'];

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

/** Responses → per-school satisfaction counts and the municipal share (ratio of sums) on the «Удовлетворённость» sheet. */
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
      responses.push({ group, school, overall });
    }
  }
  if (responses.length === 0) return 'Ответов на анкеты пока нет.';
  const result = aggregateSurvey(
    responses,
    ctx.registry.map((r) => r.school),
  );
  const name = (id: string): string => ctx.registry.find((r) => r.school.id === id)?.school.shortName ?? id;
  const label = { students: 'обучающиеся', parents: 'родители' } as const;
  const rows = [
    ...GROUPS.map((g) => ['Муниципалитет', label[g], result.municipal[g].respondents, result.municipal[g].satisfied, result.municipal[g].share ?? '—']),
    ...result.schools.map((s) => [
      name(s.schoolId),
      label[s.group],
      s.respondents,
      s.satisfied,
      s.respondents > 0 ? Math.round((1000 * s.satisfied) / s.respondents) / 10 : '—',
    ]),
  ];
  const spec = tableSheet(
    'Удовлетворённость',
    `Удовлетворённость условиями воспитания — ${ctx.settings.campaign.year} (по школам — только для отдела)`,
    ['ОО', 'Группа', 'Ответили', 'Удовлетворены', 'Доля, %'],
    rows,
    [30, 16, 12, 14, 12],
  );
  const old = ctx.ss.getSheetByName(spec.name);
  if (old) ctx.ss.deleteSheet(old);
  renderSheet(ctx.ss, ctx.ss.insertSheet(spec.name), spec);
  const skipped =
    result.skipped.length > 0
      ? ` Не учтено ответов: ${result.skipped.length} (${result.skipped
          .slice(0, 3)
          .map((s) => s.reason)
          .join('; ')}).`
      : '';
  return `Учтено ответов: ${responses.length - result.skipped.length}. Удовлетворены: обучающиеся — ${result.municipal.students.share ?? '—'} %, родители — ${result.municipal.parents.share ?? '—'} %.${skipped}`;
}
