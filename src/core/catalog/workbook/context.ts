import { quoted } from '../../text/xml-safe';
import type { CatalogPlace, CatalogProblem, ReadCell, ReadRow } from './read-table';
import { YES_NO, valueOfWord, wordsOf } from './words';

/**
 * What the reader collects while it turns rows into the catalog source: every problem with its place, and the
 * place of every value by its path in the source (`appendices.0.columns.2.title`), so that zod's issues and the
 * cross-reference checks are reported where the specialist typed the value.
 */
export class ReadContext {
  readonly problems: CatalogProblem[] = [];
  readonly places = new Map<string, CatalogPlace>();

  problem(place: CatalogPlace, text: string): void {
    this.problems.push({ ...place, text });
  }

  at(path: string, place: CatalogPlace): void {
    if (!this.places.has(path)) this.places.set(path, place);
  }

  /** The place of a path, or of its nearest parent that has one. */
  placeOf(path: (string | number)[], fallback: CatalogPlace): CatalogPlace {
    for (let n = path.length; n > 0; n--) {
      const place = this.places.get(path.slice(0, n).join('.'));
      if (place) return place;
    }
    return fallback;
  }

  /** The cell's text, registered at `path` ('' when the cell is empty or its column is missing). */
  text(row: ReadRow, key: string, path: string): string {
    const cell = row.cells[key];
    this.at(path, cell?.place ?? row.place);
    return cell?.text ?? '';
  }

  /** Like `text`, but an empty cell is a problem. */
  required(row: ReadRow, key: string, path: string, what: string): string {
    const value = this.text(row, key, path);
    if (value.trim() === '') this.problem(this.cellPlace(row, key), `не заполнено: ${what}`);
    return value;
  }

  optional(row: ReadRow, key: string, path: string): string | undefined {
    const value = this.text(row, key, path);
    return value === '' ? undefined : value;
  }

  /** A code (id) without the spaces around it. */
  code(row: ReadRow, key: string, path: string): string | undefined {
    const value = this.text(row, key, path).trim();
    return value === '' ? undefined : value;
  }

  word<K extends string>(row: ReadRow, key: string, path: string, words: Readonly<Record<K, string>>, what: string): K | undefined {
    const value = this.text(row, key, path).trim();
    if (value === '') return undefined;
    const found = valueOfWord(words, value);
    if (found === null) {
      this.problem(
        this.cellPlace(row, key),
        `${what} «${quoted(value.slice(0, 80))}» не из списка — выберите: ${wordsOf(words)
          .map((w) => `«${w}»`)
          .join(', ')}`,
      );
      return undefined;
    }
    return found;
  }

  bool(row: ReadRow, key: string, path: string): boolean | undefined {
    const value = this.word(row, key, path, YES_NO, 'значение');
    return value === undefined ? undefined : value === 'yes';
  }

  /** A whole number such as a table number; `null` when empty. */
  integer(row: ReadRow, key: string, path: string): number | null | 'bad' {
    const value = this.text(row, key, path).trim();
    if (value === '') return null;
    if (!/^\d{1,4}$/.test(value)) {
      this.problem(this.cellPlace(row, key), `«${quoted(value.slice(0, 40))}» — нужен номер таблицы, целое число`);
      return 'bad';
    }
    return Number(value);
  }

  /** Codes separated by commas, semicolons or spaces. */
  codes(row: ReadRow, key: string, path: string): string[] | undefined {
    const value = this.text(row, key, path).trim();
    if (value === '') return undefined;
    return value.split(/[\s,;]+/).filter((s) => s !== '');
  }

  cellPlace(row: ReadRow, key: string): CatalogPlace {
    return row.cells[key]?.place ?? row.place;
  }

  cell(row: ReadRow, key: string): ReadCell | undefined {
    return row.cells[key];
  }
}

/** An object without its undefined properties: an empty optional cell leaves the field out, as in the built-in catalogs. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
