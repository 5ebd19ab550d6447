import type { School } from '../campaign/schema';

/** Satisfaction survey of students and parents (Tomarinsky п.6 «удовлетворённость»; Kalar «Google-формы для массовых опросов»). */
export type SurveyGroup = 'students' | 'parents';

export const SURVEY_SCHOOL_QUESTION = 'Образовательная организация';
export const SURVEY_OVERALL_QUESTION = 'В целом, насколько Вы удовлетворены условиями воспитания, обучения и развития в школе?';
export const SURVEY_ANSWERS = [
  'Полностью удовлетворён(а)',
  'Скорее удовлетворён(а)',
  'Скорее не удовлетворён(а)',
  'Не удовлетворён(а)',
  'Затрудняюсь ответить',
] as const;
/** Answers that count as «satisfied». The instrument must stay the same from year to year. */
export const SATISFIED = new Set<string>([SURVEY_ANSWERS[0], SURVEY_ANSWERS[1]]);

export const SURVEY_QUESTIONS: Record<SurveyGroup, string[]> = {
  students: [
    'Мне интересно участвовать в мероприятиях и делах школы',
    'В школе я чувствую себя в безопасности',
    'У меня есть возможность заниматься в кружках и секциях, которые мне нравятся',
    'Классный руководитель помогает мне, когда это нужно',
  ],
  parents: [
    'Школа информирует меня о воспитательных мероприятиях и делах класса',
    'Меня устраивают возможности дополнительного образования для моего ребёнка',
    'Я участвую в жизни школы (собрания, совместные дела, родительский комитет)',
    'Мой ребёнок в школе находится в безопасности',
  ],
};

export const SURVEY_TITLES: Record<SurveyGroup, string> = {
  students: 'Анкета для обучающихся: удовлетворённость условиями воспитания',
  parents: 'Анкета для родителей (законных представителей): удовлетворённость условиями воспитания',
};

export interface SurveyResponse {
  group: SurveyGroup;
  /** The school as the respondent chose it (short name or code). */
  school: string;
  overall: string;
  /** Line of the source file where the response starts (CSV header = line 1); the response's index + 2 when absent. */
  line?: number;
}

export interface SurveySchoolResult {
  schoolId: string;
  group: SurveyGroup;
  respondents: number;
  satisfied: number;
}

export interface SurveyTotal {
  respondents: number;
  satisfied: number;
  /** Percent satisfied, one decimal, half up; null when nobody answered. */
  share: number | null;
}

export interface SurveyResult {
  schools: SurveySchoolResult[];
  /** Municipal share satisfied: Σ satisfied / Σ respondents (ratio of sums), by group. */
  municipal: Record<SurveyGroup, SurveyTotal>;
  /** Responses that could not be used, with the reason (unknown school, empty answer). */
  skipped: { row: number; reason: string }[];
}

/** Case-, ё- and whitespace-insensitive form of a school name, answer or column title. */
export const normText = (s: string): string => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

const ANSWERS = new Set(SURVEY_ANSWERS.map(normText));
const SATISFIED_NORM = new Set([...SATISFIED].map(normText));

/** satisfied / respondents in percent to one decimal, half up, in integer arithmetic (no floating-point drift). */
export function shareOf(satisfied: number, respondents: number): number | null {
  return respondents > 0 ? Math.floor((2000 * satisfied + respondents) / (2 * respondents)) / 10 : null;
}

/** Municipal totals by group: Σ satisfied / Σ respondents over the schools (never a mean of school shares). */
export function municipalOf(schools: SurveySchoolResult[]): Record<SurveyGroup, SurveyTotal> {
  const total = (group: SurveyGroup): SurveyTotal => {
    const list = schools.filter((s) => s.group === group);
    const respondents = list.reduce((n, s) => n + s.respondents, 0);
    const satisfied = list.reduce((n, s) => n + s.satisfied, 0);
    return { respondents, satisfied, share: shareOf(satisfied, respondents) };
  };
  return { students: total('students'), parents: total('parents') };
}

/** The registry school a respondent meant: short name, code or full name, case- and ё-insensitively. */
export function findSchool(text: string, registry: School[]): School | undefined {
  const t = normText(text);
  return registry.find((s) => normText(s.shortName) === t || normText(s.id) === t || normText(s.name) === t);
}

/** Per-school satisfaction counts; anonymous responses, counts only. Unknown schools are reported, not dropped silently. */
export function aggregateSurvey(responses: SurveyResponse[], registry: School[]): SurveyResult {
  const bySchool = new Map<string, SurveySchoolResult>();
  const skipped: SurveyResult['skipped'] = [];
  for (const [i, r] of responses.entries()) {
    const row = r.line ?? i + 2;
    if (r.school.trim() === '') {
      skipped.push({ row, reason: 'не указана образовательная организация' });
      continue;
    }
    const school = findSchool(r.school, registry);
    if (!school) {
      skipped.push({ row, reason: `ОО «${r.school.trim()}» нет в реестре` });
      continue;
    }
    const answer = normText(r.overall);
    if (answer === '') {
      skipped.push({ row, reason: 'нет ответа на общий вопрос об удовлетворённости' });
      continue;
    }
    if (!ANSWERS.has(answer)) {
      skipped.push({ row, reason: `ответ «${r.overall.trim()}» не из шкалы анкеты` });
      continue;
    }
    const key = `${school.id}|${r.group}`;
    const entry = bySchool.get(key) ?? { schoolId: school.id, group: r.group, respondents: 0, satisfied: 0 };
    entry.respondents += 1;
    if (SATISFIED_NORM.has(answer)) entry.satisfied += 1;
    bySchool.set(key, entry);
  }
  const schools = [...bySchool.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId) || a.group.localeCompare(b.group));
  return { schools, municipal: municipalOf(schools), skipped };
}
