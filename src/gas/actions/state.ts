import { type Reply, failure } from '../../app/errors';
import type { PanelSchool, PanelState } from '../../app/rpc';
import { stateCounts } from '../../app/schools';
import { LIFECYCLE_LABELS, LIFECYCLE_ORDER, type Lifecycle } from '../../core/submission/lifecycle';
import { notOwnerNote } from '../owner';
import { surveyForms } from '../survey-forms';
import { readCampaign } from '../store/campaign-sheet';
import { getSetting, loadJob, withDocumentProperties } from '../store/job-store';
import { readRegistry } from '../store/registry-sheet';
import { parseCycle, parseSummary } from '../store/summary';

/** What the sidebar shows: the campaign, each school's state, the step in progress, the last summary. */
export function getState(): Reply<PanelState> {
  try {
    return withDocumentProperties(readState);
  } catch (e) {
    return failure(e);
  }
}

const stateOfLabel = (label: string): Lifecycle => LIFECYCLE_ORDER.find((s) => LIFECYCLE_LABELS[s] === label) ?? 'missing';

function readState(): Reply<PanelState> {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let campaign: PanelState['campaign'] = null;
  try {
    const c = readCampaign(ss).campaign;
    campaign = { year: c.year, municipality: c.municipality, catalogId: c.catalogId, deadline: c.deadline ?? '' };
  } catch {
    campaign = null;
  }
  const { rows, problems } = readRegistry(ss);
  const schools = rows.map((r): PanelSchool => {
    const state = stateOfLabel(r.lifecycle);
    return {
      id: r.school.id,
      name: r.school.shortName,
      state,
      lifecycle: LIFECYCLE_LABELS[state],
      changedAt: r.changedAt,
      fileUrl: r.fileUrl,
      docUrl: r.docUrl,
      errors: r.errors,
      messages: r.messages ? r.messages.split('\n') : [],
      reason: r.reason,
    };
  });
  const counts = stateCounts(schools).map((c) => ({ state: c.label, id: c.state, count: c.count }));
  const job = loadJob();
  const summary = parseSummary(getSetting('summary'));
  const url = ss.getUrl();
  const owner = notOwnerNote();
  return {
    ok: true,
    campaign,
    counts,
    schools,
    job: job ? { step: job.step, processed: job.cursor, total: job.total, done: job.done, cancelled: job.cancelled, notes: job.notes } : null,
    summary: summary.map((s) => ({ ...s, sheetUrl: `${url}#gid=${ss.getSheetByName(`Приложение ${s.number}`)?.getSheetId() ?? ''}` })),
    forms: campaign ? surveyForms(campaign.year) : [],
    problems: [...(owner === null ? [] : [owner]), ...(rows.length === 0 ? [] : problems)],
    cycle: parseCycle(getSetting('cycle')),
  };
}
