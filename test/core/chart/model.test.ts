/**
 * The chart model (src/core/chart): the numbers a chart shows are the consolidation's numbers; no chart meant for the
 * report, a school or the public names a school; the department's distribution charts are marked and kept internal;
 * a school's chart carries no municipal values when fewer than three schools were consolidated.
 */
import { appendixSummary } from '../../../src/app/consolidate';
import { captionOf } from '../../../src/core/chart/caption';
import { distributionCharts, MIN_SCHOOLS_IN_BOX, ownShares } from '../../../src/core/chart/distribution';
import { achievedShareByYear, historyFromResult, historyOf, yearPointOf } from '../../../src/core/chart/history';
import { type Chart, INTERNAL_MARK, isShareable } from '../../../src/core/chart/model';
import { MAX_CATEGORIES, achievedDynamicsChart, appendixCharts, cellDynamicsCharts, overviewChart, surveyChart } from '../../../src/core/chart/municipal';
import { schoolChart } from '../../../src/core/chart/school';
import { consolidate } from '../../../src/core/consolidate/consolidate';
import type { ConsolidationExport, ResultCell } from '../../../src/core/export/contract';
import type { Value } from '../../../src/core/submission/values';
import { REGISTRY, campaign, catalog, demoChartResult, outcome } from '../builders';

const kalar = catalog();
const { outcomes, previous, result } = demoChartResult();
const cells = new Map<string, ResultCell>(result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells.map((c) => [c.key, c] as const))));
const schoolValues: Record<string, Value>[] = outcomes.flatMap((o) => (o.submission ? [o.submission.values] : []));

/** Every string of a chart: title, notes, caption, labels, names, series names. */
const textsOf = (chart: Chart): string[] => [
  chart.title,
  chart.alt,
  ...chart.notes,
  ...chart.categories.flatMap((c) => [c.label, c.name, c.key]),
  ...chart.series.map((s) => s.name),
];

const publicCharts = (): Chart[] => [
  overviewChart(kalar, result),
  ...result.appendices.flatMap((a) => appendixCharts(kalar, result, a)),
  ...[achievedDynamicsChart(kalar, result), surveyChart(result)].filter((c): c is Chart => c !== null),
  ...cellDynamicsCharts(kalar, result),
];

describe('municipal charts', () => {
  test('each appendix: the bars are the consolidated shares, the marks their targets, the colour their achievement', () => {
    for (const app of result.appendices) {
      const charts = appendixCharts(kalar, result, app);
      expect(charts.length).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(chart.kind).toBe('bullet');
        expect(chart.categories.length).toBeLessThanOrEqual(MAX_CATEGORIES);
        chart.categories.forEach((cat, i) => {
          const c = cells.get(cat.key) as ResultCell;
          const sensitiveSmall = kalar.cells.find((x) => x.key === c.key)?.sensitive && c.count !== null && c.count > 0 && c.count < 3;
          expect(chart.series[0]?.values[i]).toBe(sensitiveSmall ? null : c.value);
          expect(cat.standing).toBe(c.quarantine || c.polarity === 'context' || c.achieved === null ? 'none' : c.achieved ? 'achieved' : 'notAchieved');
          if (cat.target) expect(cat.target.value).toBe(c.targetRule?.value);
          if (c.change !== null && c.change !== 0 && c.polarity !== 'context') expect(['better', 'worse']).toContain(cat.direction);
        });
      }
    }
  });

  test('the overview: the share achieved per appendix equals the panel summary; last year judged on the same targets', () => {
    const chart = overviewChart(kalar, result);
    const current = chart.series.find((s) => s.role === 'current');
    appendixSummary(result).forEach((s, i) => {
      expect(current?.values[i]).toBe(s.assessed > 0 ? Math.round((1000 * s.achieved) / s.assessed) / 10 : null);
    });
    expect(chart.series.map((s) => s.name)).toEqual(['2025 г.', `${result.year} г.`]);
    expect(chart.kind).toBe('groupedBar');
  });

  test('history of any number of years, oldest first; a result holds two; the dynamics chart draws lines from three', () => {
    const h2 = historyFromResult(result);
    expect(h2.years).toEqual([result.year - 1, result.year]);
    const key = 'A2.R1.C1';
    expect(h2.values(key)).toEqual([cells.get(key)?.previous, cells.get(key)?.value]);
    const older = { ...yearPointOf(previous), year: result.year - 2 };
    const h3 = historyFromResult(result, [older]);
    expect(h3.years).toEqual([result.year - 2, result.year - 1, result.year]);
    expect(historyOf([yearPointOf(result), older]).years).toEqual([result.year - 2, result.year]);
    expect(achievedDynamicsChart(kalar, result, h3)?.kind).toBe('line');
    expect(achievedDynamicsChart(kalar, result, h2)?.kind).toBe('groupedBar');
    const a1 = result.appendices[0] as ConsolidationExport['appendices'][number];
    expect(achievedShareByYear(a1, h3, result.year)).toHaveLength(3);
    expect(achievedDynamicsChart(kalar, { ...result, appendices: result.appendices }, historyOf([yearPointOf(result)]))).toBeNull();
  });

  test('dynamics of every share with two or more years, the years as series', () => {
    const charts = cellDynamicsCharts(kalar, result);
    const keys = charts.flatMap((c) => c.categories.map((x) => x.key));
    expect(keys.length).toBeGreaterThan(50);
    for (const chart of charts) {
      chart.categories.forEach((cat, i) => {
        const c = cells.get(cat.key) as ResultCell;
        expect(chart.series.map((s) => s.values[i])).toEqual([c.previous, c.value]);
      });
    }
  });

  test('satisfaction: municipal shares by group, last year beside', () => {
    const chart = surveyChart(result) as Chart;
    expect(chart.series.map((s) => s.values)).toEqual([
      [71.4, 60],
      [80, 65],
    ]);
    expect(chart.categories.map((c) => c.direction)).toEqual(['better', 'better']);
    expect(surveyChart({ ...result, surveys: undefined })).toBeNull();
  });

  test('no chart meant for the report or the public names a school, and each has a caption with its numbers', () => {
    const names = REGISTRY.flatMap((s) => [s.name, s.shortName]);
    for (const chart of publicCharts()) {
      expect(isShareable(chart)).toBe(true);
      for (const text of textsOf(chart)) for (const name of names) expect(text).not.toContain(name);
      expect(chart.alt).toBe(captionOf(chart));
      expect(chart.alt.startsWith(chart.title)).toBe(true);
    }
    const a2 = appendixCharts(kalar, result, result.appendices[1] as ConsolidationExport['appendices'][number])[0] as Chart;
    expect(a2.alt).toContain(String(a2.series[0]?.values[0]).replace('.', ','));
  });
});

