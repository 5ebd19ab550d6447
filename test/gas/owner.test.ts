/**
 * A colleague who edits the department's spreadsheet cannot run the campaign's steps: under drive.file Google gives
 * the add-on the school files, the folder and the documents only for the user who created them. The colleague gets a
 * Russian message naming the owner, and nothing is created twice.
 */
import { DEPARTMENT, byHand, call, newWorkspace, reply, runToEnd, setUpCampaign } from './helpers';

const COLLEAGUE = 'metodist@edu-demo.ru';

test('steps, decisions and surveys are refused for anyone but the owner; the panel says who the owner is', () => {
  const ws = newWorkspace();
  const hostId = setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const files = ws.files.size;
  byHand(ws, () => ws.installGlobals().DriveApp.getFileById(hostId).addEditor(COLLEAGUE));
  ws.endExecution();

  ws.actAs(COLLEAGUE);
  for (const step of ['generate', 'validate', 'consolidate', 'documents']) {
    const r = reply(ws, 'runStep', step);
    expect(r.ok).toBe(false);
    expect(r.message).toContain(`Кампанию ведёт ${DEPARTMENT}`);
  }
  expect(reply(ws, 'acceptSchool', { schoolId: 'sosh1' }).message).toContain(`Кампанию ведёт ${DEPARTMENT}`);
  expect(reply(ws, 'createSurvey').message).toContain(`Кампанию ведёт ${DEPARTMENT}`);
  expect(reply(ws, 'newCampaign', { year: 2026, municipality: 'Другой округ' }).message).toContain(`Кампанию ведёт ${DEPARTMENT}`);
  const state = call(ws, 'getState') as { ok: boolean; problems: string[] };
  expect(state.ok).toBe(true);
  expect(state.problems[0]).toContain('передать кампанию другому сотруднику надстройка не может'.replace('п', 'П'));
  expect(ws.files.size).toBe(files);

  ws.actAs(DEPARTMENT);
  expect(runToEnd(ws, 'validate')).toMatchObject({ ok: true, done: true });
});
