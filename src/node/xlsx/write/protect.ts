import type { Worksheet } from 'exceljs';

/** exceljs keeps the protection model in `worksheet.sheetProtection`, which its typings do not declare. */
interface ProtectionStore {
  sheetProtection: Record<string, unknown> | null;
}

const HASH_FIELDS = ['algorithmName', 'saltValue', 'spinCount', 'hashValue'] as const;

/**
 * exceljs hashes a sheet password with SHA-512 and 100 000 rounds in pure JS: about 0.4 s per sheet, so
 * a 14-sheet school file would take 6 s. The salted hash is computed once per password and process and
 * reused for every sheet (sheet protection only guards against accidental edits, not against attack).
 */
const hashes = new Map<string, Record<string, unknown>>();

/** Everything locked except unlocked (input) cells; selecting cells and widening columns stay allowed. */
export function protectSheet(sheet: Worksheet, password: string | null): void {
  const options = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true };
  const store = sheet as unknown as ProtectionStore;
  const cached = password ? hashes.get(password) : undefined;
  // `protect` returns a promise, but its body runs synchronously: the model is set when it returns.
  void sheet.protect(password && !cached ? password : '', options);
  const model = store.sheetProtection;
  if (model?.sheet !== true) throw new Error(`Не удалось защитить лист «${sheet.name}»`);
  if (!password) return;
  if (cached) {
    Object.assign(model, cached);
    return;
  }
  const hash: Record<string, unknown> = {};
  for (const field of HASH_FIELDS) hash[field] = model[field];
  hashes.set(password, hash);
}
