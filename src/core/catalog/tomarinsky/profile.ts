import type { InputSpec } from '../schema';
import { kalarProfile } from '../kalar/profile';

/**
 * Shared denominators of the optional catalogs (Tomarinsky п.6, Mosalsky passport item 3).
 * Where the meaning is the same as in Kalar, the Kalar field is reused as is — same id, same
 * label (docs/decisions/methodology.md, note O6); the fields Kalar does not have follow D11–D14.
 */

/** A Kalar profile field, copied so that both catalogs ask it with the same id and label (O6). */
export function fromKalar(id: string): InputSpec {
  const spec = kalarProfile.find((s) => s.id === id);
  if (!spec) throw new Error(`В профиле Калара нет поля «${id}»`);
  return { ...spec };
}

/** The levels and the derived total: P_STU is the base of every «доля обучающихся». */
export const studentFields = (): InputSpec[] => ['P_NOO', 'P_OOO', 'P_SOO', 'P_STU'].map(fromKalar);

export const subjectTeachers: InputSpec = {
  id: 'P_SUBJ',
  label: 'Учителей-предметников (основные работники, физические лица), чел.',
  kind: 'count',
  whole: 'P_PED',
  help: 'Считаются так же, как педагогические работники: люди, внешние совместители — по основному месту работы (D11).',
};

export const adminStaff: InputSpec = {
  id: 'P_ADM',
  label: 'Административного персонала ОО (руководитель, заместители руководителя), чел.',
  kind: 'count',
  help: 'Считаются люди, занимающие административные должности на дату сбора (D21).',
};

export const schoolMuseums: InputSpec = {
  id: 'P_MUS',
  label: 'Школьных музеев, ед.',
  kind: 'count',
  unit: 'ед.',
  help: 'Если в ОО нет школьного музея, поставьте 0: ОО не входит в базу показателя о музеях.',
};

/**
 * Respondents of the satisfaction survey (T6.2, M3.2). They belong to that one indicator, so they
 * are bases of the section, like Kalar's B5_*, not profile fields. P_PAR bounds the parents and
 * gives the response rate (O4).
 */
export const SURVEY_STUDENTS = 'B1_SRV_STU';
export const SURVEY_PARENTS = 'B1_SRV_PAR';
export const surveyBases: InputSpec[] = [
  {
    id: SURVEY_STUDENTS,
    label: 'Обучающихся, ответивших на анонимный опрос об удовлетворённости условиями воспитания, обучения и развития, чел.',
    kind: 'count',
    whole: 'P_STU',
    help: 'Опрос проводится по единому инструменту отдела; инструмент и порог «удовлетворён» не меняются от года к году (O4).',
  },
  {
    id: SURVEY_PARENTS,
    label: 'Родителей (законных представителей), ответивших на анонимный опрос об удовлетворённости условиями воспитания, обучения и развития детей, чел.',
    kind: 'count',
    whole: 'P_PAR',
    help: 'Опрос проводится по единому инструменту отдела; инструмент и порог «удовлетворён» не меняются от года к году (O4).',
  },
];

/** Tomarinsky п.6: students, teachers, parents, students with ОВЗ, subject teachers, administrators, museums. */
export const tomarinskyProfile: InputSpec[] = [
  ...studentFields(),
  fromKalar('P_PED'),
  fromKalar('P_PAR'),
  fromKalar('P_OVZ'),
  subjectTeachers,
  adminStaff,
  schoolMuseums,
];
