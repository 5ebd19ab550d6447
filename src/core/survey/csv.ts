import { UserFacingError } from '../errors';
import { type CsvRow, parseCsvRows } from '../csv';
import { SURVEY_OVERALL_QUESTION, SURVEY_SCHOOL_QUESTION, type SurveyGroup, type SurveyResponse, normText } from './survey';

/**
 * A survey export as Google Forms writes it (UTF-8, maybe a BOM, comma-separated, one header row, then one row per
 * response) → anonymous responses: the school, the answer to the overall question and the group. Nothing else of a
 * respondent (timestamp, other answers) leaves this function.
 */

/** A column title as compared: normalised, without a trailing «*», «:», «?» or «.» (Google Forms marks required questions). */
const title = (s: string): string => normText(s).replace(/[\s*:?.]+$/, '');

const SCHOOL_TITLES = new Set([title(SURVEY_SCHOOL_QUESTION), 'оо', 'школа']);
const OVERALL_TITLE = title(SURVEY_OVERALL_QUESTION);
const isRoleTitle = (t: string): boolean => /^вы( ?[—–-])?$/.test(t) || t.startsWith('кто заполняет анкету');

/** «Обучающийся» / «Родитель (законный представитель)» and the like. */
export function groupFromAnswer(text: string): SurveyGroup | null {
  const t = normText(text);
  if (t.includes('родител') || t.includes('законн')) return 'parents'; // «родитель обучающегося» is a parent
  if (/(обуча|учащ|(^|[^а-я])учени)/.test(t)) return 'students';
  return null;
}

/** The file name says whose answers it holds: «…родител…» → parents, «…обуча…» / «учени…» → students; both or neither → null. */
export function groupFromFileName(name: string): SurveyGroup | null {
  const t = normText(name);
  const parents = t.includes('родител');
  const students = t.includes('обуча') || /(^|[^а-я])учен/.test(t);
  return parents === students ? null : parents ? 'parents' : 'students';
}

/** `--group`: students | parents, or the Russian words. */
export function parseGroupOption(text: string): SurveyGroup | null {
  const t = normText(text);
  if (t === 'students' || t === 'обучающиеся') return 'students';
  if (t === 'parents' || t === 'родители') return 'parents';
  return null;
}

export interface SurveyCsv {
  responses: SurveyResponse[];
  /** Rows that cannot be attributed to a group (the role column empty or unclear and no other source). */
  skipped: { row: number; reason: string }[];
  /** Where the group came from. */
  groupSource: 'option' | 'column' | 'file';
}

/** Header → columns, rows → responses. A file that is not a survey export (no school or overall column, no answers) throws. */
export function responsesFromCsv(text: string, fileName: string, option: SurveyGroup | null): SurveyCsv {
  return responsesFromRows(parseCsvRows(text), fileName, option);
}

/**
 * The same from rows already split into fields: a CSV export, or the responses sheet a Google Form writes into
 * (the same header: «Отметка времени», then the questions).
 */
export function responsesFromRows(rows: CsvRow[], fileName: string, option: SurveyGroup | null): SurveyCsv {
  const header = rows[0];
  if (!header) throw new UserFacingError('файл пуст: нет строки заголовка');
  const titles = header.fields.map(title);
  const school = titles.findIndex((t) => SCHOOL_TITLES.has(t));
  const overall = titles.indexOf(OVERALL_TITLE);
  const role = titles.findIndex(isRoleTitle);
  const problems: string[] = [];
  if (school < 0) problems.push(`нет столбца «${SURVEY_SCHOOL_QUESTION}» (или «ОО», «Школа»)`);
  if (overall < 0) problems.push(`нет столбца с общим вопросом «${SURVEY_OVERALL_QUESTION}»`);
  if (problems.length > 0) throw new UserFacingError(`это не выгрузка анкеты удовлетворённости: в заголовке (строка ${header.line}) ${problems.join('; ')}`);
  const data = rows.slice(1);
  if (data.length === 0) throw new UserFacingError('в файле нет ни одного ответа (только заголовок)');
  const byName = groupFromFileName(fileName);
  if (option === null && role < 0 && byName === null) {
    throw new UserFacingError(
      'не удалось определить, кто отвечал: в файле нет столбца «Вы —» или «Кто заполняет анкету», а имя файла не ' +
        'содержит «обучающиеся» или «родители». Укажите --group students (обучающиеся) или --group parents (родители)',
    );
  }
  const responses: SurveyResponse[] = [];
  const skipped: SurveyCsv['skipped'] = [];
  for (const r of data) {
    const cell = (i: number): string => r.fields[i] ?? '';
    let group = option;
    if (group === null && role >= 0) group = groupFromAnswer(cell(role)) ?? byName;
    if (group === null) group = byName;
    if (group === null) {
      const said = cell(role).trim();
      skipped.push({
        row: r.line,
        reason: said === '' ? 'не указано, кто заполнял анкету (обучающийся или родитель)' : `«${said}» — не ясно, обучающийся или родитель`,
      });
      continue;
    }
    responses.push({ group, school: cell(school), overall: cell(overall), line: r.line });
  }
  return { responses, skipped, groupSource: option !== null ? 'option' : role >= 0 ? 'column' : 'file' };
}
