import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SurveyFileError, parseGroupOption, responsesFromCsv } from '../../core/survey/csv';
import { type SurveyImport, type SurveysFile, SurveysFileSchema, emptySurveys, importEntries, mergeImport } from '../../core/survey/store';
import { type SurveyGroup, type SurveyTotal, aggregateSurvey, municipalOf } from '../../core/survey/survey';
import { type CampaignFolder, UserError, paths, writeFileAtomic } from '../campaign-folder';
import { readJsonFile } from '../json-file';

export interface ImportSurveyOutput {
  file: string;
  /** Where the group came from: --group, the «Вы —» column, or the file name. */
  groupSource: 'option' | 'column' | 'file';
  imported: SurveyImport[];
  /** Every row not counted, with its line in the file and the reason. */
  skipped: { row: number; reason: string }[];
  /** Municipal totals over everything imported so far (surveys.json). */
  municipal: Record<SurveyGroup, SurveyTotal>;
  surveys: string;
}

/** UTF-8 text of the export; a file in another encoding (Excel's «CSV (разделители — запятые)» in cp1251) is refused. */
function readUtf8(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UserError(`Нет файла ${path}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new UserError(`${path}: файл не в кодировке UTF-8. Скачайте ответы из Google Формы заново («Скачать ответы (.csv)») или сохраните CSV в UTF-8.`);
  }
}

/**
 * One survey export (CSV of a Google Form) → per-school counts merged into DIR/surveys.json. Only counts are kept:
 * no answers, no timestamps. Re-importing a file of the same name for the same group replaces its earlier counts.
 */
export function importSurvey(folder: CampaignFolder, csvPath: string, groupOption: string | null): ImportSurveyOutput {
  let option: SurveyGroup | null = null;
  if (groupOption !== null) {
    option = parseGroupOption(groupOption);
    if (option === null) throw new UserError(`--group «${groupOption}»: укажите students (обучающиеся) или parents (родители)`);
  }
  const text = readUtf8(csvPath);
  const file = basename(csvPath);
  let parsed: ReturnType<typeof responsesFromCsv>;
  try {
    parsed = responsesFromCsv(text, file, option);
  } catch (e) {
    if (e instanceof SurveyFileError) throw new UserError(`${csvPath}: ${e.message}`);
    throw e;
  }
  const counted = aggregateSurvey(parsed.responses, folder.schools);
  const groupOfLine = new Map(parsed.responses.map((r) => [r.line, r.group]));
  const skippedBy: Record<SurveyGroup, number> = { students: 0, parents: 0 };
  for (const s of counted.skipped) skippedBy[groupOfLine.get(s.row) ?? 'students'] += 1;
  // rows whose group is unclear go to the group the file mostly holds
  const main: SurveyGroup = parsed.responses.filter((r) => r.group === 'parents').length > parsed.responses.length / 2 ? 'parents' : 'students';
  skippedBy[main] += parsed.skipped.length;
  const skipped = [...parsed.skipped, ...counted.skipped].sort((a, b) => a.row - b.row);

  const target = paths(folder.dir).surveys;
  let store: SurveysFile = readJsonFile(target, SurveysFileSchema) ?? emptySurveys(folder.campaign.year);
  if (store.year !== folder.campaign.year) {
    throw new UserError(`${target} относится к ${store.year} году, а кампания — к ${folder.campaign.year}. Перенесите или удалите файл.`);
  }
  const imported = parsed.responses.length > 0 ? importEntries(file, new Date().toISOString(), counted.schools, skippedBy) : [];
  for (const entry of imported) store = mergeImport(store, entry);
  if (imported.length > 0) writeFileAtomic(target, `${JSON.stringify(store, null, 2)}\n`);
  return { file: csvPath, groupSource: parsed.groupSource, imported, skipped, municipal: municipalOf(store.schools), surveys: target };
}

const GROUP_TITLE: Record<SurveyGroup, string> = { students: 'обучающиеся', parents: 'родители (законные представители)' };
const SOURCE_TITLE: Record<ImportSurveyOutput['groupSource'], string> = { option: 'по --group', column: 'по столбцу «Вы —»', file: 'по имени файла' };

/** The console report of an import, in Russian. */
export function importSurveyText(out: ImportSurveyOutput): string[] {
  const lines = [`Анкета: ${out.file} (кто отвечал — ${SOURCE_TITLE[out.groupSource]})`];
  for (const i of out.imported)
    lines.push(`  ${GROUP_TITLE[i.group]}: учтено ответов ${i.rows} по ${i.schools.length} ОО${i.skipped ? `, пропущено строк ${i.skipped}` : ''}`);
  if (out.imported.length === 0) lines.push('  ни один ответ не учтён; surveys.json не изменён');
  if (out.skipped.length > 0) {
    lines.push(`Пропущено строк: ${out.skipped.length}`);
    for (const s of out.skipped) lines.push(`  строка ${s.row}: ${s.reason}`);
  }
  const share = (t: SurveyTotal): string =>
    t.share === null ? 'нет ответов' : `${String(t.share).replace('.', ',')} % удовлетворены (ответили ${t.respondents})`;
  lines.push(`Всего по муниципалитету: обучающиеся — ${share(out.municipal.students)}; родители — ${share(out.municipal.parents)}`);
  lines.push(`Сохранено: ${out.surveys} (только количества по школам; ответы и время заполнения не хранятся)`);
  return lines;
}
