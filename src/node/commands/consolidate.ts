import { join } from 'node:path';
import * as z from 'zod/mini';
import { consolidate as consolidateCore } from '../../core/consolidate/consolidate';
import { type ConsolidationExport, ConsolidationExportSchema } from '../../core/export/contract';
import { appendixTableSheet } from '../../core/layout/appendix-table';
import { schoolsSheet } from '../../core/layout/department-sheets';
import { tableSheet } from '../../core/layout/table-sheet';
import { surveySheet } from '../../core/survey/present';
import { SurveysFileSchema, surveyExport } from '../../core/survey/store';
import { type Value, ValuesSchema } from '../../core/submission/values';
import { type CampaignFolder, UserError, paths, writeFileAtomic } from '../campaign-folder';
import { intake } from '../intake';
import { readJsonFile } from '../json-file';
import { writeWorkbookFile } from '../xlsx/write/render';

export const SchoolValuesSchema = z.record(z.string(), ValuesSchema);

export interface ConsolidateOutput {
  result: ConsolidationExport;
  files: { xlsx: string; json: string; schoolValues: string };
  completedWithErrors: boolean;
}

/** Accepted files → Appendix 1–11 in out/appendices.xlsx and the export contract in out/appendices.json. */
export async function consolidate(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<ConsolidateOutput> {
  const log: (string | number | null)[][] = [];
  const note = (text: string): void => {
    log.push([new Date().toISOString().replace('T', ' ').slice(0, 19), text]);
  };
  let previous: ConsolidationExport | null = null;
  let previousSchools = new Map<string, Record<string, Value>>();
  if (previousPath) {
    previous = readJsonFile(previousPath, ConsolidationExportSchema);
    if (!previous) throw new UserError(`Нет файла прошлого года ${previousPath}`);
    if (previous.catalog.id !== folder.catalog.id)
      note(`Внимание: прошлый год сведён по каталогу «${previous.catalog.id}», динамика только по совпадающим ячейкам`);
    const sv = readJsonFile(join(previousPath, '..', 'school-values.json'), SchoolValuesSchema);
    if (sv) previousSchools = new Map(Object.entries(sv));
    note(`Данные прошлого года: ${previousPath} (${previous.year} г.)`);
  }
  const got = await intake(folder, quiet, previousSchools);
  note(`Прочитано файлов: ${got.run.schools.reduce((s, o) => s + o.files.length, 0) + got.run.strays.length}`);
  const core = consolidateCore({ catalog: folder.catalog, campaign: folder.campaign, outcomes: got.run.schools, previous });
  const surveysFile = readJsonFile(paths(folder.dir).surveys, SurveysFileSchema);
  const result: ConsolidationExport = surveysFile ? { ...core, surveys: surveyExport(surveysFile, folder.schools, previous) } : core;
  const accepted = got.run.schools.filter((o) => o.status === 'accepted');
  note(`Принято к своду: ${accepted.length} из ${got.run.schools.length} ОО`);
  for (const o of got.run.schools.filter((x) => x.status !== 'accepted')) {
    note(
      `${o.school.shortName}: ${o.status === 'missing' ? 'файл не получен' : `не включена в свод — ошибок: ${o.messages.filter((m) => m.severity === 'error').length}`}`,
    );
  }
  for (const s of got.run.strays) note(`Файл «${s.file}» не отнесён ни к одной ОО реестра`);

  const out = paths(folder.dir).out;
  const files = { xlsx: join(out, 'appendices.xlsx'), json: join(out, 'appendices.json'), schoolValues: join(out, 'school-values.json') };
  const sheets = folder.catalog.appendices.map((a) => appendixTableSheet(folder.catalog, result, a.number, { suppressSmall: false, evidence: true }));
  sheets.push(schoolsSheet(folder.catalog, accepted));
  note(`Сформированы таблицы: ${sheets.length - 1} приложений и свод по школам`);
  if (surveysFile && result.surveys) {
    const m = result.surveys.municipal;
    if (surveysFile.year !== folder.campaign.year) note(`Внимание: surveys.json относится к ${surveysFile.year} году, кампания — к ${folder.campaign.year}`);
    const unknown = surveysFile.schools.filter((s) => !folder.schools.some((r) => r.id === s.schoolId)).length;
    if (unknown > 0) note(`Анкетирование: ${unknown} записей по ОО, которых больше нет в реестре, не учтены`);
    note(
      `Анкетирование (${surveysFile.imports.length} файлов): обучающихся ответили ${m.students.respondents}, родителей — ${m.parents.respondents}; лист «Удовлетворённость»`,
    );
    sheets.push(surveySheet(result.surveys, folder.schools));
  }
  sheets.push(tableSheet('Журнал', `Журнал свода — ${folder.campaign.municipality}, ${folder.campaign.year}`, ['Время', 'Событие'], log, [20, 100]));
  await writeWorkbookFile({ title: `Приложения 1–${folder.catalog.appendices.length} — ${folder.campaign.year}`, sheets }, files.xlsx, {
    password: null,
    definedNames: false,
  });
  writeFileAtomic(files.json, `${JSON.stringify(result, null, 2)}\n`);
  const values: Record<string, Record<string, Value>> = {};
  for (const o of accepted) if (o.submission) values[o.school.id] = o.submission.values;
  writeFileAtomic(files.schoolValues, `${JSON.stringify(values)}\n`);
  return { result, files, completedWithErrors: got.run.schools.some((o) => o.status === 'rejected') || got.run.strays.length > 0 };
}
