import { type NoAddress, schoolsWithoutAddress } from '../../app/letters';
import { type SchoolState, schoolState, stateCounts } from '../../app/schools';
import type { LifecycleLabel } from '../../core/submission/lifecycle';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore } from '../campaign/store';
import { intake } from '../intake';

export type StatusRow = Pick<SchoolState, 'id' | 'name' | 'state' | 'lifecycle' | 'changedAt' | 'errors'>;

/** Each school's lifecycle (the application's states): не получено / заполняется / … / принято. */
export async function status(
  folder: CampaignFolder,
  previousPath: string | null,
  quiet: boolean,
): Promise<{ rows: StatusRow[]; counts: Record<LifecycleLabel, number>; noAddress: NoAddress[] }> {
  const store = new FolderCampaignStore(folder, previousPath);
  const got = await intake(folder, store, quiet);
  const decisions = store.decisions();
  const rows = got.run.schools.map((o) => {
    const s = schoolState(o, decisions[o.school.id] ?? null, got.changedAt.get(o.school.id) ?? null);
    return { id: s.id, name: s.name, state: s.state, lifecycle: s.lifecycle, changedAt: s.changedAt, errors: s.errors };
  });
  const counts = Object.fromEntries(stateCounts(rows).map((c) => [c.label, c.count])) as Record<LifecycleLabel, number>;
  return { rows, counts, noAddress: schoolsWithoutAddress(folder.schools) };
}
