import { statSync } from 'node:fs';
import * as z from 'zod/mini';
import { MessageSchema } from '../core/submission/messages';
import { ValuesSchema } from '../core/submission/values';
import type { AssessedFile } from '../core/submission/collect';
import { readJsonFile, writeFileAtomic } from './campaign/files';

/**
 * The assessment of each received file, keyed by name, size and change time: `consolidate` after `validate`
 * (or a second `validate`) reads only the files that changed since. The cache never decides anything on
 * its own: a file whose size or time differs is read again.
 */
const SubmissionSchema = z.object({
  schoolId: z.nullable(z.string()),
  stamp: z.object({
    schoolId: z.optional(z.string()),
    year: z.optional(z.number()),
    catalogId: z.optional(z.string()),
    catalogVersion: z.optional(z.string()),
    layoutHash: z.optional(z.string()),
  }),
  values: ValuesSchema,
  cells: z.record(z.string(), z.object({ sheet: z.string(), cell: z.string() })),
  status: z.nullable(z.string()),
  messages: z.array(MessageSchema),
});
const EntrySchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  /** What the assessment depended on besides the file: campaign year, catalog version, registry, previous year. */
  context: z.string(),
  assessed: z.object({ file: z.string(), schoolId: z.nullable(z.string()), submission: z.nullable(SubmissionSchema), messages: z.array(MessageSchema) }),
});
const CacheSchema = z.record(z.string(), EntrySchema);
type Cache = z.infer<typeof CacheSchema>;

export class IntakeCache {
  private readonly entries: Cache;
  private readonly fresh: Cache = {};
  private changed = false;

  constructor(
    private readonly path: string,
    private readonly context: string,
  ) {
    let loaded: Cache | null = null;
    try {
      loaded = readJsonFile(path, CacheSchema);
    } catch {
      loaded = null; // a damaged cache is simply rebuilt
    }
    this.entries = loaded ?? {};
  }

  get(name: string, full: string): AssessedFile | null {
    const e = this.entries[name];
    if (!e || e.context !== this.context) return null;
    const st = statSync(full);
    if (st.size !== e.size || st.mtimeMs !== e.mtimeMs) return null;
    this.fresh[name] = e;
    return e.assessed;
  }

  put(name: string, full: string, assessed: AssessedFile): void {
    const st = statSync(full);
    this.fresh[name] = { size: st.size, mtimeMs: st.mtimeMs, context: this.context, assessed };
    this.changed = true;
  }

  /** Writes the entries of this run; skipped when every file was found unchanged and none was removed. */
  save(): void {
    if (!this.changed && Object.keys(this.fresh).length === Object.keys(this.entries).length) return;
    writeFileAtomic(this.path, JSON.stringify(this.fresh));
  }
}
