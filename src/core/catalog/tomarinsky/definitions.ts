import type { ColumnSpec } from '../schema';
import { SURVEY_PARENTS, SURVEY_STUDENTS } from './profile';

/**
 * Indicator definitions shared by Tomarinsky п.6 and Mosalsky passport item 3 (O1): one measure,
 * help and rule per concept; each municipality gives its own title (the exact source wording) and
 * target. Mosalsky imports these, so a change of definition reaches both catalogs.
 */

/** A reference value as the column stores it, with a decision recording how the source words it. */
export interface SourceTarget {
  target: string;
  decision: string;
}

/** «100%», «70 %»: a plain percentage on a positive indicator means fact ≥ N (O2, D7). */
export function plain(value: string, verbatim: string): SourceTarget {
  return { target: value, decision: `Источник: «${verbatim}» — правило: факт ≥ ${value} % (O2, D7).` };
}

/** «не менее 10%»: written as «Не < 10», the form parseTarget reads (O2, D7). */
export function notLess(value: string, verbatim: string): SourceTarget {
  return { target: `Не < ${value}`, decision: `Источник: «${verbatim}»; записано как «Не < ${value}», то есть факт ≥ ${value} % (O2, D7).` };
}

const DYNAMICS_UP =
  'O2: в источнике цель — «положительная динамика», числа нет, поэтому целевое значение пустое. Правило: ' +
  'значение этой кампании больше значения предыдущей; без предыдущей кампании — «нет базы», а не «не достигнуто».';
const DYNAMICS_DOWN =
  'O2: в источнике цель — «сокращение», числа нет, поэтому целевое значение пустое. Правило: значение ' +
  'этой кампании меньше значения предыдущей; без предыдущей кампании — «нет базы», а не «не достигнуто».';
const PRESENCE =
  'O2: в источнике цель — «наличие», числа нет, поэтому целевое значение пустое. Правило: у ОО документы есть («да»); ' +
  'доля ОО с полным составом сравнивается с предыдущей кампанией (динамика), без предыдущей кампании — «нет базы».';
const SHARE_OF_OO = 'D5: Σ «да» / число ОО, сдавших данные (N_OO из реестра кампании).';
const EVIDENCE = 'Подтверждение — ссылка на документ на сайте ОО (D24).';
const TRAINING_PERIOD =
  'Период, за который учитывается повышение квалификации, устанавливает отдел (O3), ' +
  'например последние 3 года; он одинаков для всех ОО и не меняется от года к году.';

function schoolShare(id: string, title: string, question: string, target: SourceTarget, help: string): ColumnSpec {
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    measure: { type: 'schoolShare', question },
    targets: [[target.target]],
    help,
    decisions: [target.decision, SHARE_OF_OO],
  };
}

/** T6.1, M3.1. */
export function documents(id: string, title: string): ColumnSpec {
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    measure: {
      type: 'schoolShare',
      question: 'В ОО есть необходимый и достаточный состав нормативных документов по организации воспитания — все документы перечня отдела (да/нет)',
    },
    targets: [['']],
    help:
      'Перечень документов утверждает отдел (O3), например: рабочая программа воспитания, календарный план ' +
      `воспитательной работы, локальные акты о воспитании. «Да» — есть все документы перечня. ${EVIDENCE}`,
    decisions: [
      PRESENCE,
      'O3: источник не даёт перечня документов, поэтому собирается один ответ «полный состав — ' +
        'да/нет», а не графа на каждый документ; перечень ведёт отдел и показывает в подсказке формы.',
      'Муниципальный уровень (документы отдела) с ОО не собирается: его «да/нет» и ' +
        'ссылки отдел отмечает сам, как для «Наличия муниципальной цели и задач» (D24).',
      SHARE_OF_OO,
    ],
  };
}

/** T6.2, M3.2. */
export function satisfaction(id: string, title: string): ColumnSpec {
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    naWhenZeroBase: true,
    parts: [
      { id: 'STU', title: 'обучающиеся', denominator: SURVEY_STUDENTS },
      { id: 'PAR', title: 'родители', label: 'родители (законные представители)', denominator: SURVEY_PARENTS },
    ],
    measure: { type: 'ratio', numerator: 'Удовлетворённых условиями воспитания, обучения и развития (из ответивших на опрос), чел.', denominator: 'part' },
    targets: [['', '']],
    help:
      'Анонимный опрос по единому инструменту отдела; «удовлетворён» — по порогу, заданному в ' +
      'инструменте. Инструмент и порог не меняются от года к году, иначе динамика не сравнима (O4).',
    decisions: [
      DYNAMICS_UP,
      'O4: доля удовлетворённых = Σ удовлетворённых / Σ ответивших (D4), отдельно для обучающихся и для ' +
        'родителей; база — ответившие на опрос (B1_SRV_STU, B1_SRV_PAR), а не все обучающиеся и родители.',
      'P_PAR нужен только как верхняя граница числа ответивших родителей и для доли ответивших (охват опроса).',
    ],
  };
}

