/**
 * The RPC contract of the department's control panel: names, payloads (zod) and replies. The add-on implements it
 * in src/gas/main.ts (google.script.run); the sidebar calls it through src/client/rpc.ts, importing only types.
 */
import * as z from 'zod/mini';
import type { Lifecycle, LifecycleLabel } from '../core/submission/lifecycle';
import type { NewCampaign } from './campaign';
import type { CatalogImport } from './catalog-import';
import type { AppendixSummary } from './consolidate';
import type { CycleView } from './cycle';
import type { DecisionRequest } from './decide';
import type { LettersCall, LettersView } from './letters-panel';
import type { PanelCharts } from './panel-charts';
import type { Reply } from './errors';

export { NewCampaignSchema } from './campaign';
export { CatalogImportSchema } from './catalog-import';
export { DecisionRequestSchema } from './decide';
export type { PanelCharts, Reply };

export const STEP_TITLES = {
  generate: 'Создание таблиц школ',
  validate: 'Проверка данных',
  consolidate: 'Свод в Приложения',
  documents: 'Рекомендации и отчёт',
} as const;
export const StepNameSchema = z.enum(['generate', 'validate', 'consolidate', 'documents']);
export type StepName = z.infer<typeof StepNameSchema>;

export type StepResult =
  | { ok: true; step: StepName; title: string; done: boolean; paused: boolean; processed: number; total: number; message: string; notes: string[] }
  | { ok: false; message: string };

export interface SurveyFormLink {
  group: 'students' | 'parents';
  url: string;
  editUrl: string;
}

export interface PanelSchool {
  id: string;
  name: string;
  state: Lifecycle;
  lifecycle: LifecycleLabel;
  changedAt: string;
  fileUrl: string;
  docUrl: string;
  errors: number;
  messages: string[];
  reason: string;
  /** Offline only: the copy with the department's remark to send back to a returned school. */
  returnedUrl?: string;
}

/** A file the local server offers for download (absolute URL on its own origin). */
export interface PanelDownload {
  label: string;
  url: string;
}

/** What only the local server (msoko serve) has: the campaign folder, its files, and where uploads go. */
export interface OfflinePanel {
  folder: string;
  /** schools.csv or schools.xlsx, '' when there is no registry yet. */
  registryFile: string;
  /** The registry as its table: code, name, short name, type, e-mails (separated by «;»). */
  registryRows: string[][];
  downloads: PanelDownload[];
}

export interface PanelState {
  campaign: { year: number; municipality: string; catalogId: string; deadline: string } | null;
  /** In the panel's order; `state` is the label shown. */
  counts: { state: LifecycleLabel; id: Lifecycle; count: number }[];
  schools: PanelSchool[];
  job: { step: string; processed: number; total: number; done: boolean; cancelled: boolean; notes: string[] } | null;
  summary: (AppendixSummary & { sheetUrl: string })[];
  forms: SurveyFormLink[];
  problems: string[];
  /** Absent in Google Sheets. */
  offline?: OfflinePanel;
  /** The four components per direction after the last consolidation (issue 16): only the directions with gaps. */
  cycle?: CycleView | null;
}

/** One check of «Проверка надстройки»: a service or scope, whether it works, and what to do if not. */
export interface SelfCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Every call of the panel, with what it sends and what it gets back. */
export interface PanelRpc {
  getState(): Reply<PanelState>;
  newCampaign(settings: NewCampaign): Reply<{ message: string }>;
  /** The campaign's catalog from a built-in one, a Google Sheets link (Google only) or an uploaded .xlsx (issue 15). */
  importCatalog(request: CatalogImport): Reply<{ message: string }>;
  runStep(step: StepName): StepResult;
  cancelStep(): StepResult;
  returnSchool(request: DecisionRequest): Reply<{ message: string }>;
  acceptSchool(request: DecisionRequest): Reply<{ message: string }>;
  createSurvey(): Reply<{ message: string; forms: SurveyFormLink[] }>;
  collectSurvey(): Reply<{ message: string }>;
  selfTest(): Reply<{ message: string; checks: SelfCheck[] }>;
  /** The charts of the last consolidation, drawn by the panel itself (issue 18); an empty state before the first one. */
  charts(): Reply<PanelCharts>;
  /** Letters to schools (issue 19): Google sends them, the local server drafts them; «state» reads the trigger. */
  letters(request: LettersCall): Reply<LettersView>;
}
