import type { Catalog, Column } from '../catalog/types';
import { formatAchieved, formatChange, formatValue, ruNumber } from '../consolidate/format';
import type { ConsolidationExport, ResultCell } from '../export/contract';
import { rangeA1 } from './a1';
import type { CellSpec, ConditionalSpec, MergeSpec, SheetSpec, StyleRole } from './types';

/** The lines each appendix row expands into. */
export const TABLE_LINES = ['Значение', 'Целевое значение', 'Достигнуто', 'Прошлый год', 'Изменение', 'Сдали данные, ОО'] as const;

export interface TableOptions {
  /** Suppress small counts of children in sensitive cells (for anything that leaves the department). */
  suppressSmall: boolean;
  /** Show the schools' evidence links (department's internal copy). */
  evidence: boolean;
}

/**
 * One Appendix table shaped like the Kalar table: № п/п, the direction, the indicator columns with their
 * sub-columns, and per direction the value, target, achieved mark, previous year, change and coverage.
 */
export function appendixTableSheet(catalog: Catalog, result: ConsolidationExport, appendix: number, options: TableOptions): SheetSpec {
  const app = catalog.appendices.find((a) => a.number === appendix);
  const res = result.appendices.find((a) => a.number === appendix);
  if (!app || !res) throw new Error(`Нет приложения ${appendix} в каталоге «${catalog.id}»`);
  const cells: CellSpec[] = [];
  const merges: MergeSpec[] = [];
  const put = (row: number, col: number, value: string | number, style: StyleRole): void => {
    cells.push({ row, col, value, style });
  };
  const leaves = app.columns.flatMap((c): { column: Column; part: string | null }[] =>
    c.parts.length > 0 ? c.parts.map((p) => ({ column: c, part: p.id })) : [{ column: c, part: null }],
  );
  const firstLeaf = 4;
  const evidenceCol = firstLeaf + leaves.length;
  const lastCol = options.evidence ? evidenceCol : evidenceCol - 1;
  const accepted = result.schools.filter((s) => s.status === 'accepted').length;

  put(1, 1, `${catalog.appendixWord} ${app.number}. Таблица ${app.table} ${app.title}`, 'title');
  merges.push({ row: 1, col: 1, rows: 1, cols: lastCol });
  const coverage =
    `${result.municipality}, ${result.year} год. Данные приняты от ${accepted} ` +
    `из ${result.schools.length} ОО${accepted < result.schools.length ? ' — неполные данные' : ''}.`;
  put(2, 1, coverage, 'subtitle');
  merges.push({ row: 2, col: 1, rows: 1, cols: lastCol });

  const hasParts = app.columns.some((c) => c.parts.length > 0);
  const top = 3;
  const titleRow = app.indicatorsHeader ? top + 1 : top;
  const lastHeader = hasParts ? titleRow + 1 : titleRow;
  const headerRows = lastHeader - top + 1;
  put(top, 1, '№ п/п', 'header');
  put(top, 2, app.rowHeader, 'header');
  put(top, 3, '', 'header');
  merges.push(
    { row: top, col: 1, rows: headerRows, cols: 1 },
    { row: top, col: 2, rows: headerRows, cols: 1 },
    { row: top, col: 3, rows: headerRows, cols: 1 },
  );
  if (options.evidence) {
    put(top, evidenceCol, 'Ссылки на подтверждающие документы', 'header');
    merges.push({ row: top, col: evidenceCol, rows: headerRows, cols: 1 });
  }
  if (app.indicatorsHeader) {
    put(top, firstLeaf, app.indicatorsHeader, 'header');
    if (leaves.length > 1) merges.push({ row: top, col: firstLeaf, rows: 1, cols: leaves.length });
  }
  let col = firstLeaf;
  for (const column of app.columns) {
    const span = Math.max(1, column.parts.length);
    put(titleRow, col, column.title, 'header');
    if (span > 1) merges.push({ row: titleRow, col, rows: 1, cols: span });
    else if (hasParts && column.parts.length === 0) merges.push({ row: titleRow, col, rows: 2, cols: 1 });
    column.parts.forEach((p, i) => {
      put(titleRow + 1, col + i, p.title, 'header');
    });
    col += span;
  }

  let row = lastHeader + 1;
  const first = row;
  const opts = (c: ResultCell): { suppressSmall: boolean; sensitive: boolean } => ({
    suppressSmall: options.suppressSmall,
    sensitive: catalog.cells.find((x) => x.key === c.key)?.sensitive ?? false,
  });
  for (const r of res.rows) {
    put(row, 1, r.number, 'label');
    put(row, 2, r.title, 'label');
    merges.push({ row, col: 1, rows: TABLE_LINES.length, cols: 1 }, { row, col: 2, rows: TABLE_LINES.length, cols: 1 });
    TABLE_LINES.forEach((line, i) => {
      put(row + i, 3, line, 'label');
    });
    leaves.forEach((leaf, i) => {
      const c = r.cells.find((x) => x.column === leaf.column.id && x.part === leaf.part);
      const at = firstLeaf + i;
      if (!c) return;
      put(row, at, formatValue(c, opts(c)), 'value');
      put(row + 1, at, c.target === '' ? '—' : c.quarantine ? `${c.target} (не утв.)` : c.target, 'text');
      put(row + 2, at, formatAchieved(c), 'mark');
      put(row + 3, at, previousText(c, opts(c)), 'text');
      put(row + 4, at, formatChange(c), 'text');
      put(row + 5, at, c.n, 'stat');
    });
    if (options.evidence) {
      put(row, evidenceCol, evidenceText(r.evidence.map((e) => e.url)), 'link');
      merges.push({ row, col: evidenceCol, rows: TABLE_LINES.length, cols: 1 });
    }
    row += TABLE_LINES.length;
  }
  const marks = rangeA1(first, firstLeaf, row - first, leaves.length);
  const conditional: ConditionalSpec[] = [
    { range: marks, when: 'equals', text: 'да', fill: '#D9EAD3', font: '#274E13' },
    { range: marks, when: 'equals', text: 'нет', fill: '#F4CCCC', font: '#990000' },
  ];
  return {
    name: `${catalog.appendixWord} ${app.number}`,
    marker: `${catalog.appendixWord} ${app.number}.`,
    role: 'table',
    appendix: app.number,
    widths: [6, 34, 16, ...leaves.map(() => 15), ...(options.evidence ? [40] : [])],
    cells,
    merges,
    inputs: [],
    conditional,
    frozenRows: lastHeader,
    protect: false,
    hidden: false,
    landscape: true,
    printArea: `A1:${rangeA1(1, 1, row - 1, lastCol).split(':')[1] ?? 'A1'}`,
  };
}

/** A cell holds at most 32,767 characters in Excel (50,000 in Google Sheets): links are listed up to that, then counted. */
export const CELL_CHARS = 32_000;
function evidenceText(urls: string[]): string {
  let out = '';
  let i = 0;
  for (; i < urls.length; i++) {
    const next = out ? `${out}\n${urls[i]}` : (urls[i] as string);
    if (next.length > CELL_CHARS) break;
    out = next;
  }
  if (urls.length === 0) return 'нет ссылок';
  return i < urls.length ? `${out}\n… ещё ${urls.length - i} ссылок (полный список — в «Итоги <год>.json»)` : out;
}

function previousText(c: ResultCell, o: { suppressSmall: boolean; sensitive: boolean }): string | number {
  if (c.previous === null && c.previousCount === null) return 'нет данных';
  if (c.aggregate === 'countRatio') {
    const count =
      c.previousCount === null ? '—' : o.suppressSmall && o.sensitive && c.previousCount > 0 && c.previousCount < 3 ? '<3' : ruNumber(c.previousCount);
    return `${count}/${c.previous === null ? '—' : ruNumber(c.previous)}`;
  }
  return c.previous ?? 'нет данных';
}
