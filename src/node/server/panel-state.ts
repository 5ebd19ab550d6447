/** The panel's state read from a campaign folder: the same PanelState the add-on builds from its sheets. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendixSummary } from '../../app/consolidate';
import { UserFacingError } from '../../app/errors';
import type { OfflinePanel, PanelDownload, PanelSchool, PanelState } from '../../app/rpc';
import { schoolState, stateCounts } from '../../app/schools';
import { formatMessage } from '../../core/submission/messages';
import { paths } from '../campaign/files';
import { CampaignFileSchema, type CampaignFolder, loadCampaign } from '../campaign/load';
import { FolderCampaignStore } from '../campaign/store';
import { intake } from '../intake';

/** The last step this server ran, as the add-on's job record shows it. */
export type LastJob = PanelState['job'];

const DOWNLOADS: readonly { label: string; file: (dir: string) => string; href: string }[] = [
  { label: 'Таблицы школ (zip)', file: (d) => paths(d).schools, href: 'files/schools.zip' },
  { label: 'Приложения 1–11 (appendices.xlsx)', file: (d) => join(paths(d).out, 'appendices.xlsx'), href: 'files/out/appendices.xlsx' },
  { label: 'Отчёт о проверке (validation.xlsx)', file: (d) => join(paths(d).out, 'validation.xlsx'), href: 'files/out/validation.xlsx' },
  { label: 'Реестр мер (measures.xlsx)', file: (d) => paths(d).measures, href: 'files/measures.xlsx' },
  { label: 'Аналитический отчёт (report.docx)', file: (d) => join(paths(d).out, 'report.docx'), href: 'files/out/report.docx' },
  { label: 'Рекомендации школам (zip)', file: (d) => join(paths(d).out, 'recommendations'), href: 'files/recommendations.zip' },
];

const empty = (dir: string, origin: string, job: LastJob, problems: string[]): PanelState & { ok: true } => ({
  ok: true,
  campaign: null,
  counts: stateCounts([]).map((c) => ({ state: c.label, id: c.state, count: 0 })),
  schools: [],
  job,
  summary: [],
  forms: [],
  problems,
  offline: offlinePart(dir, origin),
});

function offlinePart(dir: string, origin: string, folder: CampaignFolder | null = null): OfflinePanel {
  const p = paths(dir);
  const registryFile = existsSync(p.registryCsv) ? 'schools.csv' : existsSync(p.registryXlsx) ? 'schools.xlsx' : '';
  const downloads: PanelDownload[] = DOWNLOADS.filter((d) => existsSync(d.file(dir))).map((d) => ({ label: d.label, url: `${origin}/${d.href}` }));
  const registryRows = (folder?.schools ?? []).map((s) => [s.id, s.name, s.shortName, s.type, s.emails.join(';')]);
  return { folder: dir, registryFile, registryRows, downloads };
}

/** campaign.json alone, for the header when the registry cannot be read. */
function campaignHeader(dir: string): PanelState['campaign'] {
  try {
    const parsed = CampaignFileSchema.safeParse(JSON.parse(readFileSync(paths(dir).campaign, 'utf8')));
    if (!parsed.success) return null;
    const c = parsed.data;
    return { year: c.year, municipality: c.municipality, catalogId: c.catalogId, deadline: c.deadline ?? '' };
  } catch {
    return null;
  }
}

const hasRegistry = (dir: string): boolean => existsSync(paths(dir).registryCsv) || existsSync(paths(dir).registryXlsx);

/** Everything the panel shows; a registry with errors is said in `problems`, never half-loaded. */
export async function folderState(dir: string, origin: string, job: LastJob): Promise<PanelState & { ok: true }> {
  if (!existsSync(paths(dir).campaign)) return empty(dir, origin, job, []);
  if (!hasRegistry(dir)) return { ...empty(dir, origin, job, []), campaign: campaignHeader(dir) };
  let folder: CampaignFolder;
  try {
    folder = await loadCampaign(dir);
  } catch (e) {
    if (!(e instanceof UserFacingError)) throw e;
    return { ...empty(dir, origin, job, [e.message]), campaign: campaignHeader(dir) };
  }
  const store = new FolderCampaignStore(folder, null);
  const got = await intake(folder, store, true);
  const decisions = store.decisions();
  const p = paths(dir);
  const schools = got.run.schools.map((o): PanelSchool => {
    const decision = decisions[o.school.id] ?? null;
    const s = schoolState(o, decision, got.changedAt.get(o.school.id) ?? null);
    const id = encodeURIComponent(s.id);
    const school: PanelSchool = {
      id: s.id,
      name: s.name,
      state: s.state,
      lifecycle: s.lifecycle,
      changedAt: s.changedAt ?? '',
      fileUrl: existsSync(join(p.schools, `${s.id}.xlsx`)) ? `${origin}/files/school/${id}` : '',
      docUrl: existsSync(join(p.out, 'recommendations', `${s.id}.docx`)) ? `${origin}/files/recommendation/${id}` : '',
      errors: s.errors,
      messages: s.messages,
      reason: s.state === 'returned' ? (decision?.reason ?? '') : '',
    };
    if (s.state === 'returned' && existsSync(join(p.out, 'returned', `${s.id}.xlsx`))) school.returnedUrl = `${origin}/files/returned/${id}`;
    return school;
  });
  const strays = got.run.strays.map((s) => `Файл «${s.file}» не отнесён к ОО реестра: ${s.messages.map(formatMessage).join('; ')}`);
  const current = store.current();
  const c = folder.campaign;
  return {
    ok: true,
    campaign: { year: c.year, municipality: c.municipality, catalogId: c.catalogId, deadline: c.deadline ?? '' },
    counts: stateCounts(schools).map((x) => ({ state: x.label, id: x.state, count: x.count })),
    schools,
    job,
    summary: current ? appendixSummary(current.result).map((a) => ({ ...a, sheetUrl: `${origin}/files/out/appendices.xlsx` })) : [],
    forms: [],
    problems: strays,
    offline: offlinePart(dir, origin, folder),
  };
}
