/**
 * A chart as an inline picture of WordprocessingML (DrawingML `wp:inline` + `pic:pic`), sized to the text width of
 * the A4 page and never taller than most of it, with the chart's caption as the picture's alternative text
 * (`wp:docPr/@descr`, what Word shows as «Замещающий текст» and screen readers read).
 */
import type { Chart } from '../../core/chart/model';
import { CHART_WIDTH, chartHeight } from '../../core/chart/size';
import { PAGE, TEXT_WIDTH } from './design';
import { escapeXml } from './xml';

const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const PIC = 'http://schemas.openxmlformats.org/drawingml/2006/picture';
/** English Metric Units per twip (914,400 per inch, 1,440 twips per inch). */
const EMU_PER_TWIP = 635;
/** A chart and its caption should share a page: the picture takes at most this share of the text height. */
const MAX_HEIGHT_SHARE = 0.8;

/** rId1–rId3 are the fixed parts and hyperlinks follow them from rId4: pictures have ids of their own. */
export const imageRelId = (index: number): string => `rIdChart${index + 1}`;
export const imageName = (index: number): string => `chart${index + 1}.png`;

/** The picture's size on the page in EMU: the text width, scaled down when the chart would be too tall. */
export function extentOf(chart: Chart): { cx: number; cy: number } {
  const textHeight = PAGE.height - PAGE.top - PAGE.bottom;
  let width = TEXT_WIDTH;
  let height = (width * chartHeight(chart)) / CHART_WIDTH;
  const limit = textHeight * MAX_HEIGHT_SHARE;
  if (height > limit) {
    width = (width * limit) / height;
    height = limit;
  }
  return { cx: Math.round(width * EMU_PER_TWIP), cy: Math.round(height * EMU_PER_TWIP) };
}

const EMU_PER_INCH = 914_400;

/** Pixels per logical pixel that print the picture at `dpi` or a little more (a tenth rounded up) at its size on the page. */
export function scaleForPrint(chart: Chart, dpi: number): number {
  const inches = extentOf(chart).cx / EMU_PER_INCH;
  return Math.ceil((dpi * inches * 10) / CHART_WIDTH) / 10;
}

/** The run holding chart `index` of the document (its picture part is word/media/imageName(index)). */
export function chartDrawing(chart: Chart, index: number): string {
  const { cx, cy } = extentOf(chart);
  const id = index + 1;
  const alt = escapeXml(chart.alt);
  const name = escapeXml(chart.title);
  return (
    '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${id}" name="${name}" descr="${alt}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${A}"><a:graphicData uri="${PIC}"><pic:pic xmlns:pic="${PIC}">` +
    `<pic:nvPicPr><pic:cNvPr id="${id}" name="${imageName(index)}" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${imageRelId(index)}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
  );
}