describe('the department-only distribution', () => {
  const charts = distributionCharts(kalar, result, schoolValues);

  test('marked «для служебного пользования», internal, never shareable, and without school names', () => {
    expect(charts.length).toBeGreaterThan(0);
    const names = REGISTRY.flatMap((s) => [s.name, s.shortName, s.id]);
    for (const chart of charts) {
      expect(chart.audience).toBe('internal');
      expect(isShareable(chart)).toBe(false);
      expect(chart.title).toContain(INTERNAL_MARK);
      for (const text of textsOf(chart)) for (const name of names) expect(text).not.toContain(name);
    }
  });

  test('the boxes span the consolidation’s min, median and max; fewer than three schools draw no box', () => {
    for (const chart of charts) {
      for (const cat of chart.categories) {
        const c = cells.get(cat.key) as ResultCell;
        expect(cat.box?.n).toBe(c.n);
        expect([cat.box?.min, cat.box?.median, cat.box?.max]).toEqual([c.min, c.median, c.max]);
        expect(cat.box?.n).toBeGreaterThanOrEqual(MIN_SCHOOLS_IN_BOX);
      }
    }
    expect(distributionCharts(kalar, result, schoolValues.slice(0, 2))).toEqual([]);
    const cell = kalar.cells.find((c) => c.key === 'A2.R1.C1');
    if (cell) expect(ownShares(kalar, cell, schoolValues)).toHaveLength(cells.get('A2.R1.C1')?.n ?? -1);
  });
});

describe('a school’s chart', () => {
  const own = outcomes[0]?.submission?.values as Record<string, Value>;

  test('its own values against targets and the municipal values; no other school', () => {
    const chart = schoolChart(kalar, result, own) as Chart;
    expect(chart.audience).toBe('school');
    expect(chart.series.map((s) => s.role)).toEqual(['school', 'municipal']);
    expect(chart.categories.length).toBeLessThanOrEqual(MAX_CATEGORIES);
    chart.categories.forEach((cat, i) => {
      expect(chart.series[1]?.values[i]).toBe(cells.get(cat.key)?.value);
    });
    const first = chart.categories.findIndex((c) => c.standing !== 'notAchieved');
    if (first >= 0) expect(chart.categories.slice(first).some((c) => c.standing === 'notAchieved')).toBe(false);
    const others = REGISTRY.slice(1).flatMap((s) => [s.name, s.shortName]);
    for (const text of textsOf(chart)) for (const name of others) expect(text).not.toContain(name);
  });

  test('with fewer than three schools consolidated there is no municipal value beside the school’s', () => {
    const two = REGISTRY.slice(0, 2).map((s, i) => outcomes[i] ?? outcome(s, null, 'missing'));
    const small = consolidate({ catalog: kalar, campaign: campaign(), outcomes: two, previous: null });
    const chart = schoolChart(kalar, small, own) as Chart;
    expect(chart.series.map((s) => s.role)).toEqual(['school']);
    expect(chart.notes.join(' ')).toContain('меньше трёх');
    expect(chart.alt).not.toContain('муниципальное значение');
  });
});
