/**
 * Request bodies within our budget: Google recommends at most about 2 MB per Sheets API request, and the Docs API has
 * the same kind of limit; we hold every body we send to 2,000,000 bytes, measured as the UTF-8 JSON the service gets.
 */
export const MAX_REQUEST_BYTES = 2_000_000;
/** What an envelope around the items (keys, options, brackets) may add. */
const ENVELOPE_BYTES = 10_000;

/** UTF-8 length of a string without TextEncoder (not in every Apps Script runtime). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

export const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value));

/**
 * Items packed in order into groups whose JSON stays within the budget (one group per request). An item larger than
 * the budget on its own is a caller's error: split it first (see `valueRangesWithin`).
 */
export function withinBudget<T>(items: T[], budget = MAX_REQUEST_BYTES - ENVELOPE_BYTES): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = jsonBytes(item) + 1;
    if (bytes > budget) throw new Error(`Запрос к Google больше ${budget} байт даже для одного элемента: разбейте его.`);
    if (size + bytes > budget && current.length > 0) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface ValueRange {
  range: string;
  values: (string | number)[][];
}

/** A sheet's values as consecutive row blocks, each within the budget, addressed from `A<row>` of `quotedSheet`. */
export function valueRangesWithin(quotedSheet: string, grid: (string | number)[][], budget = (MAX_REQUEST_BYTES - ENVELOPE_BYTES) / 2): ValueRange[] {
  const out: ValueRange[] = [];
  let start = 0;
  let size = 0;
  for (let r = 0; r < grid.length; r++) {
    const bytes = jsonBytes(grid[r]) + 1;
    if (size + bytes > budget && r > start) {
      out.push({ range: `${quotedSheet}!A${start + 1}`, values: grid.slice(start, r) });
      start = r;
      size = 0;
    }
    size += bytes;
  }
  if (grid.length > start || out.length === 0) out.push({ range: `${quotedSheet}!A${start + 1}`, values: grid.slice(start) });
  return out;
}
