import { type School, SchoolSchema } from './schema';

/**
 * The registry of schools as rows of text, from any source: schools.csv / schools.xlsx offline (English or Russian
 * header) or the «Школы» sheet in Google. One parser, so both front ends accept and refuse the same rows.
 */
export const REGISTRY_FIELDS = ['id', 'name', 'shortName', 'type', 'emails'] as const;
type Field = (typeof REGISTRY_FIELDS)[number];

/** Header titles each field is recognised by (compared in lower case, trimmed; the first is what the tool writes). */
const TITLES: Record<Field, string[]> = {
  id: ['id', 'код'],
  name: ['name', 'полное наименование', 'наименование'],
  shortName: ['short_name', 'краткое наименование'],
  type: ['type', 'тип (ош/оош/сош)', 'тип (нош/оош/сош)', 'тип'],
  emails: ['emails', 'e-mail (через ;)', 'e-mail', 'email'],
};

export interface RegistryRow {
  school: School;
  /** 1-based line of the source (the header is line 1). */
  line: number;
}

export interface RegistryParse {
  rows: RegistryRow[];
  /** Each refused row, «строка N: …», in Russian; a refused row is never half-loaded. */
  problems: string[];
  /** Fields the header lacks (then no row is read). */
  missing: Field[];
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/ё/g, 'е');

/** Column of each field in the header row; null where the header lacks it. */
export function registryColumns(header: string[]): Record<Field, number | null> {
  const titles = header.map(norm);
  const out = {} as Record<Field, number | null>;
  for (const field of REGISTRY_FIELDS) {
    const i = titles.findIndex((t) => TITLES[field].includes(t));
    out[field] = i >= 0 ? i : null;
  }
  // a header written by an older version may only say «Тип …» with other words
  if (out.type === null) {
    const i = titles.findIndex((t) => t.startsWith('тип'));
    out.type = i >= 0 ? i : null;
  }
  return out;
}

/**
 * Rows (the first is the header) → schools. Blank rows are skipped; the short name falls back to the full name;
 * e-mails are split on «;», «,» or spaces; a duplicate code is refused with its line.
 */
export function parseRegistry(rows: string[][]): RegistryParse {
  const columns = registryColumns(rows[0] ?? []);
  const missing = REGISTRY_FIELDS.filter((f) => f !== 'shortName' && columns[f] === null);
  if (missing.length > 0) return { rows: [], problems: [], missing };
  const out: RegistryRow[] = [];
  const problems: string[] = [];
  rows.slice(1).forEach((r, i) => {
    const text = (f: Field): string => {
      const c = columns[f];
      return c === null ? '' : (r[c] ?? '').trim();
    };
    if (REGISTRY_FIELDS.every((f) => text(f) === '')) return;
    const line = i + 2;
    const candidate = {
      id: text('id'),
      name: text('name'),
      shortName: text('shortName') || text('name'),
      type: text('type').toUpperCase(),
      emails: text('emails')
        .split(/[;,\s]+/)
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    };
    const parsed = SchoolSchema.safeParse(candidate);
    if (!parsed.success) problems.push(`строка ${line}: ${parsed.error.issues.map((x) => `${x.path.join('.')} — ${x.message}`).join('; ')}`);
    else if (out.some((s) => s.school.id === parsed.data.id)) problems.push(`строка ${line}: код ОО «${parsed.data.id}» повторяется`);
    else out.push({ school: parsed.data, line });
  });
  return { rows: out, problems, missing: [] };
}

/** The header the tool writes into a new registry (offline CSV). */
export const REGISTRY_CSV_HEADER = ['id', 'name', 'short_name', 'type', 'emails'];
