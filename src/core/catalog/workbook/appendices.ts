import type { AppendixSpec, ColumnSpec, InputSpec, Measure, PartSpec, TargetSource } from '../schema';
import { type ReadContext, compact } from './context';
import type { ReadRow } from './read-table';
import { SHEET } from './sheets';
import { AGGREGATION_WORDS, COMPARE_WORDS, COUNT_OF_WORDS, PAIR_WORDS, PART_DENOMINATOR, POLARITY_WORDS, SCOPE_WORDS, TARGET_ON_WORDS } from './words';

export type Rows = Record<string, ReadRow[]>;

/** The cells of «Каталог. Показатели» that only some ways of calculation use. */
const MEASURE_CELLS: Record<Measure['type'], string[]> = {
  schoolShare: ['text', 'applicableIf', 'aux'],
  schoolCount: ['text', 'aux'],
  ratio: ['text', 'denominator'],
  count: ['text', 'whole'],
  countRatio: ['text', 'denominator', 'countOf', 'targetOn', 'percentIsContext'],
  countPair: ['compare'],
};
const OPTIONAL_MEASURE_CELLS = ['text', 'denominator', 'whole', 'aux', 'applicableIf', 'countOf', 'targetOn', 'percentIsContext', 'compare'];

/** The tables of the workbook with their rows, columns, sub-columns, pairs and targets, in sheet order. */
export function readAppendices(ctx: ReadContext, rows: Rows, bases: Map<number, InputSpec[]>): AppendixSpec[] {
  const tableOf = (row: ReadRow, path: string): number | null => {
    const n = ctx.integer(row, 'appendix', path);
    return typeof n === 'number' ? n : null;
  };
  const known = new Set<number>();
  const out: AppendixSpec[] = [];
  for (const t of rows[SHEET.tables] ?? []) {
    const ai = out.length;
    const path = `appendices.${ai}`;
    ctx.at(path, t.place);
    const n = ctx.integer(t, 'number', `${path}.number`);
    if (n === null) ctx.problem(ctx.cellPlace(t, 'number'), 'не заполнено: номер таблицы');
    if (typeof n !== 'number') continue;
    if (known.has(n)) {
      ctx.problem(ctx.cellPlace(t, 'number'), `таблица № ${n} уже есть выше — номера таблиц не повторяются`);
      continue;
    }
    known.add(n);
    const indicatorsHeader = ctx.text(t, 'indicatorsHeader', `${path}.indicatorsHeader`);
    const appendix: AppendixSpec = compact({
      number: n,
      table: ctx.required(t, 'table', `${path}.table`, 'номер в документе'),
      title: ctx.required(t, 'title', `${path}.title`, 'название таблицы'),
      short: ctx.required(t, 'short', `${path}.short`, 'краткое название'),
      rowHeader: ctx.required(t, 'rowHeader', `${path}.rowHeader`, 'заголовок строк'),
      indicatorsHeader: indicatorsHeader === '' ? null : indicatorsHeader,
      rows: [],
      bases: bases.get(n),
      columns: [],
      note: ctx.optional(t, 'note', `${path}.note`),
    });
    out.push(appendix);
  }
  const byNumber = new Map(out.map((a, i) => [a.number, { appendix: a, index: i }]));
  const find = (row: ReadRow, sheet: string): { appendix: AppendixSpec; index: number } | null => {
    const n = tableOf(row, `—${sheet}.${row.row}`);
    if (n === null) {
      ctx.problem(ctx.cellPlace(row, 'appendix'), 'не заполнено: номер таблицы');
      return null;
    }
    const found = byNumber.get(n);
    if (!found) ctx.problem(ctx.cellPlace(row, 'appendix'), `таблицы № ${n} нет на листе «${SHEET.tables}»`);
    return found ?? null;
  };
  for (const b of bases.keys())
    if (!byNumber.has(b)) ctx.problem({ sheet: SHEET.fields, row: null, col: null, header: null }, `таблицы № ${b} нет на листе «${SHEET.tables}»`);

  for (const r of rows[SHEET.rows] ?? []) {
    const found = find(r, SHEET.rows);
    if (!found) continue;
    const path = `appendices.${found.index}.rows.${found.appendix.rows.length}`;
    ctx.at(path, r.place);
    found.appendix.rows.push(
      compact({
        id: ctx.code(r, 'id', `${path}.id`) ?? '',
        number: ctx.text(r, 'number', `${path}.number`),
        title: ctx.required(r, 'title', `${path}.title`, 'название строки'),
        short: ctx.optional(r, 'short', `${path}.short`),
      }),
    );
  }
  const columnPaths = new Map<string, { column: ColumnSpec; path: string; row: ReadRow }>();
  for (const r of rows[SHEET.columns] ?? []) {
    const found = find(r, SHEET.columns);
    if (!found) continue;
    const path = `appendices.${found.index}.columns.${found.appendix.columns.length}`;
    ctx.at(path, r.place);
    const column = readColumn(ctx, r, path);
    found.appendix.columns.push(column);
    const key = `${found.appendix.number}|${column.id}`;
    if (!columnPaths.has(key)) columnPaths.set(key, { column, path, row: r });
  }
  const columnOf = (row: ReadRow, sheet: string): { column: ColumnSpec; path: string; row: ReadRow } | null => {
    const found = find(row, sheet);
    if (!found) return null;
    const id = ctx.code(row, 'column', `—${sheet}.${row.row}.column`) ?? '';
    const c = columnPaths.get(`${found.appendix.number}|${id}`);
    if (!c) ctx.problem(ctx.cellPlace(row, 'column'), `показателя «${id}» нет в таблице № ${found.appendix.number} на листе «${SHEET.columns}»`);
    return c ?? null;
  };
  for (const r of rows[SHEET.parts] ?? []) {
    const c = columnOf(r, SHEET.parts);
    if (!c) continue;
    const parts = c.column.parts ?? [];
    const path = `${c.path}.parts.${parts.length}`;
    ctx.at(path, r.place);
    parts.push(
      compact<PartSpec>({
        id: ctx.code(r, 'id', `${path}.id`) ?? '',
        title: ctx.required(r, 'title', `${path}.title`, 'название подграфы'),
        denominator: ctx.code(r, 'denominator', `${path}.denominator`),
        label: ctx.optional(r, 'label', `${path}.label`),
      }),
    );
    c.column.parts = parts;
  }
  readPairs(ctx, rows[SHEET.pairs] ?? [], columnOf, columnPaths);
  readTargets(ctx, rows[SHEET.targets] ?? [], out, find);
  return out;
}