/** T6.3, M3.3. */
export function activeStudents(id: string, title: string): ColumnSpec {
  return {
    id,
    title,
    unit: 'чел.',
    polarity: 'higher',
    scope: 'row',
    measure: {
      type: 'countRatio',
      numerator:
        'Обучающихся, демонстрирующих активную жизненную позицию, самостоятельность и творческую инициативу (по определению отдела; каждый один раз), чел.',
      denominator: 'P_STU',
      countOf: 'numerator',
      targetOn: 'count',
      percentIsContext: true,
    },
    targets: [['']],
    help:
      'Кого считать, определяет отдел (O3), например: обучающиеся, активно участвующие в ученическом самоуправлении, волонтёрстве, ' +
      'детских общественных объединениях, социальных или творческих проектах. Каждый обучающийся учитывается один раз.',
    decisions: [
      DYNAMICS_UP,
      'Динамика считается по числу обучающихся, как в тексте источника («количества школьников»); ' +
        'доля от всех обучающихся показывается рядом для сведения, потому что контингент меняется.',
      'O5: отдельное поле уникальных обучающихся; из граф Калара (A1.C3, A4.C3, A2.C5) его получить нельзя (D23).',
    ],
  };
}

/** T6.4, M3.4: the only negative indicator. */
export function asocialBehaviour(id: string, title: string): ColumnSpec {
  return {
    id,
    title,
    unit: 'чел.',
    polarity: 'lower',
    scope: 'row',
    sensitive: true,
    measure: {
      type: 'countRatio',
      numerator: 'Обучающихся, состоящих на различных видах учёта (ПДН, КДН и ЗП, внутришкольный; каждый один раз), на конец учебного года, чел.',
      denominator: 'P_STU',
      countOf: 'numerator',
      targetOn: 'count',
      percentIsContext: true,
    },
    targets: [['']],
    help: 'D17: «различные виды учёта» — ПДН, КДН и ЗП, внутришкольный; ребёнок, состоящий на нескольких видах учёта, считается один раз.',
    decisions: [
      DYNAMICS_DOWN,
      'Показатель отрицательный («сокращение»): лучше меньше.',
      'O6: по смыслу это поле B5_REG Каларского каталога (объединение, а не сумма A5.C1 + A5.C3). Схема не позволяет взять чужое поле ' +
        'числителем, поэтому поле собирается здесь с тем же определением; если ОО сдаёт и Каларский каталог, ответ тот же, что в B5_REG.',
      'D21: на конец учебного года; доля от всех обучающихся — только для сведения.',
      'D25: малые числа по ОО скрываются в документах, которые уходят из отдела.',
    ],
  };
}

/** T6.5, M3.5. */
export const selfGovernment = (id: string, title: string, target: SourceTarget): ColumnSpec =>
  schoolShare(
    id,
    title,
    'В ОО организовано ученическое самоуправление: орган ученического самоуправления действует и участвует в принятии решений (да/нет)',
    target,
    'Что считать организованным самоуправлением, определяет отдел (O3). Подтверждение — ' +
      'ссылка на положение об органе ученического самоуправления или его протоколы (D24).',
  );

/** T6.6, M3.6. */
export const allTeachers = (id: string, title: string, target: SourceTarget): ColumnSpec =>
  schoolShare(
    id,
    title,
    'В ОО принят принцип участия всех педагогов в воспитании и его интеграции в обучение (да/нет)',
    target,
    '«Да», если рабочая программа воспитания содержит модуль урочной деятельности, а рабочие ' +
      `программы учителей по предметам включают воспитательное содержание (O3). ${EVIDENCE}`,
  );

/** T6.7 (Tomarinsky only): the base is school museums, not schools. */
export function museums(id: string, title: string, target: SourceTarget): ColumnSpec {
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    naWhenZeroBase: true,
    measure: { type: 'ratio', numerator: 'Школьных музеев, работающих по программам, согласованным с программой воспитания, ед.', denominator: 'P_MUS' },
    targets: [[target.target]],
    decisions: [
      target.decision,
      'База — школьные музеи (P_MUS), а не ОО: процент в источнике относится к музеям. ОО без музея в базу не входит («не применимо»).',
      'D4: доля = Σ музеев с согласованной программой / Σ P_MUS.',
    ],
  };
}

/** T6.8 (Tomarinsky only). */
export const sportsClubs = (id: string, title: string, target: SourceTarget): ColumnSpec =>
  schoolShare(
    id,
    title,
    'В ОО организована работа школьного спортивного клуба (да/нет)',
    target,
    `«Да», если школьный спортивный клуб создан и работает. ${EVIDENCE}`,
  );

