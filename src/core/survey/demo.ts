import type { School } from '../campaign/schema';
import { between, intBetween, seededRandom } from '../demo/random';
import { SURVEY_ANSWERS, SURVEY_OVERALL_QUESTION, SURVEY_QUESTIONS, SURVEY_SCHOOL_QUESTION, type SurveyGroup, type SurveyResponse } from './survey';

/** Answers to the other (non-overall) questions of the demo forms. */
const AGREE = ['Да', 'Скорее да', 'Скорее нет', 'Нет'];
/** Schools a few respondents type that are not in the registry (the import reports them). */
const STRANGERS = ['Школа № 7', 'Лицей № 1'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** Another spelling of the same school, as respondents type it: lower case, «е» for «ё». */
function variant(name: string, random: () => number): string {
  const r = random();
  if (r < 0.08) return name.toLowerCase();
  if (r < 0.16) return name.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  return name;
}

/**
 * A demo export of a satisfaction survey as Google Forms writes it: header, then one row per response in the order
 * of the timestamps; 20–60 responses per school, a couple of rows naming a school that is not in the registry and one
 * with the overall question left empty. `mood` shifts the share satisfied (last year's demo is a little lower).
 */
export function demoSurveyRows(schools: School[], group: SurveyGroup, year: number, seed: number, mood = 0): string[][] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const overall = (p: number): string => {
    if (random() < p) return random() < 0.55 ? SURVEY_ANSWERS[0] : SURVEY_ANSWERS[1];
    return pick(SURVEY_ANSWERS.slice(2));
  };
  const answers: { school: string; overall: string }[] = [];
  for (const school of schools) {
    const p = Math.min(0.97, between(random, 0.6, 0.9) + mood);
    const n = intBetween(random, 20, 60);
    for (let i = 0; i < n; i++) answers.push({ school: variant(school.shortName, random), overall: overall(p) });
  }
  for (const name of STRANGERS) answers.push({ school: name, overall: overall(0.7) });
  const first = schools[0];
  if (first) answers.push({ school: first.shortName, overall: '' });
  // shuffle: a form collects answers from all schools at once
  for (let i = answers.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [answers[i], answers[j]] = [answers[j] as (typeof answers)[number], answers[i] as (typeof answers)[number]];
  }
  let minute = 0;
  const rows = answers.map((a) => {
    minute += intBetween(random, 1, 25);
    const day = 1 + Math.floor(minute / (60 * 14));
    const inDay = minute % (60 * 14);
    const stamp = `${pad(Math.min(day, 30))}.10.${year} ${pad(8 + Math.floor(inDay / 60))}:${pad(inDay % 60)}:${pad(intBetween(random, 0, 59))}`;
    return [stamp, a.school, a.overall, ...SURVEY_QUESTIONS[group].map(() => pick(AGREE))];
  });
  return [['Отметка времени', SURVEY_SCHOOL_QUESTION, SURVEY_OVERALL_QUESTION, ...SURVEY_QUESTIONS[group]], ...rows];
}

/** The same rows as anonymous responses (for last year's demo result, which has no CSV). */
export const responsesOfRows = (rows: string[][], group: SurveyGroup): SurveyResponse[] =>
  rows.slice(1).map((r, i) => ({ group, school: r[1] ?? '', overall: r[2] ?? '', line: i + 2 }));
