import * as z from 'zod/mini';

/**
 * The catalog as a department writes it: appendices, their rows and columns, and for each
 * column how a school reports it (measure) and how it is aggregated. `expandCatalog` turns it
 * into cells and inputs. Everything here is data, so a department can add indicators without code.
 */

/** Input ids become defined names (Excel) and named ranges (Google Sheets): letters, digits, `_`. */
export const INPUT_ID_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
const inputId = z.string().check(z.regex(INPUT_ID_PATTERN, 'id: заглавные латинские буквы, цифры и «_», например P_NOO'));
const nonEmpty = z.string().check(z.minLength(1));
const shortCode = z.string().check(z.regex(/^[A-Z][A-Z0-9]*$/, 'код: заглавные латинские буквы и цифры'));

export const INPUT_KINDS = ['count', 'number', 'percent', 'flag', 'url', 'text'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const POLARITIES = ['higher', 'lower', 'context'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** A field asked once per school (profile) or once per appendix (bases such as B5_REG). */
export const InputSpecSchema = z.object({
  id: inputId,
  label: nonEmpty,
  kind: z.enum(INPUT_KINDS),
  unit: z.optional(z.string()),
  /** A count must not exceed this input. */
  whole: z.optional(inputId),
  /** Computed as the sum of these inputs, never typed (e.g. P_STU). */
  derived: z.optional(z.array(inputId)),
  help: z.optional(z.string()),
  /** Optional inputs may stay empty (e.g. inputs used only by other catalogs). */
  optional: z.optional(z.boolean()),
});
export type InputSpec = z.infer<typeof InputSpecSchema>;

export const PartSpecSchema = z.object({
  id: shortCode,
  title: nonEmpty,
  /** Per-part denominator, e.g. P_NOO for the НОШ level. */
  denominator: z.optional(inputId),
  /** Per-part label used in input rows when it differs from the header title. */
  label: z.optional(z.string()),
});
export type PartSpec = z.infer<typeof PartSpecSchema>;

/** The denominator of a ratio: one input, the per-part denominator ('part'), or the schools. */
const denominatorRef = z.union([inputId, z.literal('part')]);

export const MeasureSchema = z.discriminatedUnion('type', [
  /** «Доля ОО»: a yes/no per school; value = Σ yes / schools that reported, %. */
  z.object({ type: z.literal('schoolShare'), question: nonEmpty, applicableIf: z.optional(inputId), aux: z.optional(nonEmpty) }),
  /** «Количество ОО»: a yes/no per school; value = Σ yes. */
  z.object({ type: z.literal('schoolCount'), question: nonEmpty, aux: z.optional(nonEmpty) }),
  /** A share of persons: value = Σ numerator / Σ denominator, %. */
  z.object({ type: z.literal('ratio'), numerator: nonEmpty, denominator: denominatorRef }),
  /** A count: value = Σ. `whole` bounds each school's count. */
  z.object({ type: z.literal('count'), label: nonEmpty, whole: z.optional(inputId) }),
  /**
   * «чел./%»: a count and a share. `countOf` says which side is the count shown (A5.C4 counts the
   * denominator, removed students, and shows the share of them who left). `targetOn` says which
   * part a single-number reference value applies to (D8).
   */
  z.object({
    type: z.literal('countRatio'),
    numerator: nonEmpty,
    denominator: denominatorRef,
    countOf: z.enum(['numerator', 'denominator']),
    targetOn: z.enum(['count', 'percent']),
    /** The percentage is context only (no flag), e.g. «% выбывших». */
    percentIsContext: z.optional(z.boolean()),
  }),
  /** «семей/чел.» and similar: two counts; `compare` says which are checked against the target. */
  z.object({
    type: z.literal('countPair'),
    first: z.object({ code: shortCode, label: nonEmpty, unit: nonEmpty, whole: z.optional(inputId) }),
    second: z.object({ code: shortCode, label: nonEmpty, unit: nonEmpty, whole: z.optional(inputId) }),
    compare: z.enum(['both', 'first']),
  }),
]);
export type Measure = z.infer<typeof MeasureSchema>;

/** A source reference value as written, or one held back until the department confirms it (D9). */
export const TargetSourceSchema = z.union([z.string(), z.object({ source: z.string(), quarantine: nonEmpty })]);
export type TargetSource = z.infer<typeof TargetSourceSchema>;

export const ColumnSpecSchema = z.object({
  id: shortCode,
  title: nonEmpty,
  unit: z.string(),
  polarity: z.enum(POLARITIES),
  /** 'row': asked per appendix row (direction); 'school': once per school, repeated in every row (D10). */
  scope: z.enum(['row', 'school']),
  partsHeader: z.optional(z.string()),
  parts: z.optional(z.array(PartSpecSchema)),
  measure: MeasureSchema,
  /** Reference values per appendix row, then per part (a single entry when the column has no parts). */
  targets: z.array(z.array(TargetSourceSchema)),
  /** Base is zero → the cell is N/A, not 0 («при наличии таких детей»). */
  naWhenZeroBase: z.optional(z.boolean()),
  /** Small counts are suppressed in documents that leave the department (D25). */
  sensitive: z.optional(z.boolean()),
  note: z.optional(z.string()),
  decisions: z.optional(z.array(z.string())),
  /** Direction-independent help printed on the school form (counting rules, D22). */
  help: z.optional(z.string()),
  /** «Ключевой»: shown in the dynamics charts and the report's summary. */
  key: z.optional(z.boolean()),
  /** The indicator group, e.g. one of the four groups of the Bashmakovsky МСОКО §4.9.4. */
  group: z.optional(z.string()),
  /** Method of collection and source of the data (R1). */
  method: z.optional(z.string()),
});
export type ColumnSpec = z.infer<typeof ColumnSpecSchema>;

export const RowSpecSchema = z.object({ id: shortCode, number: z.string(), title: nonEmpty, short: z.optional(z.string()) });
export type RowSpec = z.infer<typeof RowSpecSchema>;

export const AppendixSpecSchema = z.object({
  number: z.int().check(z.positive()),
  table: nonEmpty,
  title: nonEmpty,
  short: nonEmpty,
  rowHeader: nonEmpty,
  indicatorsHeader: z.nullable(z.string()),
  rows: z.array(RowSpecSchema).check(z.minLength(1)),
  bases: z.optional(z.array(InputSpecSchema)),
  columns: z.array(ColumnSpecSchema).check(z.minLength(1)),
  note: z.optional(z.string()),
});
export type AppendixSpec = z.infer<typeof AppendixSpecSchema>;

export const CheckSpecSchema = z.object({
  id: nonEmpty,
  type: z.enum(['sumLe', 'sumEq', 'implies']),
  parts: z.array(inputId).check(z.minLength(1)),
  total: inputId,
  severity: z.enum(['error', 'warning']),
  message: nonEmpty,
});
export type CheckSpec = z.infer<typeof CheckSpecSchema>;

export const CatalogSourceSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
  version: nonEmpty,
  title: nonEmpty,
  municipalityExample: z.optional(z.string()),
  source: nonEmpty,
  profile: z.array(InputSpecSchema),
  appendices: z.array(AppendixSpecSchema).check(z.minLength(1)),
  checks: z.optional(z.array(CheckSpecSchema)),
  /** Labels of the appendix rows shown in reports: «Приложение» for Kalar, «Показатель» elsewhere. */
  appendixWord: z.optional(z.string()),
});
export type CatalogSource = z.infer<typeof CatalogSourceSchema>;
