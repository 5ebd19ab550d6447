/**
 * School files made from the once-rendered probe template equal files rendered in full for the school:
 * every part of the package compared with shared-string indices resolved to their texts (indices differ
 * when two of a school's texts coincide), only the creation time left out.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import type { Campaign, School } from '../../../src/core/campaign/schema';
import { getCatalog } from '../../../src/core/catalog/index';
import { DEMO_CAMPAIGN, DEMO_SCHOOLS } from '../../../src/core/demo/municipality';
import { schoolWorkbookLayout } from '../../../src/core/layout/school-workbook';
import { schoolSpecificCells } from '../../../src/core/layout/school-template';
import { readWorkbookFile } from '../../../src/node/xlsx/read/read-workbook';
import { writeWorkbookFile } from '../../../src/node/xlsx/write/render';
import { SchoolFileWriter, setRowHeight, xmlEncode } from '../../../src/node/xlsx/write/school-files';

const campaign: Campaign = DEMO_CAMPAIGN;
const options = { password: 'секрет', definedNames: true, creator: 'Отдел образования' } as const;

const LONG = `МБОУ «${'Очень длинное название средней общеобразовательной школы '.repeat(4).trim()}»`;
const schools: School[] = [
  ...DEMO_SCHOOLS.slice(0, 3),
  { id: 'amp-1', name: 'МБОУ "СОШ" № 1 <Тест> & \'Ко\'', shortName: 'A&B <1>', type: 'ООШ', emails: [] },
  { id: 'long_2', name: LONG, shortName: 'Длинная', type: 'СОШ', emails: ['a@example.ru'] },
  { id: 'x', name: 'Ш', shortName: 'Ш', type: 'НОШ', emails: [] },
  { id: 'same', name: 'Одно имя', shortName: 'Одно имя', type: 'СОШ', emails: [] },
  { id: 'ctl', name: 'Школа\u0001№ 5', shortName: 'Ш5', type: 'СОШ', emails: [] },
];
/** Surrounding spaces need xml:space, which the template path does not write: rendered in full. */
const spaced: School = { id: 'spaced', name: ' Школа с пробелом ', shortName: 'Пробел', type: 'СОШ', emails: [] };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'msoko-school-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function normalized(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const shared = await zip.file('xl/sharedStrings.xml')?.async('string');
  const strings = [...(shared ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1] as string);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) {
    if (f.dir || f.name === 'xl/sharedStrings.xml') continue;
    let text = await f.async('string');
    if (f.name.startsWith('xl/worksheets/sheet')) text = text.replace(/ t="s"><v>(\d+)<\/v>/g, (_, i: string) => ` t="s">${strings[Number(i)]}`);
    if (f.name === 'docProps/core.xml') text = text.replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, '<dcterms:$1><');
    out.set(f.name, text);
  }
  return out;
}

describe('school files from the template', () => {
  test('equal a full render for every kind of school name, part by part', async () => {
    const writer = new SchoolFileWriter(getCatalog('kalar'), campaign, options);
    for (const school of [...schools, spaced]) {
      const fast = path.join(dir, `${school.id}.xlsx`);
      const full = path.join(dir, `${school.id}-full.xlsx`);
      await writer.write(school, fast);
      await writeWorkbookFile(schoolWorkbookLayout(getCatalog('kalar'), campaign, school).workbook, full, options);
      const [a, b] = [await normalized(fast), await normalized(full)];
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [part, text] of b) expect({ school: school.id, part, text: a.get(part) }).toEqual({ school: school.id, part, text });
    }
    expect(writer.made).toEqual({ fromTemplate: schools.length, rendered: 1 });
  });

  test('a long name makes its rows taller than in a short name’s file', async () => {
    const sheetOf = async (id: string): Promise<string> =>
      (await JSZip.loadAsync(readFileSync(path.join(dir, `${id}.xlsx`)))).file('xl/worksheets/sheet1.xml')?.async('string') ?? '';
    const heights = (xml: string): string => [...xml.matchAll(/<row r="(\d+)" ht="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`).join(',');
    expect(heights(await sheetOf('long_2'))).not.toEqual(heights(await sheetOf('x')));
  });

  test('each file holds its own school and nothing of the previous one', async () => {
    for (const school of schools) {
      const grid = await readWorkbookFile(path.join(dir, `${school.id}.xlsx`));
      if ('unreadable' in grid) throw new Error(grid.unreadable);
      const text = JSON.stringify(grid.sheets.map((s) => s.values));
      expect(text).toContain(JSON.stringify(school.id));
      for (const other of schools)
        if (other.name !== school.name && !school.name.includes(other.name)) expect(text).not.toContain(JSON.stringify(other.name.replace(/\u0001/g, '')));
    }
  });

  test('the school-specific cells are the texts that name the school', () => {
    const cells = schoolSpecificCells(getCatalog('kalar'), campaign, schools[0] as School);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(String(c.value)).toMatch(new RegExp(`${(schools[0] as School).id}|${(schools[0] as School).name}`.replace(/[«»№]/g, '.')));
  });

  test('row heights are set, changed and removed in the sheet XML; a missing row is reported', () => {
    const xml = '<sheetData><row r="1" ht="20" customHeight="1" spans="1:2"><c r="A1"/></row><row r="10" spans="1:2"/></sheetData>';
    expect(setRowHeight(xml, 1, 45)).toContain('<row r="1" ht="45" customHeight="1" spans="1:2">');
    expect(setRowHeight(xml, 1, null)).toContain('<row r="1" spans="1:2">');
    expect(setRowHeight(xml, 10, 30)).toContain('<row r="10" ht="30" customHeight="1" spans="1:2"/>');
    expect(setRowHeight(xml, 2, 30)).toBeNull();
    expect(xmlEncode('a&b<c>"d\'\u0001\u0007e\tf')).toBe('a&amp;b&lt;c&gt;&quot;d&apos;e\tf');
  });
});
