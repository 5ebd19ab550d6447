import type { CatalogSource, InputSpec } from '../schema';
import { fromKalar, studentFields, subjectTeachers, surveyBases } from '../tomarinsky/profile';
import { mosalskyColumns } from './columns';

/** Mosalsky has no museums, sports clubs, administrative staff or ОВЗ part, so no P_MUS, P_ADM, P_OVZ. */
const mosalskyProfile: InputSpec[] = [...studentFields(), fromKalar('P_PED'), fromKalar('P_PAR'), subjectTeachers];

/** Mosalsky road map (приказ от 21.12.2021 № 81), passport item 3: 11 indicators as one table with one row (optional catalog). */
export const mosalskyCatalog: CatalogSource = {
  id: 'mosalsky',
  version: '2021.1',
  title:
    'Показатели реализации дорожной карты (паспорт, п.3) по развитию муниципальной ' +
    'системы организации воспитания обучающихся в МР «Мосальский район» на 2021–2024 годы',
  municipalityExample: 'МР «Мосальский район»',
  source:
    'Приказ отдела образования и охраны прав детства администрации МР «Мосальский район» от 21.12.2021 ' +
    '№ 81 «Об утверждении плана мероприятий (дорожной карты) по развитию муниципальной системы ' +
    'организации воспитания обучающихся на территории МР «Мосальский район»», паспорт дорожной карты, п.3',
  appendixWord: 'Раздел',
  profile: mosalskyProfile,
  appendices: [
    {
      number: 1,
      table: 'паспорт, п.3',
      title: 'Показатели реализации дорожной карты – достижения ожидаемого результата',
      short: 'Показатели дорожной карты (Мосальский район)',
      rowHeader: 'Пункт паспорта',
      indicatorsHeader: 'Показатели:',
      rows: [{ id: 'R1', number: '3', title: 'В соответствии с целями и комплексом мер' }],
      bases: surveyBases,
      columns: mosalskyColumns,
      note:
        'Заголовок — название строки 3 паспорта; «Показатели:» и «В соответствии с целями и комплексом мер» — вводные слова ' +
        'списка. Графы C1–C11 — пункты списка по порядку (M3.1–M3.11). Все показатели положительные, кроме C4 («сокращение»).',
    },
  ],
};
