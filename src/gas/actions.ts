import * as z from 'zod/mini';
import { DEFAULT_CATALOG_ID } from '../core/catalog';
import { PROFILE_CELLS, PROFILE_SHEET, STATUS_VALUES } from '../core/layout/positions';
import { LIFECYCLE_ORDER } from '../core/submission/lifecycle';
import { asSheetText, errorText } from './services';
import { CampaignError, readCampaign, writeCampaignSheet, writeFolderUrl } from './store/campaign-sheet';
import { getSetting, loadJob, withDocumentProperties } from './store/job-store';
import { parseSummary } from './store/summary';
import { ensureRegistrySheet, fileIdOf, readRegistry, writeComputed } from './store/registry-sheet';
import { campaignFolder, loadContext } from './steps/context';
import { consolidateStep } from './steps/consolidate';
import { documentsStep } from './steps/documents';
import { generateStep } from './steps/generate';
import { readStep } from './steps/read-schools';
import { type StepDef, type StepName, type StepResult, cancelStep, runChunk } from './steps/runner';
import { collectSurvey, createSurveyForms, surveyForms } from './steps/survey';

export type Reply<T extends object = object> = ({ ok: true } & T) | { ok: false; message: string };

const fail = (e: unknown): { ok: false; message: string } => ({ ok: false, message: e instanceof CampaignError ? e.message : `Ошибка: ${errorText(e)}` });

export const NewCampaignSchema = z.object({
  year: z.int().check(z.gte(2020), z.lte(2100)),
  municipality: z.string().check(z.minLength(2, 'укажите муниципалитет')),
  department: z.optional(z.string()),
  catalogId: z.optional(z.string()),
  deadline: z.optional(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/, 'срок: ГГГГ-ММ-ДД'))),
});

