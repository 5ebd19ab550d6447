import { type StepName, StepNameSchema, type StepResult } from '../../app/rpc';
import { consolidateStep } from '../steps/consolidate';
import { urlOf } from '../drive';
import { campaignFolder, loadContext } from '../steps/context';
import { documentsStep } from '../steps/documents';
import { generateStep } from '../steps/generate';
import { readStep } from '../steps/read-schools';
import { type StepDef, runChunk } from '../steps/runner';
import { writeFolderUrl } from '../store/campaign-sheet';

const STEPS: Record<StepName, () => StepDef> = {
  generate: () => generateStep,
  validate: () => readStep(),
  consolidate: () => consolidateStep(),
  documents: () => documentsStep(),
};

/** One chunk of a long step; the sidebar calls it again while `done` is false. */
export function runStep(raw: unknown): StepResult {
  const parsed = StepNameSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'Неизвестный шаг.' };
  const result = runChunk(parsed.data, STEPS[parsed.data]());
  if (result.ok && result.done && parsed.data === 'generate') {
    try {
      const ctx = loadContext();
      writeFolderUrl(ctx.ss, urlOf(campaignFolder(ctx)));
    } catch {
      // the folder link is a convenience
    }
  }
  return result;
}
