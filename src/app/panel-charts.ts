import { departmentCharts } from './charts';
import type { CampaignContext } from './campaign';
import type { CampaignStore } from './ports';
import { ChartSchema } from '../core/chart/schema';
import type { Chart } from '../core/chart/model';
import * as z from 'zod/mini';

/** What the panel's «Диаграммы» shows: the charts of the last consolidation, or why there are none yet. */
export interface PanelCharts {
  /** «Диаграммы — Тестовый муниципальный округ, 2026»; '' before any consolidation. */
  title: string;
  charts: Chart[];
  /** The empty state, in Russian; '' when there are charts. */
  message: string;
}

export const NO_CHARTS_YET = 'Диаграмм пока нет: они строятся по итогам свода. Выполните шаг «Свод» — диаграммы появятся здесь.';

const ChartsSchema = z.array(ChartSchema);

/**
 * The panel's charts, built from the last consolidation the store holds — the same charts as the department's
 * «Диаграммы» sheet. The panel is the department's own screen, so the internal ones (the distribution of schools'
 * values, «для служебного пользования») come too; the panel shows them under that heading. Checked against the
 * model's schema before they leave as JSON, so a number JSON cannot carry is an error here, not a missing bar there.
 */
export function panelCharts(ctx: CampaignContext, store: CampaignStore): PanelCharts {
  const current = store.current();
  if (!current) return { title: '', charts: [], message: NO_CHARTS_YET };
  const { result, schoolValues } = current;
  const charts = ChartsSchema.parse(departmentCharts(ctx.catalog, result, schoolValues));
  return { title: `Диаграммы — ${result.municipality}, ${result.year}`, charts, message: charts.length > 0 ? '' : NO_CHARTS_YET };
}
