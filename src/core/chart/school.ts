import type { Catalog } from '../catalog/types';
import { achieved } from '../consolidate/consolidate';
import { round1 } from '../consolidate/stats';
import type { ConsolidationExport, ResultCell } from '../export/contract';
import type { Value } from '../submission/values';
import { captionOf, cellCategory } from './caption';
import { targetOf } from './history';
import type { Chart, ChartCategory, ChartSeries } from './model';
import { MAX_CATEGORIES } from './municipal';
import { ownShares } from './distribution';

/** With fewer accepted schools than this, a municipal value beside a school's own would reveal the others' (R-rule of issue 18). */
export const MIN_SCHOOLS_FOR_MUNICIPAL = 3;

/**
 * The school's own shares against its targets and, where at least three schools were consolidated, the municipal
 * values. Nothing else of any other school is shown. Indicators below target come first; at most MAX_CATEGORIES.
 */
export function schoolChart(catalog: Catalog, result: ConsolidationExport, values: Record<string, Value>): Chart | null {
  const accepted = result.schools.filter((s) => s.status === 'accepted').length;
  const withMunicipal = accepted >= MIN_SCHOOLS_FOR_MUNICIPAL;
  const cells = new Map(catalog.cells.map((c) => [c.key, c]));
  type Item = { category: ChartCategory; own: number; municipal: number | null; below: boolean };
  const items: Item[] = [];
  for (const app of result.appendices) {
    for (const row of app.rows) {
      for (const c of row.cells) {
        const cell = cells.get(c.key);
        if (cell?.aggregate !== 'ratio' || cell.sensitive) continue;
        const [raw] = ownShares(catalog, cell, [values]);
        if (raw === undefined) continue;
        const own = round1(raw);
        const ok = c.quarantine ? null : achieved(targetOf(c), own, null, null);
        const base = cellCategory(catalog, app.number, app.rows.length > 1 ? row.number : null, c);
        items.push({
          category: { ...base, standing: ok === null ? 'none' : ok ? 'achieved' : 'notAchieved', direction: 'none' },
          own,
          municipal: withMunicipal ? municipalOf(c) : null,
          below: ok === false,
        });
      }
    }
  }
  if (items.length === 0) return null;
  const shown = [...items.filter((i) => i.below), ...items.filter((i) => !i.below)].slice(0, MAX_CATEGORIES);
  const series: ChartSeries[] = [{ name: 'значение ОО', role: 'school', values: shown.map((i) => i.own) }];
  if (withMunicipal) series.push({ name: 'муниципальное значение', role: 'municipal', values: shown.map((i) => i.municipal) });
  const notes: string[] = [];
  if (items.length > shown.length) notes.push(`Показаны ${shown.length} из ${items.length} показателей: сначала не достигшие плановых значений.`);
  if (!withMunicipal) notes.push('Муниципальные значения не приводятся: в своде меньше трёх образовательных организаций.');
  const chart: Omit<Chart, 'alt'> = {
    id: 'school',
    kind: 'bullet',
    title: withMunicipal ? 'Значения ОО, муниципальные и плановые значения, %' : 'Значения ОО и плановые значения, %',
    unit: '%',
    max: 100,
    categories: shown.map((i) => i.category),
    series,
    notes,
    audience: 'school',
  };
  return { ...chart, alt: captionOf(chart) };
}

const municipalOf = (c: ResultCell): number | null => (c.notApplicable ? null : c.value);
