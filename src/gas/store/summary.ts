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

const CycleSchema = z.object({
  directions: z.number(),
  gaps: z.array(z.object({ direction: z.string(), missing: z.array(z.number()) })),
  titles: z.array(z.string()),
});
export type StoredCycle = z.infer<typeof CycleSchema>;

/** The four components' gaps after the last consolidation (issue 16), for the sidebar. */
export function parseCycle(raw: string | null): StoredCycle | null {
  if (!raw) return null;
  try {
    const parsed = CycleSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCycle(cycle: StoredCycle): void {
  setSetting('cycle', JSON.stringify(cycle));
}
