import type { CheckSpec, InputKind, Measure, Polarity } from '../schema';

/**
 * The words a specialist reads and picks from a list in the catalog workbook, one per value of the schema.
 * No word holds a comma: an .xlsx list validation is a comma-separated string.
 */
export const KIND_WORDS: Record<InputKind, string> = {
  count: 'количество',
  number: 'число',
  percent: 'процент',
  flag: 'да/нет',
  url: 'ссылка',
  text: 'текст',
};

export const POLARITY_WORDS: Record<Polarity, string> = {
  higher: 'больше — лучше',
  lower: 'меньше — лучше',
  context: 'для сведения',
};

export const SCOPE_WORDS: Record<'row' | 'school', string> = {
  row: 'по каждой строке',
  school: 'один раз на ОО',
};

export type MeasureType = Measure['type'];

export const AGGREGATION_WORDS: Record<MeasureType, string> = {
  ratio: 'доля обучающихся/педагогов/родителей',
  schoolShare: 'доля ОО',
  schoolCount: 'количество ОО',
  count: 'количество',
  countRatio: 'количество и доля',
  countPair: 'два количества',
};

export const COUNT_OF_WORDS: Record<'numerator' | 'denominator', string> = { numerator: 'числитель', denominator: 'знаменатель' };
export const TARGET_ON_WORDS: Record<'count' | 'percent', string> = { count: 'на количество', percent: 'на процент' };
export const COMPARE_WORDS: Record<'both' | 'first', string> = { both: 'оба числа', first: 'только первое' };
export const PAIR_WORDS: Record<'first' | 'second', string> = { first: 'первое', second: 'второе' };
export const SEVERITY_WORDS: Record<CheckSpec['severity'], string> = { error: 'ошибка', warning: 'предупреждение' };
export const RULE_WORDS: Record<CheckSpec['type'], string> = {
  sumLe: 'сумма частей не больше целого',
  sumEq: 'сумма частей равна целому',
  implies: 'если часть «да» — то и целое «да»',
};
export const YES_NO = { yes: 'да', no: 'нет' } as const;
/** The denominator of a ratio taken from each sub-column's own denominator (schema: 'part'). */
export const PART_DENOMINATOR = 'по подграфам';

export const wordsOf = (words: Readonly<Record<string, string>>): string[] => Object.values(words);

/** The schema value of a word, or null when the word is not in the list (case and spaces around it do not matter). */
export function valueOfWord<K extends string>(words: Readonly<Record<K, string>>, text: string): K | null {
  const wanted = text.trim().toLowerCase();
  for (const [value, word] of Object.entries(words) as [K, string][]) if (word.toLowerCase() === wanted) return value;
  return null;
}
