/**
 * out/appendices.xlsx after a consolidation (the demo municipality, with last year's data), read with a second
 * library (openpyxl): the sheets, the header of every appendix (column titles of the catalog, part titles
 * under their column), six lines per appendix row, and the «Достигнуто» marks.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { getCatalog } from '../../../src/core/catalog';
import { type ConsolidationExport, ConsolidationExportSchema } from '../../../src/core/export/contract';
import { type Dump, OPENPYXL, dumpXlsx, msoko, tempDir, withTools } from './helpers';

const catalog = getCatalog('kalar');
const LINES = ['Значение', 'Целевое значение', 'Достигнуто', 'Прошлый год', 'Изменение', 'Сдали данные, ОО'];
const MARKS = ['да', 'нет', 'контекст', 'цель не утверждена', 'не применимо', 'нет данных', '—'];
type Sheet = Dump['sheets'][number];
type Cell = string | number | boolean | null;

const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
/** Merged ranges as [row1, col1, row2, col2]. */
const merges = (s: Sheet): [number, number, number, number][] =>
  s.merged.map((m) => {
    const [a = '', b = a] = m.split(':');
    const p = (ref: string): [number, number] => {
      const x = /^([A-Z]+)(\d+)$/.exec(ref) ?? ['', 'A', '0'];
      return [Number(x[2]), colNumber(x[1] as string)];
    };
    return [...p(a), ...p(b)];
  });
const at = (s: Sheet, row: number, col: number): Cell => s.rows[row - 1]?.[col - 1] ?? null;

/** Pictures anchored on each sheet, followed through the package's relationships: workbook → sheet → drawing. */
async function picturesPerSheet(file: string): Promise<Map<string, number>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = async (name: string): Promise<string> => (await zip.file(name)?.async('string')) ?? '';
  const rels = async (name: string): Promise<Map<string, string>> =>
    new Map([...(await text(name)).matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1] as string, m[2] as string]));
  const book = await rels('xl/_rels/workbook.xml.rels');
  const out = new Map<string, number>();
  for (const m of (await text('xl/workbook.xml')).matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = (book.get(m[2] as string) ?? '').replace(/^\/?(xl\/)?/, '');
    const sheetRels = await rels(`xl/worksheets/_rels/${path.posix.basename(target)}.rels`);
    let count = 0;
    for (const t of sheetRels.values())
      if (t.includes('drawings/')) count += ((await text(`xl/drawings/${path.posix.basename(t)}`)).match(/<xdr:pic>/g) ?? []).length;
    out.set(m[1] as string, count);
  }
  return out;
}

