/**
 * A step that dies between creating a file and recording it (here: the call right after the copy fails, as a killed
 * execution would leave it) finds the file again by its stamp on the next run: nothing is created twice.
 */
import { SCHOOLS, call, newWorkspace, reply, runToEnd, setUpCampaign } from './helpers';

test('school files and documents: a failure right after the copy does not make a second copy', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  // the first school's copy is made, then writing its cells fails before the registry records the file
  ws.failCall('Sheets.Spreadsheets.Values.batchUpdate', 1, 'Internal error: the execution was stopped');
  const failed = reply(ws, 'runStep', 'generate');
  expect(failed.ok).toBe(false);
  expect(failed.message).toContain('прерван');
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const stamped = (role: string): number => [...ws.files.values()].filter((f) => !f.trashed && f.appProperties?.['msokoRole'] === role).length;
  for (const s of SCHOOLS) expect([s.id, stamped(`school:2026:${s.id}`)]).toEqual([s.id, 1]);
  expect([...ws.files.values()].filter((f) => !f.trashed && f.kind === 'spreadsheet' && f.name.startsWith('Шаблон')).length).toBe(1);
  const state = call(ws, 'getState') as { schools: { fileUrl: string }[] };
  expect(state.schools.every((s) => s.fileUrl !== '')).toBe(true);
});
