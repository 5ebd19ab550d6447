import type { DynamicsPhrases, StrengthPhrases } from '../texts-schema';

/**
 * Assessment of one indicator against its reference value. Placeholders: {indicator} — name of the
 * indicator, {value} — the fact with its unit, {target} — the reference value with its unit. The
 * caller picks `withinLimit` / `aboveLimit` for «lower is better» indicators (A5.C1, A5.C3) and
 * `context` for context indicators, which are never judged.
 */
export const strengthPhrases: StrengthPhrases = {
  achieved: 'Плановое значение показателя «{indicator}» достигнуто: {value} при плановом значении {target}.',
  farAbove:
    'Значение показателя «{indicator}» ({value}) значительно превышает плановое значение ({target}); ' +
    'опыт работы по данному направлению рекомендуется обобщить и представить на муниципальном уровне.',
  below: 'Значение показателя «{indicator}» ({value}) ниже планового значения ({target}); требуется усиление работы по данному направлению.',
  withinLimit: 'Значение показателя «{indicator}» ({value}) не превышает предельного значения ({target}).',
  aboveLimit: 'Значение показателя «{indicator}» ({value}) превышает предельное значение ({target}); рекомендуется усилить профилактическую работу.',
  noTarget: 'Плановое значение показателя «{indicator}» не установлено; фактическое значение составляет {value}.',
  notApplicable:
    'Показатель «{indicator}» не применим к образовательной организации (отсутствует соответствующий уровень образования или категория обучающихся).',
  context: 'Показатель «{indicator}» носит контекстный характер и не оценивается; фактическое значение составляет {value}.',
  noData: 'Сведения по показателю «{indicator}» не представлены.',
};

/**
 * Change against the previous campaign. {change} is the signed difference formatted by the caller
 * (for example, «плюс 3,5 п. п.»). «Положительная» follows the polarity: for «lower is better»
 * indicators a decrease is positive.
 */
export const dynamicsPhrases: DynamicsPhrases = {
  positive: 'По показателю «{indicator}» отмечается положительная динамика: {value}, изменение к предыдущему периоду — {change}.',
  negative:
    'По показателю «{indicator}» отмечается отрицательная динамика: {value}, изменение к ' +
    'предыдущему периоду — {change}; рекомендуется проанализировать причины снижения результата.',
  unchanged: 'Значение показателя «{indicator}» не изменилось по сравнению с предыдущим периодом и составляет {value}.',
  noPrevious: 'Данные за предыдущий период по показателю «{indicator}» отсутствуют; динамика будет оценена по итогам следующего мониторинга.',
  context:
    'Значение контекстного показателя «{indicator}» составляет {value}, изменение к ' +
    'предыдущему периоду — {change}; изменение приводится для сведения и не оценивается.',
};
