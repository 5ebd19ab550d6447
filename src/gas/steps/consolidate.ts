import { consolidateCampaign } from '../../app/consolidate';
import { cycleView } from '../../app/cycle';
import type { SchoolOutcome } from '../../core/submission/collect';
import { writeStaged } from '../render/staged-write';
import { readCycleGas, readDepartmentSheets } from '../store/cycle-store';
import { setSetting } from '../store/job-store';
import { saveCycle, saveSummary } from '../store/summary';
import { readWork } from '../store/work-sheet';
import { readStep } from './read-schools';
import type { StepDef } from './runner';

/** Reads every school (in chunks, one batchGet each), then writes what the application's consolidation produced. */
export function consolidateStep(): StepDef {
  const read = readStep(false);
  return {
    ...read,
    finish(ctx, job) {
      // a run read in this one execution is still in memory; one spread over chunks is on the work sheet
      const records = read.wholeRun(job.run) ?? readWork(ctx.ss, job.run);
      const outcomes: SchoolOutcome[] = ctx.registry.map((row) => {
        const r = records.get(row.school.id);
        if (!r || r.status === 'missing' || r.values === null)
          return { school: row.school, status: 'missing', files: [], submission: null, messages: r?.messages ?? [] };
        const submission = { schoolId: row.school.id, stamp: {}, values: r.values, cells: {}, status: r.submissionStatus, messages: r.messages };
        return { school: row.school, status: r.status, files: [row.fileUrl], submission, messages: r.messages };
      });
      // the department's register read fresh, under the lock, right before it is merged and written back
      const sheets = readDepartmentSheets(ctx.ss);
      const cycle = readCycleGas(ctx.ss, ctx.catalog, ctx.app.campaign.year, sheets.previousYears);
      const out = consolidateCampaign(ctx.app, outcomes, [], sheets.register, ctx.store, ctx.clock, cycle);
      writeStaged(ctx.ss, [...out.sheets, out.register.sheet]);
      ctx.store.saveCurrent(out.year);
      setSetting('lastConsolidation', job.run);
      saveSummary(out.summary);
      saveCycle(cycleView(out.result.management?.components ?? []));
      return out.message;
    },
  };
}
