/**
 * Three campaigns in Google (issue 16), the built add-on on the fake: one spreadsheet per campaign, each «Новая
 * кампания» given the previous campaign's spreadsheet. The department types earlier values into «Прошлые годы»,
 * registers a measure with its order number in 2025's «Реестр мер», keeps typing there after 2026 began; 2026 reports
 * the measure's effect, dynamics over every year and the four components; entries survive every re-run, and the copy
 * of the 2025 register is used once the 2025 spreadsheet is gone.
 */
import type { School } from '../../src/core/campaign/schema';
import { ConsolidationExportSchema } from '../../src/core/export/contract';
import { REGISTER_COLUMNS, REGISTER_SHEET, type RegisterRow, registerFromValues } from '../../src/core/register/register';
import type { Value } from '../../src/core/submission/values';
import type { FakeWorkspace } from '../fakes';
import type { FakeSheet } from '../fakes/sheet';
import { DEPARTMENT, call, fillAsSchool, newWorkspace, reply, runToEnd } from '../gas/helpers';
import { DIRECTION, MUNICIPALITY, ORDER, REGISTRY_ROWS, SCHOOLS, UNDECIDED, WATCHED, expectCarried, valuesFor } from './years-helpers';

const ws: FakeWorkspace = newWorkspace();
ws.actAs(DEPARTMENT);
const hosts = new Map<number, string>();

/** A sheet of a spreadsheet, acted on as the department by hand. */
function withSheet<T>(spreadsheetId: string, name: string, act: (sheet: FakeSheet) => T): T {
  const sheet = ws.installGlobals().SpreadsheetApp.openById(spreadsheetId).getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  try {
    return act(sheet);
  } finally {
    ws.endExecution();
  }
}

const registerOf = (year: number): RegisterRow[] => withSheet(hosts.get(year) ?? '', REGISTER_SHEET, (s) => registerFromValues(s.getDataRange().getValues()));

/** The department types into its «Реестр мер»: the cells of the row with `key`, by column title. */
function typeIntoRegister(year: number, key: string, entries: Partial<RegisterRow>): void {
  withSheet(hosts.get(year) ?? '', REGISTER_SHEET, (s) => {
    const values = s.getDataRange().getValues();
    const header = (values[1] ?? []).map(String);
    const keyCol = header.indexOf('Ключ');
    const row = values.findIndex((r) => String(r[keyCol]) === key);
    expect(row).toBeGreaterThan(1);
    for (const [field, value] of Object.entries(entries)) {
      const title = REGISTER_COLUMNS.find((c) => c.field === field)?.title ?? '';
      s.getRange(row + 1, header.indexOf(title) + 1).setValue(value);
    }
  });
}

/** A step of the cycle; the department's actions are minutes apart (the fake's per-minute Sheets quota). */
function step(name: string): void {
  ws.advance(61_000);
  const r = runToEnd(ws, name);
  if (!r.ok || !('done' in r) || !r.done) throw new Error(`${name}: ${r.message}`);
}

function campaign(year: number): void {
  const hostId = ws.createHostSpreadsheet(`Мониторинг воспитания ${year}`);
  hosts.set(year, hostId);
  ws.advance(61_000);
  const previous = hosts.get(year - 1);
  const created = reply(ws, 'newCampaign', {
    year,
    municipality: MUNICIPALITY,
    ...(previous ? { previous: `https://docs.google.com/spreadsheets/d/${previous}/edit` } : {}),
  });
  if (!created.ok) throw new Error(created.message);
  if (previous) expect(created.message).toContain(`Прошлая кампания ${year - 1} г. подключена`);
  withSheet(hostId, 'Школы', (s) => s.getRange(2, 1, REGISTRY_ROWS.length, 5).setValues(REGISTRY_ROWS));
  step('generate');
  const state = call(ws, 'getState') as { schools: { id: string; fileUrl: string }[] };
  for (const row of state.schools) {
    const school = SCHOOLS.find((s) => s.id === row.id) as School;
    fillAsSchool(ws, /\/d\/([^/]+)/.exec(row.fileUrl)?.[1] ?? '', school, valuesFor(school, year) as Record<string, Value>);
  }
}

