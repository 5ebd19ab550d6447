import { consolidate } from '../core/consolidate/consolidate';
import type { ConsolidationExport } from '../core/export/contract';
import { appendixTableSheet } from '../core/layout/appendix-table';
import { dynamicsSheet, schoolsSheet } from '../core/layout/department-sheets';
import { tableSheet } from '../core/layout/table-sheet';
import type { SheetSpec } from '../core/layout/types';
import { componentsSheet } from '../core/register/components';
import { type RegisterRow, hasDepartmentEntries, registerSheet } from '../core/register/register';
import type { SchoolOutcome } from '../core/submission/collect';
import { surveySheet } from '../core/survey/present';
import { surveyExport } from '../core/survey/store';
import type { CampaignContext } from './campaign';
import { chartSheets } from './charts';
import { type CycleInput, NO_CYCLE, historyOf, lastYearResult, manage } from './cycle';
import { Journal } from './journal';
import type { CampaignStore, Clock, YearResult } from './ports';

/** Targets achieved per appendix, for the panel and the console. */
export interface AppendixSummary {
  number: number;
  title: string;
  achieved: number;
  assessed: number;
}

export interface Consolidated {
  result: ConsolidationExport;
  /**
   * Every sheet of the consolidation, in order: Приложения (each with its charts under the table), «Свод по школам»,
   * «Динамика», «Удовлетворённость», «Диаграммы», «Журнал».
   */
  sheets: SheetSpec[];
  /**
   * The register of measures merged with the department's entries, and its sheet: the add-on writes it as the
   * «Реестр мер» sheet with the others, the offline tool as measures.xlsx beside them.
   */
  register: { rows: RegisterRow[]; sheet: SheetSpec };
  /** To save with `store.saveCurrent` once the sheets are written (a failed write leaves the last result). */
  year: YearResult;
  summary: AppendixSummary[];
  journal: string[];
  message: string;
  /** Values typed into «Прошлые годы» that were refused (Russian, naming sheet and cell); also in the journal. */
  problems: string[];
  /** Some school was refused for errors, some file belongs to no school, or a typed earlier-year value was refused. */
  completedWithErrors: boolean;
}

export function appendixSummary(result: ConsolidationExport): AppendixSummary[] {
  return result.appendices.map((a) => {
    const cells = a.rows.flatMap((r) => r.cells).filter((c) => c.achieved !== null);
    return { number: a.number, title: a.title, achieved: cells.filter((c) => c.achieved).length, assessed: cells.length };
  });
}

/**
 * The consolidation, written once for both front ends: the schools' outcomes (read by the adapter) → the export
 * contract with the surveys, every output sheet, the journal, and the year's result to save for documents and next year.
 * `strays` are files that belong to no registry school (offline only).
 */