/** T6.9, M3.7. */
export function olympiads(id: string, title: string, target: SourceTarget): ColumnSpec {
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    measure: {
      type: 'ratio',
      numerator: 'Обучающихся, принявших участие хотя бы в одной олимпиаде или конкурсе любого уровня за учебный год (каждый один раз), чел.',
      denominator: 'P_STU',
    },
    targets: [[target.target]],
    help: 'Каждый обучающийся учитывается один раз, сколько бы олимпиад и конкурсов и какого бы уровня у него ни было.',
    decisions: [
      target.decision,
      'O5: отдельное поле уникальных обучающихся; из A2.C4 Калара не выводится — уровни конкурсов не складываются (D23).',
      'D4: доля = Σ / Σ P_STU.',
    ],
  };
}

const SUPPLEMENTARY = 'Обучающихся, занятых хотя бы одной программой дополнительного образования (каждый один раз), чел.';
const SUPPLEMENTARY_HELP =
  'Учитываются все программы дополнительного образования, на которые обучающийся ' +
  'зачислен, в ОО и вне её (по данным Навигатора ДО); каждый обучающийся — один раз.';
const SUPPLEMENTARY_SCOPE =
  'O5: отдельное поле уникальных обучающихся, не из A10.C5 / A5.C5 / A6.C4 Калара. Решение: учитываются программы ОО и внешние программы по ' +
  'Навигатору ДО (источник, названный в плане 3.3 Мосальской дорожной карты); отдел может сузить до программ ОО — одинаково для всех ОО и лет.';

/** T6.10 (with the ОВЗ part) and M3.8 (without it). */
export function supplementary(id: string, title: string, all: SourceTarget, ovz: SourceTarget | null): ColumnSpec {
  if (ovz === null) {
    return {
      id,
      title,
      unit: '%',
      polarity: 'higher',
      scope: 'row',
      measure: { type: 'ratio', numerator: SUPPLEMENTARY, denominator: 'P_STU' },
      targets: [[all.target]],
      help: SUPPLEMENTARY_HELP,
      decisions: [all.decision, SUPPLEMENTARY_SCOPE, 'D4: доля = Σ / Σ P_STU.'],
    };
  }
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    naWhenZeroBase: true,
    parts: [
      { id: 'ALL', title: 'все обучающиеся', denominator: 'P_STU' },
      { id: 'OVZ', title: 'обучающиеся с ОВЗ', denominator: 'P_OVZ' },
    ],
    measure: { type: 'ratio', numerator: SUPPLEMENTARY, denominator: 'part' },
    targets: [[all.target, ovz.target]],
    help: SUPPLEMENTARY_HELP,
    decisions: [
      'Две цели в одном пункте: доля всех обучающихся и доля обучающихся с ОВЗ; каждая часть отмечается отдельно.',
      all.decision,
      ovz.decision,
      'ОО без обучающихся с ОВЗ (P_OVZ = 0) — «не применимо» для второй части, как в D20.',
      SUPPLEMENTARY_SCOPE,
    ],
  };
}

/** T6.11 (Tomarinsky only). */
export function adminTraining(id: string, title: string, target: SourceTarget): ColumnSpec {
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    measure: {
      type: 'ratio',
      numerator:
        'Административных работников (руководитель, заместители), повысивших управленческие компетенции по ' +
        'вопросам эффективности организации воспитания за период, установленный отделом (каждый один раз), чел.',
      denominator: 'P_ADM',
    },
    targets: [[target.target]],
    help: TRAINING_PERIOD,
    decisions: [
      target.decision,
      'База — административный персонал ОО (P_ADM: руководитель и заместители).',
      'O3: источник не задаёт период повышения квалификации; его устанавливает отдел.',
    ],
  };
}

/** T6.12, M3.9. */
export function subjectTraining(id: string, title: string, target: SourceTarget): ColumnSpec {
  return {
    id,
    title,
    unit: '%',
    polarity: 'higher',
    scope: 'row',
    measure: {
      type: 'ratio',
      numerator:
        'Учителей-предметников, повысивших профессиональные компетенции по вопросам эффективности ' +
        'организации воспитания (КПК и др.) за период, установленный отделом (каждый один раз), чел.',
      denominator: 'P_SUBJ',
    },
    targets: [[target.target]],
    help: TRAINING_PERIOD,
    decisions: [
      target.decision,
      'База — учителя-предметники (P_SUBJ), а не все педагоги (P_PED) и не классные ' +
        'руководители (P_CLT), поэтому значение не выводится из A2.C1, A3.C5, A9.C1 Калара.',
      'O3: источник не задаёт период повышения квалификации; его устанавливает отдел.',
    ],
  };
}

/** T6.13, M3.11. */
export const programmes = (id: string, title: string, target: SourceTarget): ColumnSpec =>
  schoolShare(
    id,
    title,
    'В ОО внедрена рабочая программа воспитания обучающихся (да/нет)',
    target,
    '«Да», если программа воспитания утверждена и реализуется. Подтверждение — ссылка на программу на сайте ОО (D24).',
  );
