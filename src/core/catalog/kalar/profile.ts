import type { InputSpec } from '../schema';

/**
 * Shared denominators, asked once per school on the campaign's reference date (docs/decisions/methodology.md: D11–D14, D21).
 * P_STU and P_NNR are sums of the levels, never typed.
 */
export const kalarProfile: InputSpec[] = [
  { id: 'P_NOO', label: 'Обучающихся 1–4 классов (уровень НОО), чел.', kind: 'count', help: 'Если ОО не ведёт этот уровень, поставьте 0.' },
  { id: 'P_OOO', label: 'Обучающихся 5–9 классов (уровень ООО), чел.', kind: 'count', help: 'Если ОО не ведёт этот уровень, поставьте 0.' },
  { id: 'P_SOO', label: 'Обучающихся 10–11(12) классов (уровень СОО), чел.', kind: 'count', help: 'Если ОО не ведёт этот уровень, поставьте 0.' },
  { id: 'P_STU', label: 'Обучающихся всего, чел. (считается автоматически)', kind: 'count', derived: ['P_NOO', 'P_OOO', 'P_SOO'] },
  {
    id: 'P_PED',
    label: 'Педагогических работников (основные работники, физические лица), чел.',
    kind: 'count',
    help: 'Внешние совместители учитываются по основному месту работы (D11).',
  },
  {
    id: 'P_CLT',
    label: 'Педагогов, осуществляющих классное руководство (физические лица), чел.',
    kind: 'count',
    whole: 'P_PED',
    help: 'Считаются люди, а не классы (D12).',
  },
  { id: 'P_PAR', label: 'Родителей (законных представителей) обучающихся, чел.', kind: 'count', help: 'Считаются люди по данным контингента (D13).' },
  { id: 'P_NNR_NOO', label: 'Обучающихся НОО, для которых русский язык не является родным, чел.', kind: 'count', whole: 'P_NOO' },
  { id: 'P_NNR_OOO', label: 'Обучающихся ООО, для которых русский язык не является родным, чел.', kind: 'count', whole: 'P_OOO' },
  { id: 'P_NNR_SOO', label: 'Обучающихся СОО, для которых русский язык не является родным, чел.', kind: 'count', whole: 'P_SOO' },
  {
    id: 'P_NNR',
    label: 'Обучающихся с неродным русским языком всего, чел. (считается автоматически)',
    kind: 'count',
    derived: ['P_NNR_NOO', 'P_NNR_OOO', 'P_NNR_SOO'],
  },
  { id: 'P_OVZ', label: 'Обучающихся с ОВЗ, чел.', kind: 'count', whole: 'P_STU' },
];

/** The levels split (`уровни`): education levels, not school types (D3). */
export const levels = [
  { id: 'NOO', title: 'НОШ', label: 'НОШ (1–4 кл.)', denominator: 'P_NOO' },
  { id: 'OOO', title: 'ООШ', label: 'ООШ (5–9 кл.)', denominator: 'P_OOO' },
  { id: 'SOO', title: 'СОШ', label: 'СОШ (10–11 кл.)', denominator: 'P_SOO' },
];

/** Levels for A7.C2: the base is students whose native language is not Russian (D14). */
export const nnrLevels = [
  { id: 'NOO', title: 'НОШ', label: 'НОШ (1–4 кл.)', denominator: 'P_NNR_NOO' },
  { id: 'OOO', title: 'ООШ', label: 'ООШ (5–9 кл.)', denominator: 'P_NNR_OOO' },
  { id: 'SOO', title: 'СОШ', label: 'СОШ (10–11 кл.)', denominator: 'P_NNR_SOO' },
];

/** Repeats one row of reference values for every row of a table (columns that are the same in every row, §1.4). */
export function everyRow<T>(rows: number, values: T[]): T[][] {
  return Array.from({ length: rows }, () => [...values]);
}

export const ROW_HEADER = 'Наличие муниципальной цели и задач:';
export const COVERED_STUDENTS = 'Обучающихся, охваченных хотя бы одним мероприятием направления (каждый учитывается один раз), чел.';
export const EVENT_RULE = 'Мероприятие учитывает только ОО-организатор (совместное — ведущий организатор); участия — не мероприятия (D22).';
