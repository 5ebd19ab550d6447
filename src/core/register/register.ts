import type { Catalog } from '../catalog/types';
import type { ConsolidationExport } from '../export/contract';
import { rangeA1 } from '../layout/a1';
import type { CellSpec, SheetSpec } from '../layout/types';
import { managementRegister } from '../recommend/municipal-report';

/**
 * The register of measures (finding → recommendation → the department's measure → next year's effect). The
 * department owns it: consolidation proposes rows from this year's findings and merges them by a stable key; it never
 * overwrites or drops a value the department entered, and keeps the rows the department added by hand.
 */
export const MEASURE_KINDS = ['приказ', 'семинар', 'курсы повышения квалификации', 'методическое сопровождение', 'контроль', 'другое'] as const;

/** Who writes a column: the system (refreshed every consolidation), a proposal (filled only while empty), the department. */
type Owner = 'system' | 'proposal' | 'department';

export const REGISTER_COLUMNS = [
  { field: 'finding', title: 'Вывод (по итогам мониторинга)', owner: 'system', width: 40 },
  { field: 'recommendation', title: 'Рекомендация', owner: 'proposal', width: 40 },
  { field: 'measure', title: 'Предлагаемая мера', owner: 'proposal', width: 44 },
  { field: 'kind', title: 'Вид меры (приказ, семинар, курсы, методическое сопровождение, контроль, другое)', owner: 'department', width: 20 },
  { field: 'document', title: 'Документ (номер, дата)', owner: 'department', width: 18 },
  { field: 'schools', title: 'Школы (все или список)', owner: 'department', width: 18 },
  { field: 'responsible', title: 'Ответственный', owner: 'department', width: 18 },
  { field: 'deadline', title: 'Срок', owner: 'department', width: 12 },
  { field: 'done', title: 'Выполнено (да/нет)', owner: 'department', width: 10 },
  { field: 'watch', title: 'Показатели для контроля', owner: 'proposal', width: 36 },
  { field: 'effect', title: 'Эффект', owner: 'department', width: 18 },
  { field: 'state', title: 'Состояние записи', owner: 'system', width: 22 },
  { field: 'key', title: 'Ключ', owner: 'system', width: 8 },
] as const satisfies readonly { field: string; title: string; owner: Owner; width: number }[];

export type RegisterField = (typeof REGISTER_COLUMNS)[number]['field'];
export type RegisterRow = Record<RegisterField, string>;

export const REGISTER_SHEET = 'Реестр мер';
const HEADER_ROW = 2;
/** Empty rows written below the register, for the measures the department adds by hand. */
const SPARE_ROWS = 20;

const empty = (): RegisterRow => Object.fromEntries(REGISTER_COLUMNS.map((c) => [c.field, ''])) as RegisterRow;
const DEPARTMENT = REGISTER_COLUMNS.filter((c) => c.owner === 'department').map((c) => c.field);
const PROPOSAL = REGISTER_COLUMNS.filter((c) => c.owner === 'proposal').map((c) => c.field);

/** This year's proposals, one per direction with unmet targets or a decline, keyed by the direction («A2.R1»). */
export function proposedRows(catalog: Catalog, result: ConsolidationExport): RegisterRow[] {
  return managementRegister(catalog, result).map((e) => ({
    ...empty(),
    key: e.key,
    finding: e.finding,
    recommendation: e.recommendation,
    measure: e.measure,
    watch: e.watch,
    state: `предложено по итогам ${result.year} г.`,
  }));
}

/** Whether the department typed anything into the row. */
export const hasDepartmentEntries = (row: RegisterRow): boolean => DEPARTMENT.some((f) => row[f].trim() !== '');

/**
 * The register after this consolidation: existing rows keep their place and every value the department typed;
 * a proposal refreshes the finding and fills only empty proposal cells; a row whose finding is gone stays (marked)
 * if the department entered anything in it; rows added by hand stay as they are; new proposals come last.
 */
export function mergeRegister(existing: RegisterRow[], proposed: RegisterRow[], year: number): RegisterRow[] {
  const byKey = new Map(proposed.map((p) => [p.key, p]));
  const used = new Set<string>();
  const out: RegisterRow[] = [];
  for (const row of existing) {
    if (row.key === '') {
      out.push({ ...row, state: row.state || 'добавлено отделом' });
      continue;
    }
    const proposal = byKey.get(row.key);
    if (!proposal || used.has(row.key)) {
      if (hasDepartmentEntries(row)) out.push({ ...row, state: `вывод снят по итогам ${year} г.` });
      continue;
    }
    used.add(row.key);
    const merged: RegisterRow = { ...row, finding: proposal.finding, state: proposal.state };
    for (const f of PROPOSAL) if (merged[f].trim() === '') merged[f] = proposal[f];
    out.push(merged);
  }
  for (const p of proposed) if (!used.has(p.key)) out.push(p);
  return out;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/ё/g, 'е');

/**
 * The register as the department keeps it (a sheet's values, header in row 2 as this tool writes it, found by its
 * titles wherever the department moved the columns). Values are kept as text; rows with nothing in them are dropped.
 */
export function registerFromValues(values: unknown[][]): RegisterRow[] {
  const text = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();
  const headerAt = values.findIndex((r) => (r ?? []).some((v) => norm(text(v)) === 'ключ'));
  if (headerAt < 0) return [];
  const header = (values[headerAt] ?? []).map((v) => norm(text(v)));
  const column = new Map(REGISTER_COLUMNS.map((c) => [c.field, header.indexOf(norm(c.title))]));
  const rows: RegisterRow[] = [];
  for (const r of values.slice(headerAt + 1)) {
    const row = empty();
    for (const c of REGISTER_COLUMNS) {
      const i = column.get(c.field) ?? -1;
      row[c.field] = i >= 0 ? text(r?.[i]) : '';
    }
    if (REGISTER_COLUMNS.some((c) => row[c.field] !== '')) rows.push(row);
  }
  return rows;
}

/** «Реестр мер» as a sheet: the department's columns white for typing, the key hidden. */
export function registerSheet(rows: RegisterRow[], year: number): SheetSpec {
  const cells: CellSpec[] = [
    { row: 1, col: 1, value: `Реестр мер управленческого цикла — ${year}. Белые графы заполняет отдел; при своде они не меняются.`, style: 'title' },
  ];
  REGISTER_COLUMNS.forEach((c, i) => {
    cells.push({ row: HEADER_ROW, col: i + 1, value: c.title, style: 'header' });
  });
  // blank rows below the register: room for the department's own measures
  const blank = empty();
  [...rows, ...Array.from({ length: SPARE_ROWS }, () => blank)].forEach((r, i) => {
    REGISTER_COLUMNS.forEach((c, j) => {
      const value = r[c.field];
      const own = c.owner === 'department' || (r.key === '' && c.field !== 'state' && c.field !== 'key');
      cells.push({ row: HEADER_ROW + 1 + i, col: j + 1, value, style: own ? 'input' : 'text' });
    });
  });
  return {
    name: REGISTER_SHEET,
    marker: 'Реестр мер управленческого цикла',
    role: 'table',
    appendix: null,
    widths: REGISTER_COLUMNS.map((c) => c.width),
    cells,
    merges: [],
    inputs: [],
    conditional: [],
    frozenRows: HEADER_ROW,
    protect: false,
    hidden: false,
    hiddenColumns: [REGISTER_COLUMNS.length],
    landscape: true,
    printArea: rangeA1(1, 1, Math.max(HEADER_ROW, rows.length + HEADER_ROW), REGISTER_COLUMNS.length - 1),
  };
}
