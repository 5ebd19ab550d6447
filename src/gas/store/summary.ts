import * as z from 'zod/mini';
import { setSetting } from './job-store';

/** Targets achieved per appendix after the last consolidation, for the sidebar. */
const SummarySchema = z.array(z.object({ number: z.number(), title: z.string(), achieved: z.number(), assessed: z.number() }));

export function parseSummary(raw: string | null): z.infer<typeof SummarySchema> {
  if (!raw) return [];
  try {
    const parsed = SummarySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function saveSummary(summary: z.infer<typeof SummarySchema>): void {
  setSetting('summary', JSON.stringify(summary));
}
