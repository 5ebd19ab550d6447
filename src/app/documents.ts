import type { School } from '../core/campaign/schema';
import type { DocumentModel } from '../core/document/model';
import { appendixTableSheet } from '../core/layout/appendix-table';
import type { SheetSpec } from '../core/layout/types';
import { municipalReport } from '../core/recommend/municipal-report';
import { type SchoolView, schoolRecommendations } from '../core/recommend/school-document';
import type { CampaignContext } from './campaign';
import { UserFacingError } from './errors';
import type { CampaignStore, YearResult } from './ports';

/**
 * The documents of the last consolidation: targeted recommendations per school (with last year's values of that
 * school for its dynamics) and the municipal report. Both front ends draft them from the same stored result.
 */
export interface Drafts {
  /** Throws when there is no consolidation yet. */
  current: YearResult;
  school(school: School): DocumentModel;
  report(): DocumentModel;
}

export function draftDocuments(ctx: CampaignContext, store: CampaignStore): Drafts {
  const current = store.current();
  if (!current) throw new UserFacingError('Нет итогов свода: сначала выполните «Свести в Приложения».');
  const previous = store.previous()?.schoolValues ?? {};
  return {
    current,
    school(school) {
      const entry = current.result.schools.find((s) => s.id === school.id);
      const view: SchoolView = {
        school,
        status: entry?.status ?? 'missing',
        values: current.schoolValues[school.id] ?? null,
        messages: (entry?.messages ?? []).map((m) => ({ ...m, code: 'report' })),
      };
      return schoolRecommendations(ctx.catalog, ctx.campaign, view, previous[school.id] ?? null, current.result);
    },
    report() {
      return municipalReport(ctx.catalog, ctx.campaign, current.result);
    },
  };
}

/**
 * What the department may publish (R12, «Муниципальная оценка качества образования»): the analytical report and the
 * appendix tables with municipal aggregates only — no school names, no per-school statistics, no evidence links, and
 * small sensitive counts shown as «<3».
 */
export interface PublicPackage {
  report: DocumentModel;
  tables: SheetSpec[];
}

export function publicPackage(ctx: CampaignContext, drafts: Drafts): PublicPackage {
  const result = drafts.current.result;
  return {
    report: drafts.report(),
    tables: ctx.catalog.appendices.map((a) => appendixTableSheet(ctx.catalog, result, a.number, { suppressSmall: true, evidence: false })),
  };
}

export const publicTablesTitle = (year: number): string => `Приложения ${year} — для публикации`;

export const schoolDocumentTitle = (school: School, year: number): string => `Адресные рекомендации — ${school.shortName} — ${year}`;
export const reportTitle = (year: number): string => `Аналитический отчёт — мониторинг воспитания ${year}`;
