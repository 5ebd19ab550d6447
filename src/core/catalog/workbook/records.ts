import type { AppendixSpec, CatalogSource, ColumnSpec, Measure } from '../schema';
import { SHEET } from './sheets';
import {
  AGGREGATION_WORDS,
  COMPARE_WORDS,
  COUNT_OF_WORDS,
  KIND_WORDS,
  PAIR_WORDS,
  PART_DENOMINATOR,
  POLARITY_WORDS,
  RULE_WORDS,
  SCOPE_WORDS,
  SEVERITY_WORDS,
  TARGET_ON_WORDS,
  YES_NO,
} from './words';

/** One row of a catalog sheet: field key → cell value (undefined = empty cell). */
export type CatalogRecord = Record<string, string | number | undefined>;

const yesNo = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? YES_NO.yes : YES_NO.no);
const ids = (list: string[] | undefined): string | undefined => (list === undefined ? undefined : list.join(', '));
const lines = (list: string[] | undefined): string | undefined => (list === undefined ? undefined : list.join('\n'));

/** The catalog as rows of its workbook's sheets; the workbook reader turns such rows back into the same source. */
export function catalogRecords(src: CatalogSource): { general: CatalogRecord; sheets: Record<string, CatalogRecord[]> } {
  const general: CatalogRecord = {
    id: src.id,
    version: src.version,
    title: src.title,
    source: src.source,
    municipalityExample: src.municipalityExample,
    appendixWord: src.appendixWord,
  };
  const sheets: Record<string, CatalogRecord[]> = {
    [SHEET.fields]: [
      ...src.profile.map((f) => ({ appendix: undefined, ...fieldRecord(f) })),
      ...src.appendices.flatMap((a) => (a.bases ?? []).map((f) => ({ appendix: a.number, ...fieldRecord(f) }))),
    ],
    [SHEET.tables]: src.appendices.map((a) => ({
      number: a.number,
      table: a.table,
      title: a.title,
      short: a.short,
      rowHeader: a.rowHeader,
      indicatorsHeader: a.indicatorsHeader ?? undefined,
      note: a.note,
    })),
    [SHEET.rows]: src.appendices.flatMap((a) => a.rows.map((r) => ({ appendix: a.number, id: r.id, number: r.number, title: r.title, short: r.short }))),
    [SHEET.columns]: src.appendices.flatMap((a) => a.columns.map((c) => columnRecord(a, c))),
    [SHEET.parts]: src.appendices.flatMap((a) =>
      a.columns.flatMap((c) =>
        (c.parts ?? []).map((p) => ({ appendix: a.number, column: c.id, id: p.id, title: p.title, denominator: p.denominator, label: p.label })),
      ),
    ),
    [SHEET.pairs]: src.appendices.flatMap((a) =>
      a.columns.flatMap((c) => {
        const m = c.measure;
        if (m.type !== 'countPair') return [];
        return (['first', 'second'] as const).map((which) => ({
          appendix: a.number,
          column: c.id,
          which: PAIR_WORDS[which],
          code: m[which].code,
          label: m[which].label,
          unit: m[which].unit,
          whole: m[which].whole,
        }));
      }),
    ),
    [SHEET.targets]: src.appendices.flatMap((a) => targetRecords(a)),
    [SHEET.rules]: (src.checks ?? []).map((c) => ({
      id: c.id,
      type: RULE_WORDS[c.type],
      parts: ids(c.parts),
      total: c.total,
      severity: SEVERITY_WORDS[c.severity],
      message: c.message,
    })),
  };
  return { general, sheets };
}

function fieldRecord(f: CatalogSource['profile'][number]): CatalogRecord {
  return {
    id: f.id,
    label: f.label,
    kind: KIND_WORDS[f.kind],
    unit: f.unit,
    whole: f.whole,
    derived: ids(f.derived),
    optional: yesNo(f.optional),
    help: f.help,
  };
}

function measureRecord(m: Measure): CatalogRecord {
  switch (m.type) {
    case 'schoolShare':
      return { text: m.question, applicableIf: m.applicableIf, aux: m.aux };
    case 'schoolCount':
      return { text: m.question, aux: m.aux };
    case 'ratio':
      return { text: m.numerator, denominator: m.denominator === 'part' ? PART_DENOMINATOR : m.denominator };
    case 'count':
      return { text: m.label, whole: m.whole };
    case 'countRatio':
      return {
        text: m.numerator,
        denominator: m.denominator === 'part' ? PART_DENOMINATOR : m.denominator,
        countOf: COUNT_OF_WORDS[m.countOf],
        targetOn: TARGET_ON_WORDS[m.targetOn],
        percentIsContext: yesNo(m.percentIsContext),
      };
    case 'countPair':
      return { compare: COMPARE_WORDS[m.compare] };
  }
}

function columnRecord(a: AppendixSpec, c: ColumnSpec): CatalogRecord {
  return {
    appendix: a.number,
    id: c.id,
    title: c.title,
    unit: c.unit,
    polarity: POLARITY_WORDS[c.polarity],
    scope: SCOPE_WORDS[c.scope],
    aggregation: AGGREGATION_WORDS[c.measure.type],
    ...measureRecord(c.measure),
    naWhenZeroBase: yesNo(c.naWhenZeroBase),
    sensitive: yesNo(c.sensitive),
    key: yesNo(c.key),
    group: c.group,
    method: c.method,
    partsHeader: c.partsHeader,
    help: c.help,
    note: c.note,
    decisions: lines(c.decisions),
  };
}

function targetRecords(a: AppendixSpec): CatalogRecord[] {
  const out: CatalogRecord[] = [];
  for (const [rowIndex, row] of a.rows.entries()) {
    for (const c of a.columns) {
      const parts = c.parts && c.parts.length > 0 ? c.parts.map((p) => p.id) : [undefined];
      for (const [partIndex, part] of parts.entries()) {
        const t = c.targets[rowIndex]?.[partIndex];
        if (t === undefined) continue;
        const source = typeof t === 'string' ? t : t.source;
        out.push({ appendix: a.number, row: row.id, column: c.id, part, target: source, quarantine: typeof t === 'string' ? undefined : t.quarantine });
      }
    }
  }
  return out;
}
