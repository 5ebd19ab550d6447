import type { CatalogSource } from '../schema';
import { tomarinskyColumns } from './columns';
import { surveyBases, tomarinskyProfile } from './profile';

/**
 * Tomarinsky Положение, п.6: 13 indicators as one table with one row (optional catalog).
 * The seed carries no date of the Положение, so the version is not a year.
 */
export const tomarinskyCatalog: CatalogSource = {
  id: 'tomarinsky',
  version: '1.0',
  title: 'Показатели системы организации воспитания и социализации учащихся (п.6 Положения МО «Томаринский городской округ»)',
  municipalityExample: 'МО «Томаринский городской округ»',
  source:
    'ПОЛОЖЕНИЕ о системе организации воспитания и социализации обучающихся образовательных ' +
    'организаций, расположенных на территории МО «Томаринский городской округ», п.6',
  appendixWord: 'Раздел',
  profile: tomarinskyProfile,
  appendices: [
    {
      number: 1,
      table: 'п.6',
      title: 'Показателями системы организации воспитания и социализации учащихся является:',
      short: 'Показатели воспитания и социализации (Томаринский ГО)',
      rowHeader: 'Раздел Положения',
      indicatorsHeader: 'Показатели',
      rows: [{ id: 'R1', number: '3', title: 'Показатели системы организации воспитания и социализации учащихся' }],
      bases: surveyBases,
      columns: tomarinskyColumns,
      note:
        'Одна строка — раздел 3 Положения; графы C1–C13 — пункты списка п.6 по порядку ' +
        '(T6.1–T6.13). Показатели положительные, кроме C4 («сокращение»), отрицательного (п.7).',
    },
  ],
};
