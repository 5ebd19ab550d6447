import { assessSchool, previousValues, schoolState, validationMessage } from '../../app/schools';
import { LIFECYCLE_LABELS } from '../../core/submission/lifecycle';
import type { Value } from '../../core/submission/values';
import { modifiedTime } from '../drive';
import { readSchoolFile } from '../read/school-reader';
import { type RegistryRow, fileIdOf } from '../store/registry-sheet';
import { type WorkRecord, asReadBack, writeWork } from '../store/work-sheet';
import type { StepContext } from './context';
import type { StepDef } from './runner';

const MAX_MESSAGES = 30;

/** Reads one school's file (one batchGet), validates it (the application's rule), and records its state in the registry row. */
export function readOneSchool(
  ctx: StepContext,
  row: RegistryRow,
  run: string,
  previous: Map<string, Record<string, Value>>,
  withChangeTime = true,
): WorkRecord {
  const fileId = row.fileUrl ? fileIdOf(row.fileUrl) : null;
  if (!fileId) {
    row.lifecycle = LIFECYCLE_LABELS.missing;
    row.errors = 0;
    row.messages = 'Таблица школы ещё не создана';
    return { schoolId: row.school.id, status: 'missing', submissionStatus: null, values: null, messages: [], changedAt: null, run };
  }
  const grid = readSchoolFile(fileId, ctx.catalog);
  const outcome = assessSchool(ctx.app, row.school, { file: row.school.shortName, expectedSchoolId: row.school.id, grid }, previous);
  const changedAt = withChangeTime ? modifiedTime(fileId) : null;
  const state = schoolState(outcome, row.decision, changedAt);
  row.lifecycle = state.lifecycle;
  if (withChangeTime) {
    const at = changedAt ? new Date(changedAt) : null;
    row.changedAt = at ? `${ctx.clock.date(at)} ${ctx.clock.stamp(at).slice(11, 16)}` : '';
  }
  row.errors = state.errors;
  const more = state.messages.length > MAX_MESSAGES ? `\n… ещё ${state.messages.length - MAX_MESSAGES}` : '';
  row.messages = state.messages.slice(0, MAX_MESSAGES).join('\n') + more;
  return {
    schoolId: row.school.id,
    status: outcome.status,
    submissionStatus: outcome.submission?.status ?? null,
    values: outcome.submission?.values ?? null,
    messages: outcome.messages,
    changedAt,
    run,
  };
}

export interface ReadStep extends StepDef {
  /**
   * The run's records, by school, when this execution read every school of it (as `readWork` would give
   * them back); null when earlier chunks read some, whose records are only on the work sheet.
   */
  wholeRun(run: string): Map<string, WorkRecord> | null;
}

/**
 * Validation of every school's file in chunks; the records feed the consolidation. The consolidation skips
 * the file's change time (one Drive call less per school); the validation step records it.
 */
export function readStep(withChangeTime = true): ReadStep {
  const pending: WorkRecord[] = [];
  const readHere: WorkRecord[] = [];
  let reset = false;
  let startedHere = false;
  let previous: Map<string, Record<string, Value>> | null = null;
  return {
    start() {
      reset = true;
      startedHere = true;
    },
    item(ctx, row, job) {
      previous ??= previousValues(ctx.store);
      const record = readOneSchool(ctx, row, job.run, previous, withChangeTime);
      pending.push(record);
      readHere.push(record);
    },
    endChunk(ctx) {
      writeWork(ctx.ss, pending.splice(0), reset);
      reset = false;
    },
    finish(ctx) {
      return validationMessage(ctx.registry);
    },
    wholeRun(run) {
      return startedHere ? asReadBack(readHere, run) : null;
    },
  };
}
