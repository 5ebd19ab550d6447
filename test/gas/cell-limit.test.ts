/**
 * A school that types «12 чел.» into every field: its record is longer than one cell may hold (50,000 characters);
 * validation and consolidation still go through for every school, and no cell of the department's spreadsheet is over
 * the limit.
 */
import type { School } from '../../src/core/campaign/schema';
import { CATALOG, SCHOOLS, call, fillAsSchool, newWorkspace, runToEnd, setUpCampaign, valuesOf } from './helpers';

test('an oversized record spans cells; every school is still read and consolidated', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
  const state = call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] };
  const fileOf = (id: string): string => /\/d\/([^/]+)/.exec(state.schools.find((s) => s.id === id)?.fileUrl ?? '')?.[1] ?? '';
  const [noisy, ...rest] = SCHOOLS as [School, ...School[]];
  const junk = Object.fromEntries(
    CATALOG.inputs.filter((i) => !i.derived && i.kind !== 'url').map((i) => [i.id, '12 чел. — подробности в приложенной справке']),
  );
  fillAsSchool(ws, fileOf(noisy.id), noisy, junk);
  rest.forEach((s, i) => {
    fillAsSchool(ws, fileOf(s.id), s, valuesOf(s, 300 + i));
  });
  expect(runToEnd(ws, 'validate')).toMatchObject({ ok: true, done: true });
  const consolidated = runToEnd(ws, 'consolidate');
  expect(consolidated).toMatchObject({ ok: true, done: true });
  expect(consolidated.message).toContain(`${rest.length} из ${SCHOOLS.length} ОО`);
  const { SpreadsheetApp } = ws.installGlobals();
  const host = SpreadsheetApp.getActiveSpreadsheet();
  const longest = Math.max(
    ...(host?.getSheets() ?? []).flatMap((sheet) =>
      sheet
        .getDataRange()
        .getValues()
        .flatMap((row) => row.map((v) => String(v ?? '').length)),
    ),
  );
  const work = host?.getSheetByName('_Данные')?.getDataRange().getValues() ?? [];
  ws.endExecution();
  expect(longest).toBeLessThanOrEqual(50_000);
  expect(work.some((row) => row.filter((v) => String(v) !== '').length > 2)).toBe(true);
  const noisyState = (call(ws, 'getState') as { schools: { id: string; errors: number }[] }).schools.find((s) => s.id === noisy.id);
  expect(noisyState?.errors).toBeGreaterThan(100);
});
