/** The parts of the .docx package besides word/document.xml: content types, relationships, styles, numbering, settings, properties. */
import type { DocumentModel } from '../../core/document/model';
import { CHART_CONTENT_TYPE, chartPartName } from './chart-part';
import { imageName, imageRelId } from './drawing';
import { CREATOR, FONT, HEADING_COLOR, HYPERLINK_COLOR, SIZE } from './design';
import { XML_DECLARATION, escapeXml } from './xml';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORD_CONTENT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** Declared in every package (a .docx without pictures keeps it unused, as Word's own do). */
const PNG_DEFAULT = '<Default Extension="png" ContentType="image/png"/>';

/** The package's content types; `native[i]`: chart i is the part word/charts/chartPartName(i) (chart-part.ts), not a picture. */
export const contentTypesXml = (native: boolean[] = []): string =>
  `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  PNG_DEFAULT +
  `<Override PartName="/word/document.xml" ContentType="${WORD_CONTENT}.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="${WORD_CONTENT}.styles+xml"/>` +
  `<Override PartName="/word/numbering.xml" ContentType="${WORD_CONTENT}.numbering+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="${WORD_CONTENT}.settings+xml"/>` +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  native.map((n, i) => (n ? `<Override PartName="/word/charts/${chartPartName(i)}" ContentType="${CHART_CONTENT_TYPE}"/>` : '')).join('') +
  '</Types>';

export const ROOT_RELS_XML =
  `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELS}">` +
  `<Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="${PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${OFFICE_RELS}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

/** rId1–rId3 of word/_rels/document.xml.rels are the fixed parts below; links follow. */
export const hyperlinkRelId = (index: number): string => `rId${index + 4}`;

/** Relationships of word/document.xml: the fixed parts, the links, then the charts (imageRelId): native[i] a chart part, else a picture. */
export function documentRelsXml(links: string[], native: boolean[] = []): string {
  let xml =
    `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELS}">` +
    `<Relationship Id="rId1" Type="${OFFICE_RELS}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${OFFICE_RELS}/numbering" Target="numbering.xml"/>` +
    `<Relationship Id="rId3" Type="${OFFICE_RELS}/settings" Target="settings.xml"/>`;
  links.forEach((url, i) => {
    xml += `<Relationship Id="${hyperlinkRelId(i)}" Type="${OFFICE_RELS}/hyperlink" Target="${escapeXml(url)}" TargetMode="External"/>`;
  });
  native.forEach((n, i) => {
    const [type, target] = n ? ['chart', `charts/${chartPartName(i)}`] : ['image', `media/${imageName(i)}`];
    xml += `<Relationship Id="${imageRelId(i)}" Type="${OFFICE_RELS}/${type}" Target="${target}"/>`;
  });
  return `${xml}</Relationships>`;
}

const size = (halfPoints: number): string => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;

function headingStyle(level: 1 | 2 | 3): string {
  return (
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/>` +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
    `<w:pPr><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
    `<w:rPr><w:b/><w:bCs/><w:color w:val="${HEADING_COLOR[level]}"/>${size(SIZE.heading[level])}</w:rPr></w:style>`
  );
}

export const STYLES_XML =
  `${XML_DECLARATION}<w:styles xmlns:w="${W}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr>' +
  `<w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:eastAsia="${FONT}" w:cs="${FONT}"/>${size(SIZE.body)}</w:rPr></w:rPrDefault>` +
  '<w:pPrDefault/></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">' +
  '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>' +
  '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  headingStyle(1) +
  headingStyle(2) +
  headingStyle(3) +
  '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>' +
  '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
  `<w:rPr><w:color w:val="${HYPERLINK_COLOR}"/><w:u w:val="single"/></w:rPr></w:style>` +
  '</w:styles>';

export const NUMBERING_XML =
  `${XML_DECLARATION}<w:numbering xmlns:w="${W}">` +
  '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>' +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/>' +
  '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>' +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

export const SETTINGS_XML =
  `${XML_DECLARATION}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

/** Word shows title, subject line and author from here (File → Properties). */
export function coreXml(model: DocumentModel, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(model.title)}</dc:title><dc:description>${escapeXml(model.subtitle)}</dc:description>` +
    `<dc:creator>${CREATOR}</dc:creator><cp:lastModifiedBy>${CREATOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export const APP_XML =
  `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  '<Application>msoko</Application></Properties>';
