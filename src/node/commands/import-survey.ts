import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserFacingError } from '../../app/errors';
import { importSurveyCsv } from '../../app/surveys';
import { parseGroupOption } from '../../core/survey/csv';
import type { SurveyImport } from '../../core/survey/store';
import type { SurveyGroup, SurveyTotal } from '../../core/survey/survey';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore, localClock } from '../campaign/store';

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
  if (!existsSync(path) || !statSync(path).isFile()) throw new UserFacingError(`Нет файла ${path}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new UserFacingError(
      `${path}: файл не в кодировке UTF-8. Скачайте ответы из Google Формы заново («Скачать ответы (.csv)») или сохраните CSV в UTF-8.`,
    );
  }
}

/**
 * One survey export (CSV of a Google Form) → the application's survey record in DIR/surveys.json: only counts per
 * school are kept, no answers, no timestamps; re-importing a file of the same name for the same group replaces it.
 */
export function importSurvey(folder: CampaignFolder, csvPath: string, groupOption: string | null): ImportSurveyOutput {
  let option: SurveyGroup | null = null;
  if (groupOption !== null) {
    option = parseGroupOption(groupOption);
    if (option === null) throw new UserFacingError(`--group «${groupOption}»: укажите students (обучающиеся) или parents (родители)`);
  }
  const text = readUtf8(csvPath);
  const store = new FolderCampaignStore(folder);
  let out: ReturnType<typeof importSurveyCsv>;
  try {
    out = importSurveyCsv(folder, text, basename(csvPath), option, store, localClock);
  } catch (e) {
    if (e instanceof UserFacingError) throw new UserFacingError(`${csvPath}: ${e.message}`);
    throw e;
  }
  return {
    file: csvPath,
    groupSource: out.groupSource,
    imported: out.imported,
    skipped: out.skipped,
    municipal: out.municipal,
    surveys: paths(folder.dir).surveys,
  };
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
