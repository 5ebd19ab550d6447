import * as z from 'zod/mini';

/** The long step in progress: which one, how far, and what it has said; kept in document properties. */
export const JobSchema = z.object({
  step: z.string(),
  run: z.string(),
  cursor: z.int(),
  total: z.int(),
  phase: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  done: z.boolean(),
  cancelled: z.boolean(),
  notes: z.array(z.string()),
  /** Calls counted against per-minute limits in the last minute (limits.ts pace), carried to the next chunk. */
  paced: z.optional(z.record(z.string(), z.array(z.number()))),
});
export type Job = z.infer<typeof JobSchema>;

const KEY = 'msoko.job';

type Properties = GoogleAppsScript.Properties.Properties;

/**
 * A step chunk reads the document properties once (getProperties) and writes them once (setProperties) at
 * its end, under its lock, together with the job (which was always saved last). The scope exists only while
 * `withDocumentProperties` runs, so nothing cached can outlive the execution; outside it every read and
 * write goes straight to the service.
 */
interface Scope {
  props: Properties | null;
  values: Map<string, string> | null;
  pending: Map<string, string>;
}
let scope: Scope | null = null;

export function withDocumentProperties<T>(fn: () => T): T {
  if (scope) return fn();
  const own: Scope = { props: null, values: null, pending: new Map() };
  scope = own;
  try {
    return fn();
  } finally {
    scope = null;
    if (own.pending.size > 0) (own.props ?? PropertiesService.getDocumentProperties()).setProperties(Object.fromEntries(own.pending));
  }
}

/** The document properties: the scope's handle, taken on first use (errors then surface inside the step). */
function store(): Properties {
  if (!scope) return PropertiesService.getDocumentProperties();
  scope.props ??= PropertiesService.getDocumentProperties();
  return scope.props;
}

function readProperty(key: string): string | null {
  if (!scope) return store().getProperty(key);
  const pending = scope.pending.get(key);
  if (pending !== undefined) return pending;
  scope.values ??= new Map(Object.entries(store().getProperties()));
  return scope.values.get(key) ?? null;
}

function writeProperty(key: string, value: string): void {
  if (scope) scope.pending.set(key, value);
  else store().setProperty(key, value);
}

function parseJob(raw: string | null): Job | null {
  if (!raw) return null;
  try {
    const parsed = JobSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function loadJob(): Job | null {
  return parseJob(readProperty(KEY));
}

/** The job as stored right now, past the scope's snapshot: a cancel from another execution shows here. */
export function loadJobNow(): Job | null {
  return parseJob(store().getProperty(KEY));
}

export function saveJob(job: Job): void {
  // notes are capped so the property stays far below the 9 KB limit
  const trimmed = { ...job, notes: job.notes.slice(-20).map((n) => n.slice(0, 300)) };
  writeProperty(KEY, JSON.stringify(trimmed));
}

export function clearJob(): void {
  scope?.pending.delete(KEY);
  scope?.values?.delete(KEY);
  store().deleteProperty(KEY);
}

export function getSetting(key: string): string | null {
  return readProperty(`msoko.${key}`);
}

export function setSetting(key: string, value: string): void {
  writeProperty(`msoko.${key}`, value);
}

/**
 * The id of a file just created is stored at once, not at the chunk's end: were the execution killed
 * before then, the next run would not know the file and would create it a second time.
 */
export function setSettingNow(key: string, value: string): void {
  store().setProperty(`msoko.${key}`, value);
  scope?.values?.set(`msoko.${key}`, value);
  scope?.pending.delete(`msoko.${key}`);
}
