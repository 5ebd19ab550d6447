/**
 * The publishable package (R12) in Google: the «Публикация» folder holds the report and the appendix tables with
 * municipal aggregates only — no school's name, short name or code anywhere in it.
 */
import { DEMO_SCHOOLS } from '../../src/core/demo/municipality';
import { SCHOOLS, byHand, call, fillAsSchool, newWorkspace, runToEnd, setUpCampaign, valuesOf } from './helpers';

test('the publication folder names no school', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const state = call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] };
  SCHOOLS.forEach((s, i) => {
    fillAsSchool(ws, /\/d\/([^/]+)/.exec(state.schools.find((x) => x.id === s.id)?.fileUrl ?? '')?.[1] ?? '', s, valuesOf(s, 60 + i));
  });
  expect(runToEnd(ws, 'consolidate')).toMatchObject({ ok: true, done: true });
  const done = runToEnd(ws, 'documents');
  expect(done).toMatchObject({ ok: true, done: true });
  expect(done.message).toContain('Публикация');
  // a second run rewrites the same package
  expect(runToEnd(ws, 'documents')).toMatchObject({ ok: true, done: true });
  const folder = [...ws.files.values()].filter((f) => f.kind === 'folder' && !f.trashed && f.name.startsWith('Публикация'));
  expect(folder).toHaveLength(1);
  const inside = [...ws.files.values()].filter((f) => !f.trashed && f.parents.includes(folder[0]?.id ?? ''));
  expect(inside.map((f) => f.kind).sort()).toEqual(['document', 'spreadsheet']);
  const texts = byHand(ws, () => {
    const g = ws.installGlobals();
    return inside.map((f) =>
      f.kind === 'document'
        ? g.DocumentApp.openById(f.id).getBody().getText()
        : (g.SpreadsheetApp.openById(f.id)
            ?.getSheets()
            .map((sh) => JSON.stringify(sh.getDataRange().getDisplayValues()))
            .join('\n') ?? ''),
    );
  });
  ws.endExecution();
  const all = texts.join('\n');
  expect(all).toContain('Приложение 1');
  for (const s of DEMO_SCHOOLS.filter((d) => SCHOOLS.some((x) => x.id === d.id))) {
    for (const needle of [s.name, s.shortName, s.id]) expect([needle, all.includes(needle)]).toEqual([needle, false]);
  }
});
