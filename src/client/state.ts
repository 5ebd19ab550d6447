/** What the sidebar shows: the server's state plus what is happening in the panel right now. */
import type { StepName, Success } from './rpc';

export type ServerState = Omit<Success<'getState'>, 'ok'>;
export type SchoolView = ServerState['schools'][number];
export type SummaryView = ServerState['summary'][number];
export type SurveyForm = Success<'createSurvey'>['forms'][number];

/** The five buttons of the cycle: four chunked server steps and the survey. */
export type PanelStep = StepName | 'survey';

export interface StepInfo {
  readonly id: PanelStep;
  /** Button label. */
  readonly label: string;
  /** What the button does, one short line. */
  readonly hint: string;
}

export const STEPS: readonly StepInfo[] = [
  { id: 'generate', label: 'Таблицы школ', hint: 'создать файлы и открыть их школам' },
  { id: 'validate', label: 'Проверка', hint: 'прочитать файлы, найти ошибки' },
  { id: 'consolidate', label: 'Свод', hint: 'Приложения 1–11 и цели' },
  { id: 'documents', label: 'Рекомендации', hint: 'рекомендации школам и отчёт' },
  { id: 'survey', label: 'Анкета', hint: 'формы для обучающихся и родителей' },
];

/** A long step being driven by this panel, chunk by chunk. */
export interface Running {
  readonly step: PanelStep;
  readonly title: string;
  readonly processed: number;
  readonly total: number;
  readonly message: string;
  /** «Отменить» was pressed: the panel cancels after the chunk in flight. */
  readonly cancelling: boolean;
}

export interface Notice {
  readonly kind: 'error' | 'success' | 'info';
  readonly text: string;
  readonly details?: readonly string[];
  /** «Повторить»: the failed call again (not part of the rendered key: JSON drops functions). */
  readonly retry?: () => void;
}

export interface View {
  /** No answer from getState yet. */
  readonly loading: boolean;
  readonly server: ServerState | null;
  readonly running: Running | null;
  /** A short server call in flight (decision, new campaign, survey), with its label. */
  readonly pending: string | null;
  readonly notice: Notice | null;
  readonly forms: readonly SurveyForm[];
  /** Status filter of the school list; null shows all. */
  readonly filter: string | null;
  /** The school whose «вернуть на доработку» form is open. */
  readonly returning: string | null;
  /** Offline: the registry table is open for editing. */
  readonly editingRegistry: boolean;
}

const INITIAL: View = {
  loading: true,
  server: null,
  running: null,
  pending: null,
  notice: null,
  forms: [],
  filter: null,
  returning: null,
  editingRegistry: false,
};

type Listener = (view: View) => void;

/** A tiny store: immutable views, listeners called after each change. */
export class Store {
  private view: View = INITIAL;
  private readonly listeners: Listener[] = [];
  /** Typed text that must survive re-rendering but never triggers it (the return reason). */
  readonly drafts = new Map<string, string>();

  get(): View {
    return this.view;
  }

  set(patch: Partial<View>): void {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l(this.view);
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** True while anything runs on the server on behalf of this panel. */
  busy(): boolean {
    return this.view.running !== null || this.view.pending !== null;
  }
}

/** The step the server has started but not finished (cancelled, paused, or the panel was closed). */
export function unfinishedJob(server: ServerState | null): ServerState['job'] {
  const job = server?.job ?? null;
  return job && !job.done ? job : null;
}

/**
 * What the panel knows is already done for a step (from the last job, or from the data itself:
 * every school has a file, the summary exists, recommendations exist, the forms were published);
 * null when nothing says so.
 */
export function stepDoneHint(view: Pick<View, 'server' | 'forms'>, step: PanelStep): string | null {
  const server = view.server;
  if (!server) return null;
  const job = server.job;
  if (job?.done && job.step === step) return `готово: ${job.processed} из ${job.total}`;
  const schools = server.schools;
  if (step === 'generate' && schools.length > 0 && schools.every((s) => s.fileUrl)) return `файлы созданы: ${schools.length}`;
  if (step === 'consolidate' && server.summary.length > 0) return 'свод готов, итоги ниже';
  if (step === 'documents' && schools.some((s) => s.docUrl)) return `рекомендации: ${schools.filter((s) => s.docUrl).length} из ${schools.length}`;
  if (step === 'survey' && view.forms.length > 0) return 'анкеты опубликованы, ссылки ниже';
  return null;
}

export function stepTitle(step: string): string {
  return STEPS.find((s) => s.id === step)?.label ?? step;
}
