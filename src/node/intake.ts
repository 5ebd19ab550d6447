import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type AssessedFile, type RunOutcome, assessFile, assignFiles } from '../core/submission/collect';
import type { CampaignStore } from '../app/ports';
import { asReceived, previousValues } from '../app/schools';
import { paths } from './campaign/files';
import type { CampaignFolder } from './campaign/load';
import { progress } from './progress';
import { IntakeCache } from './intake-cache';
import { readWorkbookFile } from './xlsx/read/read-workbook';

export interface Intake {
  run: RunOutcome;
  /** Last change of each school's file (ISO), by school id. */
  changedAt: Map<string, string>;
}

/** Reads every file in received/ (one bad file never stops the others), then validates them against the registry. */
export async function intake(folder: CampaignFolder, store: CampaignStore, quiet: boolean): Promise<Intake> {
  // last year's values: the core warns about implausible changes (the same rule as in the add-on)
  const previous = previousValues(store);
  const dir = paths(folder.dir).received;
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => !n.startsWith('.') && !n.startsWith('~$') && statSync(join(dir, n)).isFile())
        .sort()
    : [];
  const bar = progress('Чтение файлов', names.length, quiet);
  const assessed: AssessedFile[] = [];
  const mtime = new Map<string, string>();
  const cache = new IntakeCache(
    join(paths(folder.dir).out, '.intake-cache.json'),
    createHash('sha256')
      .update(JSON.stringify([folder.campaign.year, folder.catalog.id, folder.catalog.version, folder.schools, [...previous.keys()].sort()]))
      .digest('hex'),
  );
  for (const name of names) {
    const full = join(dir, name);
    const stem = basename(name, extname(name));
    const expected = folder.schools.some((s) => s.id === stem) ? stem : null;
    let one = cache.get(name, full);
    if (!one) {
      const grid =
        extname(name).toLowerCase() === '.xlsx'
          ? await readWorkbookFile(full)
          : { unreadable: `файл «${name}» — не книга .xlsx; сохраните его в формате Excel (.xlsx)` };
      // each file is assessed as soon as it is read, so only its values stay in memory, not its grids
      one = assessFile({ file: name, expectedSchoolId: expected, grid }, folder.catalog, folder.campaign.year, folder.schools, previous);
      cache.put(name, full, one);
    }
    assessed.push(one);
    mtime.set(name, statSync(full).mtime.toISOString());
    bar.tick(name);
  }
  bar.stop();
  if (existsSync(paths(folder.dir).out) || names.length > 0) cache.save();
  const assigned = assignFiles(assessed, folder.schools);
  const run = { ...assigned, schools: assigned.schools.map(asReceived) };
  const changedAt = new Map<string, string>();
  for (const o of run.schools) {
    const latest = o.files
      .map((f) => mtime.get(f) ?? '')
      .sort()
      .pop();
    if (latest) changedAt.set(o.school.id, latest);
  }
  return { run, changedAt };
}
