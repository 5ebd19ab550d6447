import * as z from 'zod/mini';

/** School types of the registry. The levels a school teaches come from its profile, not its type (D3). */
export const SCHOOL_TYPES = ['НОШ', 'ООШ', 'СОШ'] as const;

const email = z.string().check(z.regex(/^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/, 'неверный адрес электронной почты'));

export const SchoolSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'код ОО: латинские буквы, цифры, «-» и «_», до 40 знаков')),
  name: z.string().check(z.minLength(3, 'полное наименование ОО не заполнено')),
  shortName: z.string().check(z.minLength(1, 'краткое наименование не заполнено')),
  type: z.enum(SCHOOL_TYPES),
  emails: z.array(email),
});
export type School = z.infer<typeof SchoolSchema>;

export const CampaignSchema = z.object({
  year: z.int().check(z.gte(2020), z.lte(2100)),
  municipality: z.string().check(z.minLength(2)),
  department: z.optional(z.string()),
  catalogId: z.string().check(z.minLength(1)),
  deadline: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'срок: ГГГГ-ММ-ДД'))),
  /** Letters to schools (issue 19): who signs them and from which address; both optional, old campaigns stay valid. */
  senderName: z.optional(z.string().check(z.maxLength(200, 'имя отправителя: не длиннее 200 знаков'))),
  senderEmail: z.optional(email),
  /** A school gets at most one reminder in this many days (7 when not set). */
  reminderDays: z.optional(z.int().check(z.gte(1, 'интервал напоминаний: не меньше 1 дня'), z.lte(365, 'интервал напоминаний: не больше 365 дней'))),
  /** Department-confirmed targets by cell key ('A1.R1.C1' → 'Не < 80'); they replace the source reference values (D6). */
  targetOverrides: z.optional(z.record(z.string(), z.string())),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** The stamp written into every school file, checked on the way back. */
export interface FileStamp {
  schoolId: string;
  year: number;
  catalogId: string;
  catalogVersion: string;
  layoutHash: string;
}
