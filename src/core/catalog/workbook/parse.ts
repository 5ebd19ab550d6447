import type { WorkbookGrid } from '../../submission/parse';
import { CatalogSourceSchema, type CatalogSource, type CheckSpec, type InputSpec } from '../schema';
import { readAppendices, type Rows } from './appendices';
import { ReadContext, compact } from './context';
import { type CatalogPlace, type CatalogProblem, cellText, formulaAt, formulaProblems, readTable } from './read-table';
import { checkReferences } from './references';
import { FIRST_DATA_ROW, GENERAL_FIELDS, GENERAL_SHEET, SHEET, TABLE_SHEETS } from './sheets';
import { KIND_WORDS, RULE_WORDS, SEVERITY_WORDS } from './words';

export type CatalogWorkbookResult = { source: CatalogSource } | { problems: CatalogProblem[] };

const GENERAL: CatalogPlace = { sheet: GENERAL_SHEET, row: null, col: null, header: null };
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Reads the catalog workbook («Каталог показателей») from the grids of its sheets. Never throws: every problem is
 * reported at once with its sheet, row and column, in Russian. Values only — a formula anywhere is an error.
 */
export function parseCatalogWorkbook(grid: WorkbookGrid): CatalogWorkbookResult {
  const ctx = new ReadContext();
  for (const p of grid.problems ?? []) ctx.problem({ sheet: p.sheet, row: null, col: null, header: null }, p.cell ? `${p.cell}: ${p.text}` : p.text);
  ctx.problems.push(...formulaProblems(grid));
  const sheetNamed = (name: string) => grid.sheets.find((s) => norm(s.name) === norm(name));
  const rows: Rows = {};
  for (const def of TABLE_SHEETS) {
    const sheet = sheetNamed(def.name);
    if (!sheet) {
      ctx.problem({ sheet: def.name, row: null, col: null, header: null }, 'листа нет в книге — верните его (можно пустым, с заголовками)');
      continue;
    }
    rows[def.name] = readTable(sheet, def.fields, ctx.problems);
  }
  const general = readGeneral(ctx, grid);
  const { profile, bases, rowOf } = readFields(ctx, rows[SHEET.fields] ?? []);
  const appendices = readAppendices(ctx, rows, bases);
  appendices.forEach((a, ai) => {
    (a.bases ?? []).forEach((b, bi) => {
      const row = rowOf.get(b);
      if (!row) return;
      const path = `appendices.${ai}.bases.${bi}`;
      ctx.at(path, row.place);
      for (const [key, cell] of Object.entries(row.cells)) ctx.at(`${path}.${key}`, cell.place);
    });
  });
  const checks = readRules(ctx, rows[SHEET.rules] ?? []);
  const source = compact({ ...general, profile, appendices, checks: checks.length > 0 ? checks : undefined });

  // zod and the cross-references run even after problems in the cells, so that one reading reports everything;
  // a place keeps its first problem (a value already refused is not refused again in other words).
  const parsed = CatalogSourceSchema.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.problem(
        ctx.placeOf(
          issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
          GENERAL,
        ),
        issue.message,
      );
    }
  }
  try {
    // the source is shaped by this reader even when zod refuses a value, so the cross-references can still be checked
    checkReferences(ctx, parsed.success ? parsed.data : source);
  } catch {
    // a value zod refused broke a reference check: zod's own message already names it
  }
  const problems = firstPerPlace(ctx.problems);
  return problems.length > 0 || !parsed.success ? { problems } : { source: parsed.data };
}

