import type { Catalog, Input } from '../catalog/types';

/** Columns of every input sheet (1-based). The code column anchors each line for drift detection. */
export const COL = { num: 1, label: 2, unit: 3, value: 4, check: 5, evidence: 6, code: 7 } as const;

export const PROFILE_SHEET = 'Сведения об ОО';
export const INSTRUCTIONS_SHEET = 'Инструкция';
export const META_SHEET = 'Служебный';
export const STATUS_ID = 'STATUS';
export const STATUS_VALUES = ['Заполняется', 'Готово к проверке'] as const;

/** Header rows before the first input line. */
export const PROFILE_FIRST_LINE = 12;
export const APPENDIX_FIRST_LINE = 4;
/** Status and stamp cells of the profile sheet. */
export const PROFILE_CELLS = { name: 3, id: 4, year: 5, municipality: 6, status: 7, errors: 8, blanks: 9 } as const;

export interface Position {
  sheet: string;
  row: number;
  col: number;
}

/** One line of an input sheet: a group header (with its evidence link) or an input line. */
export interface Line {
  row: number;
  kind: 'group' | 'input' | 'check';
  /** The input of the line (for a group: its evidence-link input; for a check: null). */
  input: Input | null;
  title: string;
  number: string;
  checkId: string | null;
}

export interface SheetLines {
  sheet: string;
  appendix: number | null;
  lines: Line[];
}

export function appendixSheetName(catalog: Catalog, appendix: number): string {
  return `${catalog.appendixWord} ${appendix}`;
}

export function appendixMarker(catalog: Catalog, appendix: number): string {
  return `${catalog.appendixWord} ${appendix}.`;
}

export function groupTitle(catalog: Catalog, appendix: number, group: string): string {
  if (group === 'bases') return 'Базовые численности для этого раздела';
  if (group === 'school') return 'Общие показатели ОО (одни для всех направлений)';
  const app = catalog.appendices.find((a) => a.number === appendix);
  const row = app?.rows.find((r) => r.id === group);
  return row ? row.title : group;
}

/**
 * The line plan of every input sheet, derived only from the catalog: the same for every school,
 * so its hash identifies the layout a file was generated with.
 */
export function sheetLines(catalog: Catalog): SheetLines[] {
  const known = LINES.get(catalog);
  if (known) return known;
  const out: SheetLines[] = [];
  const profile: Line[] = [];
  let row = PROFILE_FIRST_LINE;
  let k = 0;
  for (const input of catalog.inputs.filter((i) => i.sheet === 0)) {
    k += 1;
    profile.push({ row: row++, kind: 'input', input, title: input.label, number: `0.${k}`, checkId: null });
  }
  out.push({ sheet: PROFILE_SHEET, appendix: null, lines: profile });

  for (const app of catalog.appendices) {
    const lines: Line[] = [];
    row = APPENDIX_FIRST_LINE;
    const inputs = catalog.inputs.filter((i) => i.sheet === app.number);
    const groups = [...new Set(inputs.map((i) => i.group))].sort((a, b) => groupOrder(a) - groupOrder(b));
    let g = 0;
    for (const group of groups) {
      g += 1;
      const members = inputs.filter((i) => i.group === group);
      const evidence = members.find((i) => i.kind === 'url') ?? null;
      const rowSpec = app.rows.find((r) => r.id === group);
      const number = group === 'bases' ? 'Б' : rowSpec && rowSpec.number !== '' ? rowSpec.number : String(g);
      lines.push({ row: row++, kind: 'group', input: evidence, title: groupTitle(catalog, app.number, group), number, checkId: null });
      let n = 0;
      for (const input of members.filter((i) => i.kind !== 'url')) {
        n += 1;
        lines.push({ row: row++, kind: 'input', input, title: input.label, number: `${number}.${n}`, checkId: null });
      }
    }
    const ids = new Set(inputs.map((i) => i.id));
    const checks = catalog.checks.filter((c) => ids.has(c.total));
    if (checks.length > 0) {
      lines.push({ row: row++, kind: 'group', input: null, title: 'Контрольные соотношения', number: 'К', checkId: null });
      checks.forEach((c, i) => {
        lines.push({ row: row++, kind: 'check', input: null, title: c.message, number: `К.${i + 1}`, checkId: c.id });
      });
    }
    out.push({ sheet: appendixSheetName(catalog, app.number), appendix: app.number, lines });
  }
  LINES.set(catalog, out);
  return out;
}

/** The plan and its hash depend only on the catalog object: computed once, not once per file. */
const LINES = new WeakMap<Catalog, SheetLines[]>();
const HASHES = new WeakMap<Catalog, string>();

function groupOrder(group: string): number {
  if (group === 'bases') return -1;
  if (group === 'school') return 1000;
  const n = Number(group.replace(/^R/, ''));
  return Number.isFinite(n) ? n : 999;
}

/** Where each input's value is written: the value column, or the evidence column for links. */
export function inputPositions(catalog: Catalog): Map<string, Position> {
  const map = new Map<string, Position>();
  for (const sheet of sheetLines(catalog)) {
    for (const line of sheet.lines) {
      if (!line.input) continue;
      const col = line.kind === 'group' ? COL.evidence : COL.value;
      map.set(line.input.id, { sheet: sheet.sheet, row: line.row, col });
    }
  }
  map.set(STATUS_ID, { sheet: PROFILE_SHEET, row: PROFILE_CELLS.status, col: COL.value });
  return map;
}

/** FNV-1a over the line plan: changes when any line moves or the catalog version changes. */
export function layoutHash(catalog: Catalog): string {
  const known = HASHES.get(catalog);
  if (known) return known;
  const parts = [catalog.id, catalog.version];
  for (const s of sheetLines(catalog)) for (const l of s.lines) parts.push(`${s.sheet}|${l.row}|${l.kind}|${l.input?.id ?? l.checkId ?? ''}`);
  let h = 0x811c9dc5;
  for (const ch of parts.join('\n')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const hash = h.toString(16).padStart(8, '0');
  HASHES.set(catalog, hash);
  return hash;
}
