import { join } from 'node:path';
import { decide, decisionRequest } from '../../app/decide';
import { UserFacingError } from '../../app/errors';
import { filledWorkbook } from '../../core/layout/grid';
import { PROFILE_CELLS, PROFILE_SHEET, STATUS_VALUES } from '../../core/layout/positions';
import { schoolWorkbookLayout } from '../../core/layout/school-workbook';
import type { Decision } from '../../core/submission/lifecycle';
import type { Value } from '../../core/submission/values';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore, localClock } from '../campaign/store';
import { intake } from '../intake';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface DecisionOutput {
  school: string;
  state: Decision['state'];
  file: string | null;
  message: string;
}

/**
 * The department's decision on a school's received file (the application's rule: only a file without errors is
 * accepted; a return needs its reason). A return writes a copy of the school's file with its values, status
 * «Заполняется» and the remark above the profile table to out/returned/<код>.xlsx; the received file is never changed.
 */
async function decideOffline(
  folder: CampaignFolder,
  kind: Decision['state'],
  schoolId: string,
  reason: string,
  previous: string | null,
): Promise<DecisionOutput> {
  const request = decisionRequest({ schoolId, reason }, kind);
  const store = new FolderCampaignStore(folder, previous);
  const got = await intake(folder, store, true);
  const outcome = got.run.schools.find((o) => o.school.id === request.schoolId);
  if (!outcome) throw new UserFacingError(`Школы с кодом «${request.schoolId}» нет в реестре`);
  const decided = decide(kind, outcome, request.reason, got.changedAt.get(outcome.school.id) ?? null, localClock);
  if (decided.remark === null || !outcome.submission) {
    store.saveDecision(outcome.school.id, decided.decision);
    return { school: outcome.school.shortName, state: kind, file: null, message: decided.message };
  }
  const layout = schoolWorkbookLayout(folder.catalog, folder.campaign, outcome.school);
  const values: Record<string, Value> = {};
  for (const input of folder.catalog.inputs) if (!input.derived) values[input.id] = outcome.submission.values[input.id] ?? null;
  const workbook = filledWorkbook(layout, values, STATUS_VALUES[0]);
  workbook.sheets.find((s) => s.name === PROFILE_SHEET)?.cells.push({ row: PROFILE_CELLS.blanks + 1, col: 2, value: decided.remark, style: 'hint' });
  const file = join(paths(folder.dir).out, 'returned', `${outcome.school.id}.xlsx`);
  await writeWorkbookFile(workbook, file, { password: folder.campaign.password ?? null, definedNames: true });
  store.saveDecision(outcome.school.id, decided.decision);
  return { school: outcome.school.shortName, state: kind, file, message: decided.message };
}

export const returnSchool = (folder: CampaignFolder, schoolId: string, reason: string, previous: string | null = null): Promise<DecisionOutput> =>
  decideOffline(folder, 'returned', schoolId, reason, previous);

export const acceptSchool = (folder: CampaignFolder, schoolId: string, previous: string | null = null): Promise<DecisionOutput> =>
  decideOffline(folder, 'accepted', schoolId, '', previous);
