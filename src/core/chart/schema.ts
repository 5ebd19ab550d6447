/**
 * The chart model (model.ts) as a zod schema, for where charts cross a boundary as JSON: the panel's «charts» reply.
 * Numbers must be finite — JSON would turn NaN or Infinity into null silently, and a bar would vanish without a word.
 */
import * as z from 'zod/mini';
import type { Chart } from './model';

const finite = z.number().check(z.refine(Number.isFinite, 'число должно быть конечным'));

export const ChartSeriesSchema = z.object({
  name: z.string(),
  role: z.enum(['current', 'previous', 'year', 'school', 'municipal', 'group']),
  values: z.array(z.nullable(finite)),
});

export const ChartCategorySchema = z.object({
  label: z.string(),
  name: z.string(),
  key: z.string(),
  target: z.nullable(z.object({ value: finite, op: z.enum(['>=', '<=']) })),
  standing: z.enum(['achieved', 'notAchieved', 'none']),
  direction: z.enum(['better', 'worse', 'same', 'none']),
  box: z.optional(z.object({ min: finite, q1: finite, median: finite, q3: finite, max: finite, n: finite })),
});

export const ChartSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['bullet', 'bar', 'groupedBar', 'line', 'distribution']),
    title: z.string(),
    unit: z.string(),
    max: z.nullable(finite),
    categories: z.array(ChartCategorySchema),
    series: z.array(ChartSeriesSchema),
    notes: z.array(z.string()),
    audience: z.enum(['public', 'school', 'internal']),
    alt: z.string(),
  })
  .check(z.refine((c) => c.series.every((s) => s.values.length === c.categories.length), 'у каждого ряда по одному значению на категорию'));

/** Compile-time: the schema's output is the model's Chart, both ways (a field added to one only is an error). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ChartSchemaMatchesModel = Assert<Same<z.infer<typeof ChartSchema>, Chart>>;
