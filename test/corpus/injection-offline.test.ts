/**
 * Injection, offline: schools named «=HYPERLINK("http://x","y")», «+1», «-2», «@SUM(A1)» and
 * «<img src=x onerror=alert(1)>» in schools.csv. Wherever the tool writes a name — the school's own
 * workbook, out/validation.xlsx, out/appendices.xlsx («Свод по школам», «Журнал»), the .docx documents, CSV —
 * it must be text: openpyxl sees a string cell (data type 's'), never a formula; the .docx holds it as
 * escaped run text, never as a field or markup; toCsv writes it with a leading apostrophe.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseCsv, toCsv } from '../../src/node/csv';
import { OPENPYXL, msoko, tempDir, withTools, writeRegistry } from '../node/cli/helpers';
import { INJECTIONS, type TextCell, corpusXlsx, docxXml, injectionSchools, paragraphsOf, schoolData, textCells } from './helpers';

const SCHOOLS = injectionSchools();
/** The last school sends a file with an error: its name also goes into the error report and the log. */
const REJECTED = SCHOOLS[SCHOOLS.length - 1]?.id ?? '';

test('toCsv writes every name that starts with = + - @ as text (leading apostrophe), and reads back the same', () => {
  const rows = [['id', 'short_name'], ...SCHOOLS.map((s) => [s.id, s.shortName])];
  const csv = toCsv(rows);
  const back = parseCsv(csv);
  expect(back.slice(1).map((r) => r[1])).toEqual(SCHOOLS.map((s) => (/^[=+\-@]/.test(s.shortName) ? `'${s.shortName}` : s.shortName)));
  for (const line of csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1, -1))
    expect(line).toMatch(/^inj\d,(?:"?'[=+\-@]|<img )/);
  // numbers stay numbers: only text is neutralised
  expect(toCsv([[-2, '-2']])).toBe("\uFEFF-2,'-2\r\n");
});

withTools([OPENPYXL], 'офлайн: имена-формулы остаются текстом', () => {
  const dir = path.join(tempDir('injection'), 'kampania');
  const out = path.join(dir, 'out');
  let cells: Record<string, TextCell[]> = {};
  const files = {
    schools: SCHOOLS.map((s) => path.join(dir, 'schools', `${s.id}.xlsx`)),
    validation: path.join(out, 'validation.xlsx'),
    appendices: path.join(out, 'appendices.xlsx'),
  };

  beforeAll(() => {
    expect(msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый округ']).code).toBe(0);
    writeRegistry(dir, SCHOOLS);
    expect(msoko(['generate', dir, '--json']).code).toBe(0);
    mkdirSync(path.join(dir, 'received'), { recursive: true });
    const jobs = SCHOOLS.map((s, i) => ({
      src: path.join(dir, 'schools', `${s.id}.xlsx`),
      dst: path.join(dir, 'received', `${s.id}.xlsx`),
      fill: schoolData(s, SCHOOLS.length, 820 + i).typed,
      ops: s.id === REJECTED ? [{ op: 'set_name', name: 'A1_C3', value: -5 }] : [],
    }));
    expect(corpusXlsx(jobs, dir).flatMap((r) => r.missing)).toEqual([]);
    expect(msoko(['validate', dir, '--json']).code).toBe(1);
    expect(msoko(['consolidate', dir]).code).toBe(1);
    expect(msoko(['recommend', dir]).code).toBe(0);
    cells = textCells([...files.schools, files.validation, files.appendices], INJECTIONS, dir);
  }, 90_000);

  /** Cells that START with a dangerous name (where a spreadsheet would run it). */
  const leading = (file: string, needle: string): TextCell[] => (cells[file] ?? []).filter((c) => c[3].startsWith(needle) && c[4] === needle);

  test('each school’s own workbook holds its name as text (profile, heading), never as a formula', () => {
    SCHOOLS.forEach((s, i) => {
      const hits = leading(files.schools[i] ?? '', s.shortName);
      expect(hits.length).toBeGreaterThanOrEqual(2);
      expect(hits.filter((c) => c[2] !== 's')).toEqual([]);
    });
  });

  test('out/validation.xlsx («Статусы», «Проверка») and out/appendices.xlsx («Свод по школам», «Журнал») hold every name as text', () => {
    for (const file of [files.validation, files.appendices]) {
      for (const needle of INJECTIONS) {
        const hits = leading(file, needle);
        expect([path.basename(file), needle, hits.length > 0]).toEqual([path.basename(file), needle, true]);
        expect(hits.filter((c) => c[2] !== 's')).toEqual([]);
      }
    }
    const sheetsOf = (file: string, needle: string): string[] => [...new Set(leading(file, needle).map((c) => c[0]))].sort();
    expect(sheetsOf(files.appendices, INJECTIONS[0] ?? '')).toEqual(['Свод по школам']);
    expect(sheetsOf(files.appendices, INJECTIONS[4] ?? '')).toEqual(['Журнал']);
    expect(sheetsOf(files.validation, INJECTIONS[4] ?? '')).toEqual(['Проверка', 'Статусы']);
  });

  test('no formula anywhere carries a school name', () => {
    const formulas = Object.values(cells)
      .flat()
      .filter((c) => c[2] === 'f');
    expect(formulas.filter((c) => ['HYPERLINK("http://x"', '@SUM(A1)', 'onerror'].some((n) => c[3].includes(n)))).toEqual([]);
  });

  test('each recommendations .docx holds its school’s name as escaped run text; no field, no markup', async () => {
    for (const s of SCHOOLS) {
      const xml = await docxXml(path.join(out, 'recommendations', `${s.id}.docx`));
      expect([s.id, paragraphsOf(xml).some((p) => p.includes(s.shortName))]).toEqual([s.id, true]);
      expect([s.id, /<w:fldSimple|<w:instrText|<w:fldChar/.test(xml), xml.includes('<img')]).toEqual([s.id, false, false]);
    }
    const report = await docxXml(path.join(out, 'report.docx'));
    expect([/<w:fldSimple|<w:instrText|<w:fldChar/.test(report), report.includes('<img')]).toEqual([false, false]);
  });
});
