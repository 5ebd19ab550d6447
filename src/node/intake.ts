import { createHash } from 'node:crypto';
import { type Stats, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type AssessedFile, type RunOutcome, assessFile, assignFiles } from '../core/submission/collect';
import type { CampaignStore } from '../app/ports';
import { asReceived, previousValues } from '../app/schools';
import { paths } from './campaign/files';
import type { CampaignFolder } from './campaign/load';
import { progress } from './progress';
import { IntakeCache } from './intake-cache';
import { readWorkbookFile } from './xlsx/read/read-workbook';

/** A school returns its form as an Excel book or as LibreOffice's own table; both read into the same grid. */
const SPREADSHEETS = new Set(['.xlsx', '.ods']);

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
  const listed = existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.') && !n.startsWith('~$')) : [];
  // only regular files inside received/: a link (dangling, looping, or to a file outside the campaign) is reported, never followed
  const skipped = new Map<string, string>();
  const names = listed
    .filter((n) => {
      const kind = entryKind(join(dir, n));
      if (kind === 'dir') return false;
      if (kind !== 'file') skipped.set(n, kind);
      return true;
    })
    .sort();
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
    const skip = skipped.get(name);
    let one = skip === undefined ? cache.get(name, full) : null;
    if (!one) {
      let grid: Awaited<ReturnType<typeof readWorkbookFile>>;
      try {
        grid =
          skip !== undefined
            ? { unreadable: skip }
            : SPREADSHEETS.has(extname(name).toLowerCase())
              ? await readWorkbookFile(full)
              : { unreadable: 'это не книга .xlsx или .ods; сохраните его в формате Excel (.xlsx) или LibreOffice (.ods)' };
      } catch {
        grid = { unreadable: 'внутренняя ошибка при чтении файла — он не прочитан; сообщите разработчикам и приложите файл' };
      }
      // each file is assessed as soon as it is read, so only its values stay in memory, not its grids
      one = assessFile({ file: name, expectedSchoolId: expected, grid }, folder.catalog, folder.campaign.year, folder.schools, previous);
      if (skip === undefined) cache.put(name, full, one);
    }
    assessed.push(one);
    if (skip === undefined) mtime.set(name, statSync(full).mtime.toISOString());
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

/** What a name in received/ is, by lstat (never followed): 'file', 'dir', or the Russian reason it is not read. */
function entryKind(full: string): string {
  let st: Stats;
  try {
    st = lstatSync(full);
  } catch {
    return 'файл не читается с диска';
  }
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'это ссылка (ярлык), а не файл — ссылки не открываются; положите в папку received сам файл';
  return 'это не обычный файл — положите в папку received сам файл .xlsx или .ods';
}