withTools([OPENPYXL], 'листы out/appendices.xlsx', () => {
  const dir = path.join(tempDir('sheets'), 'demo');
  let dump: Dump;
  let result: ConsolidationExport;
  const sheet = (name: string): Sheet => {
    const found = dump.sheets.find((s) => s.title === name);
    if (!found) throw new Error(`нет листа «${name}»`);
    return found;
  };
  /** The 1-based row of the first data line of an appendix sheet (found by the first row's title in column B). */
  const firstData = (s: Sheet, title: string): number => s.rows.findIndex((r) => r[1] === title) + 1;

  beforeAll(() => {
    const r = msoko(['demo', dir], 180_000);
    expect([r.code, r.stderr]).toEqual([0, '']);
    dump = dumpXlsx(path.join(dir, 'out', 'appendices.xlsx'));
    result = ConsolidationExportSchema.parse(JSON.parse(readFileSync(path.join(dir, 'out', 'appendices.json'), 'utf8')));
  }, 200_000);

  test('the sheets: «Приложение 1» … «Приложение 11», «Свод по школам», …, «Журнал» last, all visible', () => {
    const titles = dump.sheets.map((s) => s.title);
    // further department sheets (the survey's «Удовлетворённость») may stand between the schools and the log
    expect(titles.slice(0, 12)).toEqual([...Array.from({ length: 11 }, (_, i) => `Приложение ${i + 1}`), 'Свод по школам']);
    expect(titles[titles.length - 1]).toBe('Журнал');
    expect(titles.filter((t) => t.startsWith('Приложение')).length).toBe(11);
    expect(dump.sheets.every((s) => s.state === 'visible')).toBe(true);
  });

  test('every appendix sheet carries a picture per chart caption; «Диаграммы» stands before «Журнал» with the pictures of all', async () => {
    const pictures = await picturesPerSheet(path.join(dir, 'out', 'appendices.xlsx'));
    const captions = (s: Sheet): number => s.rows.filter((r) => String(r[0] ?? '').startsWith('Диаграмма: ')).length;
    for (const a of catalog.appendices) {
      const s = sheet(`Приложение ${a.number}`);
      expect([a.number, pictures.get(s.title)]).toEqual([a.number, captions(s)]);
    }
    const titles = dump.sheets.map((s) => s.title);
    expect(titles.indexOf('Диаграммы')).toBe(titles.length - 2);
    const charts = pictures.get('Диаграммы') ?? 0;
    expect(charts).toBeGreaterThan(catalog.appendices.length);
    // the department's own analysis is marked before its charts
    expect(sheet('Диаграммы').rows.some((r) => String(r[0] ?? '').includes('для служебного пользования'))).toBe(true);
  });

  test.each(catalog.appendices.map((a) => [a.number]))(
    'Приложение %i: title, header with the catalog’s column titles and part titles under their column',
    (n) => {
      const app = catalog.appendices.find((a) => a.number === n);
      if (!app) throw new Error(`нет приложения ${n}`);
      const s = sheet(`Приложение ${n}`);
      expect(at(s, 1, 1)).toBe(`Приложение ${n}. Таблица ${app.table} ${app.title}`);
      const first = firstData(s, app.rows[0]?.title ?? '');
      expect(first).toBeGreaterThan(3);
      expect([at(s, 3, 1), at(s, 3, 2)]).toEqual(['№ п/п', app.rowHeader]);
      if (app.indicatorsHeader) expect(at(s, 3, 4)).toBe(app.indicatorsHeader);
      const ranges = merges(s);
      const problems: string[] = [];
      let col = 4;
      for (const column of app.columns) {
        const span = Math.max(1, column.parts.length);
        const row = [3, 4, 5].find((r) => r < first && at(s, r, col) === column.title);
        if (row === undefined) {
          problems.push(`${column.id}: заголовок «${column.title}» не найден в столбце ${col}`);
        } else if (span > 1) {
          const merged = ranges.find(([r1, c1, r2, c2]) => r1 === row && r2 === row && c1 === col && c2 === col + span - 1);
          if (!merged) problems.push(`${column.id}: заголовок не объединён над ${span} столбцами`);
          column.parts.forEach((p, i) => {
            if (at(s, row + 1, col + i) !== p.title)
              problems.push(`${column.id}.${p.id}: под заголовком «${String(at(s, row + 1, col + i))}», а нужно «${p.title}»`);
          });
        }
        col += span;
      }
      expect(problems).toEqual([]);
      expect(at(s, 3, col)).toBe('Ссылки на подтверждающие документы');
      expect(s.maxCol).toBe(col);
    },
  );

  test.each(catalog.appendices.map((a) => [a.number]))('Приложение %i: six lines per row, values as in appendices.json, only known «Достигнуто» marks', (n) => {
    const app = catalog.appendices.find((a) => a.number === n);
    const res = result.appendices.find((a) => a.number === n);
    if (!app || !res) throw new Error(`нет приложения ${n}`);
    const s = sheet(`Приложение ${n}`);
    const first = firstData(s, app.rows[0]?.title ?? '');
    const ranges = merges(s);
    const problems: string[] = [];
    res.rows.forEach((row, k) => {
      const top = first + LINES.length * k;
      expect([at(s, top, 1), at(s, top, 2)]).toEqual([row.number, row.title]);
      expect(LINES.map((_, i) => at(s, top + i, 3))).toEqual(LINES);
      for (const c of [1, 2]) expect(ranges).toContainEqual([top, c, top + LINES.length - 1, c]);
      row.cells.forEach((cell, i) => {
        const col = 4 + i;
        const [value, target, mark, previous, , schools] = LINES.map((_, j) => at(s, top + j, col));
        if (!MARKS.includes(String(mark))) problems.push(`${cell.key}: «Достигнуто» = «${String(mark)}»`);
        if (cell.achieved !== null && mark !== (cell.achieved ? 'да' : 'нет'))
          problems.push(`${cell.key}: achieved ${String(cell.achieved)}, в таблице «${String(mark)}»`);
        if (cell.target !== '' && !String(target).startsWith(cell.target)) problems.push(`${cell.key}: цель «${String(target)}», а в JSON «${cell.target}»`);
        if (schools !== cell.n) problems.push(`${cell.key}: сдали ${String(schools)}, в JSON n = ${cell.n}`);
        const numeric = ['ratio', 'schoolShare', 'sum', 'schoolCount'].includes(cell.aggregate);
        if (numeric && cell.value !== null && !cell.notApplicable && value !== cell.value)
          problems.push(`${cell.key}: значение ${String(value)}, в JSON ${cell.value}`);
        if (numeric && cell.previous !== null && previous !== cell.previous)
          problems.push(`${cell.key}: прошлый год ${String(previous)}, в JSON ${cell.previous}`);
      });
    });
    expect(problems).toEqual([]);
    // under the table: an empty row, then only the captions of its charts (the pictures hold no cells)
    const last = first + LINES.length * res.rows.length - 1;
    expect(s.rows[last]?.every((v) => v === null) ?? true).toBe(true);
    const below = s.rows.slice(last + 1).filter((r) => r.some((v) => v !== null));
    expect(below.length).toBeGreaterThan(0);
    for (const r of below) expect([String(r[0]).startsWith('Диаграмма: '), r.slice(1).every((v) => v === null)]).toEqual([true, true]);
  });

  test('every «Достигнуто» line of every sheet holds only the allowed marks, and some are «да» and «нет»', () => {
    const marks = dump.sheets
      .filter((s) => s.title.startsWith('Приложение'))
      .flatMap((s) => s.rows.filter((r) => r[2] === 'Достигнуто').flatMap((r) => r.slice(3).filter((v) => v !== null && !String(v).startsWith('http'))));
    expect(marks.length).toBe(192);
    expect([...new Set(marks)].filter((m) => !MARKS.includes(String(m)))).toEqual([]);
    expect(marks).toContain('да');
    expect(marks).toContain('нет');
  });

  test('«Свод по школам» has one line per accepted school and one column per cell; «Журнал» records the run', () => {
    const s = sheet('Свод по школам');
    expect(s.rows[1]).toEqual(['ОО', ...catalog.cells.map((c) => c.key)]);
    const accepted = result.schools.filter((x) => x.status === 'accepted').map((x) => x.id);
    expect(s.rows.slice(2).map((r) => r[0]).length).toBe(accepted.length);
    const log = sheet('Журнал').rows.map((r) => String(r[1] ?? ''));
    expect(log).toContain(`Принято к своду: ${accepted.length} из ${result.schools.length} ОО`);
    expect(log.some((l) => l.startsWith('Данные прошлого года:'))).toBe(true);
  });
});
