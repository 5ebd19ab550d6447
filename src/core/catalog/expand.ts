import * as z from 'zod/mini';
import { ru } from 'zod/v4/locales';
import { CatalogSourceSchema } from './schema';

// zod's own messages in Russian; only this locale is bundled
z.config(ru());
import type { AppendixSpec, CatalogSource, ColumnSpec, InputSpec, PartSpec, TargetSource } from './schema';
import { derivedCycles } from './derived-cycles';
import { parseTarget } from './targets';
import type { Aggregate, Catalog, Cell, CellInputs, Input } from './types';

/** Validates a catalog source with zod and expands it into cells and inputs; throws a Russian message listing every problem. */
export function expandCatalog(raw: unknown): Catalog {
  const parsed = CatalogSourceSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Каталог показателей не прошёл проверку:\n${lines.join('\n')}`);
  }
  const { catalog, problems } = new Expander(parsed.data).run();
  if (problems.length > 0) throw new Error(`Каталог «${parsed.data.id}» противоречив:\n  ${problems.join('\n  ')}`);
  return catalog;
}

/** Expands a catalog already checked by zod and returns its inconsistencies instead of throwing (the workbook reader places them). */
export function expandWithProblems(src: CatalogSource): { catalog: Catalog; problems: string[] } {
  return new Expander(src).run();
}

export const EVIDENCE_LABEL = 'Ссылка на подтверждающие документы';

/** The id of the evidence-link input of a group: EV_A1_R2, EV_A1_SCHOOL, EV_A5_R1. */
export function evidenceId(appendix: number, group: string): string {
  return `EV_A${appendix}_${group.toUpperCase()}`;
}

/** Counts of things (museums, programmes) end their label in «ед.»; everything else counts persons. */
const unitOf = (label: string): string => (/ед\.$/.test(label.trim()) ? 'ед.' : 'чел.');

class Expander {
  private readonly inputs: Input[] = [];
  private readonly cells: Cell[] = [];
  private readonly problems: string[] = [];

  constructor(private readonly src: CatalogSource) {}

  run(): { catalog: Catalog; problems: string[] } {
    for (const spec of this.src.profile) this.addInput(spec, 0, 'profile');
    for (const app of this.src.appendices) this.expandAppendix(app);
    this.verify();
    return { catalog: this.catalog(), problems: this.problems };
  }

  private catalog(): Catalog {
    return {
      id: this.src.id,
      version: this.src.version,
      title: this.src.title,
      source: this.src.source,
      appendixWord: this.src.appendixWord ?? 'Приложение',
      appendices: this.src.appendices.map((a) => ({
        number: a.number,
        table: a.table,
        title: a.title,
        short: a.short,
        rowHeader: a.rowHeader,
        indicatorsHeader: a.indicatorsHeader,
        rows: a.rows.map((r) => ({ id: r.id, number: r.number, title: r.title })),
        columns: a.columns.map((c) => ({
          id: c.id,
          title: c.title,
          unit: c.unit,
          polarity: c.polarity,
          scope: c.scope,
          partsHeader: c.partsHeader ?? null,
          parts: (c.parts ?? []).map((p) => ({ id: p.id, title: p.title })),
          note: c.note ?? null,
          decisions: c.decisions ?? [],
          help: c.help ?? null,
        })),
        note: a.note ?? null,
      })),
      cells: this.cells,
      inputs: this.inputs,
      checks: this.src.checks ?? [],
    };
  }

  private addInput(spec: InputSpec, sheet: number, group: string, applicableIf: string | null = null): void {
    if (this.inputs.some((i) => i.id === spec.id)) return; // a school-scope input is shared by every row
    this.inputs.push({
      id: spec.id,
      label: spec.label,
      kind: spec.kind,
      unit: spec.unit ?? (spec.kind === 'count' ? 'чел.' : spec.kind === 'percent' ? '%' : ''),
      whole: spec.whole ?? null,
      derived: spec.derived ?? null,
      applicableIf,
      optional: spec.optional ?? false,
      help: spec.help ?? null,
      sheet,
      group,
    });
  }

  private expandAppendix(app: AppendixSpec): void {
    for (const base of app.bases ?? []) this.addInput(base, app.number, 'bases');
    const multiRow = app.rows.length > 1;
    // Row-scope inputs first, direction by direction, then the once-per-school ones (D10).
    for (const [rowIndex, row] of app.rows.entries()) {
      for (const col of app.columns) {
        if (col.targets.length !== app.rows.length) {
          this.problems.push(`Приложение ${app.number}, ${col.id}: целевых строк ${col.targets.length}, а строк таблицы ${app.rows.length}`);
          continue;
        }
        const parts: (PartSpec | null)[] = col.parts && col.parts.length > 0 ? col.parts : [null];
        const rowTargets = col.targets[rowIndex] ?? [];
        if (rowTargets.length !== parts.length) {
          this.problems.push(`Приложение ${app.number}, ${row.id}.${col.id}: значений ${rowTargets.length}, а подграф ${parts.length}`);
          continue;
        }
        const perRow = col.scope === 'row' && multiRow;
        const group = col.scope === 'school' && multiRow ? 'school' : row.id;
        for (const [partIndex, part] of parts.entries()) {
          const base = [`A${app.number}`, perRow ? row.id : null, col.id, part?.id ?? null].filter((s): s is string => s !== null).join('_');
          const inputs = this.cellInputs(app, col, part, base, group);
          const target = rowTargets[partIndex] ?? '';
          this.cells.push(this.makeCell(app, row.id, col, part, inputs, target));
        }
      }
    }
    // D24: one evidence link per group of the school's form (a direction, or the once-per-school block).
    const groups = [...new Set(this.inputs.filter((i) => i.sheet === app.number && i.group !== 'bases').map((i) => i.group))];
    for (const group of groups) {
      this.addInput({ id: evidenceId(app.number, group), label: EVIDENCE_LABEL, kind: 'url', optional: true }, app.number, group);
    }
  }

  private cellInputs(app: AppendixSpec, col: ColumnSpec, part: PartSpec | null, base: string, group: string): CellInputs {
    const m = col.measure;
    const partText = part ? ` — ${part.label ?? part.title}` : '';
    const denominatorOf = (ref: string): string => {
      if (ref !== 'part') return ref;
      if (!part?.denominator) {
        this.problems.push(`${base}: знаменатель «part», но у подграфы нет знаменателя`);
        return ref;
      }
      return part.denominator;
    };
    const sheet = app.number;
    const help = col.help;
    switch (m.type) {
      case 'schoolShare':
      case 'schoolCount': {
        const applicableIf = m.type === 'schoolShare' ? (m.applicableIf ?? null) : null;
        this.addInput({ id: base, label: m.question + partText, kind: 'flag', help }, sheet, group, applicableIf);
        if (!m.aux) return { flag: base };
        this.addInput({ id: `${base}_AUX`, label: m.aux, kind: 'count', unit: 'ед.', help }, sheet, group);
        return { flag: base, aux: `${base}_AUX` };
      }
      case 'ratio': {
        const den = denominatorOf(m.denominator);
        this.addInput({ id: base, label: m.numerator + partText, kind: 'count', unit: unitOf(m.numerator), whole: den, help }, sheet, group);
        return { numerator: [base], denominator: [den] };
      }
      case 'count':
        this.addInput(
          { id: base, label: m.label + partText, kind: 'count', unit: col.unit.startsWith('ед') ? 'ед.' : 'чел.', whole: m.whole, help },
          sheet,
          group,
        );
        return { sum: [base] };
      case 'countRatio': {
        const den = denominatorOf(m.denominator);
        this.addInput({ id: base, label: m.numerator + partText, kind: 'count', unit: unitOf(m.numerator), whole: den, help }, sheet, group);
        return { numerator: [base], denominator: [den], sum: [m.countOf === 'numerator' ? base : den] };
      }
      case 'countPair': {
        const first = `${base}_${m.first.code}`;
        const second = `${base}_${m.second.code}`;
        this.addInput({ id: first, label: m.first.label + partText, kind: 'count', unit: m.first.unit, whole: m.first.whole, help }, sheet, group);
        this.addInput({ id: second, label: m.second.label + partText, kind: 'count', unit: m.second.unit, whole: m.second.whole, help }, sheet, group);
        return { sum: [first], second: [second] };
      }
    }
  }

  private makeCell(app: AppendixSpec, row: string, col: ColumnSpec, part: PartSpec | null, inputs: CellInputs, target: TargetSource): Cell {
    const m = col.measure;
    const aggregate: Aggregate = m.type === 'count' ? 'sum' : m.type;
    const source = typeof target === 'string' ? target : target.source;
    const quarantine = typeof target === 'string' ? null : target.quarantine;
    const key = [`A${app.number}`, row, col.id, part?.id].filter((s): s is string => s !== undefined).join('.');
    let parsed = null;
    if (quarantine === null) {
      try {
        parsed = parseTarget(source, col.polarity, aggregate, {
          targetOn: m.type === 'countRatio' ? m.targetOn : undefined,
          compare: m.type === 'countPair' ? m.compare : undefined,
          percentIsContext: m.type === 'countRatio' ? m.percentIsContext : undefined,
        });
      } catch (e) {
        this.problems.push(`${key}: ${(e as Error).message}`);
      }
    }
    return {
      key,
      appendix: app.number,
      row,
      column: col.id,
      part: part?.id ?? null,
      unit: col.unit,
      polarity: col.polarity,
      aggregate,
      inputs,
      source,
      target: parsed,
      quarantine,
      naWhenZeroBase: col.naWhenZeroBase ?? false,
      sensitive: col.sensitive ?? false,
      percentIsContext: m.type === 'countRatio' ? (m.percentIsContext ?? false) : false,
      targetOn: m.type === 'countRatio' ? m.targetOn : null,
      compare: m.type === 'countPair' ? m.compare : null,
    };
  }

  /** Every reference names an input that exists and bounds are counts. */
  private verify(): void {
    const ids = new Set(this.inputs.map((i) => i.id));
    const need = (id: string, where: string): void => {
      if (!ids.has(id)) this.problems.push(`${where}: нет поля «${id}»`);
    };
    for (const input of this.inputs) {
      if (input.whole) need(input.whole, input.id);
      for (const d of input.derived ?? []) need(d, input.id);
      if (input.applicableIf) need(input.applicableIf, input.id);
    }
    for (const cell of this.cells) {
      const refs = [...(cell.inputs.numerator ?? []), ...(cell.inputs.denominator ?? []), ...(cell.inputs.sum ?? []), ...(cell.inputs.second ?? [])];
      for (const r of refs) need(r, cell.key);
    }
    for (const check of this.src.checks ?? []) for (const id of [...check.parts, check.total]) need(id, `проверка ${check.id}`);
    for (const cycle of derivedCycles(this.inputs)) this.problems.push(`${cycle[0]}: поле считается через само себя (${cycle.join(' → ')})`);
  }
}
