/**
 * The Kalar catalog (Appendices 1–11) against the SOURCE tables 4.1–4.11 of the concept, not against
 * the notes: every appendix title, row label, column and part title, the header geometry (which part
 * sits under which column) and every reference value (`Cell.source`) is compared with the flattened
 * .docx text in test/fixtures/kalar-concept.txt (the concept's own text; see docs/decisions/README.md, Sources).
 *
 * Comparisons are exact after collapsing whitespace in the seed (runs of spaces, tabs and line breaks
 * inside a cell become one space); the catalog side is taken as written. In every failure diff,
 * «Received» is the catalog and «Expected» is the source.
 *
 * If a check fails because the catalog data is wrong, fix the catalog, not this test.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expandCatalog } from '../../../src/core/catalog/expand';
import { kalarCatalog } from '../../../src/core/catalog/kalar';
import type { Appendix, Catalog, Column } from '../../../src/core/catalog/types';
import { dataRows, findDataRow, headerRows, readSeedTables } from '../../helpers/seed-tables';
import type { SeedTable } from '../../helpers/seed-tables';

const SEED = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'kalar-concept.txt'), 'utf8');
const tables: SeedTable[] = readSeedTables(SEED);
const catalog: Catalog = expandCatalog(kalarCatalog);

interface Leaf {
  column: string;
  part: string | null;
  /** `C2.NOO` or `C1`. */
  key: string;
}

/** Leaf columns of an appendix in column order, parts in order (max(1, parts.length) per column). */
function leavesOf(app: Appendix): Leaf[] {
  return app.columns.flatMap((c): Leaf[] =>
    c.parts.length > 0 ? c.parts.map((p) => ({ column: c.id, part: p.id, key: `${c.id}.${p.id}` })) : [{ column: c.id, part: null, key: c.id }],
  );
}

function seedTable(number: number): SeedTable {
  const table = tables.find((t) => t.number === number);
  if (!table) throw new Error(`В тексте источника нет таблицы 4.${number}`);
  return table;
}

function appendix(number: number): Appendix {
  const app = catalog.appendices.find((a) => a.number === number);
  if (!app) throw new Error(`В каталоге нет приложения ${number}`);
  return app;
}

/**
 * The header rows the catalog implies, as the flattened .docx writes them (docs/decisions/methodology.md, D1): a
 * horizontally merged cell appears once, a vertically merged cell repeats as '' in every row it spans.
 * Row 0 is `№ п/п | row header | Показатели` (absent when the table has no «Показатели» header,
 * then row 0 carries the column titles); next the column titles; then, per split column, its parts
 * header (e.g. `уровни`) one row above the row with the part titles; from the part-title row down, a
 * split column occupies one cell per part. The part-title rows are taken from the seed (the catalog
 * does not say on which header row a split is drawn); everything else is predicted.
 */
function expectedHeader(app: Appendix, seed: string[][]): string[][] {
  const hasIndicatorsRow = app.indicatorsHeader !== null;
  const titleRow = hasIndicatorsRow ? 1 : 0;
  const lastRow = Math.max(seed.length - 1, titleRow);
  const partRow = (c: Column): number => {
    const first = c.parts[0];
    if (!first) return Number.POSITIVE_INFINITY;
    const found = seed.findIndex((cells, r) => r > titleRow && cells.includes(first.title));
    return found >= 0 ? found : Math.max(lastRow, titleRow + 1);
  };
  const rows: string[][] = [];
  if (hasIndicatorsRow) rows.push(['№ п/п', app.rowHeader, app.indicatorsHeader ?? '']);
  rows.push([hasIndicatorsRow ? '' : '№ п/п', hasIndicatorsRow ? '' : app.rowHeader, ...app.columns.map((c) => c.title)]);
  for (let r = titleRow + 1; r <= lastRow; r++) {
    const slots = app.columns.flatMap((c) => {
      const pr = partRow(c);
      if (r >= pr) return c.parts.map((p) => (r === pr ? p.title : ''));
      return [c.partsHeader !== null && r === pr - 1 ? c.partsHeader : ''];
    });
    rows.push(['', '', ...slots]);
  }
  return rows;
}

const appendixCases = catalog.appendices.map((a) => ({ number: a.number, table: a.table }));

const rowCases = catalog.appendices.flatMap((a) => a.rows.map((r, position) => ({ appendix: a.number, table: a.table, row: r.id, position, title: r.title })));

