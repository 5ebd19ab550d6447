import type { ConsolidationExport } from '../core/export/contract';
import type { Delivery } from '../core/letters/delivery';
import type { Decision } from '../core/submission/lifecycle';
import type { Value } from '../core/submission/values';
import type { SurveysFile } from '../core/survey/store';

/**
 * The ports the use cases are written against. Each front end implements them: the add-on over the department's
 * spreadsheet, document properties and the campaign folder in Drive; the offline tool over the campaign folder.
 * They are synchronous: Apps Script is, and the offline store is a handful of small JSON files. Reading school
 * files and writing workbooks and documents stay in the adapters (chunked in Google, asynchronous offline); the
 * use cases take what was read as data and return what is to be written (sheet specs, document models).
 */

/** Time, in the campaign's time zone for what people read (dates in remarks and journals). */
export interface Clock {
  now(): Date;
  /** «05.12.2026» */
  date(at: Date): string;
  /** «2026-12-05 14:03:11» */
  stamp(at: Date): string;
}

/** One year's consolidated result and the accepted schools' values (next year's dynamics and plausibility checks). */
export interface YearResult {
  result: ConsolidationExport;
  schoolValues: Record<string, Record<string, Value>>;
}

/** What a campaign keeps between steps. */
export interface CampaignStore {
  decisions(): Record<string, Decision>;
  saveDecision(schoolId: string, decision: Decision): void;
  /** Last year's result, if the department provided it; null otherwise. */
  previous(): YearResult | null;
  /** This year's last consolidation, if any. */
  current(): YearResult | null;
  saveCurrent(year: YearResult): void;
  surveys(): SurveysFile | null;
  saveSurveys(file: SurveysFile): void;
}

/** The letters sent to schools (issue 19): offline a file in the campaign folder, in Google the registry sheet's columns. */
export interface DeliveryLog {
  deliveries(): Delivery[];
  /** Adds these records; earlier ones stay (the once-only and reminder rules read them all). */
  record(entries: Delivery[]): void;
}
