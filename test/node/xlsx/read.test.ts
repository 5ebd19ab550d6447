/**
 * The lean .xlsx reader (src/node/xlsx/read/package-reader.ts) must give exactly the grid exceljs gives
 * (readWorkbookFileWithExcelJs) for every file the offline cycle meets: the demo's generated, filled and output
 * workbooks, the bad-input corpus and other files written by openpyxl, files re-saved by LibreOffice, and
 * hand-made packages that exercise each exceljs quirk the lean reader reproduces (dates by number format,
 * shared formulas, hyperlinks, merges, rich and inline text, `_xHHHH_` escapes, 1904 dates, sheet order).
 * What it does not reproduce it must leave to exceljs, and a damaged or oversized package must come back
 * unreadable without throwing. Missing tools skip locally and fail in CI (CI=true).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { BUILTIN_DATE_FORMATS, isDateFormat } from '../../../src/node/xlsx/read/workbook-parts';
import { type LeanOutcome, TOO_LARGE, leanReadWorkbook } from '../../../src/node/xlsx/read/package-reader';
import { type ReadResult, readWorkbookFile, readWorkbookFileWithExcelJs } from '../../../src/node/xlsx/read/read-workbook';
import { BAD_INPUTS } from '../../corpus/bad-inputs';
import { type CorpusJob, corpusXlsx, resolveFill, schoolData } from '../../corpus/helpers';
import { CALC, OPENPYXL, msoko, school, tempDir, toolTest, withTools } from '../cli/helpers';

/** Dates as comparable values (an invalid date is not equal to itself otherwise). */
function canon(v: unknown): unknown {
  if (v instanceof Date) return { date: Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString() };
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canon(x)]));
  return v;
}

interface Read {
  lean: LeanOutcome;
  exceljs: ReadResult;
  combined: ReadResult;
}
async function readAll(file: string): Promise<Read> {
  return { lean: leanReadWorkbook(readFileSync(file)), exceljs: await readWorkbookFileWithExcelJs(file), combined: await readWorkbookFile(file) };
}

/** The lean reader read the file itself and gave exceljs's grid (and readWorkbookFile gives it too). */
async function expectSameGrid(file: string): Promise<void> {
  const r = await readAll(file);
  const lean = 'grid' in r.lean ? r.lean.grid : r.lean;
  expect({ file, lean: canon(lean) }).toStrictEqual({ file, lean: canon(r.exceljs) });
  expect({ file, combined: canon(r.combined) }).toStrictEqual({ file, combined: canon(r.exceljs) });
  expect('sheets' in r.exceljs).toBe(true);
}

function xlsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xlsx'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

// ----------------------------------------------------------------------------- hand-made packages --
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface SheetPart {
  name: string;
  /** Attributes of <sheet> besides name and r:id (sheetId, state). */
  attrs: string;
  /** The relationship target; the part is written at xl/<target> unless `part` says otherwise. */
  target: string;
  xml?: string;
  rels?: string;
}

