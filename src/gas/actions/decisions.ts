import { decide, decisionLabel, decisionRequest } from '../../app/decide';
import { type Reply, UserFacingError } from '../../app/errors';
import { assessSchool, previousValues, schoolState } from '../../app/schools';
import { PROFILE_CELLS, PROFILE_SHEET, STATUS_VALUES } from '../../core/layout/positions';
import type { Decision } from '../../core/submission/lifecycle';
import { underDocumentLock } from '../lock';
import { modifiedTime } from '../drive';
import { readSchoolFile } from '../read/school-reader';
import { asSheetText } from '../services';
import { loadContext } from '../steps/context';
import { fileIdOf, writeComputed } from '../store/registry-sheet';

/** «Вернуть на доработку»: the reasons are written into the school's file; its status goes back to «Заполняется». */
export function returnSchool(raw: unknown): Reply<{ message: string }> {
  return underDocumentLock(() => decideNow('returned', raw));
}

/** «Принять»: only a file read just now without errors (the application's rule). */
export function acceptSchool(raw: unknown): Reply<{ message: string }> {
  return underDocumentLock(() => decideNow('accepted', raw));
}

function decideNow(kind: Decision['state'], raw: unknown): Reply<{ message: string }> {
  const request = decisionRequest(raw, kind);
  const ctx = loadContext();
  const row = ctx.registry.find((r) => r.school.id === request.schoolId);
  if (!row) throw new UserFacingError(`Школы с кодом «${request.schoolId}» нет в реестре.`);
  const fileId = row.fileUrl ? fileIdOf(row.fileUrl) : null;
  if (!fileId) throw new UserFacingError(`У школы ${row.school.shortName} ещё нет таблицы.`);
  // the decision is about the file as it is now, not as the last validation saw it
  const grid = readSchoolFile(fileId, ctx.catalog);
  const outcome = assessSchool(ctx.app, row.school, { file: row.school.shortName, expectedSchoolId: row.school.id, grid }, previousValues(ctx.store));
  const decided = decide(kind, outcome, request.reason, modifiedTime(fileId), ctx.clock);
  let decision = decided.decision;
  if (decided.remark !== null) {
    const sheet = SpreadsheetApp.openById(fileId).getSheetByName(PROFILE_SHEET);
    if (!sheet) throw new UserFacingError(`В файле школы нет листа «${PROFILE_SHEET}».`);
    sheet.getRange(PROFILE_CELLS.status, 4).setValue(STATUS_VALUES[0]);
    // the blank line above the table header carries the department's remarks
    sheet.getRange(PROFILE_CELLS.blanks + 1, 2).setValue(asSheetText(decided.remark));
    // our own write changed the file: only a change after it reopens the school
    decision = { ...decision, fileChangedAt: new Date().toISOString() };
  }
  ctx.store.saveDecision(row.school.id, decision);
  const state = schoolState(outcome, decision, decision.fileChangedAt);
  row.lifecycle = state.lifecycle;
  row.errors = state.errors;
  row.decisionLabel = decisionLabel(decision, ctx.clock);
  row.reason = decision.reason;
  writeComputed(ctx.ss, [row], ctx.registryBlock);
  return { ok: true, message: decided.message };
}
