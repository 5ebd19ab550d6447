/**
 * A chart as data, like the document model: built once in the core from the consolidation result (and the years
 * before it) and drawn by each adapter — an SVG/PNG offline, a native chart in Google Sheets, an image in Docs.
 * It knows no renderer: no colours, no pixels, only what is shown and how it reads.
 */

/**
 * bullet — each category's value against its target mark, achieved or not;
 * bar — one series of plain bars; groupedBar — several series side by side (years, school vs municipality);
 * line — series over the years; distribution — a box plot of schools' values per category (department only).
 */
export type ChartKind = 'bullet' | 'bar' | 'groupedBar' | 'line' | 'distribution';

/** Who may see the chart: the public (report, public package), one school, or the department only. */
export type ChartAudience = 'public' | 'school' | 'internal';

/** What a series stands for: the renderer picks its look (colour, pattern, line style) from it. */
export type SeriesRole = 'current' | 'previous' | 'year' | 'school' | 'municipal' | 'group';

export interface ChartSeries {
  name: string;
  role: SeriesRole;
  /** One value per category; null where there is none (no data, not applicable, suppressed). */
  values: (number | null)[];
}

/** achieved / notAchieved under the target's direction; none: no target or nothing to judge. */
export type Standing = 'achieved' | 'notAchieved' | 'none';
/** The change against the year before, for the better or the worse under the indicator's polarity. */
export type Direction = 'better' | 'worse' | 'same' | 'none';

export interface TargetMark {
  value: number;
  /** «не менее» (>=) or «не более» (<=). */
  op: '>=' | '<=';
}

export interface BoxStats {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** How many schools' values the box is drawn from. */
  n: number;
}

export interface ChartCategory {
  /** A short label for the axis. */
  label: string;
  /** The full name, for the caption. */
  name: string;
  /** The indicator's key in the catalog («A2.R1.C1»), or another stable id. */
  key: string;
  target: TargetMark | null;
  standing: Standing;
  direction: Direction;
  /** Distribution charts only. */
  box?: BoxStats;
}

export interface Chart {
  /** Stable and unique in one output («appendix-2-1», «overview», «dynamics», «survey», «distribution-2-1»). */
  id: string;
  kind: ChartKind;
  title: string;
  /** The unit of the value axis: «%», «ед.», «чел.». */
  unit: string;
  /** The value axis' fixed maximum (100 for shares), or null to fit the data. */
  max: number | null;
  categories: ChartCategory[];
  series: ChartSeries[];
  notes: string[];
  audience: ChartAudience;
  /** Alternative text and caption: every number the chart shows, in words. */
  alt: string;
}

/** Charts that may go into report.docx, the recommendations or the public package. */
export const isShareable = (chart: Chart): boolean => chart.audience !== 'internal';

/** The internal marking required on the department's own analysis. */
export const INTERNAL_MARK = 'для служебного пользования';
