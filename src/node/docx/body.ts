/** word/document.xml written straight from the document model. */
import type { Chart } from '../../core/chart/model';
import { type Block, type DocumentModel, safeUrl } from '../../core/document/model';
import { BULLET_NUM_ID, MUTED_COLOR, PAGE, SIZE, TABLE_BORDER_COLOR, TABLE_HEADER_FILL, TEXT_WIDTH } from './design';
import { isNativeChart, nativeChartDrawing } from './chart-part';
import { chartDrawing, imageRelId } from './drawing';
import { hyperlinkRelId } from './parts';
import { XML_DECLARATION, escapeXml } from './xml';

const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';

type Table = Extract<Block, { type: 'table' }>;

export interface DocumentXml {
  xml: string;
  /** Targets of the clickable links, in order: link i has the relationship hyperlinkRelId(i). */
  links: string[];
  /**
   * The charts drawn, in order: chart i has the relationship imageRelId(i), to word/charts/chart<i + 1>.xml where
   * isNativeChart, else to the picture word/media/chart<i + 1>.png.
   */
  charts: Chart[];
}

const size = (halfPoints: number): string => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;
const BOLD = '<w:b/><w:bCs/>';
const ITALIC = '<w:i/><w:iCs/>';
const RUN = {
  normal: '',
  title: BOLD + size(SIZE.title),
  subtitle: ITALIC,
  muted: `${ITALIC}<w:color w:val="${MUTED_COLOR}"/>`,
  emphasis: BOLD,
  tableHeader: BOLD + size(SIZE.table),
  tableBody: size(SIZE.table),
  hyperlink: '<w:rStyle w:val="Hyperlink"/>',
} as const;
const PARAGRAPH = {
  title: '<w:spacing w:after="120"/><w:jc w:val="center"/>',
  subtitle: '<w:spacing w:after="240"/><w:jc w:val="center"/>',
  body: '<w:spacing w:after="120"/><w:jc w:val="both"/>',
  picture: '<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:jc w:val="center"/>',
  bullet: `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${BULLET_NUM_ID}"/></w:numPr><w:spacing w:after="60"/>`,
} as const;

const BORDER = `w:val="single" w:sz="4" w:space="0" w:color="${TABLE_BORDER_COLOR}"`;
const BORDER_SIDES = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'];
const TABLE_BORDERS = `<w:tblBorders>${BORDER_SIDES.map((side) => `<w:${side} ${BORDER}/>`).join('')}</w:tblBorders>`;
const HEADER_SHADING = `<w:shd w:val="clear" w:color="auto" w:fill="${TABLE_HEADER_FILL}"/>`;

const SECTION =
  `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
  `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" ` +
  `w:header="${PAGE.header}" w:footer="${PAGE.footer}" w:gutter="0"/>` +
  '<w:docGrid w:linePitch="360"/></w:sectPr>';

/**
 * One run. A newline inside the text becomes a line break and a tab a tab stop: as literal characters in
 * w:t Word would show both as a plain space.
 */
