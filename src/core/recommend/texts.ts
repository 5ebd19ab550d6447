/**
 * Recommendation texts as data: per-direction tasks, school recommendations and municipal measures
 * (Kalar Appendices 1–11), per-column hints, assessment and dynamics phrases, and the fixed sections
 * of the municipal analytical report. The shape is `RecommendTextsSchema` (./texts-schema).
 */
import type { ColumnHints, DirectionText, RecommendTexts } from './texts-schema';
import { columnHintsA1A4 } from './texts/column-hints-a1-a4';
import { columnHintsA5A11 } from './texts/column-hints-a5-a11';
import { directionsA1 } from './texts/directions-a1';
import { directionsA2Civic } from './texts/directions-a2-civic';
import { directionsA2Growth } from './texts/directions-a2-growth';
import { directionsA3A4 } from './texts/directions-a3-a4';
import { directionsA5A6 } from './texts/directions-a5-a6';
import { directionsA7A9 } from './texts/directions-a7-a9';
import { directionsA10A11 } from './texts/directions-a10-a11';
import { dynamicsPhrases, strengthPhrases } from './texts/phrases';
import { reportSections } from './texts/report';

export { dynamicsPhrases, reportSections, strengthPhrases };
export { SOURCES, TASK_CORRECTIONS, TASK_HEADINGS } from './texts/sources';

/** One entry per Kalar appendix; A1 and A2 one per row. */
export const directionTexts: DirectionText[] = [
  ...directionsA1,
  ...directionsA2Civic,
  ...directionsA2Growth,
  ...directionsA3A4,
  ...directionsA5A6,
  ...directionsA7A9,
  ...directionsA10A11,
];

/** Hints per indicator column, keyed `A{n}.C{m}`. */
export const columnHints: ColumnHints = { ...columnHintsA1A4, ...columnHintsA5A11 };

export const recommendTexts: RecommendTexts = {
  directionTexts,
  columnHints,
  strengthPhrases,
  dynamicsPhrases,
  reportSections,
};

/**
 * The texts above are written for the Kalar appendices; another catalog (built-in or a department's own) gets no
 * Kalar text by its table number, and the documents build generic texts from that catalog's own words.
 */
const TEXTS_CATALOG = 'kalar';

/** The direction text of an appendix row: the row's own entry, else the appendix-wide one (row null). */
export function directionTextFor(catalog: { id: string }, appendix: number, row: string | null): DirectionText | undefined {
  if (catalog.id !== TEXTS_CATALOG) return undefined;
  const inAppendix = directionTexts.filter((d) => d.appendix === appendix);
  return inAppendix.find((d) => d.row === row) ?? inAppendix.find((d) => d.row === null);
}

/** The hint of an indicator column, e.g. `columnHintFor(catalog, 5, 'C1')`. */
export function columnHintFor(catalog: { id: string }, appendix: number, column: string): string | undefined {
  if (catalog.id !== TEXTS_CATALOG) return undefined;
  return columnHints[`A${appendix}.${column}`];
}

/** Fills `{name}` placeholders; a placeholder without a value is left as is. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([^{}]*)\}/g, (whole: string, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
