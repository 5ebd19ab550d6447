/**
 * The panel's calls as data: one payload schema per call of PanelRpc (null: the call takes nothing). The Apps Script
 * server and the local server (msoko serve) both parse what arrives with these, so a call cannot mean one thing in
 * Google and another offline; `satisfies` makes a call missing here, or one PanelRpc lacks, a compile error.
 */
import * as z from 'zod/mini';
import { NewCampaignSchema } from './campaign';
import { CatalogImportSchema } from './catalog-import';
import { DecisionRequestSchema } from './decide';
import type { Reply } from './errors';
import { LettersCallSchema } from './letters-panel';
import { type PanelRpc, StepNameSchema } from './rpc';

export const PANEL_CALLS = {
  getState: null,
  newCampaign: NewCampaignSchema,
  importCatalog: CatalogImportSchema,
  runStep: StepNameSchema,
  cancelStep: null,
  returnSchool: DecisionRequestSchema,
  acceptSchool: DecisionRequestSchema,
  createSurvey: null,
  collectSurvey: null,
  selfTest: null,
  charts: null,
  letters: LettersCallSchema,
} as const satisfies Record<keyof PanelRpc, z.ZodMiniType | null>;

export type PanelCallName = keyof typeof PANEL_CALLS;
type SchemaOf<K extends PanelCallName> = (typeof PANEL_CALLS)[K];

/** What the client sends for each call: the schema's input, as an argument list (google.script.run's shape). */
export type PanelPayloads = { [K in PanelCallName]: SchemaOf<K> extends z.ZodMiniType ? [z.input<SchemaOf<K>>] : [] };

/** Compile-time: each schema's input is what PanelRpc's method takes, both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertAll<T extends Record<PanelCallName, true>> = T;
export type PanelCallsMatchRpc = AssertAll<{ [K in PanelCallName]: Same<PanelPayloads[K], Parameters<PanelRpc[K]>> }>;

export const isPanelCall = (name: string): name is PanelCallName => Object.keys(PANEL_CALLS).includes(name);

export type ParsedArgs<K extends PanelCallName> = { ok: true; args: PanelPayloads[K] } | { ok: false; message: string };

/**
 * The argument list of a call as it arrived (unknown), checked against the call's schema; a refusal is Russian and
 * names the call. A call without a payload takes no argument.
 */
export function parsePanelArgs<K extends PanelCallName>(name: K, raw: unknown): ParsedArgs<K> {
  const schema: z.ZodMiniType | null = PANEL_CALLS[name];
  if (!Array.isArray(raw)) return { ok: false, message: `Запрос «${name}»: аргументы должны быть списком.` };
  if (schema === null) {
    if (raw.length > 0) return { ok: false, message: `Запрос «${name}» не принимает данных.` };
    return { ok: true, args: [] as unknown as PanelPayloads[K] };
  }
  if (raw.length !== 1) return { ok: false, message: `Запрос «${name}»: нужен ровно один аргумент.` };
  const parsed = schema.safeParse(raw[0]);
  if (!parsed.success) return { ok: false, message: `Запрос «${name}»: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  return { ok: true, args: [parsed.data] as unknown as PanelPayloads[K] };
}

/** A server that answers the same calls asynchronously (the local server reads and writes files). */
export type AsyncPanelRpc = { [K in PanelCallName]: (...args: PanelPayloads[K]) => Promise<ReturnType<PanelRpc[K]>> };

/**
 * Offline only: what the panel uploads to the local server (multipart, POST /upload/<kind>). In Google the same
 * things happen in Drive and in the sheets, so these are not calls of PanelRpc.
 */
export const UploadKindSchema = z.enum(['received', 'registry', 'survey']);
export type UploadKind = z.infer<typeof UploadKindSchema>;
export const SurveyGroupFieldSchema = z.enum(['', 'students', 'parents']);
export type UploadReply = Reply<{ message: string; saved: string[] }>;

/** Offline only: the registry typed in the panel's table (POST /registry), rows of code, name, short name, type, e-mails. */
export const RegistryRowsSchema = z.object({
  rows: z
    .array(z.array(z.string().check(z.maxLength(2000, 'слишком длинное значение'))).check(z.maxLength(10, 'лишние столбцы')))
    .check(z.maxLength(5000, 'не больше 5000 школ')),
});
export type RegistryRows = z.infer<typeof RegistryRowsSchema>;
