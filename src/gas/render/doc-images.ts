import { CHART_WIDTH, chartHeight } from '../../core/chart/size';
import type { DocumentModel } from '../../core/document/model';
import { withBackoff } from '../limits';
import { type Spreadsheet, advancedDocs } from '../services';

/** A4 portrait with 2.5 cm margins leaves 16 cm of text width: 600 px at 96 dpi. */
const DOC_WIDTH_PX = 600;
const CAPTION_PREFIX = 'Диаграмма: ';
const CHARTS_SHEET = 'Диаграммы';
const CAPTION_FIELDS = 'body.content(paragraph(elements(textRun(content))))';

/** DocumentApp's child index of every caption paragraph, from one Docs API read (its body starts with a section break). */
function captionIndexes(docId: string): number[] {
  const documents = advancedDocs()?.Documents;
  if (!documents) return [];
  const content = withBackoff(() => documents.get(docId, { fields: CAPTION_FIELDS })).body?.content ?? [];
  const out: number[] = [];
  content.slice(1).forEach((element, child) => {
    const first = element.paragraph?.elements?.[0]?.textRun?.content ?? '';
    if (first.startsWith(CAPTION_PREFIX)) out.push(child);
  });
  return out;
}

/**
 * The pictures of a Google Doc's charts, put in after the Docs API batchUpdate wrote its text: the Docs API's
 * insertInlineImage takes only a public URL, and our numbers never go public. Each picture is the department
 * spreadsheet's native chart of the same title (drawn by the consolidation on «Диаграммы»), placed right above its
 * caption paragraph, with the caption as alt text. Costs one Docs read and a few calls per chart, none per paragraph.
 * Returns how many charts got their picture.
 */
export function insertChartImages(docId: string, model: DocumentModel, ss: Spreadsheet): number {
  const charts = model.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));
  if (charts.length === 0) return 0;
  const wanted = new Set(charts.map((c) => c.title));
  const native = new Map<string, GoogleAppsScript.Spreadsheet.EmbeddedChart>();
  // the shareable charts stand first on «Диаграммы», the department's own analysis last: the search stops early
  for (const c of ss.getSheetByName(CHARTS_SHEET)?.getCharts() ?? []) {
    const title = c.getOptions().get('title');
    if (typeof title === 'string' && wanted.has(title) && !native.has(title)) native.set(title, c);
    if (native.size === wanted.size) break;
  }
  // the k-th caption belongs to the k-th chart block (the renderer keeps the model's order)
  const captions = native.size === 0 ? [] : captionIndexes(docId);
  if (captions.length === 0) return 0;
  const body = DocumentApp.openById(docId).getBody();
  let placed = 0;
  // from the last to the first, so each insert leaves the indexes before it as they were
  for (let k = Math.min(charts.length, captions.length) - 1; k >= 0; k--) {
    const chart = charts[k];
    const source = chart ? native.get(chart.title) : undefined;
    if (!chart || !source) continue;
    const height = Math.round((chartHeight(chart) * DOC_WIDTH_PX) / CHART_WIDTH);
    body
      .insertImage(captions[k] as number, source.getAs('image/png'))
      .setWidth(DOC_WIDTH_PX)
      .setHeight(height)
      .setAltDescription(chart.alt);
    placed += 1;
  }
  return placed;
}
