import type { Catalog } from '../core/catalog/types';
import { componentsChart } from '../core/chart/components';
import { distributionCharts } from '../core/chart/distribution';
import { historyFromResult } from '../core/chart/history';
import type { Chart } from '../core/chart/model';
import { achievedDynamicsChart, appendixCharts, cellDynamicsCharts, overviewChart, surveyChart } from '../core/chart/municipal';
import type { ConsolidationExport } from '../core/export/contract';
import { chartsSheet, withCharts } from '../core/layout/chart-sheets';
import type { SheetSpec } from '../core/layout/types';
import type { Value } from '../core/submission/values';

/**
 * The consolidation's charts for the department's workbook (appendices.xlsx offline, the department's spreadsheet in
 * Google): each appendix sheet gets its value-vs-target charts under the table, and «Диаграммы» holds them all with
 * captions — the overview, the dynamics, satisfaction and, last, the distribution of schools' values, which is the
 * department's own («для служебного пользования») and goes nowhere else.
 */
export function chartSheets(
  catalog: Catalog,
  result: ConsolidationExport,
  schoolValues: Record<string, Record<string, Value>>,
  sheets: SheetSpec[],
): { sheets: SheetSpec[]; charts: SheetSpec } {
  const { all, perAppendix } = chartsOf(catalog, result, schoolValues);
  const withAppendixCharts = sheets.map((s) => (s.role === 'table' && s.appendix !== null ? withCharts(s, perAppendix.get(s.appendix) ?? []) : s));
  return { sheets: withAppendixCharts, charts: chartsSheet(`Диаграммы — ${result.municipality}, ${result.year}`, all) };
}

/**
 * All the department's charts of one consolidation, in the order «Диаграммы» and the panel show them: the overview,
 * the dynamics, satisfaction, each appendix's value-vs-target charts, each cell's dynamics and, last, the
 * distribution of schools' values («для служебного пользования»).
 */
export function departmentCharts(catalog: Catalog, result: ConsolidationExport, schoolValues: Record<string, Record<string, Value>>): Chart[] {
  return chartsOf(catalog, result, schoolValues).all;
}

function chartsOf(
  catalog: Catalog,
  result: ConsolidationExport,
  schoolValues: Record<string, Record<string, Value>>,
): { all: Chart[]; perAppendix: Map<number, Chart[]> } {
  const history = historyFromResult(result);
  const perAppendix = new Map(result.appendices.map((a) => [a.number, appendixCharts(catalog, result, a)]));
  const all: Chart[] = [
    overviewChart(catalog, result, history),
    ...[achievedDynamicsChart(catalog, result, history), surveyChart(result), componentsChart(result.management?.components ?? [], result.year)].filter(
      (c): c is Chart => c !== null,
    ),
    ...[...perAppendix.values()].flat(),
    ...cellDynamicsCharts(catalog, result, history),
    // the schools' values come without their schools: the charts cannot name one
    ...distributionCharts(catalog, result, Object.values(schoolValues)),
  ];
  return { all, perAppendix };
}
