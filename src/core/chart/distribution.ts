import type { Catalog, Cell } from '../catalog/types';
import { contribution } from '../consolidate/consolidate';
import { round1 } from '../consolidate/stats';
import type { ConsolidationExport } from '../export/contract';
import type { Value } from '../submission/values';
import { cellCategory, withCaption } from './caption';
import { chunkRows, partOf } from './municipal';
import { type BoxStats, type Chart, INTERNAL_MARK } from './model';

/** A box of fewer schools than this would show single schools' values: such indicators are left out. */
export const MIN_SCHOOLS_IN_BOX = 3;

/** Linear interpolation between order statistics (the spreadsheet's QUARTILE.INC). */
function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (at - lo);
}

export function boxOf(values: number[]): BoxStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: round1(sorted[0] as number),
    q1: round1(quantile(sorted, 0.25)),
    median: round1(quantile(sorted, 0.5)),
    q3: round1(quantile(sorted, 0.75)),
    max: round1(sorted[sorted.length - 1] as number),
    n: sorted.length,
  };
}

/** Each accepted school's own share in a cell, in no particular order and without the school: what the box is drawn from. */
export function ownShares(catalog: Catalog, cell: Cell, schools: Record<string, Value>[]): number[] {
  const inputs = new Map(catalog.inputs.map((i) => [i.id, i]));
  const out: number[] = [];
  for (const values of schools) {
    const applicable = (id: string): boolean => {
      const gate = inputs.get(id)?.applicableIf;
      return !gate || (typeof values[gate] === 'number' && (values[gate] as number) > 0);
    };
    const c = contribution(cell, values, applicable);
    if (c && c.own !== null) out.push(c.own);
  }
  return out;
}

/**
 * For the department only («для служебного пользования»): how the schools' own shares spread around each
 * indicator's municipal value, as box plots per appendix. No school is named; the values come in without their
 * schools, and an indicator reported by fewer than three schools is left out. Never in report.docx, the
 * recommendations or the public package: only appendices.xlsx «Диаграммы» and the department's spreadsheet.
 */
export function distributionCharts(catalog: Catalog, result: ConsolidationExport, schools: Record<string, Value>[]): Chart[] {
  const cells = new Map(catalog.cells.map((c) => [c.key, c]));
  const boxes = new Map<string, BoxStats>();
  for (const cell of catalog.cells) {
    if (cell.aggregate !== 'ratio') continue;
    const box = boxOf(ownShares(catalog, cell, schools));
    if (box && box.n >= MIN_SCHOOLS_IN_BOX) boxes.set(cell.key, box);
  }
  const charts: Chart[] = [];
  for (const app of result.appendices) {
    const chunks = chunkRows(app, (c) => boxes.has(c.key) && cells.has(c.key));
    chunks.forEach((chunk, i) => {
      const categories = chunk.map(({ row, cell }) => ({
        ...cellCategory(catalog, app.number, app.rows.length > 1 ? row.number : null, cell),
        box: boxes.get(cell.key),
      }));
      charts.push(
        withCaption({
          id: `distribution-${app.number}-${i + 1}`,
          kind: 'distribution',
          title: `${catalog.appendixWord} ${app.number}: разброс значений ОО, % — ${INTERNAL_MARK}${partOf(i, chunks.length)}`,
          unit: '%',
          max: 100,
          categories,
          series: [{ name: 'муниципальное значение', role: 'municipal', values: chunk.map(({ cell }) => cell.value) }],
          notes: [`Внутренний анализ отдела (${INTERNAL_MARK}): ящик — от нижнего до верхнего квартиля, черта — медиана, усы — минимум и максимум по ОО.`],
          audience: 'internal',
        }),
      );
    });
  }
  return charts;
}
