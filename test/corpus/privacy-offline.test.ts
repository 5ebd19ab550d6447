/**
 * Privacy, offline (the built CLI) and in what the form asks:
 *  - out/recommendations/<code>.docx names no other school;
 *  - out/report.docx names no school, ranks none, and shows counts under 3 children in sensitive cells
 *    (Приложение 5 and 6) as «<3», and so does the recommendations document of the school they come from
 *    (see privacyValues: 1 pupil on the police register, 1 family, 1 child reached by prevention work);
 *  - the public parts of out/appendices.json (the aggregate cells) name no school;
 *  - the school form asks for counts, «да»/«нет» and links only: no personal data;
 *  - the add-on's manifest does not ask for the whole Drive.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { School } from '../../src/core/campaign/schema';
import { schoolWorkbookLayout } from '../../src/core/layout/school-workbook';
import { ConsolidationExportSchema } from '../../src/core/export/contract';
import { OPENPYXL, ROOT, formValues, msoko, tempDir, withTools, writeRegistry } from '../node/cli/helpers';
import { CATALOG, PRIVACY_SCHOOLS, SUPPRESSED, cellName, corpusXlsx, docxXml, namesOf, paragraphsOf, privacyValues, tableHeaders } from './helpers';

const PERSONAL = /ФИО|фамили|имя|отчество|дата рождения|дату рождения|адрес проживания|домашний адрес|паспорт|СНИЛС|телефон/i;

test('the school form asks for counts, «да»/«нет» and links only — no input is about a person', () => {
  expect([...new Set(CATALOG.inputs.map((i) => i.kind))].sort()).toEqual(['count', 'flag', 'url']);
  expect(CATALOG.inputs.filter((i) => PERSONAL.test(i.label)).map((i) => i.label)).toEqual([]);
  const layout = schoolWorkbookLayout(CATALOG, { year: 2026, municipality: 'Тестовый округ', catalogId: CATALOG.id }, PRIVACY_SCHOOLS[0] as School);
  const inputs = layout.workbook.sheets.flatMap((s) => s.inputs.map((i) => ({ sheet: s, input: i })));
  expect([...new Set(inputs.map(({ input }) => input.kind))].sort()).toEqual(['count', 'flag', 'status', 'url']);
  // the label the school reads next to each input cell (column B of its line)
  const labels = inputs.map(({ sheet, input }) => String(sheet.cells.find((c) => c.row === input.row && c.col === 2)?.value ?? ''));
  expect(labels.filter((l) => PERSONAL.test(l))).toEqual([]);
});

test('the manifest asks for files the add-on made (drive.file), never the whole Drive', () => {
  for (const file of ['appsscript.json', path.join('dist', 'appsscript.json')]) {
    const scopes = (JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as { oauthScopes: string[] }).oauthScopes;
    expect([file, scopes.filter((s) => /\/auth\/drive(\.readonly)?$/.test(s))]).toEqual([file, []]);
    expect(scopes).toContain('https://www.googleapis.com/auth/drive.file');
  }
});

withTools([OPENPYXL], 'офлайн: документы не раскрывают чужие данные', () => {
  const dir = path.join(tempDir('privacy'), 'kampania');
  const out = path.join(dir, 'out');

  beforeAll(() => {
    expect(msoko(['init', dir, '--year', '2026', '--municipality', 'Тестовый округ']).code).toBe(0);
    writeRegistry(dir, PRIVACY_SCHOOLS);
    expect(msoko(['generate', dir, '--json']).code).toBe(0);
    mkdirSync(path.join(dir, 'received'), { recursive: true });
    const jobs = PRIVACY_SCHOOLS.map((s, i) => ({
      src: path.join(dir, 'schools', `${s.id}.xlsx`),
      dst: path.join(dir, 'received', `${s.id}.xlsx`),
      fill: formValues(CATALOG, privacyValues(i)),
      ops: [],
    }));
    expect(corpusXlsx(jobs, dir).flatMap((r) => r.missing)).toEqual([]);
    const consolidated = msoko(['consolidate', dir]);
    expect([consolidated.code, consolidated.stdout]).toEqual([0, expect.stringContaining('В своде 3 из 3 ОО')]);
    expect(msoko(['recommend', dir]).code).toBe(0);
  }, 90_000);

  test('each school’s recommendations name no other school (code, full or short name)', async () => {
    for (const s of PRIVACY_SCHOOLS) {
      const text = paragraphsOf(await docxXml(path.join(out, 'recommendations', `${s.id}.docx`))).join('\n');
      expect([s.id, text.includes(s.shortName)]).toEqual([s.id, true]);
      const others = PRIVACY_SCHOOLS.filter((o) => o.id !== s.id).flatMap(namesOf);
      expect([s.id, others.filter((n) => text.includes(n))]).toEqual([s.id, []]);
    }
  });

  test('report.docx: aggregates only — no school named, no table by school or ranking', async () => {
    const xml = await docxXml(path.join(out, 'report.docx'));
    const text = paragraphsOf(xml).join('\n');
    expect(PRIVACY_SCHOOLS.flatMap(namesOf).filter((n) => text.includes(n))).toEqual([]);
    const headers = tableHeaders(xml);
    expect(headers.length).toBeGreaterThan(10);
    expect(headers.flat().filter((h) => /^(ОО|Школа|Образовательная организация|Место|Рейтинг|Ранг)$/i.test(h.trim()))).toEqual([]);
  });

  test('report.docx shows the municipal counts under 3 children in Приложение 5 and 6 as «<3»', async () => {
    const paragraphs = paragraphsOf(await docxXml(path.join(out, 'report.docx')));
    // a table row is «показатель | значение | …»: the paragraph after the indicator's name is its value
    const shown = SUPPRESSED.map(([key]) => [key, paragraphs[paragraphs.indexOf(cellName(key)) + 1]]);
    expect(shown).toEqual(SUPPRESSED);
  });

  test('the school with the small counts sees its own as «<3» too (its weak points table); the exact count is not in its document', async () => {
    const paragraphs = paragraphsOf(await docxXml(path.join(out, 'recommendations', 'alfa-sch.docx')));
    // weak points table: «направление | показатель | значение ОО | плановое значение»
    const own = ['A6.R1.C6', 'A6.R1.C7'].map((key) => [key, paragraphs[paragraphs.indexOf(cellName(key)) + 1]]);
    expect(own).toEqual([
      ['A6.R1.C6', '<3'],
      ['A6.R1.C7', '<3'],
    ]);
    expect(paragraphs.join('\n')).not.toMatch(/\(1 чел\.\)|\(2 чел\.\)|33,3 %/);
  });

  test('the public parts of appendices.json (the aggregate cells) name no school', () => {
    const result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(out, 'appendices.json'), 'utf8')));
    const cells = JSON.stringify(result.appendices.map((a) => a.rows.map((r) => r.cells)));
    expect(PRIVACY_SCHOOLS.flatMap(namesOf).filter((n) => cells.includes(n))).toEqual([]);
    const a5 = result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells)).find((c) => c.key === 'A5.R1.C1');
    expect([a5?.count, a5?.n]).toEqual([1, 3]);
  });
});
