/** The same cycle where the Sheets advanced service is not enabled: SpreadsheetApp only, same results. */
import { DEPARTMENT, SCHOOLS, call, fillAsSchool, newWorkspace, runToEnd, setUpCampaign, valuesOf } from './helpers';

test('without the Sheets advanced service the cycle still works and gives the same appendix values', () => {
  const results: unknown[] = [];
  for (const advanced of [true, false]) {
    const ws = newWorkspace();
    ws.advancedSheetsEnabled = advanced;
    ws.actAs(DEPARTMENT);
    setUpCampaign(ws);
    expect(runToEnd(ws, 'generate')).toMatchObject({ ok: true, done: true });
    const state = call(ws, 'getState') as { schools: { fileUrl: string }[] };
    SCHOOLS.forEach((school, i) => {
      fillAsSchool(ws, /\/d\/([^/]+)/.exec(state.schools[i]?.fileUrl ?? '')?.[1] ?? '', school, valuesOf(school, 900 + i));
    });
    expect(runToEnd(ws, 'consolidate')).toMatchObject({ ok: true, done: true });
    const snapshot = [...ws.files.values()].find((f) => f.name === 'Итоги 2026.json');
    const parsed = JSON.parse(snapshot?.content ?? '{}') as { appendices: { rows: { cells: { key: string; value: number | null }[] }[] }[] };
    results.push(parsed.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells.map((c) => [c.key, c.value]))));
    const { SpreadsheetApp } = ws.installGlobals();
    const names =
      SpreadsheetApp.getActiveSpreadsheet()
        ?.getSheets()
        .map((s) => s.getName()) ?? [];
    expect(names).toContain('Приложение 11');
    expect(names.some((n) => n.endsWith('(новое)'))).toBe(false);
  }
  expect(results[1]).toEqual(results[0]);
});