function readColumn(ctx: ReadContext, r: ReadRow, path: string): ColumnSpec {
  const type = ctx.word(r, 'aggregation', `${path}.measure.type`, AGGREGATION_WORDS, 'способ расчёта');
  if (type === undefined && ctx.text(r, 'aggregation', `${path}.measure`) === '') ctx.problem(ctx.cellPlace(r, 'aggregation'), 'не заполнено: способ расчёта');
  const polarity = ctx.word(r, 'polarity', `${path}.polarity`, POLARITY_WORDS, 'значение');
  if (polarity === undefined && ctx.text(r, 'polarity', `${path}.polarity`) === '') ctx.problem(ctx.cellPlace(r, 'polarity'), 'не заполнено: что лучше');
  const scope = ctx.word(r, 'scope', `${path}.scope`, SCOPE_WORDS, 'значение');
  if (scope === undefined && ctx.text(r, 'scope', `${path}.scope`) === '') ctx.problem(ctx.cellPlace(r, 'scope'), 'не заполнено: как спрашивать');
  const decisions = ctx.optional(r, 'decisions', `${path}.decisions`);
  const column = compact({
    id: ctx.code(r, 'id', `${path}.id`) ?? '',
    title: ctx.required(r, 'title', `${path}.title`, 'название показателя'),
    unit: ctx.text(r, 'unit', `${path}.unit`),
    polarity: polarity ?? 'higher',
    scope: scope ?? 'row',
    partsHeader: ctx.optional(r, 'partsHeader', `${path}.partsHeader`),
    measure: type ? readMeasure(ctx, r, `${path}.measure`, type) : ({ type: 'count', label: '—' } as Measure),
    targets: [] as TargetSource[][],
    naWhenZeroBase: ctx.bool(r, 'naWhenZeroBase', `${path}.naWhenZeroBase`),
    sensitive: ctx.bool(r, 'sensitive', `${path}.sensitive`),
    note: ctx.optional(r, 'note', `${path}.note`),
    decisions: decisions === undefined ? undefined : decisions.split(/\r?\n/),
    help: ctx.optional(r, 'help', `${path}.help`),
    key: ctx.bool(r, 'key', `${path}.key`),
    group: ctx.optional(r, 'group', `${path}.group`),
    method: ctx.optional(r, 'method', `${path}.method`),
  });
  return column as ColumnSpec;
}

