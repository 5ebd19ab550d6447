import * as z from 'zod/mini';

/**
 * The export contract (README «Контракт экспорта»): the catalog as JSON (`msoko catalog --json`) and a
 * consolidation result in the same shape plus values. Other tools and next year's dynamics read it.
 */
const nullableNumber = z.nullable(z.number());

export const ExportInputsSchema = z.object({
  numerator: z.optional(z.array(z.string())),
  denominator: z.optional(z.array(z.string())),
  sum: z.optional(z.array(z.string())),
  second: z.optional(z.array(z.string())),
  flag: z.optional(z.string()),
  aux: z.optional(z.string()),
});

export const ExportCellSchema = z.object({
  key: z.string(),
  column: z.string(),
  columnTitle: z.string(),
  part: z.nullable(z.string()),
  partTitle: z.nullable(z.string()),
  unit: z.string(),
  polarity: z.enum(['higher', 'lower', 'context']),
  aggregate: z.string(),
  /** The reference value as the source (or the department's override) writes it. */
  target: z.string(),
  targetRule: z.nullable(z.object({ op: z.enum(['>=', '<=']), on: z.string(), value: z.number(), second: nullableNumber })),
  quarantine: z.nullable(z.string()),
  inputs: ExportInputsSchema,
});
export type ExportCell = z.infer<typeof ExportCellSchema>;

export const ResultCellSchema = z.extend(ExportCellSchema, {
  value: nullableNumber,
  count: nullableNumber,
  second: nullableNumber,
  aux: nullableNumber,
  achieved: z.nullable(z.boolean()),
  previous: nullableNumber,
  previousCount: nullableNumber,
  change: nullableNumber,
  n: z.number(),
  min: nullableNumber,
  median: nullableNumber,
  mean: nullableNumber,
  max: nullableNumber,
  /** False when some registry schools are missing or rejected («неполные данные», D5). */
  complete: z.boolean(),
  /** True when the base is zero and the cell is «не применимо» (D8). */
  notApplicable: z.boolean(),
});
export type ResultCell = z.infer<typeof ResultCellSchema>;

export const ExportInputSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['count', 'number', 'percent', 'flag', 'url', 'text']),
  whole: z.nullable(z.string()),
  derived: z.nullable(z.array(z.string())),
  unit: z.string(),
  sheet: z.number(),
  group: z.string(),
});

/**
 * When an input is asked: null — always; `{ input, when: 'gt0' }` — only when that input is above zero (a flag such
 * as A11.C5 under the count of students with ОВЗ, or a count under its whole: a zero whole leaves it «не применимо»);
 * `when: 'yes'` — only when that flag is «да».
 */
export const ExportAppliesSchema = z.nullable(z.object({ input: z.string(), when: z.enum(['yes', 'gt0']) }));

export const CatalogExportInputSchema = z.extend(ExportInputSchema, { applies: ExportAppliesSchema });

/**
 * A control rule between inputs, the same data the validator applies: `le` part ≤ whole (`parts` = [input],
 * `total` = its whole); `sumEq` / `sumLe` Σ parts = / ≤ total; `derived` total = Σ parts, computed, never typed;
 * `implies` parts[0] «да» → total «да».
 */
export const ExportRuleSchema = z.object({
  id: z.string(),
  type: z.enum(['le', 'sumEq', 'sumLe', 'derived', 'implies']),
  parts: z.array(z.string()),
  total: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type ExportRule = z.infer<typeof ExportRuleSchema>;

const rowOf = <T extends z.core.SomeType>(cell: T) =>
  z.object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    cells: z.array(cell),
  });

const appendixOf = <T extends z.core.SomeType>(cell: T) =>
  z.object({
    number: z.number(),
    table: z.string(),
    title: z.string(),
    rows: z.array(rowOf(cell)),
  });

const catalogHead = z.object({ id: z.string(), version: z.string(), title: z.string(), source: z.string() });

export const CatalogExportSchema = z.object({
  catalog: catalogHead,
  appendices: z.array(appendixOf(ExportCellSchema)),
  inputs: z.array(CatalogExportInputSchema),
  rules: z.array(ExportRuleSchema),
});
export type CatalogExport = z.infer<typeof CatalogExportSchema>;

