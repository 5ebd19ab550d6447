/** The letters the department sends to schools (issue 19), in the order of the campaign. */
export const LETTER_KINDS = ['launch', 'reminder', 'recommendations'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** What the department calls each letter (the «Тексты писем» sheet, the CLI, the panel). */
export const LETTER_LABELS: Record<LetterKind, string> = {
  launch: 'О проведении мониторинга',
  reminder: 'Напоминание',
  recommendations: 'Адресные рекомендации',
};

/** A school gets at most one reminder in this many days unless the campaign sets another interval. */
export const DEFAULT_REMINDER_DAYS = 7;

export const isLetterKind = (s: string): s is LetterKind => (LETTER_KINDS as readonly string[]).includes(s);