function readMeasure(ctx: ReadContext, r: ReadRow, path: string, type: Measure['type']): Measure {
  const used = MEASURE_CELLS[type];
  for (const key of OPTIONAL_MEASURE_CELLS) {
    if (!used.includes(key) && (ctx.cell(r, key)?.text ?? '') !== '') {
      ctx.problem(ctx.cellPlace(r, key), `для способа расчёта «${AGGREGATION_WORDS[type]}» этот столбец не заполняется — очистите ячейку`);
    }
  }
  const text = (field: string): string => (type === 'countPair' ? '' : ctx.required(r, 'text', `${path}.${field}`, 'что спрашивается у ОО'));
  const denominator = (): string => {
    const d = ctx.code(r, 'denominator', `${path}.denominator`) ?? '';
    if (d === '') ctx.problem(ctx.cellPlace(r, 'denominator'), 'не заполнено: знаменатель (код поля или «по подграфам»)');
    return d.toLowerCase() === PART_DENOMINATOR ? 'part' : d;
  };
  const needWord = <K extends string>(key: string, words: Readonly<Record<K, string>>, what: string): K => {
    const v = ctx.word(r, key, `${path}.${key}`, words, what);
    if (v === undefined && (ctx.cell(r, key)?.text ?? '') === '') ctx.problem(ctx.cellPlace(r, key), `не заполнено: ${what}`);
    return v ?? (Object.keys(words)[0] as K);
  };
  switch (type) {
    case 'schoolShare':
      return compact({
        type,
        question: text('question'),
        applicableIf: ctx.code(r, 'applicableIf', `${path}.applicableIf`),
        aux: ctx.optional(r, 'aux', `${path}.aux`),
      });
    case 'schoolCount':
      return compact({ type, question: text('question'), aux: ctx.optional(r, 'aux', `${path}.aux`) });
    case 'ratio':
      return { type, numerator: text('numerator'), denominator: denominator() };
    case 'count':
      return compact({ type, label: text('label'), whole: ctx.code(r, 'whole', `${path}.whole`) });
    case 'countRatio':
      return compact({
        type,
        numerator: text('numerator'),
        denominator: denominator(),
        countOf: needWord('countOf', COUNT_OF_WORDS, 'что считать количеством'),
        targetOn: needWord('targetOn', TARGET_ON_WORDS, 'к чему относится цель'),
        percentIsContext: ctx.bool(r, 'percentIsContext', `${path}.percentIsContext`),
      });
    case 'countPair': {
      ctx.at(`${path}.first`, r.place);
      ctx.at(`${path}.second`, r.place);
      const placeholder = { code: '', label: '', unit: '' };
      return { type, first: placeholder, second: { ...placeholder }, compare: needWord('compare', COMPARE_WORDS, 'что сравнивать с целью') };
    }
  }
}

type ColumnOf = (row: ReadRow, sheet: string) => { column: ColumnSpec; path: string; row: ReadRow } | null;

