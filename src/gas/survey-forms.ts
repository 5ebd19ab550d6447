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
import type { CsvRow } from '../core/csv';
import { quoteSheet } from '../core/layout/a1';
import { responsesFromRows } from '../core/survey/csv';
import { withBackoff } from './limits';
import { writeStaged } from './render/staged-write';
import { advancedSheets } from './services';
import { getSetting, setSettingNow } from './store/job-store';
import { MIME, createFile, findStamped, stamp, trash } from './drive';
import { type StepContext, folderId } from './steps/context';

const GROUPS: SurveyGroup[] = ['students', 'parents'];
/** The forms' responses are one source: collecting again replaces their earlier counts. */
const FORMS_SOURCE = 'Google Формы';

/** Form.setPublished (2025) is newer than the typings; forms made by a script start unpublished. */
type PublishableForm = GoogleAppsScript.Forms.Form & { setPublished?(published: boolean): unknown };
function publish(form: PublishableForm): void {
  if (typeof form.setPublished === 'function') form.setPublished(true);
}

/**
 * Parents answer from their own accounts or none: a Workspace form limited to the organisation would shut them out.
 * Only Workspace can set it; elsewhere the call fails and the form is open anyway.
 */
function openToEveryone(form: GoogleAppsScript.Forms.Form): void {
  try {
    if (form.requiresLogin()) form.setRequireLogin(false);
  } catch {
    // not a Workspace account: forms are open to everyone with the link
  }
}

/** Forms that only people of the organisation can answer (the domain's policy won over setRequireLogin). */
export function restrictedForms(year: number): string[] {
  return GROUPS.flatMap((group) => {
    const id = getSetting(`form.${year}.${group}`);
    if (!id) return [];
    try {
      return FormApp.openById(id).requiresLogin() ? [group === 'students' ? 'обучающихся' : 'родителей'] : [];
    } catch {
      return [];
    }
  });
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
    // made through Drive, stamped as finished only when every question is in: a half-built form is made again
    const role = `form:${ctx.settings.campaign.year}:${group}`;
    const title = `${SURVEY_TITLES[group]} — ${ctx.settings.campaign.year}`;
    const stale = findStamped(`building:${role}`, folderId(ctx));
    if (stale?.id) trash(stale.id);
    const finished = findStamped(role, folderId(ctx));
    if (finished?.id) {
      setSettingNow(key, finished.id);
      const form = FormApp.openById(finished.id);
      return { group, url: form.getPublishedUrl(), editUrl: form.getEditUrl() };
    }
    const file = createFile(title, MIME.form, `building:${role}`, folderId(ctx));
    const form = FormApp.openById(file.id ?? '');
    form.setTitle(title);
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
    openToEveryone(form);
    stamp(form.getId(), role);
    setSettingNow(key, form.getId());
    linkedSheet(ctx, group, form, responsesSpreadsheet(ctx));
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

const responsesKey = (year: number): string => `responses.${year}`;
const sheetKey = (year: number, group: SurveyGroup): string => `form.${year}.${group}.sheet`;

/**
 * The campaign's responses spreadsheet («Ответы анкет <год>» in the campaign folder): each form writes every answer
 * into its own sheet there, so collecting reads all answers with one call however many there are (10,000 or more),
 * instead of 10–15 FormApp calls per response.
 */
function responsesSpreadsheet(ctx: StepContext): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const id = getSetting(responsesKey(ctx.settings.campaign.year));
  if (id) {
    try {
      return SpreadsheetApp.openById(id);
    } catch {
      // deleted: make a new one (the forms keep their answers and are linked again)
    }
  }
  const role = `responses:${ctx.settings.campaign.year}`;
  const file = findStamped(role, folderId(ctx)) ?? createFile(`Ответы анкет — ${ctx.settings.campaign.year}`, MIME.spreadsheet, role, folderId(ctx));
  setSettingNow(responsesKey(ctx.settings.campaign.year), file.id ?? '');
  return SpreadsheetApp.openById(file.id ?? '');
}

/** The sheet the group's form writes into; the form is linked (its earlier answers copied) when it is not yet. */
function linkedSheet(ctx: StepContext, group: SurveyGroup, form: GoogleAppsScript.Forms.Form, target: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const year = ctx.settings.campaign.year;
  const known = getSetting(sheetKey(year, group));
  let linked = false;
  try {
    linked = form.getDestinationId() === target.getId();
  } catch {
    linked = false;
  }
  if (known && linked) {
    const sheet = target.getSheets().find((s) => String(s.getSheetId()) === known);
    if (sheet) return sheet.getName();
  }
  const before = new Set(target.getSheets().map((s) => s.getSheetId()));
  form.setDestination(FormApp.DestinationType.SPREADSHEET, target.getId());
  const added = target.getSheets().find((s) => !before.has(s.getSheetId()));
  if (!added) throw new Error('Google не создал лист ответов формы');
  setSettingNow(sheetKey(year, group), String(added.getSheetId()));
  return added.getName();
}

/** A sheet's rows as text, as the CSV export would give them (line numbers as in the sheet). */
function sheetRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, names: string[]): CsvRow[][] {
  const api = advancedSheets();
  const text = (rows: unknown[][]): CsvRow[] => rows.map((r, i) => ({ line: i + 1, fields: r.map((v) => (v === null || v === undefined ? '' : String(v))) }));
  if (api?.Spreadsheets?.Values) {
    const values = api.Spreadsheets.Values;
    const res = withBackoff(() => values.batchGet(ss.getId(), { ranges: names.map(quoteSheet), valueRenderOption: 'FORMATTED_VALUE' }));
    return names.map((_, i) => text((res.valueRanges?.[i]?.values ?? []) as unknown[][]));
  }
  return names.map((n) => text(ss.getSheetByName(n)?.getDataRange().getDisplayValues() ?? []));
}

/**
 * Answers of both forms → the application's survey record (counts per school only, the same store and
 * «Удовлетворённость» table as the offline import); the consolidation then takes them into the result and the report.
 */
export function collectSurvey(ctx: StepContext): string {
  const forms = GROUPS.flatMap((group) => {
    const id = getSetting(`form.${ctx.settings.campaign.year}.${group}`);
    return id ? [{ group, form: FormApp.openById(id) }] : [];
  });
  if (forms.length === 0) return 'Анкеты ещё не созданы.';
  const target = responsesSpreadsheet(ctx);
  const names = forms.map((f) => linkedSheet(ctx, f.group, f.form, target));
  const sheets = sheetRows(target, names);
  const responses: SurveyResponse[] = [];
  const skipped: { row: number; reason: string }[] = [];
  forms.forEach((f, i) => {
    const rows = sheets[i] ?? [];
    if (rows.length < 2) return;
    const parsed = responsesFromRows(rows, `${FORMS_SOURCE} (${f.group})`, f.group);
    responses.push(...parsed.responses);
    skipped.push(...parsed.skipped);
  });
  if (responses.length === 0) return 'Ответов на анкеты пока нет.';
  const out = recordSurvey(ctx.app, FORMS_SOURCE, responses, skipped, ctx.store, ctx.clock);
  writeStaged(ctx.ss, [out.sheet]);
  return out.message;
}
