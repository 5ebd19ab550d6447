import type { CatalogSource } from '../schema';
import { appendix1, appendix2 } from './appendices-1-2';
import { appendix3, appendix4 } from './appendices-3-4';
import { appendix5, appendix6 } from './appendices-5-6';
import { appendix7, appendix8, appendix9 } from './appendices-7-9';
import { appendix10, appendix11 } from './appendices-10-11';
import { kalarProfile } from './profile';

/** Kalar concept (постановление от 04.04.2022 № 204), tables 4.1–4.11 = Приложения 1–11. */
export const kalarCatalog: CatalogSource = {
  id: 'kalar',
  version: '2022.1',
  title: 'Приложения 1–11 (таблицы 4.1–4.11) Концепции оценки качества образования по направлению «Система организации воспитания обучающихся»',
  municipalityExample: 'Каларский муниципальный округ Забайкальского края',
  source:
    'Концепция оценки качества образования по направлению «Система организации воспитания обучающихся» ' +
    'в Каларском муниципальном округе Забайкальского края (постановление от 04.04.2022 № 204)',
  appendixWord: 'Приложение',
  profile: kalarProfile,
  appendices: [appendix1, appendix2, appendix3, appendix4, appendix5, appendix6, appendix7, appendix8, appendix9, appendix10, appendix11],
  checks: [
    {
      id: 'A6-levels',
      type: 'sumEq',
      parts: ['A6_C2_NOO', 'A6_C2_OOO', 'A6_C2_SOO'],
      total: 'A6_C1_CHI',
      severity: 'error',
      message: 'Сумма детей в трудной жизненной ситуации по уровням должна равняться их общему числу',
    },
    {
      id: 'A5-pdn',
      type: 'sumLe',
      parts: ['A5_C1'],
      total: 'B5_REG',
      severity: 'error',
      message: 'Состоящих на учёте в ПДН не может быть больше, чем состоящих на всех видах учёта',
    },
    {
      id: 'A5-school',
      type: 'sumLe',
      parts: ['A5_C3'],
      total: 'B5_REG',
      severity: 'error',
      message: 'Состоящих на внутришкольном учёте не может быть больше, чем состоящих на всех видах учёта',
    },
    {
      id: 'A4-A1-volunteers',
      type: 'implies',
      parts: ['A4_C2'],
      total: 'A1_C4',
      severity: 'warning',
      message: 'Отмечена модель взаимодействия волонтёрского отряда (Приложение 4), но не отмечено, что в ОО есть волонтёрский отряд (Приложение 1)',
    },
  ],
};