function readPairs(ctx: ReadContext, rows: ReadRow[], columnOf: ColumnOf, columns: Map<string, { column: ColumnSpec; path: string; row: ReadRow }>): void {
  const seen = new Map<string, Set<string>>();
  for (const r of rows) {
    const c = columnOf(r, SHEET.pairs);
    if (!c) continue;
    const m = c.column.measure;
    if (m.type !== 'countPair') {
      ctx.problem(ctx.cellPlace(r, 'column'), `у показателя «${c.column.id}» способ расчёта не «${AGGREGATION_WORDS.countPair}» — пара ему не нужна`);
      continue;
    }
    const which = ctx.word(r, 'which', `—pairs.${r.row}`, PAIR_WORDS, 'значение');
    if (which === undefined) {
      if ((ctx.cell(r, 'which')?.text ?? '') === '') ctx.problem(ctx.cellPlace(r, 'which'), 'не заполнено: первое или второе');
      continue;
    }
    const got = seen.get(c.path) ?? new Set<string>();
    if (got.has(which)) ctx.problem(ctx.cellPlace(r, 'which'), `у показателя «${c.column.id}» ${PAIR_WORDS[which]} количество уже задано выше`);
    got.add(which);
    seen.set(c.path, got);
    const path = `${c.path}.measure.${which}`;
    ctx.places.set(path, r.place);
    m[which] = compact({
      code: ctx.code(r, 'code', `${path}.code`) ?? '',
      label: ctx.required(r, 'label', `${path}.label`, 'что считать'),
      unit: ctx.required(r, 'unit', `${path}.unit`, 'единица измерения'),
      whole: ctx.code(r, 'whole', `${path}.whole`),
    });
  }
  for (const c of columns.values()) {
    if (c.column.measure.type !== 'countPair') continue;
    const got = seen.get(c.path) ?? new Set<string>();
    const missing = (['first', 'second'] as const).filter((w) => !got.has(w));
    if (missing.length > 0) {
      ctx.problem(
        ctx.cellPlace(c.row, 'aggregation'),
        `для «${AGGREGATION_WORDS.countPair}» на листе «${SHEET.pairs}» нет строки: ${missing.map((w) => `«${PAIR_WORDS[w]}»`).join(', ')}`,
      );
    }
  }
}

type Find = (row: ReadRow, sheet: string) => { appendix: AppendixSpec; index: number } | null;

/** Targets by table, row, column and sub-column; a missing target is «no target» (''), as a blank cell would be. */
function readTargets(ctx: ReadContext, rows: ReadRow[], appendices: AppendixSpec[], find: Find): void {
  const given = new Map<string, { source: string; quarantine: string | undefined }>();
  for (const r of rows) {
    const found = find(r, SHEET.targets);
    if (!found) continue;
    const a = found.appendix;
    const rowId = ctx.code(r, 'row', `—targets.${r.row}.row`) ?? '';
    const colId = ctx.code(r, 'column', `—targets.${r.row}.column`) ?? '';
    const partId = ctx.code(r, 'part', `—targets.${r.row}.part`) ?? '';
    const ri = a.rows.findIndex((x) => x.id === rowId);
    const column = a.columns.find((x) => x.id === colId);
    if (ri < 0) ctx.problem(ctx.cellPlace(r, 'row'), `строки «${rowId}» нет в таблице № ${a.number} на листе «${SHEET.rows}»`);
    if (!column) ctx.problem(ctx.cellPlace(r, 'column'), `показателя «${colId}» нет в таблице № ${a.number} на листе «${SHEET.columns}»`);
    if (ri < 0 || !column) continue;
    const parts = column.parts ?? [];
    const pi = parts.length === 0 ? (partId === '' ? 0 : -1) : parts.findIndex((p) => p.id === partId);
    if (pi < 0) {
      const text = parts.length === 0 ? `у показателя «${colId}» нет подграф — очистите ячейку` : `подграфы «${partId}» у показателя «${colId}» нет`;
      ctx.problem(ctx.cellPlace(r, 'part'), partId === '' ? `укажите подграфу: ${parts.map((p) => p.id).join(', ')}` : text);
      continue;
    }
    const key = `${found.index}|${ri}|${a.columns.indexOf(column)}|${pi}`;
    if (given.has(key)) {
      ctx.problem(r.place, `целевое значение для ${rowId}, ${colId}${partId ? `, ${partId}` : ''} уже задано выше`);
      continue;
    }
    const path = `appendices.${found.index}.columns.${a.columns.indexOf(column)}.targets.${ri}.${pi}`;
    const source = ctx.text(r, 'target', path);
    const quarantine = ctx.optional(r, 'quarantine', `${path}.quarantine`);
    given.set(key, { source, quarantine });
  }
  appendices.forEach((a, ai) => {
    a.columns.forEach((c, ci) => {
      const parts = c.parts && c.parts.length > 0 ? c.parts : [null];
      c.targets = a.rows.map((_, ri) =>
        parts.map((_p, pi) => {
          const t = given.get(`${ai}|${ri}|${ci}|${pi}`);
          if (!t) return '';
          return t.quarantine === undefined ? t.source : { source: t.source, quarantine: t.quarantine };
        }),
      );
    });
  });
}
