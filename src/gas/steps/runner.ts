import { BUSY_MESSAGE, UserFacingError, errorText } from '../../app/errors';
import { STEP_TITLES, type StepName, type StepResult } from '../../app/rpc';
import { type Job, loadJob, loadJobNow, saveJob, withDocumentProperties } from '../store/job-store';
import { type RegistryRow, writeComputed } from '../store/registry-sheet';
import { EXECUTION_LIMIT_MS, RateLimited, disabledApiMessage, paceState, restorePace, setDeadline, troubleOf } from '../limits';
import { type StepContext, loadContext } from './context';

/** Apps Script stops an execution at 6 minutes; each chunk starts no school after 4.5 minutes… */
export const TIME_BUDGET_MS = 270_000;
/** …and leaves the closing work (the consolidation's sheets, the report) to the next chunk when less remains. */
export const FINISH_BUDGET_MS = 180_000;

export { STEP_TITLES, type StepName, type StepResult };

export interface StepDef {
  /** Once, before the first school (e.g. the template file). */
  start?(ctx: StepContext, job: Job): void;
  /** One school; mutates its registry row, which is written back once per chunk. */
  item(ctx: StepContext, row: RegistryRow, job: Job): void;
  /** Several schools at once (parallel requests); the runner then hands out up to `size` rows per call instead of `item`. */
  group?: { size: number; items(this: StepDef, ctx: StepContext, rows: RegistryRow[], job: Job): void };
  /** After the last school of each chunk (and before `finish`): flush what the items collected. */
  endChunk?(ctx: StepContext, job: Job): void;
  /** After the last school; returns the summary shown to the user. */
  finish?(ctx: StepContext, job: Job): string;
}

function newJob(step: StepName, total: number): Job {
  const now = new Date().toISOString();
  return { step, run: `${step}-${now}`, cursor: 0, total, phase: 'start', startedAt: now, updatedAt: now, done: false, cancelled: false, notes: [] };
}

/**
 * Runs one chunk of a long step under the document lock: resumes at the saved cursor, stops before the
 * time budget, saves the cursor and says whether more remains. Every item is idempotent, so a repeated
 * chunk never creates anything twice. A daily quota stops the step cleanly; it resumes the next day.
 */
export function runChunk(step: StepName, def: StepDef, budgetMs = TIME_BUDGET_MS): StepResult {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(3000)) return { ok: false, message: BUSY_MESSAGE };
  try {
    // the chunk's property writes are flushed together at its end, still under the lock
    return withDocumentProperties(() => chunk(step, def, budgetMs));
  } finally {
    lock.releaseLock();
  }
}

function chunk(step: StepName, def: StepDef, budgetMs: number): StepResult {
  const started = Date.now();
  // what may still wait (backoff on per-minute limits) must leave a minute for saving before the hard kill
  setDeadline(started + EXECUTION_LIMIT_MS - 60_000);
  let ctx: StepContext | null = null;
  let job: Job | null = null;
  try {
    ctx = loadContext();
    const current = loadJob();
    if (current && !current.done && !current.cancelled && current.step !== step) {
      return { ok: false, message: `Не завершён шаг «${STEP_TITLES[current.step as StepName] ?? current.step}». Продолжите его или отмените в панели.` };
    }
    // a cancelled step of the same kind resumes where it stopped
    const resumable = current && current.step === step && !current.done && current.total === ctx.registry.length;
    job = resumable ? { ...current, cancelled: false } : newJob(step, ctx.registry.length);
    restorePace(job.paced);
    if (job.phase === 'start') {
      def.start?.(ctx, job);
      job.phase = 'items';
    }
    while (job.cursor < ctx.registry.length && Date.now() - started < budgetMs) {
      if (def.group) {
        const rows = ctx.registry.slice(job.cursor, job.cursor + def.group.size);
        def.group.items.call(def, ctx, rows, job);
        job.cursor += rows.length;
      } else {
        def.item(ctx, ctx.registry[job.cursor] as RegistryRow, job);
        job.cursor += 1;
      }
    }
    def.endChunk?.(ctx, job);
    writeComputed(ctx.ss, ctx.registry, ctx.registryBlock);
    let message = `Обработано ${job.cursor} из ${job.total}; продолжаю…`;
    if (job.cursor >= ctx.registry.length) {
      if (def.finish && Date.now() - started > Math.min(FINISH_BUDGET_MS, budgetMs)) {
        message = `Все ${job.total} школ обработаны; итоговые таблицы — в следующей порции…`;
      } else {
        message = def.finish?.(ctx, job) ?? 'Готово.';
        job.done = true;
      }
    }
    return result(step, job, false, message);
  } catch (e) {
    // a per-minute limit met outside withBackoff is the same pause, never a failed step
    if (ctx && job && (e instanceof RateLimited || troubleOf(e) === 'rate')) {
      def.endChunk?.(ctx, job);
      writeComputed(ctx.ss, ctx.registry, ctx.registryBlock);
      return result(step, job, false, `Google ограничивает число запросов в минуту; сделано ${job.cursor} из ${job.total}, продолжаю после паузы…`);
    }
    const trouble = troubleOf(e);
    if (trouble === 'disabled') return { ok: false, message: disabledApiMessage(e) };
    if (ctx && job && trouble === 'daily') {
      def.endChunk?.(ctx, job);
      writeComputed(ctx.ss, ctx.registry, ctx.registryBlock);
      job.notes.push(`Дневная квота Google исчерпана на школе ${job.cursor + 1} из ${job.total}; шаг продолжится завтра с того же места.`);
      return result(
        step,
        job,
        true,
        `Дневная квота Google на создание файлов исчерпана. Сделано ${job.cursor} из ${job.total}; завтра продолжите шаг — уже созданное не повторится.`,
      );
    }
    if (e instanceof UserFacingError) return { ok: false, message: e.message };
    return { ok: false, message: `Шаг «${STEP_TITLES[step]}» прерван: ${errorText(e)}. Уже сделанное сохранено; повторите шаг.` };
  } finally {
    if (job) {
      job.paced = paceState();
      job.updatedAt = new Date().toISOString();
      // a cancel pressed while this chunk ran (another tab, the menu) must not be overwritten
      const meanwhile = loadJobNow();
      if (meanwhile && meanwhile.run === job.run && meanwhile.cancelled && !job.done) job.cancelled = true;
      saveJob(job);
    }
  }
}

function result(step: StepName, job: Job, paused: boolean, message: string): StepResult {
  return { ok: true, step, title: STEP_TITLES[step], done: job.done, paused, processed: job.cursor, total: job.total, message, notes: [...job.notes] };
}

/** Cancels the step in progress; what it already did stays. */
export function cancelStep(): StepResult {
  const job = loadJob();
  if (!job || job.done) return { ok: false, message: 'Нет незавершённого шага.' };
  job.cancelled = true;
  job.notes.push('Шаг отменён пользователем.');
  saveJob(job);
  return {
    ok: true,
    step: job.step as StepName,
    title: STEP_TITLES[job.step as StepName] ?? job.step,
    done: false,
    paused: true,
    processed: job.cursor,
    total: job.total,
    message: 'Шаг отменён. Уже сделанное сохранено.',
    notes: job.notes,
  };
}
