/**
 * A step that dies between creating a file and recording it (here: the call right after the copy fails, as a killed
 * execution would leave it) finds the file again by its stamp on the next run: nothing is created twice.
 */
import { SCHOOLS, byHand, call, fillAsSchool, newWorkspace, reply, runToEnd, setUpCampaign, valuesOf } from './helpers';

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

test('documents: a parallel group that fails after its creates is redone without a second document, and every document is filled', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const state = call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] };
  SCHOOLS.forEach((s, i) => {
    fillAsSchool(ws, /\/d\/([^/]+)/.exec(state.schools.find((x) => x.id === s.id)?.fileUrl ?? '')?.[1] ?? '', s, valuesOf(s, 30 + i));
  });
  expect(runToEnd(ws, 'consolidate')).toMatchObject({ ok: true, done: true });
  // the group's documents are created, then the second document's batchUpdate (a request of the parallel round) fails
  ws.failCall('Docs.Documents.batchUpdate', 2, 'Internal error encountered.');
  const failed = reply(ws, 'runStep', 'documents');
  expect(failed.ok).toBe(false);
  expect(failed.message).toContain('прерван');
  expect(runToEnd(ws, 'documents')).toMatchObject({ ok: true, done: true });
  const docs = [...ws.files.values()].filter((f) => !f.trashed && f.appProperties?.['msokoKind'] === 'recommendations:2026');
  expect(docs.map((d) => d.appProperties?.['msokoRole']).sort()).toEqual(SCHOOLS.map((s) => `recommendations:2026:${s.id}`).sort());
  const texts = byHand(ws, () => docs.map((d) => ws.installGlobals().DocumentApp.openById(d.id).getBody().getText()));
  for (const text of texts) expect(text).toContain('Адресные рекомендации');
  // the REST requests went through UrlFetchApp with the manifest's scopes: none was refused
  expect(ws.calls.filter((c) => c.via === 'UrlFetchApp' && c.denied)).toEqual([]);
});
