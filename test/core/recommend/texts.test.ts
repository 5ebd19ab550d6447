/**
 * The recommendation texts (src/core/recommend/texts*): schema, coverage of the Kalar catalog,
 * placeholders, language, and the faithfulness of the quoted tasks to the «Задачи» block of the
 * concept (test/fixtures/kalar-concept.txt, the concept's own text; see docs/decisions/README.md, Sources).
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from '../../../src/core/catalog';
import type { Catalog } from '../../../src/core/catalog/types';
import {
  columnHintFor,
  columnHints,
  directionTextFor,
  directionTexts,
  dynamicsPhrases,
  fillTemplate,
  recommendTexts,
  reportSections,
  strengthPhrases,
  TASK_CORRECTIONS,
  TASK_HEADINGS,
} from '../../../src/core/recommend/texts';
import { PHRASE_PLACEHOLDERS, RecommendTextsSchema, REPORT_PLACEHOLDERS } from '../../../src/core/recommend/texts-schema';

const catalog: Catalog = getCatalog('kalar');
const SEED = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'kalar-concept.txt'), 'utf8');

/** Cyrillic, digits, whitespace, punctuation, «» „“, dashes, №, %. No Latin letters. */
const RUSSIAN = /^[\u0400-\u04FF0-9\s.,;:!?()«»„“—–\-№%/…]+$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const normalize = (s: string): string => collapse(s).toLowerCase().replace(/ё/g, 'е').replace(/[–—]/g, '—');
const placeholders = (s: string): string[] => [...s.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');

/** Every string in a value, with its path. */
function strings(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

/** The concept's «Задачи» block: heading (without the colon) → its tasks, corrected as TASK_CORRECTIONS says. */
function taskSections(seed: string): Map<string, string> {
  const lines = seed.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === 'Задачи:');
  const end = lines.findIndex((l, i) => i > start && /^\s*4\.1\./.test(l));
  const sections = new Map<string, string>();
  let heading: string | null = null;
  let body: string[] = [];
  const flush = (): void => {
    if (heading === null) return;
    let text = collapse(body.join(' '));
    for (const [source, quoted] of TASK_CORRECTIONS) text = text.split(source).join(quoted);
    sections.set(heading, normalize(text));
  };
  for (const line of lines.slice(start + 1, end)) {
    const t = collapse(line);
    if (/^по .*:$/.test(t)) {
      flush();
      heading = t.slice(0, -1);
      body = [];
    } else body.push(line);
  }
  flush();
  return sections;
}

/** A quoted task is found in a section: its «…»-separated fragments occur in order. */
function foundIn(task: string, section: string): boolean {
  const fragments = task
    .split('…')
    .map((f) => normalize(f).replace(/^[\s.,;:]+|[\s.,;:]+$/g, ''))
    .filter((f) => f.length > 0);
  let from = 0;
  for (const fragment of fragments) {
    const at = section.indexOf(fragment, from);
    if (at < 0) return false;
    from = at + fragment.length;
  }
  return fragments.length > 0;
}

describe('recommendation texts: schema', () => {
  it('the whole bundle validates', () => {
    const result = RecommendTextsSchema.safeParse(recommendTexts);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  it('the schema rejects Latin letters, unknown placeholders and unknown measure kinds', () => {
    const bad = (patch: (copy: typeof recommendTexts) => void): boolean => {
      const copy = structuredClone(recommendTexts);
      patch(copy);
      return RecommendTextsSchema.safeParse(copy).success;
    };
    const firstText = (c: typeof recommendTexts): (typeof recommendTexts)['directionTexts'][number] => {
      const text = c.directionTexts[0];
      if (!text) throw new Error('no direction texts');
      return text;
    };
    expect(bad(() => undefined)).toBe(true);
    expect(
      bad((c) => {
        firstText(c).schoolRecommendations[0] = 'Организовать event.';
      }),
    ).toBe(false);
    expect(
      bad((c) => {
        c.strengthPhrases.below = 'Показатель «{indicator}» ниже {goal}.';
      }),
    ).toBe(false);
    expect(
      bad((c) => {
        c.columnHints['A1.C1'] = 'Значение {value}.';
      }),
    ).toBe(false);
    expect(
      bad((c) => {
        firstText(c).municipalMeasures.push({ kind: 'выговор' as 'приказ', text: 'Объявить выговор.' });
      }),
    ).toBe(false);
  });
});

describe('recommendation texts: coverage of the Kalar catalog', () => {
  it('every appendix 1–11 has a direction entry; A1 and A2 one per row', () => {
    const expected = catalog.appendices.flatMap((a) => (a.rows.length > 1 ? a.rows.map((r) => `A${a.number}.${r.id}`) : [`A${a.number}`]));
    const actual = directionTexts.map((d) => (d.row === null ? `A${d.appendix}` : `A${d.appendix}.${d.row}`));
    expect(catalog.appendices.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(expected.filter((k) => k.startsWith('A1.'))).toHaveLength(4);
    expect(expected.filter((k) => k.startsWith('A2.'))).toHaveLength(8);
    expect([...actual].sort()).toEqual([...expected].sort());
    expect(new Set(actual).size).toBe(actual.length);
  });

  it('directionTextFor finds the row entry, or the appendix entry for one-row appendices', () => {
    for (const appendix of catalog.appendices) {
      for (const row of appendix.rows) {
        const text = directionTextFor(catalog, appendix.number, row.id);
        expect(text?.appendix).toBe(appendix.number);
        expect(text?.row).toBe(appendix.rows.length > 1 ? row.id : null);
      }
    }
  });

  it('every columnHints key is an existing column of the catalog, and every column has a hint', () => {
    const columns = catalog.appendices.flatMap((a) => a.columns.map((c) => `A${a.number}.${c.id}`));
    expect(Object.keys(columnHints).filter((k) => !columns.includes(k))).toEqual([]);
    expect(columns.filter((k) => columnHints[k] === undefined)).toEqual([]);
    expect(columnHintFor(catalog, 5, 'C1')).toBe(columnHints['A5.C1']);
  });

  it('the columns named in the brief have hints', () => {
    const required = ['A1.C3', 'A1.C4', 'A1.C5', 'A2.C1', 'A2.C3', 'A2.C4', 'A2.C5', 'A2.C6', 'A2.C7', 'A3.C3', 'A3.C4', 'A3.C5'];
    for (const n of [4, 5, 6, 8, 9, 10, 11]) {
      for (const c of catalog.appendices.find((a) => a.number === n)?.columns ?? []) required.push(`A${n}.${c.id}`);
    }
    expect(required.filter((k) => columnHints[k] === undefined)).toEqual([]);
  });
});

describe('recommendation texts: placeholders and language', () => {
  it('phrases use only {indicator} {value} {target} {change}, and always name the indicator', () => {
    const allowed: readonly string[] = PHRASE_PLACEHOLDERS;
    for (const [at, text] of [...strings(strengthPhrases, 'strength'), ...strings(dynamicsPhrases, 'dynamics')]) {
      expect({ at, unknown: placeholders(text).filter((p) => !allowed.includes(p)) }).toEqual({ at, unknown: [] });
      expect({ at, indicator: placeholders(text).includes('indicator') }).toEqual({ at, indicator: true });
    }
    expect(dynamicsPhrases.positive).toContain('{change}');
    expect(strengthPhrases.below).toContain('{target}');
  });

  it('only the report conclusion is a template, with the report placeholders', () => {
    const allowed: readonly string[] = REPORT_PLACEHOLDERS;
    const used = reportSections.conclusion.paragraphs.flatMap(placeholders);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((p) => !allowed.includes(p))).toEqual([]);
    const fixed = [
      ...strings(directionTexts, 'directionTexts'),
      ...strings(columnHints, 'columnHints'),
      ...strings({ ...reportSections, conclusion: reportSections.conclusion.items }, 'reportSections'),
    ];
    expect(fixed.filter(([, text]) => /[{}]/.test(text)).map(([at]) => at)).toEqual([]);
  });

  it('no text contains Latin letters or unexpected characters', () => {
    // Row ids (`R1`…) are identifiers, not texts.
    const all = strings(recommendTexts, 'texts').filter(([at]) => !at.endsWith('.row'));
    expect(all.length).toBeGreaterThan(500);
    const bad = all.filter(([, text]) => !RUSSIAN.test(text.replace(PLACEHOLDER, ''))).map(([at, text]) => `${at}: ${text}`);
    expect(bad).toEqual([]);
  });

  it('fillTemplate substitutes known placeholders and keeps unknown ones', () => {
    const filled = fillTemplate(strengthPhrases.below, { indicator: 'Доля ОО', value: '50 %', target: '70 %' });
    expect(filled).toBe('Значение показателя «Доля ОО» (50 %) ниже планового значения (70 %); требуется усиление работы по данному направлению.');
    expect(fillTemplate('{indicator} {x}', { indicator: 1 })).toBe('1 {x}');
  });
});

describe('recommendation texts: faithful to the concept', () => {
  const sections = taskSections(SEED);

  it('the «Задачи» block has the ten headings of TASK_HEADINGS', () => {
    expect([...sections.keys()].sort()).toEqual(Object.values(TASK_HEADINGS).sort());
  });

  it('every quoted task is found under one of the direction’s headings', () => {
    const missing: string[] = [];
    for (const d of directionTexts) {
      for (const heading of d.taskHeadings) expect(sections.has(heading)).toBe(true);
      for (const task of d.tasks) {
        if (!d.taskHeadings.some((h) => foundIn(task, sections.get(h) ?? ''))) missing.push(`A${d.appendix}${d.row ? `.${d.row}` : ''}: ${task}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a task that is not in the concept is not found', () => {
    const update = sections.get(TASK_HEADINGS.update) ?? '';
    expect(foundIn('Формирование у школьников любви к спорту.', update)).toBe(false);
    expect(foundIn('Формирование у школьников … толерантности.', update)).toBe(true);
    expect(foundIn('Толерантности … формирование у школьников.', update)).toBe(false);
  });

  it('every correction is needed: the source form occurs in the seed', () => {
    for (const [source] of TASK_CORRECTIONS) expect(collapse(SEED)).toContain(source);
  });

  it('4.6 takes its tasks from the heading on профилактика безнадзорности; 4.10 from the heading on каникулярный отдых', () => {
    expect(directionTextFor(catalog, 6, 'R1')?.taskHeadings).toEqual([TASK_HEADINGS.prevention]);
    expect(directionTextFor(catalog, 10, 'R1')?.taskHeadings).toEqual([TASK_HEADINGS.holidays]);
  });
});

describe('recommendation texts: tone', () => {
  const schoolFacing = [
    ...strings(directionTexts, 'directionTexts'),
    ...strings(columnHints, 'columnHints'),
    ...strings({ strengthPhrases, dynamicsPhrases }, 'phrases'),
  ];

  it('never ranks schools or compares a school with others', () => {
    const ranking = /рейтинг|место среди|лучш\S* (школ|организац)|худш|отста[её]т от|в отличие от других/i;
    expect(schoolFacing.filter(([, text]) => ranking.test(text)).map(([at]) => at)).toEqual([]);
  });

  it('hints for «lower is better» cells are about prevention, and context cells are not judged', () => {
    const lower = catalog.appendices.flatMap((a) => a.columns.filter((c) => c.polarity === 'lower').map((c) => `A${a.number}.${c.id}`));
    const context = catalog.appendices.flatMap((a) => a.columns.filter((c) => c.polarity === 'context').map((c) => `A${a.number}.${c.id}`));
    expect(lower).toEqual(['A5.C1', 'A5.C3']);
    const stigma = /трудн\S* (подрост|дет)|неблагополучн|асоциальн|правонарушител/i;
    for (const key of lower) {
      expect(columnHints[key]).toMatch(/профилакти/);
      expect(columnHints[key]).not.toMatch(stigma);
    }
    for (const key of context) expect(columnHints[key]).toMatch(/не оценивается/);
  });

  it('each file of texts stays under 300 lines', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'src', 'core', 'recommend');
    const files = [
      path.join(dir, 'texts.ts'),
      path.join(dir, 'texts-schema.ts'),
      ...readdirSync(path.join(dir, 'texts')).map((f) => path.join(dir, 'texts', f)),
    ];
    for (const file of files)
      expect({ file: path.basename(file), short: readFileSync(file, 'utf8').split('\n').length < 300 }).toEqual({ file: path.basename(file), short: true });
  });
});