/** «Новая кампания»: the «Кампания» and «Школы» sheets in the department's spreadsheet. */
export function newCampaign(raw: unknown): Reply<{ message: string }> {
  const parsed = NewCampaignSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: `Кампания: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(3000)) return { ok: false, message: 'Сейчас выполняется другой шаг. Повторите через минуту.' };
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ss.setSpreadsheetLocale('ru_RU');
    const d = parsed.data;
    writeCampaignSheet(ss, {
      year: d.year,
      municipality: d.municipality,
      department: d.department ?? 'Отдел управления образованием',
      catalogId: d.catalogId ?? DEFAULT_CATALOG_ID,
      deadline: d.deadline ?? '',
    });
    ensureRegistrySheet(ss);
    return { ok: true, message: 'Кампания создана. Заполните реестр на листе «Школы» (код, наименование, тип, e-mail) и создайте таблицы школ.' };
  } catch (e) {
    return fail(e);
  } finally {
    lock.releaseLock();
  }
}

const STEPS: Record<StepName, () => StepDef> = {
  generate: () => generateStep,
  validate: () => readStep(),
  consolidate: () => consolidateStep(),
  documents: () => documentsStep(),
};

export const StepNameSchema = z.enum(['generate', 'validate', 'consolidate', 'documents']);

/** One chunk of a long step; the sidebar calls it again while `done` is false. */
export function runStep(raw: unknown): StepResult {
  const parsed = StepNameSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'Неизвестный шаг.' };
  const result = runChunk(parsed.data, STEPS[parsed.data]());
  if (result.ok && result.done && parsed.data === 'generate') {
    try {
      const ctx = loadContext();
      writeFolderUrl(ctx.ss, campaignFolder(ctx).getUrl());
    } catch {
      // the folder link is a convenience
    }
  }
  return result;
}

export { cancelStep };

export const DecisionSchema = z.object({ schoolId: z.string().check(z.minLength(1)), reason: z.optional(z.string().check(z.maxLength(2000))) });

/** «Вернуть на доработку»: the reasons are written into the school's file; its status goes back to «Заполняется». */
export function returnSchool(raw: unknown): Reply<{ message: string }> {
  const parsed = DecisionSchema.safeParse(raw);
  if (!parsed.success || !parsed.data.reason?.trim()) return { ok: false, message: 'Укажите причину возврата.' };
  return decide(parsed.data.schoolId, 'возвращено', parsed.data.reason.trim());
}

export function acceptSchool(raw: unknown): Reply<{ message: string }> {
  const parsed = DecisionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'Не указана школа.' };
  return decide(parsed.data.schoolId, 'принято', '');
}

function decide(schoolId: string, state: 'возвращено' | 'принято', reason: string): Reply<{ message: string }> {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(3000)) return { ok: false, message: 'Сейчас выполняется другой шаг. Повторите через минуту.' };
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { rows, block } = readRegistry(ss);
    const row = rows.find((r) => r.school.id === schoolId);
    if (!row) return { ok: false, message: `Школы с кодом «${schoolId}» нет в реестре.` };
    if (state === 'принято' && row.errors > 0)
      return { ok: false, message: `У школы ${row.school.shortName} есть ошибки (${row.errors}); принять можно только проверенные данные без ошибок.` };
    const fileId = fileIdOf(row.fileUrl);
    if (state === 'возвращено') {
      if (!fileId) return { ok: false, message: 'У школы ещё нет таблицы.' };
      const sheet = SpreadsheetApp.openById(fileId).getSheetByName(PROFILE_SHEET);
      if (!sheet) return { ok: false, message: `В файле школы нет листа «${PROFILE_SHEET}».` };
      const stamp = Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'dd.MM.yyyy');
      sheet.getRange(PROFILE_CELLS.status, 4).setValue(STATUS_VALUES[0]);
      // the blank line above the table header carries the department's remarks
      sheet.getRange(PROFILE_CELLS.blanks + 1, 2).setValue(asSheetText(`Возвращено на доработку ${stamp}: ${reason}`));
    }
    row.decision = `${state} (${new Date().toISOString()})`;
    row.reason = reason;
    row.lifecycle = state;
    writeComputed(ss, [row], block);
    return {
      ok: true,
      message:
        state === 'принято'
          ? `Данные школы ${row.school.shortName} приняты.`
          : `Таблица школы ${row.school.shortName} возвращена на доработку; причина записана в её файл.`,
    };
  } catch (e) {
    return fail(e);
  } finally {
    lock.releaseLock();
  }
}

export function createSurvey(): Reply<{ message: string; forms: { group: string; url: string; editUrl: string }[] }> {
  try {
    const forms = createSurveyForms(loadContext());
    return { ok: true, message: 'Анкеты опубликованы. Разошлите ссылки школам.', forms };
  } catch (e) {
    return fail(e);
  }
}

export function collectSurveyResults(): Reply<{ message: string }> {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(3000)) return { ok: false, message: 'Сейчас выполняется другой шаг. Повторите через минуту.' };
  try {
    return { ok: true, message: collectSurvey(loadContext()) };
  } catch (e) {
    return fail(e);
  } finally {
    lock.releaseLock();
  }
}

interface State {
  campaign: { year: number; municipality: string; catalogId: string; deadline: string } | null;
  counts: { state: string; count: number }[];
  schools: {
    id: string;
    name: string;
    lifecycle: string;
    changedAt: string;
    fileUrl: string;
    docUrl: string;
    errors: number;
    messages: string[];
    reason: string;
  }[];
  job: { step: string; processed: number; total: number; done: boolean; cancelled: boolean; notes: string[] } | null;
  summary: { number: number; title: string; achieved: number; assessed: number; sheetUrl: string }[];
  forms: { group: string; url: string; editUrl: string }[];
  problems: string[];
}

/** What the sidebar shows: the campaign, each school's state, the step in progress, the last summary. */
export function getState(): Reply<State> {
  try {
    return withDocumentProperties(readState);
  } catch (e) {
    return fail(e);
  }
}

function readState(): Reply<State> {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let campaign = null;
  try {
    const c = readCampaign(ss).campaign;
    campaign = { year: c.year, municipality: c.municipality, catalogId: c.catalogId, deadline: c.deadline ?? '' };
  } catch {
    campaign = null;
  }
  const { rows, problems } = readRegistry(ss);
  const schools = rows.map((r) => ({
    id: r.school.id,
    name: r.school.shortName,
    lifecycle: r.lifecycle || 'не получено',
    changedAt: r.changedAt,
    fileUrl: r.fileUrl,
    docUrl: r.docUrl,
    errors: r.errors,
    messages: r.messages ? r.messages.split('\n') : [],
    reason: r.reason,
  }));
  const counts = LIFECYCLE_ORDER.map((state) => ({ state, count: schools.filter((s) => s.lifecycle === state).length }));
  const job = loadJob();
  const summary = parseSummary(getSetting('summary'));
  const url = ss.getUrl();
  return {
    ok: true,
    campaign,
    counts,
    schools,
    job: job ? { step: job.step, processed: job.cursor, total: job.total, done: job.done, cancelled: job.cancelled, notes: job.notes } : null,
    summary: summary.map((s) => ({ ...s, sheetUrl: `${url}#gid=${ss.getSheetByName(`Приложение ${s.number}`)?.getSheetId() ?? ''}` })),
    forms: campaign ? surveyForms(campaign.year) : [],
    problems: rows.length === 0 ? [] : problems,
  };
}