function pkg(
  sheets: SheetPart[],
  extra: { sst?: string; styles?: string; workbookPr?: string; parts?: Record<string, string | Buffer> } = {},
): Record<string, string | Buffer> {
  const parts: Record<string, string | Buffer> = {
    '[Content_Types].xml': `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    '_rels/.rels': `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${DECL}<workbook ${NS}>${extra.workbookPr ?? '<workbookPr/>'}<sheets>${sheets.map((s, i) => `<sheet name="${s.name}" ${s.attrs} r:id="rIdS${i}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdSt" Type="${REL}/styles" Target="styles.xml"/>${extra.sst ? `<Relationship Id="rIdSs" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}${sheets.map((s, i) => `<Relationship Id="rIdS${i}" Type="${REL}/worksheet" Target="${s.target}"/>`).join('')}</Relationships>`,
    'xl/styles.xml': extra.styles ?? STYLES,
    ...(extra.sst ? { 'xl/sharedStrings.xml': extra.sst } : {}),
  };
  for (const s of sheets) {
    const part = `xl/${s.target.replace(/^\/xl\//, '')}`;
    if (s.xml !== undefined) parts[part] = s.xml;
    if (s.rels !== undefined) parts[part.replace(/([^/]+)$/, '_rels/$1.rels')] = s.rels;
  }
  return { ...parts, ...extra.parts };
}

async function writePkg(file: string, parts: Record<string, string | Buffer>): Promise<string> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(parts)) zip.file(name, data);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

const STYLES = `${DECL}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="6">
<numFmt numFmtId="164" formatCode="DD.MM.YYYY"/><numFmt numFmtId="165" formatCode="&quot;шт.&quot;\\ 0"/><numFmt numFmtId="166" formatCode="[$-419]D\\ MMMM\\ YYYY;@"/>
<numFmt numFmtId="167" formatCode="0.00&quot;d&quot;"/><numFmt numFmtId="168" formatCode="[h]:mm:ss"/><numFmt numFmtId="169" formatCode=""/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="13"><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="27" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="300" fontId="0" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf>
<xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="170" formatCode="yyyy"/></dxf></dxfs></styleSheet>`;

const SST = `${DECL}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">
<si><t>Привет_x000D_мир</t></si>
<si><r><t>Жир_x0041_</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve"> ный</t></r><r><rPr><i/></rPr></r></si>
<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>
<si></si>
<si><t>строчные _x000d_ не раскрываются, _x41_ тоже</t></si>
<si><t>a&#10;b&amp;lt;c&#x41;&#1046;</t></si>
<si><t>ссылка</t></si>
<si><t/></si>
<si><t>строка
с переводом</t></si>
</sst>`;

const c = (r: string, body: string, attrs = ''): string => `<c r="${r}"${attrs}>${body}</c>`;
const v = (x: string): string => `<v>${x}</v>`;
const row = (n: number, cells: string[]): string => `<row r="${n}">${cells.join('')}</row>`;

const QUIRKS_SHEET = `${DECL}<worksheet ${NS}><dimension ref="A1:Z20"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${[
  row(1, [
    c('A1', v('0'), ' t="s"'),
    c('B1', v('1'), ' t="s"'),
    c('C1', v('2'), ' t="s"'),
    c('D1', v('3'), ' t="s"'),
    c('E1', v('4'), ' t="s"'),
    c('F1', v('5'), ' t="s"'),
    c('G1', v('7'), ' t="s"'),
    c('H1', v('8'), ' t="s" s="1"'),
  ]),
  row(2, [c('A2', v('42')), c('B2', v(' 7.5 ')), c('C2', v('abc')), c('D2', v('-0')), c('E2', v('1e3')), c('F2', v('12'), ' s="1"'), c('G2', v('Infinity'))]),
  row(3, [
    c('A3', v('45000'), ' s="2"'),
    c('B3', v('45000.5'), ' s="3"'),
    c('C3', v('45000'), ' s="4"'),
    c('D3', v('45000'), ' s="5"'),
    c('E3', v('45000'), ' s="6"'),
    c('F3', v('45000'), ' s="0"'),
    c('G3', v('45000.25'), ' s="7"'),
    c('H3', v('1.5'), ' s="9"'),
    c('I3', v('45000'), ' s="10"'),
    c('J3', v('45000'), ' s="11"'),
    c('K3', v('5'), ' s="8"'),
    c('L3', v('45000'), ' s="12"'),
    c('M3', v('45000'), ' s="99"'),
    c('N3', v('oops'), ' s="2"'),
  ]),
  row(4, [
    c('A4', v('x &amp;amp;lt; y &amp;quot;'), ' t="str"'),
    c('B4', v('1'), ' t="b"'),
    c('C4', v('0'), ' t="b"'),
    c('D4', v('#REF!'), ' t="e"'),
    c('E4', '<is><t>inline_x000D_</t></is>', ' t="inlineStr"'),
    c('F4', '<is><r><t>a_x0042_</t></r><r><rPr><b/></rPr><t xml:space="preserve"> c</t></r></is>', ' t="inlineStr"'),
    c('G4', v('2026-01-15'), ' t="d"'),
    c('H4', v('3'), ' t="n"'),
    c('I4', '<is><t></t></is>', ' t="inlineStr"'),
    c('J4', v('true'), ' t="b"'),
    c('K4', '<is><t>a\r\nb\rc&#13;</t></is>', ' t="inlineStr"'),
    c('L4', '<is><t>&#38;amp; &amp;#10; &#x1F600;</t></is>', ' t="inlineStr"'),
  ]),
  row(5, [
    c('A5', '<f>SUM(A2:B2)</f><v>49.5</v>'),
    c('B5', '<f>1/0</f><v>#DIV/0!</v>', ' t="e"'),
    c('C5', '<f>"a"&amp;"b"</f><v>a&amp;amp;b</v>', ' t="str"'),
    c('D5', '<f>TRUE()</f><v>0</v>', ' t="b"'),
    c('E5', '<f>0*1</f><v>0</v>'),
    c('F5', '<f>A1</f>'),
    c('G5', '<f>""</f><v></v>', ' t="str"'),
    c('H5', '<f>TODAY()</f><v>45000</v>', ' s="2"'),
    c('I5', '<f>"x"</f><v>x</v>', ' s="2" t="str"'),
    c('J5', '<f>NA()</f><v>#N/A</v>', ' s="2" t="e"'),
    c('K5', '<f>1=1</f><v>1</v>', ' s="2" t="b"'),
  ]),
  row(6, [
    c('A6', `<f t="shared" ref="A6:A9" si="0">B6*2+$C$1+'Лист 2'!A1+SUM(B6:C7)+ABS(1)+Лист!B2</f><v>1</v>`),
    c('B6', '<f t="shared" si="1"/><v>5</v>'),
    c('C6', '<f t="array" ref="C6:C7">{1;2}</f><v>1</v>'),
    c('D6', '<f t="shared" ref="D6:F6" si="2">D5+$A$1+A$1+$A1+XFB1+XFE1</f><v>1</v>'),
    c('E6', '<f t="shared" si="2"/><v>2</v>'),
    c('F6', '<f t="shared" si="2"/>'),
  ]),
  row(7, [c('A7', '<f t="shared" si="0"/><v>2</v>'), c('B7', '<f t="shared" ref="B6:B9" si="1">C7+1</f><v>6</v>'), c('D7', '<f t="shared" si="9"/><v>3</v>')]),
  row(8, [c('A8', '<f t="shared" si="0"/>'), c('B8', '<f t="shared" si="1"/><v>7</v>'), c('C8', '<f t="shared" si="1">OWN+1</f><v>8</v>')]),
  row(9, [c('A9', '<f t="shared" si="0"/><v>0</v>'), c('B9', '<f t="dataTable" ref="B9" dt2D="0" dtr="0" r1="A1"/><v>4</v>')]),
  row(10, [
    c('A10', v('6'), ' t="s"'),
    '<c r="B10"/>',
    '<c r="C10" s="1"/>',
    c('D10', '<f>1+1</f><v>2</v>'),
    c('E10', v('45000'), ' s="2"'),
    c('F10', v('6'), ' t="s"'),
    '<c r="G10"/>',
    c('H10', v('6'), ' t="s"'),
    c('I10', v('7'), ' t="s"'),
    c('J10', '<f>""</f>', ' t="str"'),
  ]),
  row(12, [c('A12', v('1')), c('B12', v('2')), c('C12', v('3')), c('E12', v('5')), c('G12', v('7')), c('H12', v('8'))]),
  row(13, [c('A13', v('4')), c('C13', '<f>A12</f><v>1</v>'), c('G13', v('9')), c('H13', v('10'))]),
  `<row r="14" spans="1:3">\n  <c r="A14">\n    <v>1<!-- split -->2</v>\n  </c>\n  <c r="B14" t="inlineStr"><is><t xml:space="preserve">  пробелы  </t></is></c>\n  <?pi ignored?>\n</row>`,
  row(15, []),
  row(20, [c('Z20', v('1'))]),
].join('')}</sheetData><sheetProtection sheet="1"/><mergeCells count="3"><mergeCell ref="A12:C13"/><mergeCell ref="E12"/><mergeCell ref="H13:G12"/></mergeCells>
<hyperlinks><hyperlink ref="A10" r:id="rIdH1"/><hyperlink ref="B10" r:id="rIdH2" tooltip="подсказка"/><hyperlink ref="C10" r:id="rIdH1"/><hyperlink ref="D10" r:id="rIdH1"/>
<hyperlink ref="E10" r:id="rIdH1"/><hyperlink ref="F10" location="'Лист 2'!A1" display="внутри"/><hyperlink ref="G10" r:id="rIdH3"/><hyperlink ref="H10:H11" r:id="rIdH1"/>
<hyperlink ref="B12" r:id="rIdH1"/><hyperlink ref="I10" r:id="rIdH1"/><hyperlink ref="J10" r:id="rIdH2"/><hyperlink ref="Z99" r:id="rIdH1"/></hyperlinks>
<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

const QUIRKS_RELS = `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdH1" Type="${REL}/hyperlink" Target="https://example.ru/путь?a=1&amp;b=2" TargetMode="External"/>
<Relationship Id="rIdH2" Type="${REL}/hyperlink" Target="mailto:school@example.ru" TargetMode="External"/>
<Relationship Id="rIdH3" Type="${REL}/hyperlink" Target="/xl/other.xml"/></Relationships>`;

const plainSheet = (rows: string): string =>
  `\uFEFF${DECL}<!-- a comment before the root -->\n<worksheet ${NS}>\n  <sheetData>\n${rows}\n  </sheetData>\n</worksheet>\n`;

/** A package of every quirk: its sheets out of part order, hidden ones, a chartsheet exceljs leaves out. */
const quirks = (): Record<string, string | Buffer> =>
  pkg(
    [
      {
        name: 'Первый',
        attrs: 'sheetId="5"',
        target: 'worksheets/sheet3.xml',
        xml: plainSheet(row(1, [c('A1', v('1'))]) + row(2, [c('B2', v('0'), ' t="s"')])),
      },
      { name: 'Данные &amp;amp; &lt;тест&gt;', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: QUIRKS_SHEET, rels: QUIRKS_RELS },
      { name: 'Лист 2', attrs: 'sheetId="2" state="hidden"', target: 'worksheets/sheet2.xml', xml: plainSheet(row(1, [c('A1', v('2'), ' t="s"')])) },
      { name: 'Диаграмма', attrs: 'sheetId="3"', target: 'chartsheets/sheet1.xml', xml: `${DECL}<chartsheet ${NS}/>` },
      { name: 'Нет такого', attrs: 'sheetId="6"', target: 'worksheets/sheet9.xml' },
      {
        name: "Д'Артаньян (31 знак ровно!!!!!)",
        attrs: 'sheetId="4" state="veryHidden"',
        target: '/xl/worksheets/sheet4.xml',
        xml: `${DECL}<worksheet ${NS}><dimension ref="A1"/></worksheet>`,
      },
    ],
    { sst: SST },
  );

const dates1904 = (): Record<string, string | Buffer> =>
  pkg(
    [
      {
        name: 'Даты',
        attrs: 'sheetId="1"',
        target: 'worksheets/sheet1.xml',
        xml: plainSheet(row(1, [c('A1', v('0'), ' s="2"'), c('B1', v('45000.75'), ' s="7"'), c('C1', '<f>A1</f><v>1</v>', ' s="3"'), c('D1', v('2'))])),
      },
    ],
    {
      workbookPr: '<workbookPr date1904="1"/>',
    },
  );

/** Packages the lean reader must leave to exceljs, each for a reason named here. */
const FALLBACKS: Record<string, () => Record<string, string | Buffer>> = {
  'no shared strings part': () =>
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet(row(1, [c('A1', v('0'), ' t="s"')])) }]),
  'a missing shared string': () =>
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet(row(1, [c('A1', v('50'), ' t="s"')])) }], { sst: SST }),
  'an unknown entity': () =>
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet(row(1, [c('A1', '<is><t>&nbsp;</t></is>', ' t="inlineStr"')])) }]),
  CDATA: () =>
    pkg([
      {
        name: 'Л',
        attrs: 'sheetId="1"',
        target: 'worksheets/sheet1.xml',
        xml: plainSheet(row(1, [c('A1', '<is><t><![CDATA[x]]></t></is>', ' t="inlineStr"')])),
      },
    ]),
  'cells out of order': () =>
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet(row(1, [c('B1', v('1')), c('A1', v('2'))])) }]),
  'a cell without an address': () =>
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet(row(1, [c('A1', v('1')), '<c><v>2</v></c>'])) }]),
  'overlapping merges': () =>
    pkg([
      {
        name: 'Л',
        attrs: 'sheetId="1"',
        target: 'worksheets/sheet1.xml',
        xml: `${DECL}<worksheet ${NS}><sheetData>${row(1, [c('A1', v('1'))])}</sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells></worksheet>`,
      },
    ]),
  'a linked shared-formula master': () =>
    pkg([
      {
        name: 'Л',
        attrs: 'sheetId="1"',
        target: 'worksheets/sheet1.xml',
        rels: QUIRKS_RELS,
        xml: `${DECL}<worksheet ${NS}><sheetData>${row(1, [c('A1', '<f t="shared" ref="A1:A2" si="0">B1</f><v>1</v>')])}${row(2, [c('A2', '<f t="shared" si="0"/><v>1</v>')])}</sheetData><hyperlinks><hyperlink ref="A1" r:id="rIdH1"/></hyperlinks></worksheet>`,
      },
    ]),
  'two sheets with one name': () =>
    pkg([
      { name: 'Лист', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet('') },
      { name: 'ЛИСТ', attrs: 'sheetId="2"', target: 'worksheets/sheet2.xml', xml: plainSheet('') },
    ]),
  'a sheet name exceljs refuses': () => pkg([{ name: 'Итоги: 2026', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet('') }]),
  'no worksheet at all': () => pkg([{ name: 'Диаграмма', attrs: 'sheetId="1"', target: 'chartsheets/sheet1.xml', xml: `${DECL}<chartsheet ${NS}/>` }]),
  'a mismatched closing tag': () =>
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet(`<row r="1"><c r="A1"><v>1</c></v></row>`) }]),
  'a shared formula slid past the last column': () =>
    pkg([
      {
        name: 'Л',
        attrs: 'sheetId="1"',
        target: 'worksheets/sheet1.xml',
        xml: plainSheet(row(1, [c('A1', '<f t="shared" ref="A1:B1" si="0">XFD1</f><v>1</v>'), c('B1', '<f t="shared" si="0"/><v>1</v>')])),
      },
    ]),
  'rich runs in a shared-string cell of another type': () =>
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: plainSheet(row(1, [c('A1', '<is><r><t>x</t></r></is>', ' t="str"')])) }]),
};

// ------------------------------------------------------------------------------------- zip damage --
/** Sets the uncompressed size the central directory (and local header) declares for one entry. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < out.readUInt16LE(eocd + 10); i++) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      out.writeUInt32LE(size, at + 24);
      out.writeUInt32LE(size, out.readUInt32LE(at + 42) + 22);
      return out;
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  throw new Error(`no entry ${name}`);
}

// ------------------------------------------------------------------------------------------ tests --
const DIR = tempDir('lean-read');
/** One demo campaign for all the tests below (`msoko demo`: forms, filled returns, outputs). */
const DEMO = path.join(DIR, 'demo');
beforeAll(() => {
  expect(msoko(['demo', DEMO]).code).toBe(0);
}, 120_000);

test('exceljs still takes for dates exactly the built-in formats the lean reader knows', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const builtin = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string }>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('exceljs/lib/utils/utils') as { isDateFmt(f: string): boolean };
  const dates = Object.entries(builtin)
    .filter(([, d]) => d.f !== undefined && utils.isDateFmt(d.f))
    .map(([id]) => Number(id));
  expect(dates).toEqual([...BUILTIN_DATE_FORMATS]);
  for (const f of ['DD.MM.YYYY', '[$-419]D MMMM YYYY;@', '"шт." 0', '0.00"d"', '[h]:mm:ss', '@', 'General', '#,##0 "дн."', 'mmm-yy', '[Red]0.0'])
    expect([f, isDateFormat(f)]).toEqual([f, utils.isDateFmt(f)]);
});

describe('the demo campaign: generated forms, filled returns and outputs', () => {
  test('every .xlsx of schools/, received/ and out/ reads the same', async () => {
    const files = xlsxFiles(DEMO);
    expect(files.filter((f) => f.includes(`${path.sep}schools${path.sep}`)).length).toBeGreaterThanOrEqual(10);
    expect(files.filter((f) => f.includes(`${path.sep}received${path.sep}`)).length).toBeGreaterThanOrEqual(9);
    expect(files.filter((f) => f.includes(`${path.sep}out${path.sep}`)).length).toBeGreaterThanOrEqual(2);
    for (const f of files) await expectSameGrid(f);
  });
});

describe('hand-made packages', () => {
  test('every quirk the lean reader reproduces reads the same as with exceljs', async () => {
    const file = await writePkg(path.join(DIR, 'quirks.xlsx'), quirks());
    await expectSameGrid(file);
    const lean = leanReadWorkbook(readFileSync(file));
    if (!('grid' in lean)) throw new Error(JSON.stringify(lean));
    const sheets = lean.grid.sheets;
    // sheets in workbook order, hidden ones included, the chartsheet and the missing part left out
    expect(sheets.map((s) => s.name)).toEqual(['Первый', 'Данные & <тест>', 'Лист 2', "Д'Артаньян (31 знак ровно!!!!!)"]);
    const q = sheets[1] as (typeof sheets)[number];
    const at = (a1: string): unknown => q.values[Number(a1.slice(1)) - 1]?.[a1.charCodeAt(0) - 65] ?? '';
    const formula = (a1: string): unknown => q.formulas?.[Number(a1.slice(1)) - 1]?.[a1.charCodeAt(0) - 65];
    // the fixtures do reach the quirks (both readers agree on them, see above)
    expect([at('A1'), at('B1'), at('E1'), at('F1'), at('E4'), at('F4')]).toEqual([
      'Привет\rмир',
      'ЖирA ный',
      'строчные _x000d_ не раскрываются, _x41_ тоже',
      'a\nb&lt;cAЖ',
      'inline_x000D_',
      'aB c',
    ]);
    expect([at('A3') instanceof Date, at('B3') instanceof Date, at('C3'), at('F3'), at('L3'), at('N3') instanceof Date]).toEqual([
      true,
      true,
      45000,
      45000,
      45000,
      true,
    ]);
    expect([at('A4'), at('C5'), at('D5'), at('E5'), at('F5'), formula('F5')]).toEqual(['x &lt; y "', 'a&b', false, 0, '', 'A1']);
    expect([formula('A7'), formula('B6'), formula('B8'), formula('C8'), formula('E6')]).toEqual([
      "B7*2+$C$1+'Лист 2'!A2+SUM(B7:C8)+ABS(1)+Лист!B3",
      null,
      'C8+1',
      'OWN+1',
      'E5+$A$1+B$1+$A1+XFC1+XFE1',
    ]);
    expect([at('A10'), at('B10'), at('C10'), at('D10'), formula('D10'), at('F10'), at('G10'), at('H10'), at('I10')]).toEqual([
      'ссылка',
      'mailto:school@example.ru',
      'https://example.ru/путь?a=1&b=2',
      2,
      undefined,
      'ссылка',
      '../other.xml',
      'ссылка',
      'https://example.ru/путь?a=1&b=2',
    ]);
    expect([at('A12'), at('B12'), at('C12'), at('A13'), at('C13'), at('E12'), at('G12'), at('H12'), at('H13')]).toEqual([1, '', '', '', '', 5, 7, '', '']);
    expect([at('A14'), at('B14'), at('K4'), at('L4')]).toEqual([12, '  пробелы  ', 'a\nb\nc\r', '&amp; &#10; 😀']);
  });

  test('the 1904 date system reads the same', async () => {
    const file = await writePkg(path.join(DIR, 'dates1904.xlsx'), dates1904());
    await expectSameGrid(file);
    const lean = leanReadWorkbook(readFileSync(file));
    expect('grid' in lean && lean.grid.sheets[0]?.values[0]?.[0]).toEqual(new Date('1904-01-01T00:00:00Z'));
  });

  test.each(Object.keys(FALLBACKS))('%s: the lean reader leaves the file to exceljs', async (kind) => {
    const file = await writePkg(
      path.join(DIR, `fallback-${Object.keys(FALLBACKS).indexOf(kind)}.xlsx`),
      (FALLBACKS[kind] as () => Record<string, string | Buffer>)(),
    );
    const r = await readAll(file);
    expect(r.lean).toEqual({ fallback: expect.any(String) });
    expect(canon(r.combined)).toStrictEqual(canon(r.exceljs));
  });
});

test('a file exceljs refuses over a part that holds no values (a conditional format without its style) is read', async () => {
  // LibreOffice writes such files: exceljs fails while reconciling formats, the lean reader never reads them
  const sheet = `${DECL}<worksheet ${NS}><sheetData>${row(1, [c('A1', v('1')), c('B1', v('0'), ' t="s"')])}</sheetData><conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="3" priority="1"><formula>A1&lt;&gt;""</formula></cfRule></conditionalFormatting></worksheet>`;
  const file = await writePkg(
    path.join(DIR, 'cf.xlsx'),
    pkg([{ name: 'Л', attrs: 'sheetId="1"', target: 'worksheets/sheet1.xml', xml: sheet }], { sst: SST, styles: STYLES.replace(/<dxfs[\s\S]*<\/dxfs>/, '') }),
  );
  const r = await readAll(file);
  expect(r.exceljs).toEqual({ unreadable: expect.stringMatching(/^файл \.xlsx повреждён и не открывается/) });
  expect(r.combined).toEqual({ sheets: [{ name: 'Л', values: [[1, 'Привет\rмир']] }] });
});

describe('damaged and oversized packages: unreadable, never a throw', () => {
  let good: Buffer;
  beforeAll(async () => {
    good = readFileSync(await writePkg(path.join(DIR, 'good.xlsx'), quirks()));
  });
  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(DIR, name);
    writeFileSync(file, bytes);
    return file;
  };

  test('a broken central directory', async () => {
    const bytes = Buffer.from(good);
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bytes.writeUInt32LE(0xdeadbeef, bytes.readUInt32LE(eocd + 16));
    const r = await readAll(write('broken-cd.xlsx', bytes));
    // the zip guard refuses it: no reader is left to guess at a damaged directory
    expect(r.lean).toEqual({ unreadable: expect.stringMatching(/^файл \.xlsx повреждён или записан необычной программой \(архив книги повреждён\)/) });
    expect(r.combined).toEqual(r.lean);
  });

  test('a file cut short, and one with a hole in its compressed data', async () => {
    expect(await readWorkbookFile(write('cut.xlsx', good.subarray(0, Math.floor(good.length / 2))))).toEqual({
      unreadable: expect.stringMatching(/^файл \.xlsx обрезан или повреждён/),
    });
    const holed = Buffer.from(good);
    holed.fill(0x55, 400, 2400);
    const r = await readAll(write('holed.xlsx', holed));
    expect(r.combined).toEqual({ unreadable: expect.stringMatching(/^файл \.xlsx повреждён/) });
  });

  test('a package that declares more than 200 MB unpacked is refused before unpacking', async () => {
    const bomb = declareSize(good, 'xl/styles.xml', 150 * 1024 * 1024);
    expect(leanReadWorkbook(declareSize(bomb, 'xl/sharedStrings.xml', 90 * 1024 * 1024))).toEqual({ unreadable: TOO_LARGE });
    expect(leanReadWorkbook(declareSize(good, 'xl/styles.xml', 101 * 1024 * 1024))).toEqual({ unreadable: TOO_LARGE });
  });

  test('a part that unpacks beyond its declared size is a bomb, even one only exceljs would unpack', async () => {
    const parts = quirks();
    parts['xl/media/image1.png'] = Buffer.alloc(8 * 1024 * 1024);
    const zip = readFileSync(await writePkg(path.join(DIR, 'bomb-src.xlsx'), parts));
    expect(await readWorkbookFile(write('bomb-sheet.xlsx', declareSize(zip, 'xl/worksheets/sheet1.xml', 1000)))).toEqual({ unreadable: TOO_LARGE });
    // the lean reader never reads the image, but it leaves this file to exceljs, which would unpack it
    const fallback = { ...parts, 'xl/worksheets/sheet1.xml': (parts['xl/worksheets/sheet1.xml'] as string).replace('<v>42</v>', '<v><![CDATA[42]]></v>') };
    const hidden = declareSize(readFileSync(await writePkg(path.join(DIR, 'bomb-src2.xlsx'), fallback)), 'xl/media/image1.png', 1000);
    expect(await readWorkbookFile(write('bomb-media.xlsx', hidden))).toEqual({ unreadable: TOO_LARGE });
  });

  test('a deflate stream of zeros declared honestly reads below 1 MB, and is refused by its ratio above', async () => {
    const parts = quirks();
    parts['xl/media/image1.png'] = Buffer.alloc(1024 * 1024);
    expect(deflateRawSync(parts['xl/media/image1.png'] as Buffer).length).toBeLessThan(8 * 1024);
    await expectSameGrid(await writePkg(path.join(DIR, 'zeros.xlsx'), parts));
    parts['xl/media/image1.png'] = Buffer.alloc(8 * 1024 * 1024);
    expect(await readWorkbookFile(await writePkg(path.join(DIR, 'zeros-8.xlsx'), parts))).toEqual({ unreadable: TOO_LARGE });
  });
});

// ------------------------------------------------------------------------------ openpyxl, LibreOffice --
/** A workbook of the cell kinds openpyxl writes itself (dates, times, formats, links, errors, a 1904 twin). */
const OPENPYXL_FEATURES = `
import datetime, sys
import openpyxl
from openpyxl.styles import Alignment
from openpyxl.utils.datetime import CALENDAR_MAC_1904

def build(path, epoch=None):
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "Типы & «кавычки»"
    ws["A1"] = "текст"; ws["B1"] = 12; ws["C1"] = 12.5; ws["D1"] = -0.0; ws["E1"] = True; ws["F1"] = False
    ws["A2"] = datetime.datetime(2026, 1, 15, 13, 45, 30); ws["B2"] = datetime.date(2026, 2, 1); ws["C2"] = datetime.time(8, 30)
    ws["D2"] = 45000; ws["D2"].number_format = "DD.MM.YYYY"
    ws["E2"] = 1234.5; ws["E2"].number_format = '#,##0.00 "₽"'
    ws["F2"] = 0.25; ws["F2"].number_format = "0%"
    ws["A3"] = "=SUM(B1:C1)"; ws["B3"] = "=A1&\\"!\\""; ws["C3"] = "#N/A"; ws["D3"] = "#DIV/0!"
    ws["A4"] = "сайт"; ws["A4"].hyperlink = "https://example.ru/школа"
    ws["B4"].hyperlink = "https://example.ru/пусто"
    ws["A5"] = "строка 1\\nстрока 2"; ws["A5"].alignment = Alignment(wrap_text=True)
    ws["B5"] = "  пробелы  "; ws["C5"] = "<&>\\"'"; ws["D5"] = "_x000D_ буквально"
    ws.merge_cells("A7:C8"); ws["A7"] = "объединено"
    ws["E10"] = 1e-7; ws["F10"] = 123456789012
    hidden = wb.create_sheet("Скрытый"); hidden.sheet_state = "hidden"; hidden["A1"] = "скрыто"
    wb.create_sheet("Пустой")
    wb.move_sheet("Скрытый", offset=-2)
    wb.save(path)

build(sys.argv[1])
build(sys.argv[2], CALENDAR_MAC_1904)
`;

/** Converts `files` to .xlsx into `outDir` with ONE soffice call and a throwaway profile. */
function libreOffice(files: string[], outDir: string): string[] {
  const soffice = execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).trim();
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, ...files], {
      timeout: 240_000,
      stdio: 'pipe',
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, path.basename(f)));
}

withTools([OPENPYXL], 'files written by openpyxl', () => {
  const dir = path.join(DIR, 'openpyxl');
  const demo = DEMO;
  let corpus: string[] = [];
  let resaved: string[] = [];
  let features: string[] = [];

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    // the bad-input corpus, as xlsx-corpus.test.ts builds it, on the demo's blank form
    const form = path.join(demo, 'schools', 'sosh1.xlsx');
    const jobs: CorpusJob[] = [];
    BAD_INPUTS.forEach((b, i) => {
      const typed = schoolData(school(b.id, 'СОШ', `Школа ${b.id}`), BAD_INPUTS.length, 9100 + i).typed;
      const dst = path.join(dir, 'corpus', `${b.id}.xlsx`);
      if (b.xlsx.kind === 'value')
        jobs.push({ src: form, dst, fill: typed, ops: [{ op: 'set_name', name: b.xlsx.input, value: resolveFill(b.xlsx.value, typed) }] });
      else if (b.xlsx.kind === 'ops') jobs.push({ src: form, dst, fill: typed, ops: b.xlsx.ops });
      else if (b.xlsx.kind === 'copies') jobs.push({ src: form, dst, fill: typed, ops: [] });
    });
    // plain re-saves: the demo's returns and outputs, and a hand-made package (openpyxl 3.0 cannot load the quirks one)
    const toResave = [
      ...xlsxFiles(path.join(demo, 'received')),
      ...xlsxFiles(path.join(demo, 'out')),
      await writePkg(path.join(dir, 'dates1904.xlsx'), dates1904()),
    ];
    toResave.forEach((src, i) => {
      jobs.push({ src, dst: path.join(dir, 'resaved', `${i}-${path.basename(src)}`) });
    });
    mkdirSync(path.join(dir, 'corpus'), { recursive: true });
    mkdirSync(path.join(dir, 'resaved'), { recursive: true });
    corpusXlsx(jobs, dir);
    corpus = xlsxFiles(path.join(dir, 'corpus'));
    resaved = xlsxFiles(path.join(dir, 'resaved'));
    const script = path.join(dir, 'features.py');
    writeFileSync(script, OPENPYXL_FEATURES);
    features = [path.join(dir, 'features.xlsx'), path.join(dir, 'features-1904.xlsx')];
    execFileSync('/usr/bin/python3', [script, ...features], { timeout: 120_000 });
  }, 240_000);

  test('the bad-input corpus reads the same', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const f of corpus) await expectSameGrid(f);
  });

  test('demo files and hand-made packages re-saved by openpyxl read the same', async () => {
    expect(resaved.length).toBeGreaterThanOrEqual(12);
    for (const f of resaved) await expectSameGrid(f);
  });

  test('openpyxl’s own dates, formats, links, errors and 1904 dates read the same', async () => {
    for (const f of features) await expectSameGrid(f);
  });
});

withTools([CALC], 'files re-saved by LibreOffice', () => {
  const dir = path.join(DIR, 'libreoffice');
  let converted: string[] = [];
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const sources = [
      ...xlsxFiles(path.join(DEMO, 'received')).slice(0, 3),
      path.join(DEMO, 'schools', 'oosh3.xlsx'),
      // LibreOffice writes by base name: out/public/appendices.xlsx would overwrite out/appendices.xlsx
      ...xlsxFiles(path.join(DEMO, 'out')).filter((f) => path.dirname(f) === path.join(DEMO, 'out')),
      await writePkg(path.join(dir, 'quirks.xlsx'), quirks()),
      await writePkg(path.join(dir, 'dates1904.xlsx'), dates1904()),
    ];
    converted = libreOffice(sources, path.join(dir, 'converted'));
  }, 300_000);

  test('demo files and hand-made packages re-saved by LibreOffice read the same', async () => {
    expect(converted.length).toBeGreaterThanOrEqual(7);
    for (const f of converted) await expectSameGrid(f);
  });

  toolTest(
    [OPENPYXL],
    'those files re-saved again by openpyxl read the same',
    async () => {
      const again = path.join(dir, 'again');
      mkdirSync(again, { recursive: true });
      corpusXlsx(
        converted.map((src) => ({ src, dst: path.join(again, path.basename(src)) })),
        dir,
      );
      const files = xlsxFiles(again);
      expect(files.length).toBe(converted.length);
      for (const f of files) await expectSameGrid(f);
    },
    120_000,
  );
});
