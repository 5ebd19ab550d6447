/**
 * Three campaigns offline (issue 16): 2024 → 2025 → 2026 with `msoko init --previous`. The department types earlier
 * municipal values into previous-years.xlsx, registers a measure with its order number in 2025, keeps typing into the
 * 2025 register after 2026 began; 2026 reports the measure's effect, dynamics over every year, the four components,
 * and every entry survives every re-run — also after the 2025 folder is moved away.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { ConsolidationExportSchema } from '../../src/core/export/contract';
import { previousYearsSheet } from '../../src/core/history/previous-years';
import { filledWorkbook } from '../../src/core/layout/grid';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import { REGISTER_SHEET, type RegisterRow, registerFromValues, registerSheet } from '../../src/core/register/register';
import { readWorkbookFile } from '../../src/node/xlsx/read/read-workbook';
import { writeWorkbookFile } from '../../src/node/xlsx/write/render';
import { CATALOG } from '../gas/helpers';
import { msoko, tempDir } from '../node/cli/helpers';
import { DIRECTION, MUNICIPALITY, ORDER, REGISTRY_ROWS, SCHOOLS, UNDECIDED, WATCHED, expectCarried, type2025, valuesFor } from './years-helpers';

const base = tempDir('years');
const dirOf = (year: number): string => path.join(base, `kampania-${year}`);

async function readRegister(file: string): Promise<RegisterRow[]> {
  const grid = await readWorkbookFile(file);
  if ('unreadable' in grid) throw new Error(grid.unreadable);
  return registerFromValues(grid.sheets.find((s) => s.name === REGISTER_SHEET)?.values ?? []);
}
const writeRegister = (file: string, rows: RegisterRow[], year: number) =>
  writeWorkbookFile({ title: 'Реестр мер', sheets: [registerSheet(rows, year)] }, file, { password: null, definedNames: false });

async function campaignYear(year: number, previous: string | null): Promise<string> {
  const dir = dirOf(year);
  const args = ['init', dir, '--year', String(year), '--municipality', MUNICIPALITY, ...(previous ? ['--previous', previous] : [])];
  const init = msoko(args);
  expect(init.code).toBe(0);
  if (!previous)
    writeFileSync(path.join(dir, 'schools.csv'), ['id,name,short_name,type,emails', ...REGISTRY_ROWS.map((r) => r.map((c) => `"${c}"`).join(','))].join('\n'));
  const campaign = JSON.parse(readFileSync(path.join(dir, 'campaign.json'), 'utf8'));
  for (const school of SCHOOLS) {
    const layout = schoolWorkbookLayout(CATALOG, campaign, school);
    const file = path.join(dir, 'received', `${school.id}.xlsx`);
    await writeWorkbookFile(filledWorkbook(layout, valuesFor(school, year), 'Готово к проверке'), file, { password: campaign.password, definedNames: true });
  }
  return dir;
}

const resultOf = (dir: string) => ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(dir, 'out', 'appendices.json'), 'utf8')));

async function reportText(dir: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'out', 'report.docx')));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<\/w:tc>/g, ' | ')
    .replace(/<[^>]+>/g, '');
}

test('2024 → 2025 → 2026: history, a measure with its order number, its effect, four components; entries survive', async () => {
  // 2024: a department new to the tool types 2022 and 2023 from its old reports
  const d2024 = await campaignYear(2024, null);
  const typed = [2022, 2023].map((y) => ({ year: y, catalogId: 'kalar', source: 'typed' as const, values: { [WATCHED.key]: y === 2022 ? 20 : 25 } }));
  await writeWorkbookFile({ title: 'Прошлые годы', sheets: [previousYearsSheet(CATALOG, 2024, typed)] }, path.join(d2024, 'previous-years.xlsx'), {
    password: null,
    definedNames: false,
  });
  expect(msoko(['consolidate', d2024]).code).toBe(0);
  expect(resultOf(d2024).history?.map((h) => [h.year, h.source])).toEqual([
    [2022, 'typed'],
    [2023, 'typed'],
  ]);

  // 2025: the chain starts; the department registers the measure with its order number
  const d2025 = await campaignYear(2025, d2024);
  expect(JSON.parse(readFileSync(path.join(d2025, 'campaign.json'), 'utf8'))).toMatchObject({
    previous: 'history/2024/appendices.json',
    predecessor: '../kampania-2024',
  });
  expect(msoko(['consolidate', d2025]).code).toBe(0);
  const measures2025 = path.join(d2025, 'measures.xlsx');
  await writeRegister(measures2025, type2025(await readRegister(measures2025)), 2025);
  for (let run = 0; run < 2; run++) {
    expect(msoko(['consolidate', d2025]).code).toBe(0);
    expect((await readRegister(measures2025)).find((r) => r.key === DIRECTION)).toMatchObject({ document: ORDER, done: 'да' });
  }

  // 2026: created from 2025; the department still types into the 2025 register afterwards (a responsible person)
  const d2026 = await campaignYear(2026, d2025);
  const late = (await readRegister(measures2025)).map((r) => (r.key === DIRECTION ? { ...r, responsible: 'Петрова И. С.' } : r));
  await writeRegister(measures2025, late, 2025);
  expect(msoko(['consolidate', d2026]).code).toBe(0);
  const measures2026 = path.join(d2026, 'measures.xlsx');
  expectCarried(await readRegister(measures2026), 'Петрова И. С.');
  const result = resultOf(d2026);
  expect(result.history?.map((h) => h.year)).toEqual([2022, 2023, 2024, 2025]);
  expect(result.management?.registerSource).toContain('measures.xlsx прошлой кампании');
  expect(result.management?.effects.find((e) => e.indicator.includes(WATCHED.key))).toMatchObject({ document: ORDER, verdict: 'эффективна' });
  expect(result.management?.components.find((c) => c.key === UNDECIDED)?.missing).toContain('Управленческие решения и эффект');

  // the department types into the 2026 register; re-runs keep it, also once the 2025 folder has moved
  const typed2026 = (await readRegister(measures2026)).map((r) => (r.key === UNDECIDED ? { ...r, kind: 'семинар', document: 'Приказ № 3 от 15.01.2027' } : r));
  await writeRegister(measures2026, typed2026, 2026);
  renameSync(d2025, path.join(base, 'archive-2025'));
  for (let run = 0; run < 2; run++) {
    expect(msoko(['consolidate', d2026]).code).toBe(0);
    const rows = await readRegister(measures2026);
    expectCarried(rows, 'Петрова И. С.');
    expect(rows.find((r) => r.key === UNDECIDED)).toMatchObject({ kind: 'семинар', document: 'Приказ № 3 от 15.01.2027' });
  }
  const moved = resultOf(d2026);
  expect(moved.management?.registerSource).toContain('копия, сохранённая при создании кампании');
  expect(moved.management?.components.find((c) => c.key === UNDECIDED)?.missing).toEqual([]);
  expect(moved.history?.map((h) => h.year)).toEqual([2022, 2023, 2024, 2025]);

  expect(msoko(['recommend', d2026]).code).toBe(0);
  const report = await reportText(d2026);
  expect(report).toContain('Динамика показателей за 2022–2026 гг.');
  expect(report).toContain('Анализ эффективности принятых мер');
  expect(report).toContain(ORDER);
  expect(report).toContain('Четыре компонента управленческого цикла по направлениям');
  for (const s of SCHOOLS) expect(report).not.toContain(s.shortName);

  // --previous on one run still wins over the chain
  expect(msoko(['consolidate', d2026, '--previous', path.join(d2024, 'out', 'appendices.json')]).code).toBe(0);
  expect(resultOf(d2026).history?.map((h) => h.year)).toEqual([2022, 2023, 2024]);
  expectCarried(await readRegister(measures2026), 'Петрова И. С.');
}, 300_000);
