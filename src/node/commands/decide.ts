import { join } from 'node:path';
import { filledWorkbook } from '../../core/layout/grid';
import { PROFILE_CELLS, PROFILE_SHEET, STATUS_VALUES } from '../../core/layout/positions';
import { schoolWorkbookLayout } from '../../core/layout/school-workbook';
import { type Decision, DecisionsSchema } from '../../core/submission/lifecycle';
import { formatMessage } from '../../core/submission/messages';
import type { Value } from '../../core/submission/values';
import { type CampaignFolder, UserError, paths, writeFileAtomic } from '../campaign-folder';
import { intake } from '../intake';
import { readJsonFile } from '../json-file';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface DecisionOutput {
  school: string;
  state: Decision['state'];
  file: string | null;
}

function saveDecision(folder: CampaignFolder, schoolId: string, decision: Decision): void {
  const file = paths(folder.dir).decisions;
  const all = readJsonFile(file, DecisionsSchema) ?? {};
  all[schoolId] = decision;
  writeFileAtomic(file, `${JSON.stringify(all, null, 2)}\n`);
}

/**
 * «Вернуть на доработку»: a copy of the school's file with its values, status «Заполняется» and the reasons
 * above the profile table, in returned/<код>.xlsx to send back. The received file itself is never changed.
 */
export async function returnSchool(folder: CampaignFolder, schoolId: string, reason: string): Promise<DecisionOutput> {
  if (reason.trim() === '') throw new UserError('Укажите причину возврата: --reason "…"');
  const got = await intake(folder, true);
  const outcome = got.run.schools.find((o) => o.school.id === schoolId);
  if (!outcome) throw new UserError(`Школы с кодом «${schoolId}» нет в реестре`);
  if (!outcome.submission) throw new UserError(`От школы «${outcome.school.shortName}» нет читаемого файла в received/`);
  const layout = schoolWorkbookLayout(folder.catalog, folder.campaign, outcome.school);
  const values: Record<string, Value> = {};
  for (const input of folder.catalog.inputs) if (!input.derived) values[input.id] = outcome.submission.values[input.id] ?? null;
  const workbook = filledWorkbook(layout, values, STATUS_VALUES[0]);
  const errors = outcome.messages.filter((m) => m.severity === 'error').map(formatMessage);
  const remark = `Возвращено на доработку ${new Date().toLocaleDateString('ru-RU')}: ${reason.trim()}${errors.length ? ` Ошибки: ${errors.slice(0, 5).join(' ')}` : ''}`;
  const profile = workbook.sheets.find((s) => s.name === PROFILE_SHEET);
  profile?.cells.push({ row: PROFILE_CELLS.blanks + 1, col: 2, value: remark, style: 'hint' });
  const file = join(paths(folder.dir).out, 'returned', `${schoolId}.xlsx`);
  await writeWorkbookFile(workbook, file, { password: folder.campaign.password ?? null, definedNames: true });
  saveDecision(folder, schoolId, {
    state: 'returned',
    reason: reason.trim(),
    at: new Date().toISOString(),
    fileChangedAt: got.changedAt.get(schoolId) ?? null,
  });
  return { school: outcome.school.shortName, state: 'returned', file };
}

/** «Принять»: only a file without errors can be accepted. */
export async function acceptSchool(folder: CampaignFolder, schoolId: string): Promise<DecisionOutput> {
  const got = await intake(folder, true);
  const outcome = got.run.schools.find((o) => o.school.id === schoolId);
  if (!outcome) throw new UserError(`Школы с кодом «${schoolId}» нет в реестре`);
  if (outcome.status !== 'accepted')
    throw new UserError(
      `Данные школы «${outcome.school.shortName}» нельзя принять: ${outcome.status === 'missing' ? 'файл не получен' : 'в файле есть ошибки (msoko validate)'}`,
    );
  saveDecision(folder, schoolId, { state: 'accepted', reason: '', at: new Date().toISOString(), fileChangedAt: got.changedAt.get(schoolId) ?? null });
  return { school: outcome.school.shortName, state: 'accepted', file: null };
}
