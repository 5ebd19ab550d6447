/**
 * The optional catalogs: Tomarinsky п.6 (T6.1–T6.13) and Mosalsky passport item 3 (M3.1–M3.11).
 * Titles are checked against copies of the source texts in test/fixtures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expandCatalog } from '../../../src/core/catalog/expand';
import { kalarProfile } from '../../../src/core/catalog/kalar/profile';
import { mosalskyCatalog } from '../../../src/core/catalog/mosalsky';
import { INPUT_ID_PATTERN } from '../../../src/core/catalog/schema';
import type { CatalogSource } from '../../../src/core/catalog/schema';
import { tomarinskyCatalog } from '../../../src/core/catalog/tomarinsky';
import type { Cell } from '../../../src/core/catalog/types';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const fixture = (name: string): string => collapse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', name), 'utf8'));

interface Case {
  name: string;
  source: CatalogSource;
  seed: string;
  columns: number;
  /** Columns whose source target is a word («наличие», «положительная динамика», «сокращение»). */
  wordTargets: string[];
  lower: string[];
}

const cases: Case[] = [
  { name: 'tomarinsky', source: tomarinskyCatalog, seed: fixture('tomarinsky.txt'), columns: 13, wordTargets: ['C1', 'C2', 'C3', 'C4'], lower: ['C4'] },
  { name: 'mosalsky', source: mosalskyCatalog, seed: fixture('mosalsky.txt'), columns: 11, wordTargets: ['C1', 'C2', 'C3', 'C4'], lower: ['C4'] },
];

/** The title occurs right after a list dash and ends where the item does (at its «;» or «.»). */
function isListItem(seed: string, title: string): boolean {
  for (let at = seed.indexOf(`- ${title}`); at >= 0; at = seed.indexOf(`- ${title}`, at + 1)) {
    const next = seed.charAt(at + 2 + title.length);
    if (next === ';' || next === '.') return true;
  }
  return false;
}

/** The inputs a cell creates for itself (as opposed to the profile or base fields it divides by). */
function ownInputs(cell: Cell): string[] {
  const { numerator = [], sum = [], second = [], flag, aux } = cell.inputs;
  switch (cell.aggregate) {
    case 'ratio':
    case 'countRatio':
      return numerator;
    case 'sum':
      return sum;
    case 'countPair':
      return [...sum, ...second];
    case 'schoolShare':
    case 'schoolCount':
      return [flag, aux].filter((id): id is string => id !== undefined);
  }
}

describe.each(cases)('$name catalog', ({ source, seed, columns, wordTargets, lower }) => {
  const catalog = expandCatalog(source);
  const appendix = source.appendices[0];
  if (!appendix) throw new Error('no appendix');

  test('expands without problems into one section with one row', () => {
    expect(() => expandCatalog(source)).not.toThrow();
    expect(source.appendices).toHaveLength(1);
    expect(appendix.rows).toHaveLength(1);
    expect(catalog.appendixWord).toBe('Раздел');
  });

  test(`has ${columns} columns C1…C${columns} in source order`, () => {
    expect(appendix.columns.map((c) => c.id)).toEqual(Array.from({ length: columns }, (_, i) => `C${i + 1}`));
  });

  test('every column title, the section title and the row title appear verbatim in the seed', () => {
    const texts = [...appendix.columns.map((c) => c.title), appendix.title, appendix.rows[0]?.title ?? ''];
    const missing = texts.filter((t) => !seed.includes(collapse(t)));
    expect(missing).toEqual([]);
  });

  test('every column title is a whole list item of the seed: after «- », up to its «;» or «.»', () => {
    const partial = appendix.columns.map((c) => collapse(c.title)).filter((t) => !isListItem(seed, t));
    expect(partial).toEqual([]);
  });

  test('every input id is valid and unique', () => {
    const ids = catalog.inputs.map((i) => i.id);
    expect(ids.filter((id) => !INPUT_ID_PATTERN.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    // The expander silently keeps the first of two equal ids, so check the sources of ids too.
    const declared = [...source.profile, ...(appendix.bases ?? [])].map((i) => i.id);
    expect(new Set(declared).size).toBe(declared.length);
    const own = catalog.cells.flatMap(ownInputs);
    expect(new Set(own).size).toBe(own.length);
    expect(own.filter((id) => declared.includes(id))).toEqual([]);
    for (const id of own) expect(catalog.inputs.find((i) => i.id === id)?.sheet).toBe(appendix.number);
  });

  test('profile fields shared with Kalar keep its ids and labels', () => {
    for (const spec of source.profile) {
      const kalar = kalarProfile.find((k) => k.id === spec.id);
      if (kalar) expect(spec).toEqual(kalar);
    }
  });

  test('word targets have no number and a decision; numeric targets are the numbers of the wording', () => {
    for (const col of appendix.columns) {
      const cells = catalog.cells.filter((c) => c.column === col.id);
      if (wordTargets.includes(col.id)) {
        expect(cells.every((c) => c.source === '' && c.target === null)).toBe(true);
        expect(col.decisions?.some((d) => d.startsWith('O2:'))).toBe(true);
      } else {
        for (const cell of cells) {
          expect(cell.target).not.toBeNull();
          expect(col.title).toMatch(new RegExp(`(^|\\D)${cell.target?.value ?? 'NaN'} ?%`));
        }
      }
    }
  });

  test('polarity: «сокращение» is lower, everything else higher', () => {
    for (const col of appendix.columns) expect(col.polarity).toBe(lower.includes(col.id) ? 'lower' : 'higher');
  });
});

test('Tomarinsky «не менее N%» targets are written as «Не < N» with the wording in decisions', () => {
  const cols = tomarinskyCatalog.appendices[0]?.columns ?? [];
  const pick = (id: string) => cols.find((c) => c.id === id);
  expect(pick('C10')?.targets).toEqual([['80', 'Не < 40']]);
  expect(pick('C11')?.targets).toEqual([['Не < 50']]);
  expect(pick('C12')?.targets).toEqual([['Не < 10']]);
  expect(pick('C12')?.decisions?.some((d) => d.includes('«не менее 10%»'))).toBe(true);
});
