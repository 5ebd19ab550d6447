/** A value typed as «85%» is stored by Sheets as 0.85 with a percent format: the add-on reads it as 85. */
import { YearResultFileSchema } from '../../src/core/export/contract';
import { CATALOG, SCHOOLS, call, fillAsSchool, newWorkspace, runToEnd, setUpCampaign, valuesOf } from './helpers';

test('«85%» in an input cell is read as 85, as the school typed it', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const state = call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] };
  const input = CATALOG.inputs.find((i) => i.id === 'A1_R1_C2_NOO');
  if (!input) throw new Error('no input');
  SCHOOLS.forEach((s, i) => {
    const values = valuesOf(s, 900 + i);
    const typed = i === 0 ? { ...values, [input.id]: '85%' } : values;
    fillAsSchool(ws, /\/d\/([^/]+)/.exec(state.schools.find((x) => x.id === s.id)?.fileUrl ?? '')?.[1] ?? '', s, typed as typeof values);
  });
  expect(runToEnd(ws, 'consolidate')).toMatchObject({ ok: true, done: true });
  const snapshot = [...ws.files.values()].find((f) => f.name === 'Итоги 2026.json');
  const year = YearResultFileSchema.parse(JSON.parse(snapshot?.content ?? 'null'));
  const first = SCHOOLS[0]?.id ?? '';
  expect(year.schoolValues?.[first]?.[input.id]).toBe(85);
});