function firstPerPlace(problems: CatalogProblem[]): CatalogProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (p.row === null || p.col === null) return true;
    const key = `${p.sheet}|${p.row}|${p.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type General = Pick<CatalogSource, 'id' | 'version' | 'title' | 'source' | 'municipalityExample' | 'appendixWord'>;

function readGeneral(ctx: ReadContext, grid: WorkbookGrid): General {
  const sheet = grid.sheets.find((s) => norm(s.name) === norm(GENERAL_SHEET));
  const found = new Map<string, string>();
  if (!sheet) ctx.problem(GENERAL, 'листа нет в книге — верните его: на нём код, версия и название каталога');
  for (let r = FIRST_DATA_ROW - 1; sheet && r < sheet.values.length; r++) {
    const label = cellText(sheet.values[r]?.[0]);
    if (!('text' in label)) continue;
    const f = GENERAL_FIELDS.find((x) => norm(x.header) === norm(label.text));
    if (!f || found.has(f.key)) continue;
    const place: CatalogPlace = { sheet: GENERAL_SHEET, row: r + 1, col: 2, header: f.header };
    ctx.at(f.key, place);
    const value = formulaAt(sheet, r, 1) === null ? cellText(sheet.values[r]?.[1]) : { text: '' };
    if ('problem' in value) ctx.problem(place, value.problem);
    found.set(f.key, 'text' in value ? value.text : '');
  }
  const required = (key: string): string => {
    const f = GENERAL_FIELDS.find((x) => x.key === key);
    const value = found.get(key);
    if (value === undefined && sheet) ctx.problem(GENERAL, `нет строки «${f?.header ?? key}» в столбце «Параметр»`);
    else if (value !== undefined && value.trim() === '') ctx.problem(ctx.places.get(key) ?? GENERAL, `не заполнено: ${f?.header.toLowerCase() ?? key}`);
    return value ?? '';
  };
  const optional = (key: string): string | undefined => {
    const value = found.get(key);
    return value === undefined || value === '' ? undefined : value;
  };
  return compact({
    id: required('id').trim(),
    version: required('version'),
    title: required('title'),
    source: required('source'),
    municipalityExample: optional('municipalityExample'),
    appendixWord: optional('appendixWord'),
  });
}

interface Fields {
  profile: InputSpec[];
  bases: Map<number, InputSpec[]>;
  /** The sheet row of each base: its path in the source (its table's index) is known only after the tables are read. */
  rowOf: Map<InputSpec, Rows[string][number]>;
}

function readFields(ctx: ReadContext, rows: Rows[string]): Fields {
  const rowOf = new Map<InputSpec, Rows[string][number]>();
  const profile: InputSpec[] = [];
  const bases = new Map<number, InputSpec[]>();
  const counters = new Map<number, number>();
  for (const r of rows) {
    const n = ctx.integer(r, 'appendix', `—fields.${r.row}`);
    if (n === 'bad') continue;
    // the path of a base needs its appendix index, known only later: bases are placed by their own id path
    const path = n === null ? `profile.${profile.length}` : `—bases.${n}.${counters.get(n) ?? 0}`;
    ctx.at(path, r.place);
    const kind = ctx.word(r, 'kind', `${path}.kind`, KIND_WORDS, 'тип');
    if (kind === undefined && (ctx.cell(r, 'kind')?.text ?? '') === '') ctx.problem(ctx.cellPlace(r, 'kind'), 'не заполнено: тип поля');
    const spec: InputSpec = compact({
      id: ctx.code(r, 'id', `${path}.id`) ?? '',
      label: ctx.required(r, 'label', `${path}.label`, 'название поля'),
      kind: kind ?? 'count',
      unit: ctx.optional(r, 'unit', `${path}.unit`),
      whole: ctx.code(r, 'whole', `${path}.whole`),
      derived: ctx.codes(r, 'derived', `${path}.derived`),
      help: ctx.optional(r, 'help', `${path}.help`),
      optional: ctx.bool(r, 'optional', `${path}.optional`),
    });
    if (spec.id === '') ctx.problem(ctx.cellPlace(r, 'id'), 'не заполнено: код поля');
    rowOf.set(spec, r);
    if (n === null) profile.push(spec);
    else {
      bases.set(n, [...(bases.get(n) ?? []), spec]);
      counters.set(n, (counters.get(n) ?? 0) + 1);
    }
  }
  return { profile, bases, rowOf };
}

function readRules(ctx: ReadContext, rows: Rows[string]): CheckSpec[] {
  const out: CheckSpec[] = [];
  for (const r of rows) {
    const path = `checks.${out.length}`;
    ctx.at(path, r.place);
    const type = ctx.word(r, 'type', `${path}.type`, RULE_WORDS, 'вид правила');
    const severity = ctx.word(r, 'severity', `${path}.severity`, SEVERITY_WORDS, 'серьёзность');
    if (type === undefined && (ctx.cell(r, 'type')?.text ?? '') === '') ctx.problem(ctx.cellPlace(r, 'type'), 'не заполнено: вид правила');
    if (severity === undefined && (ctx.cell(r, 'severity')?.text ?? '') === '') ctx.problem(ctx.cellPlace(r, 'severity'), 'не заполнено: серьёзность');
    const parts = ctx.codes(r, 'parts', `${path}.parts`) ?? [];
    if (parts.length === 0) ctx.problem(ctx.cellPlace(r, 'parts'), 'не заполнено: коды полей-частей');
    out.push({
      id: ctx.required(r, 'id', `${path}.id`, 'код правила').trim(),
      type: type ?? 'sumLe',
      parts,
      total: ctx.code(r, 'total', `${path}.total`) ?? '',
      severity: severity ?? 'error',
      message: ctx.required(r, 'message', `${path}.message`, 'сообщение для ОО'),
    });
  }
  return out;
}