function snapshot(year: number) {
  const files = [...ws.files.values()].filter((f) => f.name === `Итоги ${year}.json`);
  expect(files).toHaveLength(1);
  return ConsolidationExportSchema.parse(JSON.parse(files[0]?.content ?? 'null'));
}

test('2024: «Прошлые годы» typed from old reports feed the dynamics from the first campaign', () => {
  campaign(2024);
  withSheet(hosts.get(2024) ?? '', 'Прошлые годы', (s) => {
    const values = s.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === WATCHED.key) + 1;
    const header = (values[2] ?? []).map(String);
    s.getRange(row, header.indexOf('2022 г.') + 1).setValue(20);
    s.getRange(row, header.indexOf('2023 г.') + 1).setValue('25,5');
  });
  step('consolidate');
  const h = snapshot(2024).history ?? [];
  expect(h.map((y) => [y.year, y.source, y.values[WATCHED.key]])).toEqual([
    [2022, 'typed', 20],
    [2023, 'typed', 25.5],
  ]);
});

test('2025: a measure registered with its order number survives every re-run', () => {
  campaign(2025);
  step('consolidate');
  typeIntoRegister(2025, DIRECTION, { kind: 'приказ', document: ORDER, done: 'да', watch: WATCHED.key });
  for (let run = 0; run < 2; run++) {
    step('consolidate');
    expect(registerOf(2025).find((r) => r.key === DIRECTION)).toMatchObject({ kind: 'приказ', document: ORDER, done: 'да', watch: WATCHED.key });
  }
  expect(snapshot(2025).history?.map((y) => y.year)).toEqual([2022, 2023, 2024]);
});

test('2026: the effect of the 2025 measure, five years of dynamics, the four components; the copy once 2025 is gone', () => {
  campaign(2026);
  // typed into the 2025 register after 2026 began: the consolidation reads it fresh
  typeIntoRegister(2025, DIRECTION, { responsible: 'Петрова И. С.' });
  step('consolidate');
  expectCarried(registerOf(2026), 'Петрова И. С.');
  const result = snapshot(2026);
  expect(result.history?.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
  expect(result.management?.registerSource).toContain('таблицы кампании 2025 г.');
  expect(result.management?.effects.find((e) => e.indicator.includes(WATCHED.key))).toMatchObject({ document: ORDER, verdict: 'эффективна' });
  expect(result.management?.components.find((c) => c.key === UNDECIDED)?.missing).toContain('Управленческие решения и эффект');
  const components = withSheet(hosts.get(2026) ?? '', 'Четыре компонента', (s) => s.getDataRange().getValues());
  expect(components.flat().map(String)).toContain('нет зарегистрированных решений');
  const panel = call(ws, 'getState') as { cycle: { directions: number; gaps: { direction: string; missing: number[] }[] } };
  expect(panel.cycle.directions).toBe(result.management?.components.length);
  expect(panel.cycle.gaps.find((g) => g.direction === result.management?.components.find((c) => c.key === UNDECIDED)?.direction)?.missing).toContain(4);

  typeIntoRegister(2026, UNDECIDED, { kind: 'семинар', document: 'Приказ № 3 от 15.01.2027' });
  ws.files.delete(hosts.get(2025) ?? '');
  for (let run = 0; run < 2; run++) {
    step('consolidate');
    expectCarried(registerOf(2026), 'Петрова И. С.');
    expect(registerOf(2026).find((r) => r.key === UNDECIDED)).toMatchObject({ kind: 'семинар', document: 'Приказ № 3 от 15.01.2027' });
  }
  const moved = snapshot(2026);
  expect(moved.management?.registerSource).toContain('копия, сохранённая при создании кампании');
  expect(moved.management?.components.find((c) => c.key === UNDECIDED)?.missing).toEqual([]);
});
