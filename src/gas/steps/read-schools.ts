import { validateOne } from '../../core/submission/collect';
import { type Decision, lifecycleOf } from '../../core/submission/lifecycle';
import { formatMessage } from '../../core/submission/messages';
import { readSchoolFile } from '../read/school-reader';
import { type RegistryRow, fileIdOf } from '../store/registry-sheet';
import { type WorkRecord, asReadBack, writeWork } from '../store/work-sheet';
import type { StepContext } from './context';
import type { StepDef } from './runner';

const DECISION = /^(возвращено|принято)(?: \((.+)\))?$/;

/** «возвращено (2026-11-23T10:00:00.000Z)» in the registry → the department's decision. */
export function decisionOf(row: RegistryRow): Decision | null {
  const m = DECISION.exec(row.decision.trim());
  if (!m) return null;
  return { state: m[1] === 'возвращено' ? 'returned' : 'accepted', reason: row.reason, at: m[2] ?? '', fileChangedAt: m[2] ?? null };
}

/** Reads one school's file (one batchGet), validates it, and records its lifecycle in the registry row. */
export function readOneSchool(ctx: StepContext, row: RegistryRow, run: string, withChangeTime = true): WorkRecord {
  const fileId = row.fileUrl ? fileIdOf(row.fileUrl) : null;
  const schools = ctx.registry.map((r) => r.school);
  if (!fileId) {
    row.lifecycle = 'не получено';
    row.errors = 0;
    row.messages = 'Таблица школы ещё не создана';
    return { schoolId: row.school.id, status: 'missing', submissionStatus: null, values: null, messages: [], changedAt: null, run };
  }
  const grid = readSchoolFile(fileId, ctx.catalog);
  const outcome = validateOne(
    row.school,
    { file: row.school.shortName, expectedSchoolId: row.school.id, grid },
    ctx.catalog,
    ctx.settings.campaign.year,
    schools,
    null,
  );
  let changedAt: string | null = null;
  if (withChangeTime) {
    try {
      changedAt = DriveApp.getFileById(fileId).getLastUpdated().toISOString();
    } catch {
      changedAt = null;
    }
  }
  // a generated file nobody has typed into yet: the school has not started
  const untouched = outcome.submission !== null && Object.values(outcome.submission.values).every((v) => v === null);
  const errors = outcome.messages.filter((m) => m.severity === 'error');
  row.lifecycle = untouched ? 'не получено' : lifecycleOf(outcome, decisionOf(row), changedAt);
  if (withChangeTime) row.changedAt = changedAt ? Utilities.formatDate(new Date(changedAt), Session.getScriptTimeZone(), 'dd.MM.yyyy HH:mm') : '';
  row.errors = errors.length;
  row.messages = outcome.messages.slice(0, 30).map(formatMessage).join('\n') + (outcome.messages.length > 30 ? `\n… ещё ${outcome.messages.length - 30}` : '');
  return {
    schoolId: row.school.id,
    status: untouched ? 'missing' : outcome.status,
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
  return {
    start() {
      reset = true;
      startedHere = true;
    },
    item(ctx, row, job) {
      const record = readOneSchool(ctx, row, job.run, withChangeTime);
      pending.push(record);
      readHere.push(record);
    },
    endChunk(ctx) {
      writeWork(ctx.ss, pending.splice(0), reset);
      reset = false;
    },
    finish(ctx) {
      const errors = ctx.registry.filter((r) => r.errors > 0).length;
      const missing = ctx.registry.filter((r) => r.lifecycle === 'не получено').length;
      return `Проверено ${ctx.registry.length} школ: с ошибками — ${errors}, не получено — ${missing}.`;
    },
    wholeRun(run) {
      return startedHere ? asReadBack(readHere, run) : null;
    },
  };
}
