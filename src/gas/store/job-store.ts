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
});
export type Job = z.infer<typeof JobSchema>;

const KEY = 'msoko.job';

export function loadJob(): Job | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(KEY);
  if (!raw) return null;
  try {
    const parsed = JobSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveJob(job: Job): void {
  // notes are capped so the property stays far below the 9 KB limit
  const trimmed = { ...job, notes: job.notes.slice(-20).map((n) => n.slice(0, 300)) };
  PropertiesService.getDocumentProperties().setProperty(KEY, JSON.stringify(trimmed));
}

export function clearJob(): void {
  PropertiesService.getDocumentProperties().deleteProperty(KEY);
}

export function getSetting(key: string): string | null {
  return PropertiesService.getDocumentProperties().getProperty(`msoko.${key}`);
}

export function setSetting(key: string, value: string): void {
  PropertiesService.getDocumentProperties().setProperty(`msoko.${key}`, value);
}
