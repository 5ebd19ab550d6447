import * as z from 'zod/mini';

/**
 * A finding about one school's file. Errors keep the school out of municipal values; warnings do not.
 * `cell` is the A1 address on `sheet` (null when the finding concerns the whole file); `indicator` is the
 * field as the school sees it on the form. The schema reads messages back from stored results.
 */
export const MessageSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  sheet: z.nullable(z.string()),
  cell: z.nullable(z.string()),
  inputId: z.nullable(z.string()),
  indicator: z.nullable(z.string()),
  text: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export function message(
  severity: Message['severity'],
  code: string,
  text: string,
  where: { sheet?: string | null; cell?: string | null; inputId?: string | null; indicator?: string | null } = {},
): Message {
  return { severity, code, text, sheet: where.sheet ?? null, cell: where.cell ?? null, inputId: where.inputId ?? null, indicator: where.indicator ?? null };
}

/** «Лист «Приложение 2», ячейка D15 («Педагогов, …»): нужно число.» */
export function formatMessage(m: Message): string {
  const where: string[] = [];
  if (m.sheet) where.push(`лист «${m.sheet}»`);
  if (m.cell) where.push(`ячейка ${m.cell}`);
  const indicator = m.indicator ? ` («${shorten(m.indicator, 90)}»)` : '';
  // a finding about the whole file: «Файл: нет служебного листа», but never «Файл: файл .xlsx повреждён…»
  const head = where.length > 0 ? where.join(', ') : /^файл/i.test(m.text) ? '' : 'файл';
  const text = head === '' ? capital(`${m.text}${indicator}`) : capital(`${head}${indicator}: ${m.text}`);
  return m.severity === 'error' ? text : `Предупреждение. ${text}`;
}

const capital = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

function shorten(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

export const hasErrors = (messages: Message[]): boolean => messages.some((m) => m.severity === 'error');
