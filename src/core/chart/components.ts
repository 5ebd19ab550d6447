import type { ComponentRow } from '../export/contract';
import { COMPONENT_TITLES } from '../register/components';
import { withCaption } from './caption';
import type { Chart } from './model';

/**
 * The four components of the management cycle (R11): for each, the share of directions that have it this year.
 * A component missing in some direction shows as a short bar; the table beside it names the directions.
 */
export function componentsChart(rows: ComponentRow[], year: number): Chart | null {
  if (rows.length === 0) return null;
  const share = (title: string): number => Math.round((1000 * rows.filter((r) => !r.missing.includes(title)).length) / rows.length) / 10;
  return withCaption({
    id: 'components',
    kind: 'bar',
    title: `Четыре компонента управленческого цикла: доля направлений, где компонент есть, ${year} г., %`,
    unit: '%',
    max: 100,
    categories: COMPONENT_TITLES.map((title, i) => ({
      label: title,
      name: title,
      key: `component-${i + 1}`,
      target: null,
      standing: 'none',
      direction: 'none',
    })),
    series: [{ name: `${year} г.`, role: 'current', values: COMPONENT_TITLES.map(share) }],
    notes: [`Направлений — ${rows.length}; компонент «есть», если в направлении он не отмечен словом «нет».`],
    audience: 'public',
  });
}
