import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { School } from '../../core/campaign/schema';
import type { Catalog } from '../../core/catalog/types';
import { consolidate as consolidateCore } from '../../core/consolidate/consolidate';
import { DEMO_CAMPAIGN, DEMO_SCHOOLS, DEMO_SILENT_SCHOOL } from '../../core/demo/municipality';
import { demoValues } from '../../core/demo/values';
import { filledWorkbook, renderSchoolGrid } from '../../core/layout/grid';
import { STATUS_VALUES } from '../../core/layout/positions';
import { schoolWorkbookLayout } from '../../core/layout/school-workbook';
import { validateFiles } from '../../core/submission/collect';
import { demoSurveyRows, responsesOfRows } from '../../core/survey/demo';
import { surveyExport } from '../../core/survey/store';
import { aggregateSurvey } from '../../core/survey/survey';
import type { Value } from '../../core/submission/values';
import { UserFacingError } from '../../app/errors';
import { paths, writeFileAtomic } from '../campaign/files';
import { type CampaignFile, loadCampaign, saveCampaign } from '../campaign/load';
import { toCsv } from '../csv';
import { REGISTRY_CSV_HEADER } from '../../core/campaign/registry';
import { progress } from '../progress';
import { writeWorkbookFile } from '../xlsx/write/render';

/** Entry errors the demo plants, as schools really make them. */
const MISTAKES: Record<string, Record<string, Value | string>> = {
  sosh3: { A2_R1_C1: '12 чел.', A3_C4: 999999 },
  nosh2: { EV_A4_R1: 'сайт школы', A8_C1: null },
};
/** A school still filling its form (status «Заполняется»). */
const STILL_FILLING = 'oosh2';

export interface DemoPaths {
  dir: string;
  previous: string;
  received: string;
}

/** The demo municipality: campaign.json, schools.csv and last year's result (for dynamics). */
export async function prepareDemo(dir: string): Promise<DemoPaths> {
  const marker = paths(dir).campaign;
  if (existsSync(dir) && existsSync(marker)) {
    const text = readFileSync(marker, 'utf8');
    if (!text.includes(DEMO_CAMPAIGN.municipality))
      throw new UserFacingError(`Папка «${dir}» содержит другую кампанию; демонстрация её не перезапишет. Укажите другую папку.`);
    rmSync(dir, { recursive: true, force: true });
  } else if (existsSync(dir)) {
    throw new UserFacingError(`Папка «${dir}» уже существует и не является демонстрационной; укажите другую папку.`);
  }
  mkdirSync(dir, { recursive: true });
  const campaign: CampaignFile = { ...DEMO_CAMPAIGN, targetOverrides: {}, password: 'demo', previous: `${DEMO_CAMPAIGN.year - 1}/out/appendices.json` };
  saveCampaign(dir, campaign);
  writeFileAtomic(paths(dir).registryCsv, toCsv([REGISTRY_CSV_HEADER, ...DEMO_SCHOOLS.map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')])]));
  const folder = await loadCampaign(dir);
  const previous = writePreviousYear(dir, folder.catalog, DEMO_SCHOOLS);
  return { dir, previous, received: paths(dir).received };
}

/** The schools fill their files and send them back into received/. */
export async function fillDemo(dir: string, quiet: boolean): Promise<string[]> {
  const folder = await loadCampaign(dir);
  const received = paths(dir).received;
  const written: string[] = [];
  const senders = DEMO_SCHOOLS.filter((s) => s.id !== DEMO_SILENT_SCHOOL);
  const bar = progress('Школы заполняют таблицы', senders.length, quiet);
  for (const [i, school] of DEMO_SCHOOLS.entries()) {
    if (school.id === DEMO_SILENT_SCHOOL) continue;
    const values: Record<string, Value | string> = {
      ...demoValues(folder.catalog, school, DEMO_SCHOOLS.length, 2026 * 100 + i),
      ...(MISTAKES[school.id] ?? {}),
    };
    const layout = schoolWorkbookLayout(folder.catalog, folder.campaign, school);
    const status = school.id === STILL_FILLING ? STATUS_VALUES[0] : STATUS_VALUES[1];
    const path = join(received, `${school.id}.xlsx`);
    await writeWorkbookFile(filledWorkbook(layout, values, status), path, { password: 'demo', definedNames: true });
    written.push(path);
    bar.tick(school.id);
  }
  bar.stop();
  return written;
}

/**
 * Last year's values of a school: this year's counts a little lower (each school grew by its own few per cent), so
 * the dynamics are positive and plausible and the year-over-year check flags only the planted mistakes.
 */
function lastYearOf(values: Record<string, Value>, index: number): Record<string, Value> {
  const factor = 0.82 + 0.015 * index;
  const out: Record<string, Value> = {};
  for (const [id, v] of Object.entries(values)) out[id] = typeof v === 'number' ? Math.floor(v * factor) : v;
  return out;
}

/** Last year's consolidated result of the same schools, so the tables show dynamics. */
function writePreviousYear(dir: string, catalog: Catalog, schools: School[]): string {
  const lastYear = { ...DEMO_CAMPAIGN, year: DEMO_CAMPAIGN.year - 1 };
  const files = schools.map((school, i) => ({
    file: `${school.id}.xlsx`,
    expectedSchoolId: school.id,
    grid: renderSchoolGrid(schoolWorkbookLayout(catalog, lastYear, school), lastYearOf(demoValues(catalog, school, schools.length, 2026 * 100 + i), i)),
  }));
  const run = validateFiles(files, catalog, lastYear.year, schools);
  const core = consolidateCore({ catalog, campaign: lastYear, outcomes: run.schools, previous: null });
  const responses = [
    ...responsesOfRows(demoSurveyRows(schools, 'students', lastYear.year, 2025_01, -0.05), 'students'),
    ...responsesOfRows(demoSurveyRows(schools, 'parents', lastYear.year, 2025_02, -0.04), 'parents'),
  ];
  const survey = aggregateSurvey(responses, schools);
  const result = { ...core, surveys: surveyExport({ year: lastYear.year, imports: [], schools: survey.schools }, schools, null) };
  const out = join(dir, `${lastYear.year}`, 'out');
  writeFileAtomic(join(out, 'appendices.json'), `${JSON.stringify(result, null, 2)}\n`);
  const values: Record<string, Record<string, Value>> = {};
  for (const o of run.schools) if (o.submission) values[o.school.id] = o.submission.values;
  writeFileAtomic(join(out, 'school-values.json'), `${JSON.stringify(values)}\n`);
  return join(out, 'appendices.json');
}

/** The satisfaction survey as Google Forms exports it: surveys/ holds one CSV of students' and one of parents' answers. */
export function writeDemoSurveys(dir: string): string[] {
  const files: [string, 'students' | 'parents', number][] = [
    ['обучающиеся-ответы.csv', 'students', 2026_01],
    ['родители-ответы.csv', 'parents', 2026_02],
  ];
  return files.map(([name, group, seed]) => {
    const path = join(dir, 'surveys', name);
    writeFileAtomic(path, toCsv(demoSurveyRows(DEMO_SCHOOLS, group, DEMO_CAMPAIGN.year, seed)));
    return path;
  });
}
