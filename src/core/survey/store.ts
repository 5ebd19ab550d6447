import * as z from 'zod/mini';
import type { School } from '../campaign/schema';
import type { ConsolidationExport, SurveysExport } from '../export/contract';
import { type SurveyGroup, type SurveySchoolResult, municipalOf, shareOf } from './survey';

/**
 * surveys.json of a campaign folder: what every imported survey file contributed, as counts per school only (no
 * answers, no timestamps, nothing about a respondent). `schools` is the sum over `imports`, rewritten on each import.
 */
const count = z.int().check(z.gte(0));
const GroupSchema = z.enum(['students', 'parents']);
const notAboveRespondents = z.refine<{ respondents: number; satisfied: number }>((s) => s.satisfied <= s.respondents, 'удовлетворённых больше, чем ответивших');

export const SurveyImportSchema = z.object({
  /** The file's name (not its path): importing the same name for the same group again replaces this entry. */
  file: z.string().check(z.minLength(1)),
  group: GroupSchema,
  importedAt: z.string(),
  /** Responses counted. */
  rows: count,
  /** Rows not counted (unknown school, empty answer, unclear group). */
  skipped: count,
  schools: z.array(z.object({ schoolId: z.string(), respondents: count, satisfied: count }).check(notAboveRespondents)),
});
export type SurveyImport = z.infer<typeof SurveyImportSchema>;

export const SurveysFileSchema = z.object({
  year: z.int(),
  imports: z.array(SurveyImportSchema),
  schools: z.array(z.object({ schoolId: z.string(), group: GroupSchema, respondents: count, satisfied: count }).check(notAboveRespondents)),
});
export type SurveysFile = z.infer<typeof SurveysFileSchema>;

export const emptySurveys = (year: number): SurveysFile => ({ year, imports: [], schools: [] });

/** Σ over the imports, per school and group, in a stable order. */
export function surveyTotals(imports: SurveyImport[]): SurveySchoolResult[] {
  const by = new Map<string, SurveySchoolResult>();
  for (const entry of imports) {
    for (const s of entry.schools) {
      const key = `${s.schoolId}|${entry.group}`;
      const total = by.get(key) ?? { schoolId: s.schoolId, group: entry.group, respondents: 0, satisfied: 0 };
      total.respondents += s.respondents;
      total.satisfied += s.satisfied;
      by.set(key, total);
    }
  }
  return [...by.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId) || a.group.localeCompare(b.group));
}

/** Adds one file's contribution; the same file name for the same group replaces its earlier one (re-import is idempotent). */
export function mergeImport(store: SurveysFile, entry: SurveyImport): SurveysFile {
  const imports = [...store.imports.filter((i) => !(i.file === entry.file && i.group === entry.group)), entry];
  return { year: store.year, imports, schools: surveyTotals(imports) };
}

/** One file's counts by group → import entries (one per group present). */
export function importEntries(file: string, importedAt: string, schools: SurveySchoolResult[], skippedByGroup: Record<SurveyGroup, number>): SurveyImport[] {
  const groups: SurveyGroup[] = ['students', 'parents'];
  return groups
    .filter((g) => schools.some((s) => s.group === g) || skippedByGroup[g] > 0)
    .map((group) => {
      const mine = schools.filter((s) => s.group === group);
      return {
        file,
        group,
        importedAt,
        rows: mine.reduce((n, s) => n + s.respondents, 0),
        skipped: skippedByGroup[group],
        schools: mine.map((s) => ({ schoolId: s.schoolId, respondents: s.respondents, satisfied: s.satisfied })),
      };
    });
}

/**
 * The survey part of the consolidation result: registry schools only (a school dropped from the registry no longer
 * counts), municipal ratio of sums, and last year's municipal shares when the previous result has them.
 */
export function surveyExport(store: SurveysFile, registry: School[], previous: ConsolidationExport | null): SurveysExport {
  const known = new Set(registry.map((s) => s.id));
  const schools = store.schools.filter((s) => known.has(s.schoolId));
  return {
    municipal: municipalOf(schools),
    previous: previous?.surveys?.municipal ?? null,
    schools: schools.map((s) => ({ ...s, share: shareOf(s.satisfied, s.respondents) })),
  };
}
