import type { School } from '../campaign/schema';
import { ruNumber } from '../consolidate/format';
import type { Block } from '../document/model';
import type { SurveysExport } from '../export/contract';
import { tableSheet } from '../layout/table-sheet';
import type { SheetSpec } from '../layout/types';
import { SATISFIED, SURVEY_OVERALL_QUESTION, type SurveyGroup, type SurveyTotal } from './survey';

const GROUPS: { id: SurveyGroup; title: string; genitive: string }[] = [
  { id: 'students', title: 'Обучающиеся', genitive: 'обучающихся' },
  { id: 'parents', title: 'Родители (законные представители)', genitive: 'родителей (законных представителей)' },
];

const totalCells = (t: SurveyTotal | undefined): (string | number)[] =>
  !t || t.respondents === 0 ? ['нет ответов', '', ''] : [t.respondents, t.satisfied, t.share ?? '—'];

/**
 * «Удовлетворённость» in out/appendices.xlsx: the municipal shares by group (ratio of sums), last year's, and one row
 * per registry school — the school rows are for the department's internal analysis only, like «Свод по школам».
 */
export function surveySheet(surveys: SurveysExport, registry: School[]): SheetSpec {
  const rows: (string | number | null)[][] = [['Муниципалитет (отношение сумм)', ...GROUPS.flatMap((g) => totalCells(surveys.municipal[g.id]))]];
  if (surveys.previous) rows.push(['Прошлый год', ...GROUPS.flatMap((g) => totalCells(surveys.previous?.[g.id]))]);
  rows.push([], ['По школам — только для внутреннего анализа отдела, не публикуется']);
  for (const school of registry) {
    const of = (group: SurveyGroup): SurveyTotal | undefined => surveys.schools.find((s) => s.schoolId === school.id && s.group === group);
    rows.push([school.shortName, ...GROUPS.flatMap((g) => totalCells(of(g.id)))]);
  }
  return tableSheet(
    'Удовлетворённость',
    'Удовлетворённость обучающихся и родителей (анкетирование) — строки по школам только для внутреннего анализа отдела, не публикуются',
    ['', 'Обучающиеся: ответили', 'удовлетворены', 'доля, %', 'Родители: ответили', 'удовлетворены', 'доля, %'],
    rows,
    [34, 14, 14, 10, 14, 14, 10],
  );
}

const pct = (share: number | null): string => (share === null ? 'нет данных' : `${ruNumber(share)} %`);

function change(now: SurveyTotal, before: SurveyTotal | undefined): number | null {
  if (now.share === null || !before || before.share === null) return null;
  return Math.round((now.share - before.share) * 10) / 10;
}

const changeText = (c: number | null): string => (c === null ? '—' : c === 0 ? 'без изменений' : `${c > 0 ? '▲ +' : '▼ '}${ruNumber(c)} п.п.`);

/**
 * The report's section on satisfaction: municipal shares only (no school is named), how many answered, and the
 * change against last year's municipal shares when the previous result has them.
 */
export function surveyBlocks(surveys: SurveysExport): Block[] {
  const m = surveys.municipal;
  const blocks: Block[] = [{ type: 'heading', level: 2, text: 'Удовлетворённость обучающихся и родителей' }];
  blocks.push({
    type: 'paragraph',
    text:
      `Проведено анонимное анкетирование обучающихся и родителей (законных представителей); сведения о респондентах не собирались. ` +
      `Учитывался общий вопрос «${SURVEY_OVERALL_QUESTION}». Доля удовлетворённых — число ответивших «${[...SATISFIED].join('» или «')}», ` +
      `делённое на число всех ответивших, по муниципалитету в целом (отношение сумм, а не среднее по школам). ` +
      `Ответили: обучающихся — ${m.students.respondents}, родителей (законных представителей) — ${m.parents.respondents}.`,
  });
  blocks.push({
    type: 'table',
    header: ['Группа респондентов', 'Ответили, чел.', 'Доля удовлетворённых', 'Прошлый год', 'Изменение к прошлому году'],
    rows: GROUPS.map((g) => {
      const before = surveys.previous?.[g.id];
      return [g.title, String(m[g.id].respondents), pct(m[g.id].share), before ? pct(before.share) : 'нет данных', changeText(change(m[g.id], before))];
    }),
    widths: [34, 14, 18, 14, 20],
  });
  const dynamics = GROUPS.flatMap((g) => {
    const c = change(m[g.id], surveys.previous?.[g.id]);
    if (c === null) return [];
    const was = pct(surveys.previous?.[g.id]?.share ?? null);
    return [
      c === 0
        ? `у ${g.genitive} не изменилась (${pct(m[g.id].share)})`
        : `у ${g.genitive} ${c > 0 ? 'выросла' : 'снизилась'} с ${was} до ${pct(m[g.id].share)}`,
    ];
  });
  blocks.push({
    type: 'paragraph',
    text:
      dynamics.length > 0
        ? `Доля удовлетворённых ${dynamics.join('; ')}.`
        : 'Данных анкетирования прошлого года нет: динамика будет показана при следующем мониторинге.',
    tone: 'emphasis',
  });
  return blocks;
}