describe('the seed fixture and the catalog have the same tables', () => {
  test('the seed has tables 4.1–4.11, in order, each once', () => {
    expect(tables.map((t) => t.table)).toEqual(Array.from({ length: 11 }, (_, i) => `4.${i + 1}`));
  });

  test('the catalog has Appendices 1–11 = tables 4.1–4.11', () => {
    expect(catalog.appendices.map((a) => `${a.number}=${a.table}`)).toEqual(Array.from({ length: 11 }, (_, i) => `${i + 1}=4.${i + 1}`));
  });

  test('21 rows, 87 leaf columns, 192 cells; every cell belongs to one (row, leaf) of its appendix', () => {
    const rows = catalog.appendices.reduce((n, a) => n + a.rows.length, 0);
    const leaves = catalog.appendices.reduce((n, a) => n + leavesOf(a).length, 0);
    const grid = catalog.appendices.flatMap((a) => a.rows.flatMap((r) => leavesOf(a).map((l) => `A${a.number}.${r.id}.${l.key}`)));
    const cells = catalog.cells.map((c) => `A${c.appendix}.${c.row}.${c.column}${c.part === null ? '' : `.${c.part}`}`);
    expect({ rows, leaves, cells: catalog.cells.length }).toEqual({ rows: 21, leaves: 87, cells: 192 });
    expect(cells).toEqual(grid);
  });

  test('the seed has 21 data rows and 192 value cells, as many as the catalog', () => {
    const seedRows = tables.flatMap((t) => dataRows(t));
    expect(seedRows.length).toBe(21);
    expect(seedRows.reduce((n, r) => n + r.length - 2, 0)).toBe(192);
  });
});

describe.each(appendixCases)('Приложение $number (таблица $table): title and header', ({ number, table }) => {
  const app = appendix(number);
  const seed = seedTable(number);

  test('the appendix title equals the seed table title', () => {
    expect(seed.table).toBe(table);
    expect(app.title).toBe(seed.title);
  });

  test('every column title and part title occurs in the seed table', () => {
    const titles = app.columns.flatMap((c) => [
      { where: c.id, title: c.title },
      ...c.parts.map((p) => ({ where: `${c.id}.${p.id}`, title: p.title })),
      ...(c.partsHeader === null ? [] : [{ where: `${c.id} (partsHeader)`, title: c.partsHeader }]),
    ]);
    const missing = titles.filter((t) => !seed.text.includes(t.title));
    expect(missing).toEqual([]);
  });

  test('the header rows are exactly the ones the catalog implies (columns, parts and their positions)', () => {
    const seedHeader = headerRows(seed).map((r) => r.map((c) => c.text));
    expect(expectedHeader(app, seedHeader)).toEqual(seedHeader);
  });

  test('the seed data rows are the catalog rows, in order, one value cell per leaf column', () => {
    const leaves = leavesOf(app).length;
    const seedRows = dataRows(seed).map((r) => ({ number: r[0]?.text ?? '', title: r[1]?.text ?? '', values: r.length - 2 }));
    const catalogRows = app.rows.map((r) => ({ number: r.number, title: r.title, values: leaves }));
    expect(catalogRows).toEqual(seedRows);
  });
});

describe('every row and every reference value equals the source table', () => {
  test.each(rowCases)('Приложение $appendix, $row: «$title»', ({ appendix: number, row, position, title }) => {
    const app = appendix(number);
    const seed = seedTable(number);
    const leaves = leavesOf(app);
    const found = findDataRow(seed, title, leaves.length, position);
    if (!found) throw new Error(`Таблица ${seed.table}: строка «${title}» не найдена ни по названию, ни по порядку (${position + 1}-я строка данных)`);
    const catalogRow = app.rows.find((r) => r.id === row);

    // One comparison per row, so a failure lists every difference of the row at once
    // («Received» = the catalog, «Expected» = the seed):
    // (a) appendix title, (b) row label (found as a whole cell, exactly once) and number,
    // the row has exactly one value cell per leaf column, and (c) every leaf, column order then
    // part order: the catalog reference value equals the seed cell.
    const cells = catalog.cells.filter((c) => c.appendix === number && c.row === row);
    const sourceOf = (leaf: Leaf): string => {
      const cell = cells.find((c) => c.column === leaf.column && c.part === leaf.part);
      return cell ? cell.source : '<нет ячейки в каталоге>';
    };
    expect({
      appendixTitle: app.title,
      number: catalogRow?.number,
      label: title,
      foundBy: 'label',
      valueCells: cells.length,
      values: leaves.map((l) => `${l.key} = ${sourceOf(l)}`),
    }).toEqual({
      appendixTitle: seed.title,
      number: found.number,
      label: found.label,
      foundBy: found.foundBy,
      valueCells: found.cellsAfterLabel,
      values: leaves.map((l, i) => `${l.key} = ${found.values[i] ?? '<нет значения в источнике>'}`),
    });
  });
});
