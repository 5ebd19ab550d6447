import type { Catalog } from '../catalog/types';
import { SUPPRESS_BELOW } from '../consolidate/format';
import type { ConsolidationExport, ResultCell } from '../export/contract';
import { cellCategory, isShare, withCaption } from './caption';
import { type History, achievedShareByYear, historyFromResult } from './history';
import type { Chart, ChartCategory, ChartSeries, Direction } from './model';

/** More bars than this do not fit a readable chart on A4 portrait: the appendix is drawn in several charts. */
export const MAX_CATEGORIES = 20;

type Appendix = ConsolidationExport['appendices'][number];
type Row = Appendix['rows'][number];

/**
 * The rows of an appendix cut into charts of at most `max` bars, whole rows together where a row fits; the row's
 * number labels its bars when the appendix has several rows.
 */
export function chunkRows(app: Appendix, pick: (c: ResultCell) => boolean, max = MAX_CATEGORIES): { row: Row; cell: ResultCell }[][] {
  const chunks: { row: Row; cell: ResultCell }[][] = [];
  let current: { row: Row; cell: ResultCell }[] = [];
  for (const row of app.rows) {
    const cells = row.cells.filter(pick).map((cell) => ({ row, cell }));
    if (current.length > 0 && current.length + cells.length > max) {
      chunks.push(current);
      current = [];
    }
    for (const item of cells) {
      if (current.length === max) {
        chunks.push(current);
        current = [];
      }
      current.push(item);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export const partOf = (i: number, n: number): string => (n > 1 ? ` (часть ${i + 1} из ${n})` : '');

/** A share whose count of children is small and sensitive is not drawn in anything that leaves the department (D25). */
function publicShare(c: ResultCell, sensitive: Set<string>): number | null {
  if (c.notApplicable) return null;
  if (sensitive.has(c.key) && c.count !== null && c.count > 0 && c.count < SUPPRESS_BELOW) return null;
  return c.value;
}

/**
 * Per appendix, each share's municipal value against its target: achieved or not, the direction of change, last
 * year's value beside it where there is one. Shares only (one scale, 0–100 %); counts stay in the table.
 */
export function appendixCharts(catalog: Catalog, result: ConsolidationExport, app: Appendix): Chart[] {
  const sensitive = new Set(catalog.cells.filter((c) => c.sensitive).map((c) => c.key));
  const chunks = chunkRows(app, (c) => isShare(c) && c.value !== null && !c.notApplicable);
  const hasPrevious = app.rows.some((r) => r.cells.some((c) => isShare(c) && c.previous !== null));
  return chunks.map((chunk, i) => {
    const categories = chunk.map(({ row, cell }) => cellCategory(catalog, app.number, app.rows.length > 1 ? row.number : null, cell));
    const series: ChartSeries[] = [{ name: `${result.year} г.`, role: 'current', values: chunk.map(({ cell }) => publicShare(cell, sensitive)) }];
    if (hasPrevious)
      series.push({
        name: `${result.year - 1} г.`,
        role: 'previous',
        values: chunk.map(({ cell }) => (sensitive.has(cell.key) ? null : cell.previous)),
      });
    return withCaption({
      id: `appendix-${app.number}-${i + 1}`,
      kind: 'bullet',
      title: `${catalog.appendixWord} ${app.number}: значения и плановые значения, %${partOf(i, chunks.length)}`,
      unit: '%',
      max: 100,
      categories,
      series,
      notes: ['Тёмные полосы со знаком «✓» — плановое значение достигнуто, светлые со штриховкой — не достигнуто; вертикальная черта — плановое значение.'],
      audience: 'public',
    });
  });
}

const directionBetween = (now: number | null, before: number | null): Direction =>
  now === null || before === null ? 'none' : now === before ? 'same' : now > before ? 'better' : 'worse';

/** The one-page overview: the share of assessed targets achieved in each appendix this year (and last year where known). */
export function overviewChart(catalog: Catalog, result: ConsolidationExport, history: History = historyFromResult(result)): Chart {
  const shares = result.appendices.map((a) => achievedShareByYear(a, history, result.year));
  const last = history.years.length - 1;
  const categories: ChartCategory[] = result.appendices.map((a, i) => ({
    label: `${catalog.appendixWord} ${a.number}`,
    name: `${catalog.appendixWord} ${a.number}`,
    key: `A${a.number}`,
    target: null,
    standing: 'none',
    direction: last > 0 ? directionBetween(shares[i]?.[last] ?? null, shares[i]?.[last - 1] ?? null) : 'none',
  }));
  const series: ChartSeries[] = history.years.slice(-2).map((year) => {
    const at = history.years.indexOf(year);
    return { name: `${year} г.`, role: year === result.year ? 'current' : 'previous', values: shares.map((s) => s[at] ?? null) };
  });
  return withCaption({
    id: 'overview',
    kind: series.length > 1 ? 'groupedBar' : 'bar',
    title: 'Доля достигнутых плановых значений по приложениям, %',
    unit: '%',
    max: 100,
    categories,
    series,
    notes: ['Доля — от оцениваемых показателей приложения (с утверждённым плановым значением и данными).'],
    audience: 'public',
  });
}

/** The report's dynamics: the share of targets achieved per appendix in every year the history holds. */
export function achievedDynamicsChart(catalog: Catalog, result: ConsolidationExport, history: History = historyFromResult(result)): Chart | null {
  if (history.years.length < 2) return null;
  const shares = result.appendices.map((a) => achievedShareByYear(a, history, result.year));
  return withCaption({
    id: 'dynamics',
    kind: history.years.length > 2 ? 'line' : 'groupedBar',
    title: `Динамика доли достигнутых плановых значений, ${history.years[0]}–${history.years[history.years.length - 1]} гг., %`,
    unit: '%',
    max: 100,
    categories: result.appendices.map((a) => ({
      label: `${catalog.appendixWord} ${a.number}`,
      name: `${catalog.appendixWord} ${a.number}`,
      key: `A${a.number}`,
      target: null,
      standing: 'none',
      direction: 'none',
    })),
    series: history.years.map((year, i) => ({ name: `${year} г.`, role: year === result.year ? 'current' : 'year', values: shares.map((s) => s[i] ?? null) })),
    notes: ['Прошлые годы оценены по плановым значениям текущего года.'],
    audience: 'public',
  });
}

/**
 * The dynamics of every share with two or more years, per appendix: grouped bars for two years, lines for more.
 * (When the catalog marks its «ключевые» indicators, `pick` narrows this to them.)
 */
export function cellDynamicsCharts(
  catalog: Catalog,
  result: ConsolidationExport,
  history: History = historyFromResult(result),
  pick: (c: ResultCell) => boolean = () => true,
): Chart[] {
  const sensitive = new Set(catalog.cells.filter((c) => c.sensitive).map((c) => c.key));
  const charts: Chart[] = [];
  for (const app of result.appendices) {
    const chunks = chunkRows(app, (c) => isShare(c) && pick(c) && !sensitive.has(c.key) && history.depth(c.key) >= 2);
    chunks.forEach((chunk, i) => {
      charts.push(
        withCaption({
          id: `dynamics-${app.number}-${i + 1}`,
          kind: history.years.length > 2 ? 'line' : 'groupedBar',
          title: `${catalog.appendixWord} ${app.number}: динамика значений, %${partOf(i, chunks.length)}`,
          unit: '%',
          max: 100,
          categories: chunk.map(({ row, cell }) => cellCategory(catalog, app.number, app.rows.length > 1 ? row.number : null, cell)),
          series: history.years.map((year) => ({
            name: `${year} г.`,
            role: year === result.year ? 'current' : 'year',
            values: chunk.map(({ cell }) => history.values(cell.key)[history.years.indexOf(year)] ?? null),
          })),
          notes: [],
          audience: 'public',
        }),
      );
    });
  }
  return charts;
}

/** Satisfaction survey: the municipal share satisfied by group (ratio of sums), last year's beside it. */
export function surveyChart(result: ConsolidationExport): Chart | null {
  const s = result.surveys;
  if (!s) return null;
  const groups = [
    { id: 'students', label: 'Обучающиеся' },
    { id: 'parents', label: 'Родители' },
  ] as const;
  const series: ChartSeries[] = [];
  if (s.previous) series.push({ name: `${result.year - 1} г.`, role: 'previous', values: groups.map((g) => s.previous?.[g.id].share ?? null) });
  series.push({ name: `${result.year} г.`, role: 'current', values: groups.map((g) => s.municipal[g.id].share) });
  return withCaption({
    id: 'survey',
    kind: series.length > 1 ? 'groupedBar' : 'bar',
    title: 'Доля удовлетворённых условиями воспитания, обучения и развития, %',
    unit: '%',
    max: 100,
    categories: groups.map((g) => ({
      label: g.label,
      name: `${g.label} (ответили ${s.municipal[g.id].respondents})`,
      key: g.id,
      target: null,
      standing: 'none',
      direction: directionBetween(s.municipal[g.id].share, s.previous?.[g.id].share ?? null),
    })),
    series,
    notes: [],
    audience: 'public',
  });
}