export function consolidateCampaign(
  ctx: CampaignContext,
  outcomes: SchoolOutcome[],
  strays: string[],
  register: RegisterRow[],
  store: CampaignStore,
  clock: Clock,
  cycle: CycleInput = NO_CYCLE,
): Consolidated {
  const journal = new Journal(clock);
  const last = store.previous();
  const previous = lastYearResult(ctx, last, cycle, journal);
  if (previous) {
    journal.note(`Данные прошлого года: ${previous.year} г.`);
    if (previous.catalog.id !== ctx.catalog.id)
      journal.note(`Внимание: прошлый год сведён по каталогу «${previous.catalog.id}», динамика только по совпадающим ячейкам`);
  }
  const received = outcomes.filter((o) => o.status !== 'missing').length;
  journal.note(`Получены данные: ${received} из ${outcomes.length} ОО`);
  const core = consolidate({ catalog: ctx.catalog, campaign: ctx.campaign, outcomes, previous });
  const surveys = store.surveys();
  const history = historyOf(ctx, last, cycle);
  const withHistory: ConsolidationExport = history.length > 0 ? { ...core, history } : core;
  const result: ConsolidationExport = surveys ? { ...withHistory, surveys: surveyExport(surveys, ctx.schools, previous) } : withHistory;
  const accepted = outcomes.filter((o) => o.status === 'accepted');
  journal.note(`Принято к своду: ${accepted.length} из ${outcomes.length} ОО`);
  for (const o of outcomes.filter((x) => x.status !== 'accepted')) {
    const errors = o.messages.filter((m) => m.severity === 'error').length;
    journal.note(`${o.school.shortName}: ${o.status === 'missing' ? 'данные не получены' : `не включена в свод — ошибок: ${errors}`}`);
  }
  for (const file of strays) journal.note(`Файл «${file}» не отнесён ни к одной ОО реестра`);

  const sheets = ctx.catalog.appendices.map((a) => appendixTableSheet(ctx.catalog, result, a.number, { suppressSmall: false, evidence: true }));
  sheets.push(schoolsSheet(ctx.catalog, accepted), dynamicsSheet(ctx.catalog, result));
  const schoolValues: YearResult['schoolValues'] = {};
  for (const o of accepted) if (o.submission) schoolValues[o.school.id] = o.submission.values;
  journal.note(`Сформированы таблицы: ${ctx.catalog.appendices.length} приложений, свод по школам, динамика`);
  const cycleOut = manage(ctx, result, previous, last, schoolValues, register, cycle, journal);
  const merged = cycleOut.rows;
  result.management = cycleOut.management;
  sheets.push(componentsSheet(cycleOut.management.components, ctx.campaign.year));
  const withEntries = merged.filter((r) => r.key === '' || hasDepartmentEntries(r)).length;
  journal.note(`Реестр мер: строк ${merged.length}, из них с записями отдела — ${withEntries}; предложений по итогам года — ${cycleOut.proposals}`);
  if (surveys && result.surveys) {
    const m = result.surveys.municipal;
    if (surveys.year !== ctx.campaign.year) journal.note(`Внимание: анкеты относятся к ${surveys.year} году, кампания — к ${ctx.campaign.year}`);
    const unknown = surveys.schools.filter((s) => !ctx.schools.some((r) => r.id === s.schoolId)).length;
    if (unknown > 0) journal.note(`Анкетирование: ${unknown} записей по ОО, которых больше нет в реестре, не учтены`);
    journal.note(`Анкетирование (${surveys.imports.length} источников): обучающихся ответили ${m.students.respondents}, родителей — ${m.parents.respondents}`);
    sheets.push(surveySheet(result.surveys, ctx.schools));
  }

  const drawn = chartSheets(ctx.catalog, result, schoolValues, sheets);
  sheets.splice(0, sheets.length, ...drawn.sheets, drawn.charts);
  journal.note(`Диаграммы: ${drawn.charts.charts?.length ?? 0} на листе «${drawn.charts.name}» и под таблицами приложений`);

  const summary = appendixSummary(result);
  const achieved = summary.reduce((n, s) => n + s.achieved, 0);
  const assessed = summary.reduce((n, s) => n + s.assessed, 0);
  const message = `Свод готов: ${accepted.length} из ${outcomes.length} ОО; целевых значений достигнуто ${achieved} из ${assessed}.`;
  journal.note(message);
  const title = `Журнал свода — ${ctx.campaign.municipality}, ${ctx.campaign.year}`;
  sheets.push(tableSheet('Журнал', title, ['Время', 'Событие'], journal.rows(), [20, 100]));
  return {
    result,
    sheets,
    register: { rows: merged, sheet: registerSheet(merged, ctx.campaign.year) },
    year: { result, schoolValues },
    summary,
    journal: journal.events(),
    message,
    problems: cycle.typedProblems,
    completedWithErrors: outcomes.some((o) => o.status === 'rejected') || strays.length > 0 || cycle.typedProblems.length > 0,
  };
}
