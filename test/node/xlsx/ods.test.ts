/**
 * .ods school files (LibreOffice's own format): read through the same zip guard into the same grid as .xlsx.
 * Hand-written packages pin the value types, repeats and hostile cases; files saved by LibreOffice itself
 * (soffice --convert-to ods) must give `msoko validate` the same result as the .xlsx they came from.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getCatalog } from '../../../src/core/catalog';
import { demoValues } from '../../../src/core/demo/values';
import type { ValidationSummary } from '../../../src/node/commands/validate';
import { odsFormula } from '../../../src/node/xlsx/read/ods-values';
import { readDefinedNames, readWorkbookFile } from '../../../src/node/xlsx/read/read-workbook';
import { MAX_CELLS } from '../../../src/node/xlsx/read/sheet-limits';
import { CALC, OPENPYXL, fillByNames, formValues, msoko, msokoJson, school, toOds, withTools, writeRegistry } from '../cli/helpers';
import { type RawEntry, buildZip } from '../hostile/zip-build';

const DIR = mkdtempSync(path.join(tmpdir(), 'msoko-ods-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const MIME = 'application/vnd.oasis.opendocument.spreadsheet';
const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"';
const content = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`;
const ods = (xml: string | null, extra: RawEntry[] = []): Buffer =>
  buildZip([{ name: 'mimetype', data: MIME, method: 0 }, ...(xml === null ? [] : [{ name: 'content.xml', data: xml }]), ...extra]);
const file = (name: string, bytes: Buffer): string => {
  const out = path.join(DIR, name);
  writeFileSync(out, bytes);
  return out;
};
const RUSSIAN = /^[^A-Za-z]*[А-Яа-яЁё]/;

describe('values read as the .xlsx readers give them', () => {
  const cell = (attrs: string, inner = ''): string => `<table:table-cell ${attrs}>${inner}</table:table-cell>`;
  const xml = content(
    `<table:table table:name="Лист 1"><table:table-column table:number-columns-repeated="1024"/>` +
      `<table:table-row>${cell('office:value-type="float" office:value="12.5"', '<text:p>12,5</text:p>')}` +
      `${cell('office:value-type="percentage" office:value="0.25"', '<text:p>25%</text:p>')}` +
      `${cell('office:value-type="boolean" office:boolean-value="true"', '<text:p>ИСТИНА</text:p>')}` +
      `${cell('office:value-type="date" office:date-value="2026-05-01"', '<text:p>01.05.26</text:p>')}` +
      `${cell('office:value-type="time" office:time-value="PT12H30M00S"', '<text:p>12:30</text:p>')}</table:table-row>` +
      `<table:table-row>${cell('office:value-type="string"', '<text:p>два<text:s text:c="2"/>пробела <text:span>и</text:span> <text:a>ссылка</text:a></text:p><text:p>вторая строка</text:p>')}` +
      `<table:covered-table-cell table:number-columns-repeated="2"/>${cell('office:value-type="string"', '<text:p>D2</text:p>')}` +
      `${cell('table:formula="of:=SUM([.A1];[$\'Лист 1\'.B1])" office:value-type="float" office:value="12.75"', '<text:p>12,75</text:p>')}` +
      `${cell('table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"', '<text:p>#DIV/0!</text:p>')}</table:table-row>` +
      // LibreOffice's tail of every sheet: a million empty rows, then one more — nothing is allocated for them
      `<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
      `<table:table-row><table:table-cell table:number-columns-repeated="2"/>${cell('office:value-type="float" office:value="7"', '<text:p>7</text:p>')}</table:table-row>` +
      `</table:table><table:table table:name="Служебный"><table:table-row table:number-rows-repeated="2">${cell('office:value-type="string"', '<text:p>x</text:p>')}</table:table-row></table:table>` +
      `<table:named-expressions><table:named-range table:name="TOTAL" table:base-cell-address="$'Лист 1'.$A$1" table:cell-range-address="$'Лист 1'.$B$3"/>` +
      `<table:named-range table:name="AREA" table:cell-range-address="$'Лист 1'.$A$1:.$B$2"/></table:named-expressions>`,
  );

  test('every value type, text:s spaces, spans, paragraphs, covered cells, formulas and error results', async () => {
    const grid = await readWorkbookFile(file('values.ods', ods(xml)));
    if ('unreadable' in grid) throw new Error(grid.unreadable);
    const [first, meta] = grid.sheets;
    expect(grid.problems).toBeUndefined();
    expect(first?.name).toBe('Лист 1');
    expect(first?.values[0]).toEqual([12.5, 0.25, true, new Date(Date.UTC(2026, 4, 1)), new Date(Date.UTC(1899, 11, 30, 12, 30))]);
    expect(first?.values[1]).toEqual(['два  пробела и ссылка\nвторая строка', '', '', 'D2', 12.75, '#DIV/0!']);
    expect(first?.formulas?.[1]).toEqual([null, null, null, null, "SUM(A1,'Лист 1'!B1)", '1/0']);
    expect(first?.values.length).toBe(1048003);
    expect(first?.values[1048002]).toEqual(['', '', 7]);
    expect(Object.keys(first?.values ?? []).length).toBeLessThan(10); // the gap is holes, not a million arrays
    expect(meta).toEqual({ name: 'Служебный', values: [['x'], ['x']] });
    expect(await readDefinedNames(file('names.ods', ods(xml)))).toEqual(new Map([['TOTAL', { sheet: 'Лист 1', row: 3, col: 2 }]]));
  });

  test('OpenFormula references and separators become the .xlsx formula text', () => {
    expect(odsFormula('of:=IF([.D12]="";"a;b";N([$\'Сведения об ОО\'.$D$12]))')).toBe('IF(D12="","a;b",N(\'Сведения об ОО\'!$D$12))');
    expect(odsFormula('of:=COUNTIF([$Лист.$E:.$E];"x")')).toBe('COUNTIF(Лист!$E:$E,"x")');
    // another file stays bracketed, which the validator refuses as reaching outside
    expect(odsFormula("of:=['file:///C:/x.ods'#$Лист1.A1]")).toBe("['file:///C:/x.ods'#$Лист1.A1]");
  });
});

describe('hostile .ods files get a Russian reason or a placed problem, never a crash or a huge allocation', () => {
  test('a repeat bomb: a filled cell repeated over every column of a million rows stops at the cell limit', async () => {
    const bomb = content(
      `<table:table table:name="Б"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>`,
    );
    const started = Date.now();
    const grid = await readWorkbookFile(file('bomb.ods', ods(bomb)));
    expect(Date.now() - started).toBeLessThan(10_000);
    if ('unreadable' in grid) throw new Error(grid.unreadable);
    expect(grid.problems).toEqual([{ sheet: 'Б', cell: null, text: expect.stringMatching(/^на листе больше 500/) }]);
    expect(grid.sheets[0]?.values.reduce((n, row) => n + (row?.length ?? 0), 0)).toBe(MAX_CELLS);
  });

  test('a filled row repeated beyond the last row of a sheet is a placed problem', async () => {
    const beyond = content(
      `<table:table table:name="Б"><table:table-row table:number-rows-repeated="1048575"/><table:table-row table:number-rows-repeated="5"><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>`,
    );
    const grid = await readWorkbookFile(file('beyond.ods', ods(beyond)));
    if ('unreadable' in grid) throw new Error(grid.unreadable);
    expect(grid.problems).toEqual([{ sheet: 'Б', cell: null, text: expect.stringMatching(/за пределами листа/) }]);
    expect(grid.sheets[0]?.values.length).toBe(1048576);
  });

  const cases: [string, Buffer, RegExp][] = [
    ['no content.xml', ods(null, [{ name: 'styles.xml', data: '<x/>' }]), /нет содержимого таблицы \(content\.xml\)/],
    ['not a zip at all', randomBytes(2048), /не является книгой/],
    ['a zip bomb', ods(content('<table:table table:name="Б"/>'), [{ name: 'Pictures/1.png', data: Buffer.alloc(40 * 1024 * 1024) }]), /слишком большой объём/],
    [
      'content.xml lying about its size',
      ods(null, [{ name: 'content.xml', data: Buffer.alloc(8 * 1024 * 1024, 32), declaredSize: 100 }]),
      /слишком большой объём/,
    ],
    ['broken XML', ods('<office:document-content><table:table>'), /не читается/],
    ['no sheets', ods(content('')), /нет ни одного листа/],
    [
      'a password to open',
      ods(content(''), [{ name: 'META-INF/manifest.xml', data: '<manifest:manifest><manifest:encryption-data/></manifest:manifest>' }]),
      /защищена паролем/,
    ],
    ['a text document', buildZip([{ name: 'mimetype', data: `${MIME.replace('spreadsheet', 'text')}`, method: 0 }]), /\.odt/],
  ];
  test.each(cases)('%s', async (name, bytes, reason) => {
    const got = await readWorkbookFile(file(`${name}.ods`, bytes));
    expect(got).toEqual({ unreadable: expect.stringMatching(RUSSIAN) });
    expect((got as { unreadable: string }).unreadable).toMatch(reason);
  });
});

withTools([OPENPYXL, CALC], 'files saved by LibreOffice as .ods', () => {
  const catalog = getCatalog('kalar');
  const SCHOOLS = [school('sosh-1', 'СОШ', 'СОШ № 1'), school('oosh-2', 'ООШ', 'ООШ с. Берёзово'), school('nosh-3', 'НОШ', 'НОШ п. Ключи')];
  const dir = path.join(DIR, 'kampania');
  const received = path.join(dir, 'received');
  const filled = path.join(DIR, 'filled');

  test('msoko validate gives the same result for the .ods as for the .xlsx it was saved from', () => {
    expect(msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый округ']).code).toBe(0);
    writeRegistry(dir, SCHOOLS);
    expect(msoko(['generate', dir]).code).toBe(0);
    mkdirSync(filled, { recursive: true });
    SCHOOLS.forEach((s, i) => {
      const values = formValues(catalog, demoValues(catalog, s, SCHOOLS.length, 4200 + i), i === 2 ? 'Заполняется' : undefined);
      // one school's mistakes: a negative count, units typed into a number, a blank required field, two spaces in a link
      if (s.id === 'oosh-2') Object.assign(values, { A1_R1_C2_NOO: -5, A2_R1_C1: '12 чел.', P_PED: null, EV_A1_R1: 'https://example.ru/отчёт  2026' });
      const got = fillByNames(path.join(dir, 'schools', `${s.id}.xlsx`), path.join(filled, `${s.id}.xlsx`), values);
      expect(got.missing).toEqual([]);
    });
    const xlsx = SCHOOLS.map((s) => path.join(filled, `${s.id}.xlsx`));
    const saved = toOds(xlsx, path.join(DIR, 'ods'));

    mkdirSync(received, { recursive: true });
    for (const f of xlsx) copyFileSync(f, path.join(received, path.basename(f)));
    const fromXlsx = msokoJson<ValidationSummary>(['validate', dir, '--json']);
    for (const f of readdirSync(received)) rmSync(path.join(received, f));
    for (const f of saved) copyFileSync(f, path.join(received, path.basename(f)));
    const fromOds = msokoJson<ValidationSummary>(['validate', dir, '--json']);

    expect(fromOds.json.schools.map((s) => s.files)).toEqual(SCHOOLS.map((s) => [`${s.id}.ods`]));
    const same = (r: typeof fromXlsx): unknown => JSON.parse(JSON.stringify(r).replaceAll('.ods', '.xlsx'));
    expect(same(fromOds)).toEqual(same(fromXlsx));
    // the data really were read: one school accepted, one with errors at named cells, one still being filled
    expect(fromOds.json.schools.map((s) => [s.id, s.errors > 0])).toEqual([
      ['sosh-1', false],
      ['oosh-2', true],
      ['nosh-3', false],
    ]);
    expect(fromOds.json.schools[1]?.messages.join('\n')).toMatch(/Приложение/);
  }, 300_000);

  test('named cells, the stamp and the status read the same from the LibreOffice .ods', async () => {
    const xlsx = path.join(filled, 'sosh-1.xlsx');
    const saved = path.join(DIR, 'ods', 'sosh-1.ods');
    expect(await readDefinedNames(saved)).toEqual(await readDefinedNames(xlsx));
    const [a, b] = [await readWorkbookFile(xlsx), await readWorkbookFile(saved)];
    if ('unreadable' in a || 'unreadable' in b) throw new Error('unreadable');
    expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
    const meta = (g: typeof a): unknown => g.sheets.find((s) => s.name === 'Служебный')?.values;
    expect(meta(b)).toEqual(meta(a));
    // every cell the tool reads holds the same value; only formula cells differ (LibreOffice caches its results)
    const plain = (g: typeof a): unknown[][][] => g.sheets.map((s) => s.values.map((row, r) => (row ?? []).map((v, c) => (s.formulas?.[r]?.[c] ? '=' : v))));
    expect(plain(b)).toEqual(plain(a));
  });
});