function run(text: string, props: string): string {
  if (text === '') return '';
  const open = props === '' ? '<w:r>' : `<w:r><w:rPr>${props}</w:rPr>`;
  if (!/[\n\r\t]/.test(text)) return `${open}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  let content = '';
  for (const piece of text.replace(/\r\n?/g, '\n').split(/([\n\t])/)) {
    if (piece === '\n') content += '<w:br/>';
    else if (piece === '\t') content += '<w:tab/>';
    else if (piece !== '') content += `<w:t xml:space="preserve">${escapeXml(piece)}</w:t>`;
  }
  return `${open}${content}</w:r>`;
}

const paragraph = (props: string, content: string): string => (props === '' ? `<w:p>${content}</w:p>` : `<w:p><w:pPr>${props}</w:pPr>${content}</w:p>`);

/** Column widths in twips, proportional to block.widths (equal without them), summing to the text width exactly. */
function columnWidths(block: Table): number[] {
  const columns = block.header.length;
  const given = block.header.map((_, i) => (block.widths ? (block.widths[i] ?? 10) : 1));
  const shares = given.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = shares.reduce((a, b) => a + b, 0);
  const share = total > 0 ? shares : shares.map(() => 1);
  const sum = total > 0 ? total : columns;
  // rounding the running edges, not each width, keeps every width ≥ 0 and the sum exact
  const widths: number[] = [];
  let edge = 0;
  let cumulative = 0;
  for (const s of share) {
    cumulative += s;
    const next = Math.round((TEXT_WIDTH * cumulative) / sum);
    widths.push(next - edge);
    edge = next;
  }
  return widths;
}

function cell(value: string, width: number, header: boolean): string {
  const props = `<w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${header ? HEADER_SHADING : ''}</w:tcPr>`;
  const lines = value.split(/\r\n?|\n/).map((line) => paragraph('', run(line, header ? RUN.tableHeader : RUN.tableBody)));
  return `<w:tc>${props}${lines.join('')}</w:tc>`;
}

function table(block: Table): string {
  // a table needs at least one cell; with no columns there is nothing to show
  if (block.header.length === 0) return paragraph('', '');
  const widths = columnWidths(block);
  let xml = `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>${TABLE_BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`;
  for (const w of widths) xml += `<w:gridCol w:w="${w}"/>`;
  xml += '</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>';
  block.header.forEach((h, i) => {
    xml += cell(h, widths[i] ?? 0, true);
  });
  xml += '</w:tr>';
  for (const row of block.rows) {
    xml += '<w:tr>';
    block.header.forEach((_, i) => {
      xml += cell(row[i] ?? '', widths[i] ?? 0, false);
    });
    xml += '</w:tr>';
  }
  return `${xml}</w:tbl>${paragraph('', '')}`;
}

function render(block: Block, links: string[], charts: Chart[], audience: DocumentModel['audience']): string {
  switch (block.type) {
    case 'heading':
      return paragraph(`<w:pStyle w:val="Heading${block.level}"/>`, run(block.text, RUN.normal));
    case 'paragraph':
      return paragraph(PARAGRAPH.body, run(block.text, block.tone === 'muted' ? RUN.muted : block.tone === 'emphasis' ? RUN.emphasis : RUN.normal));
    case 'bullets':
      return block.items.map((item) => paragraph(PARAGRAPH.bullet, run(item, RUN.normal))).join('');
    case 'table':
      return table(block);
    case 'link': {
      const url = safeUrl(block.url);
      if (!url) return paragraph('', run(`${block.text}: ${block.url}`, RUN.normal));
      links.push(url);
      return paragraph('', `<w:hyperlink r:id="${hyperlinkRelId(links.length - 1)}" w:history="1">${run(block.text, RUN.hyperlink)}</w:hyperlink>`);
    }
    case 'chart': {
      const i = charts.push(block.chart) - 1;
      const drawing = isNativeChart(audience, block.chart) ? nativeChartDrawing(block.chart, i, imageRelId(i)) : chartDrawing(block.chart, i);
      return paragraph(PARAGRAPH.picture, drawing);
    }
  }
}

export function documentXml(model: DocumentModel): DocumentXml {
  const links: string[] = [];
  const charts: Chart[] = [];
  let body = paragraph(PARAGRAPH.title, run(model.title, RUN.title)) + paragraph(PARAGRAPH.subtitle, run(model.subtitle, RUN.subtitle));
  for (const block of model.blocks) body += render(block, links, charts, model.audience);
  const drawing = charts.length > 0 ? ` xmlns:wp="${WP}"` : '';
  const xml =
    `${XML_DECLARATION}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
    `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"${drawing}><w:body>${body}${SECTION}</w:body></w:document>`;
  return { xml, links, charts };
}
