import * as z from 'zod/mini';

/**
 * Shape of the recommendation texts (адресные рекомендации, фразы оценки и динамики, разделы
 * аналитической справки). The texts themselves are data in `./texts/*`; this schema is what a
 * department's own edited copy must satisfy as well.
 */

/** Kinds of municipal measures (Мосальский район, паспорт дорожной карты, п. 7; план, пп. 5.1–5.10). */
export const MEASURE_KINDS = [
  'семинар',
  'методическое сопровождение',
  'приказ',
  'совещание',
  'курсы повышения квалификации',
  'мониторинг',
  'сетевое взаимодействие',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Placeholders of the assessment and dynamics phrases. */
export const PHRASE_PLACEHOLDERS = ['indicator', 'value', 'target', 'change'] as const;
export type PhrasePlaceholder = (typeof PHRASE_PLACEHOLDERS)[number];

/** Placeholders of the report's conclusion template. */
export const REPORT_PLACEHOLDERS = ['period', 'reported', 'total', 'achieved', 'assessed', 'strengths', 'priorities'] as const;
export type ReportPlaceholder = (typeof REPORT_PLACEHOLDERS)[number];

/** `{name}` in a template. */
export const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/g;

/**
 * A text may contain Cyrillic letters, digits, whitespace and punctuation only: no Latin letters
 * (the texts go into official documents of an отдел образования).
 */
export const RUSSIAN_TEXT_PATTERN = /^[\p{Script=Cyrillic}0-9\s.,;:!?()«»„“—–\-№%/…]*$/u;

/** The placeholder names used in a template, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] ?? '');
}

/** The text with every `{name}` removed (for the character check). */
export function withoutPlaceholders(template: string): string {
  return template.replace(PLACEHOLDER_PATTERN, '');
}

const nonEmpty = z.string().check(
  z.minLength(1),
  z.refine((s) => s.trim() === s, 'лишние пробелы в начале или в конце текста'),
);

/** A fixed text: Russian, no placeholders. */
const plainText = nonEmpty.check(
  z.refine((s) => !/[{}]/.test(s), 'в тексте не должно быть подстановок {…}'),
  z.refine((s) => RUSSIAN_TEXT_PATTERN.test(s), 'текст должен быть на русском языке, без латинских букв'),
);

function template(allowed: readonly string[]): typeof nonEmpty {
  return nonEmpty.check(
    z.refine((s) => placeholdersOf(s).every((p) => allowed.includes(p)), `допустимые подстановки: ${allowed.map((p) => `{${p}}`).join(', ')}`),
    z.refine((s) => !/[{}]/.test(withoutPlaceholders(s)), 'непарная фигурная скобка'),
    z.refine((s) => RUSSIAN_TEXT_PATTERN.test(withoutPlaceholders(s)), 'текст должен быть на русском языке, без латинских букв'),
  );
}

/** A phrase template; it must name the indicator. */
const phrase = template(PHRASE_PLACEHOLDERS).check(z.refine((s) => placeholdersOf(s).includes('indicator'), 'фраза должна содержать {indicator}'));
const reportText = template(REPORT_PLACEHOLDERS);

export const MunicipalMeasureSchema = z.strictObject({
  kind: z.enum(MEASURE_KINDS),
  text: plainText,
});
export type MunicipalMeasure = z.infer<typeof MunicipalMeasureSchema>;

export const DirectionTextSchema = z.strictObject({
  /** Kalar appendix number (table 4.N). */
  appendix: z.int().check(z.positive()),
  /** Row id (`R1`…) where the appendix has several rows (A1, A2); otherwise null. */
  row: z.nullable(z.string().check(z.regex(/^R[0-9]+$/))),
  /** Short Russian name of the direction. */
  title: plainText,
  /**
   * Headings of the concept's «Задачи» block (exact, without the final colon) under which `tasks`
   * are found; for 4.6 this is the heading on профилактика безнадзорности.
   */
  taskHeadings: z.array(plainText).check(z.minLength(1)),
  /** The concept's tasks for this direction, quoted; «…» marks an omission. */
  tasks: z.array(plainText).check(z.minLength(1)),
  /** Actions addressed to a school whose indicators in this direction are below target. */
  schoolRecommendations: z.array(plainText).check(z.minLength(3), z.maxLength(6)),
  /** Measures the department can take at municipal level. */
  municipalMeasures: z.array(MunicipalMeasureSchema).check(z.minLength(2), z.maxLength(4)),
  /** Other documents the recommendations and measures draw on. */
  sources: z.array(plainText).check(z.minLength(1)),
  /** How the tasks were chosen when the concept has no task of its own for the direction. */
  note: z.nullable(plainText),
});
export type DirectionText = z.infer<typeof DirectionTextSchema>;

/** Key of a column hint: `A{n}.C{m}`. */
export const COLUMN_HINT_KEY_PATTERN = /^A[0-9]+\.C[0-9]+$/;
export const ColumnHintsSchema = z.record(z.string().check(z.regex(COLUMN_HINT_KEY_PATTERN)), plainText);
export type ColumnHints = z.infer<typeof ColumnHintsSchema>;

export const StrengthPhrasesSchema = z.strictObject({
  /** Target achieved (higher is better: value ≥ target). */
  achieved: phrase,
  /** Far above the target. */
  farAbove: phrase,
  /** Below the target. */
  below: phrase,
  /** Lower is better: value within the ceiling. */
  withinLimit: phrase,
  /** Lower is better: value above the ceiling. */
  aboveLimit: phrase,
  /** The reference value is not (yet) a target. */
  noTarget: phrase,
  /** «не применимо». */
  notApplicable: phrase,
  /** Context indicator: described, not judged. */
  context: phrase,
  /** The school has not reported this indicator. */
  noData: phrase,
});
export type StrengthPhrases = z.infer<typeof StrengthPhrasesSchema>;

export const DynamicsPhrasesSchema = z.strictObject({
  positive: phrase,
  negative: phrase,
  unchanged: phrase,
  noPrevious: phrase,
  /** Change of a context indicator, described without judgement. */
  context: phrase,
});
export type DynamicsPhrases = z.infer<typeof DynamicsPhrasesSchema>;

export const ReportSectionSchema = z.strictObject({
  title: plainText,
  paragraphs: z.array(reportText).check(z.minLength(1)),
  /** A list printed after the paragraphs (documents, stages of the cycle); may be empty. */
  items: z.array(plainText),
});
export type ReportSection = z.infer<typeof ReportSectionSchema>;

export const ReportSectionsSchema = z.strictObject({
  introduction: ReportSectionSchema,
  legalBasis: ReportSectionSchema,
  methodology: ReportSectionSchema,
  managementCycle: ReportSectionSchema,
  conclusion: ReportSectionSchema,
});
export type ReportSections = z.infer<typeof ReportSectionsSchema>;

export const RecommendTextsSchema = z.strictObject({
  directionTexts: z.array(DirectionTextSchema).check(z.minLength(1)),
  columnHints: ColumnHintsSchema,
  strengthPhrases: StrengthPhrasesSchema,
  dynamicsPhrases: DynamicsPhrasesSchema,
  reportSections: ReportSectionsSchema,
});
export type RecommendTexts = z.infer<typeof RecommendTextsSchema>;
