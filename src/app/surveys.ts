import type { School } from '../core/campaign/schema';
import type { SheetSpec } from '../core/layout/types';
import { responsesFromCsv } from '../core/survey/csv';
import { surveySheet } from '../core/survey/present';
import { type SurveyImport, type SurveysFile, emptySurveys, importEntries, mergeImport, surveyExport } from '../core/survey/store';
import { type SurveyGroup, type SurveyResponse, type SurveyTotal, aggregateSurvey, municipalOf } from '../core/survey/survey';
import type { CampaignContext } from './campaign';
import { UserFacingError } from './errors';
import type { CampaignStore, Clock } from './ports';

export interface SurveyImported {
  imported: SurveyImport[];
  /** Every response not counted, with its line (CSV) or number (form) and the reason. */
  skipped: { row: number; reason: string }[];
  municipal: Record<SurveyGroup, SurveyTotal>;
  /** The «Удовлетворённость» sheet over everything imported so far. */
  sheet: SheetSpec;
  message: string;
}

/**
 * One source of answers (a CSV export, or a Google Form's responses) merged into the campaign's survey counts: only
 * counts per school are kept, never answers or times; importing the same source again replaces its earlier counts.
 */
export function recordSurvey(
  ctx: CampaignContext,
  source: string,
  responses: SurveyResponse[],
  preSkipped: { row: number; reason: string }[],
  store: CampaignStore,
  clock: Clock,
): SurveyImported {
  const counted = aggregateSurvey(responses, ctx.schools);
  const groupOfLine = new Map(responses.map((r) => [r.line, r.group]));
  const skippedBy: Record<SurveyGroup, number> = { students: 0, parents: 0 };
  for (const s of counted.skipped) skippedBy[groupOfLine.get(s.row) ?? 'students'] += 1;
  // rows whose group is unclear go to the group the source mostly holds
  const main: SurveyGroup = responses.filter((r) => r.group === 'parents').length > responses.length / 2 ? 'parents' : 'students';
  skippedBy[main] += preSkipped.length;
  const skipped = [...preSkipped, ...counted.skipped].sort((a, b) => a.row - b.row);
  let file: SurveysFile = store.surveys() ?? emptySurveys(ctx.campaign.year);
  if (file.year !== ctx.campaign.year) {
    throw new UserFacingError(`Сохранённые анкеты относятся к ${file.year} году, а кампания — к ${ctx.campaign.year}. Перенесите или удалите их.`);
  }
  const imported = responses.length > 0 ? importEntries(source, clock.now().toISOString(), counted.schools, skippedBy) : [];
  for (const entry of imported) file = mergeImport(file, entry);
  if (imported.length > 0) store.saveSurveys(file);
  const municipal = municipalOf(file.schools);
  const share = (t: SurveyTotal): string => (t.share === null ? '—' : `${String(t.share).replace('.', ',')} %`);
  const total = imported.reduce((n, i) => n + i.rows, 0);
  const message =
    `Учтено ответов: ${total}${skipped.length > 0 ? `, не учтено: ${skipped.length}` : ''}. ` +
    `Удовлетворены: обучающиеся — ${share(municipal.students)}, родители — ${share(municipal.parents)}.`;
  return { imported, skipped, municipal, sheet: surveyTable(ctx.schools, file, store), message };
}

/** A CSV export of a Google Form (offline import): parsed in the core, then recorded like form responses. */
export function importSurveyCsv(ctx: CampaignContext, text: string, fileName: string, group: SurveyGroup | null, store: CampaignStore, clock: Clock) {
  const parsed = responsesFromCsv(text, fileName, group);
  return { groupSource: parsed.groupSource, ...recordSurvey(ctx, fileName, parsed.responses, parsed.skipped, store, clock) };
}

/** «Удовлетворённость» from the stored counts (the same table the consolidation writes). */
export function surveyTable(registry: School[], file: SurveysFile, store: CampaignStore): SheetSpec {
  return surveySheet(surveyExport(file, registry, store.previous()?.result ?? null), registry);
}
