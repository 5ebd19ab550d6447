import { existsSync, readFileSync } from 'node:fs';
import type * as z from 'zod/mini';
import { UserError } from './campaign-folder';

/** Reads and checks a JSON file; a broken one is a clear Russian error, a missing one is null. */
export function readJsonFile<S extends z.ZodMiniType>(path: string, schema: S): z.infer<S> | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`Файл ${path} повреждён: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new UserError(
      `Файл ${path} не соответствует формату: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || 'корень'} — ${i.message}`)
        .join('; ')}`,
    );
  return parsed.data;
}
