/**
 * Every writer over a corpus of hostile strings (src/core/text/xml-safe.ts): the .xlsx drawn by exceljs, the school
 * file from the template, the .docx. Each output parses strictly (python's expat) and holds no U+FFFE, U+FFFF or bidi
 * override; LibreOffice opens each (CI); msoko reads its own school file back.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { School } from '../../../src/core/campaign/schema';
import { getCatalog } from '../../../src/core/catalog/index';
import { DEMO_CAMPAIGN } from '../../../src/core/demo/municipality';
import type { DocumentModel } from '../../../src/core/document/model';
import { schoolWorkbookLayout } from '../../../src/core/layout/school-workbook';
import { writeDocx } from '../../../src/node/docx/render';
import { readWorkbookFile } from '../../../src/node/xlsx/read/read-workbook';
import { writeWorkbookFile } from '../../../src/node/xlsx/write/render';
import { SchoolFileWriter } from '../../../src/node/xlsx/write/school-files';
import { CALC, ROOT, WRITER, toPdf, toolTest } from '../cli/helpers';

const HOSTILE_STRINGS = [
  'Школа\uFFFE№ 1',
  'конец\uFFFF',
  '\u001b[31mкрасный\u001b[0m',
  'одинокий \uD800 суррогат и \uDC00',
  'txt.\u202Eexe\u202C',
  '\u2066изоляция\u2069',
  '\u0000\u0008\u000B\u000C',
  '=HYPERLINK("javascript:alert(1)","x")',
  '<w:t>&amp;</w:t>]]>',
];
const name = HOSTILE_STRINGS.join(' | ');

const DIR = mkdtempSync(path.join(tmpdir(), 'msoko-hostile-writers-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const catalog = getCatalog('kalar');
const options = { password: null, definedNames: true } as const;
const school: School = { id: 'h1', name, shortName: HOSTILE_STRINGS[0] as string, type: 'СОШ', emails: [] };
const files = { rendered: path.join(DIR, 'rendered.xlsx'), template: path.join(DIR, 'template.xlsx'), docx: path.join(DIR, 'doc.docx') };

beforeAll(async () => {
  const layout = schoolWorkbookLayout(catalog, DEMO_CAMPAIGN, school);
  const first = layout.workbook.sheets[0];
  if (first) first.cells.push(...HOSTILE_STRINGS.map((value, i) => ({ row: 60 + i, col: 2, value, note: value, style: 'hint' as const })));
  await writeWorkbookFile(layout.workbook, files.rendered, options);
  const writer = new SchoolFileWriter(catalog, DEMO_CAMPAIGN, options);
  await writer.write({ ...school, id: 'h2' }, path.join(DIR, 'probe.xlsx')); // the first school builds the template
  await writer.write(school, files.template);
  const model: DocumentModel = {
    title: name,
    subtitle: name,
    audience: 'school',
    blocks: [
      { type: 'heading', level: 1, text: name },
      { type: 'paragraph', text: name },
      { type: 'bullets', items: HOSTILE_STRINGS },
      { type: 'table', header: HOSTILE_STRINGS.slice(0, 3), rows: [HOSTILE_STRINGS.slice(3, 6)] },
      { type: 'link', text: name, url: `https://example.ru/${HOSTILE_STRINGS[4]}` },
    ],
  };
  await writeDocx(model, files.docx);
}, 60_000);

test('every output parses strictly and holds no forbidden or bidi character', () => {
  const out = execFileSync('/usr/bin/python3', [path.join(ROOT, 'test', 'python', 'xml_strict.py'), ...Object.values(files)], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ [files.rendered]: [], [files.template]: [], [files.docx]: [] });
});

test('msoko reads its own school file with a hostile registry name', async () => {
  for (const file of [files.rendered, files.template]) expect(await readWorkbookFile(file)).toEqual({ sheets: expect.any(Array) });
});

toolTest(
  [CALC, WRITER],
  'LibreOffice opens every output',
  () => {
    const pdfs = toPdf(Object.values(files), path.join(DIR, 'pdf'));
    expect(pdfs.filter((f) => existsSync(f) && statSync(f).size > 1000)).toHaveLength(3);
  },
  240_000,
);
