import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as z from 'zod/mini';
import { UserFacingError } from '../../app/errors';

/** Where everything of a campaign lives in its folder. */
export const paths = (dir: string) => ({
  campaign: join(dir, 'campaign.json'),
  registryCsv: join(dir, 'schools.csv'),
  registryXlsx: join(dir, 'schools.xlsx'),
  schools: join(dir, 'schools'),
  received: join(dir, 'received'),
  out: join(dir, 'out'),
  decisions: join(dir, 'decisions.json'),
  surveys: join(dir, 'surveys.json'),
  measures: join(dir, 'measures.xlsx'),
  /** The department's letter texts (issue 19), written with the defaults on first use. */
  letters: join(dir, 'letters.xlsx'),
  /** The letters marked as sent: the once-only and reminder-interval rules read it. */
  deliveries: join(dir, 'deliveries.json'),
});

/** Writes through a temporary file and a rename, so a crash never leaves a half-written file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Reads and checks a JSON file; a broken one is a clear Russian error, a missing one is null. */
export function readJsonFile<S extends z.ZodMiniType>(path: string, schema: S): z.infer<S> | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserFacingError(`Файл ${path} повреждён: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'корень'} — ${i.message}`);
    throw new UserFacingError(`Файл ${path} не соответствует формату: ${issues.join('; ')}`);
  }
  return parsed.data;
}

export const writeJson = (path: string, value: unknown, pretty = true): void =>
  writeFileAtomic(path, `${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
