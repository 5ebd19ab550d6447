/**
 * A school's recommendations chart as a native DrawingML chart part (word/charts/chartN.xml) rather than a PNG:
 * drawing the picture (ECharts → SVG → PNG) was most of the ≈ 76 ms of CPU per school of `msoko recommend`; this part
 * is a string and stays editable in Word and LibreOffice. The numbers are literals (c:strLit / c:numLit) in the
 * part itself, so no embedded workbook is needed. Without colour the standing reads from «√»/«×» in the category
 * label (as the Google renderer's chartTable) and the series from their fills: the school dark and solid, the
 * municipality light and hatched, the target with no fill and a dashed outline.
 */
import type { Chart, ChartKind, ChartSeries } from '../../core/chart/model';
import type { DocumentModel } from '../../core/document/model';
import { chartTable } from '../../core/layout/chart-data';
import { FONT, PAGE } from './design';
import { extentOf } from './drawing';
import { XML_DECLARATION, escapeXml } from './xml';

const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const chartPartName = (index: number): string => `chart${index + 1}.xml`;

const NATIVE_KINDS: ReadonlySet<ChartKind> = new Set(['bar', 'groupedBar', 'bullet']);

/** Bar charts of a school's documents are drawn natively; everything else (the municipal report) stays a picture. */
export const isNativeChart = (audience: DocumentModel['audience'], chart: Chart): boolean => audience === 'school' && NATIVE_KINDS.has(chart.kind);

const DARK = '1F4E79';
const line = (color: string, dash = ''): string =>
  `<a:ln w="12700"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${dash ? `<a:prstDash val="${dash}"/>` : ''}</a:ln>`;
const solid = (color: string): string => `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${line(color)}</c:spPr>`;
const hatched = (color: string, prst: string): string =>
  `<c:spPr><a:pattFill prst="${prst}"><a:fgClr><a:srgbClr val="${color}"/></a:fgClr><a:bgClr><a:srgbClr val="FFFFFF"/></a:bgClr></a:pattFill>` +
  `${line(color)}</c:spPr>`;
const SCHOOL = solid(DARK);
const NOT_ACHIEVED = hatched('C55A11', 'wdUpDiag');
const MUNICIPAL = hatched('595959', 'pct20');
const TARGET = `<c:spPr><a:noFill/>${line('000000', 'dash')}</c:spPr>`;
const LOOK: Record<ChartSeries['role'], string> = {
  school: SCHOOL,
  current: SCHOOL,
  group: SCHOOL,
  municipal: MUNICIPAL,
  previous: hatched('7F7F7F', 'pct20'),
  year: hatched('2E75B6', 'pct20'),
};

/** An xsd:double for a finite number; anything else is a gap. */
const numeral = (v: string | number): string | null => (typeof v === 'number' && Number.isFinite(v) ? String(v) : null);

function strLit(values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join('');
  return `<c:strLit><c:ptCount val="${values.length}"/>${pts}</c:strLit>`;
}

function numLit(values: (string | number)[]): string {
  let pts = '';
  values.forEach((v, i) => {
    const n = numeral(v);
    if (n !== null) pts += `<c:pt idx="${i}"><c:v>${n}</c:v></c:pt>`;
  });
  return `<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numLit>`;
}

const LABELS =
  '<c:dLbls><c:numFmt formatCode="General" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val="outEnd"/>' +
  '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>';

function text(value: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : ' b="0"';
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr>` +
    `<a:r><a:rPr lang="ru-RU" sz="${size}"${b}/><a:t>${escapeXml(value)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

/** word/charts/chartN.xml: a horizontal clustered bar chart of the chart's table (chartTable), categories from the top. */
export function chartPartXml(chart: Chart): string {
  const [header = [], ...rows] = chartTable(chart);
  const labels = rows.map((r) => String(r[0] ?? ''));
  let series = '';
  for (let k = 1; k < header.length; k++) {
    const role = chart.series[k - 1]?.role;
    const look = role === undefined ? TARGET : LOOK[role];
    // the first series is judged against the targets: a bar below its target is hatched, not only differently coloured;
    // only its bars carry their values (the others' are in the caption)
    const points =
      k === 1 && chart.series.length > 0
        ? chart.categories
            .map((c, i) =>
              c.standing === 'notAchieved' ? `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${NOT_ACHIEVED}</c:dPt>` : '',
            )
            .join('')
        : '';
    const values = numLit(rows.map((r) => r[k] ?? ''));
    series +=
      `<c:ser><c:idx val="${k - 1}"/><c:order val="${k - 1}"/><c:tx><c:v>${escapeXml(String(header[k]))}</c:v></c:tx>${look}` +
      `<c:invertIfNegative val="0"/>${points}${k === 1 ? LABELS : ''}<c:cat>${strLit(labels)}</c:cat><c:val>${values}</c:val></c:ser>`;
  }
  const max = chart.max !== null && Number.isFinite(chart.max) ? `<c:max val="${chart.max}"/>` : '';
  return (
    `${XML_DECLARATION}<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:lang val="ru-RU"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${text(chart.title, 1100, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
    '<c:gapWidth val="60"/><c:axId val="1"/><c:axId val="2"/></c:barChart>' +
    '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="700"/></a:pPr><a:endParaRPr lang="ru-RU"/></a:p></c:txPr>` +
    '<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/>' +
    `<c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/>${max}<c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:majorGridlines><c:spPr>${line('E0E0E0')}</c:spPr></c:majorGridlines><c:title>${text(chart.unit, 900, false)}<c:overlay val="0"/></c:title>` +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    '<c:crossAx val="1"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx></c:plotArea>' +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="${FONT}"/><a:cs typeface="${FONT}"/></a:defRPr></a:pPr>` +
    '<a:endParaRPr lang="ru-RU"/></a:p></c:txPr></c:chartSpace>'
  );
}

const EMU_PER_INCH = 914_400;
/** Title, value axis and legend; then each category's bars (one per series and the target) and the gap between them. */
const FRAME_INCHES = 1.4;
const BAR_INCHES = 0.16;
const GAP_INCHES = 0.12;
/** As a picture (drawing.ts): at most this share of the text height, so the chart and its caption can share a page. */
const MAX_INCHES = (0.8 * (PAGE.height - PAGE.top - PAGE.bottom)) / 1440;

/** The picture's width; a height an office suite lays out every category label and bar in, at most most of the page. */
export function nativeExtent(chart: Chart): { cx: number; cy: number } {
  const bars = chart.series.length + (chart.categories.some((c) => c.target !== null) ? 1 : 0);
  const inches = Math.min(MAX_INCHES, FRAME_INCHES + chart.categories.length * (bars * BAR_INCHES + GAP_INCHES));
  return { cx: extentOf(chart).cx, cy: Math.round(inches * EMU_PER_INCH) };
}

/** The run holding native chart `index` (part word/charts/chartPartName(index), relationship relId), the caption as alt text. */
export function nativeChartDrawing(chart: Chart, index: number, relId: string): string {
  const { cx, cy } = nativeExtent(chart);
  return (
    '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${index + 1}" name="${escapeXml(chart.title)}" descr="${escapeXml(chart.alt)}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="${A}"><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    '</wp:inline></w:drawing></w:r>'
  );
}