export const ExportMessageSchema = z.object({
  severity: z.enum(['error', 'warning']),
  sheet: z.nullable(z.string()),
  cell: z.nullable(z.string()),
  inputId: z.nullable(z.string()),
  indicator: z.nullable(z.string()),
  text: z.string(),
});

const SurveyTotalSchema = z.object({ respondents: z.number(), satisfied: z.number(), share: nullableNumber });
const SurveyMunicipalSchema = z.object({ students: SurveyTotalSchema, parents: SurveyTotalSchema });

/**
 * The satisfaction survey of students and parents (msoko import-survey): municipal shares satisfied as the ratio of
 * sums by group, last year's municipal shares when the previous result had them, and per-school counts (internal use).
 */
export const SurveysExportSchema = z.object({
  municipal: SurveyMunicipalSchema,
  previous: z.optional(z.nullable(SurveyMunicipalSchema)),
  schools: z.array(
    z.object({ schoolId: z.string(), group: z.enum(['students', 'parents']), respondents: z.number(), satisfied: z.number(), share: nullableNumber }),
  ),
});
export type SurveysExport = z.infer<typeof SurveysExportSchema>;

/** One earlier year's municipal values by cell key: from a stored result, or typed by the department («Прошлые годы»). */
export const HistoryYearSchema = z.object({
  year: z.number(),
  catalogId: z.string(),
  source: z.enum(['result', 'typed']),
  values: z.record(z.string(), nullableNumber),
});
export type HistoryYear = z.infer<typeof HistoryYearSchema>;

/** The effect of one measure of last year's register on one watched indicator (issue 16; municipal or a list of ≥ 3 schools). */
export const EffectLineSchema = z.object({
  measure: z.string(),
  document: z.string(),
  indicator: z.string(),
  before: z.string(),
  after: z.string(),
  target: z.string(),
  verdict: z.enum(['эффективна', 'без эффекта', 'недостаточно данных']),
});
export type EffectLine = z.infer<typeof EffectLineSchema>;

/** Bashmakovsky §3.8 per direction: indicators, monitoring data, analysis and recommendations, decisions with effect. */
export const ComponentRowSchema = z.object({
  key: z.string(),
  direction: z.string(),
  indicators: z.string(),
  monitoring: z.string(),
  analysis: z.string(),
  decisions: z.string(),
  missing: z.array(z.string()),
});
export type ComponentRow = z.infer<typeof ComponentRowSchema>;

export const ManagementExportSchema = z.object({
  /** Which copy of last year's register the effect analysis used («measures.xlsx прошлой кампании», «копия …»). */
  registerSource: z.nullable(z.string()),
  effects: z.array(EffectLineSchema),
  components: z.array(ComponentRowSchema),
});
export type ManagementExport = z.infer<typeof ManagementExportSchema>;

export const ConsolidationExportSchema = z.object({
  catalog: catalogHead,
  year: z.number(),
  municipality: z.string(),
  appendices: z.array(
    z.object({
      number: z.number(),
      table: z.string(),
      title: z.string(),
      rows: z.array(z.extend(rowOf(ResultCellSchema), { evidence: z.array(z.object({ schoolId: z.string(), url: z.string() })) })),
    }),
  ),
  inputs: z.array(ExportInputSchema),
  schools: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['accepted', 'rejected', 'missing']),
      messages: z.array(ExportMessageSchema),
    }),
  ),
  /** Optional: absent when no survey was imported, and in results written before surveys existed. */
  surveys: z.optional(SurveysExportSchema),
  /** Optional: earlier years' municipal values (up to four), oldest first; absent in results written before issue 16. */
  history: z.optional(z.array(HistoryYearSchema)),
  /** Optional: the management cycle — effect of last year's measures and the four components per direction. */
  management: z.optional(ManagementExportSchema),
});
export type ConsolidationExport = z.infer<typeof ConsolidationExportSchema>;

/**
 * A year's result as the add-on keeps it («Итоги <год>.json»): the contract plus each accepted school's values, for
 * next year's dynamics and plausibility checks. Readers of the contract ignore the extra field; the offline tool keeps
 * the values beside appendices.json (school-values.json) and reads either form.
 */
export const YearResultFileSchema = z.extend(ConsolidationExportSchema, {
  schoolValues: z.optional(z.record(z.string(), z.record(z.string(), z.nullable(z.union([z.number(), z.boolean(), z.string()]))))),
});
