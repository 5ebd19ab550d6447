import { consolidate } from '../../core/consolidate/consolidate';
import { type ConsolidationExport, ConsolidationExportSchema } from '../../core/export/contract';
import { appendixTableSheet } from '../../core/layout/appendix-table';
import { dynamicsSheet, measuresSheet, schoolsSheet } from '../../core/layout/department-sheets';
import { tableSheet } from '../../core/layout/table-sheet';
import type { SheetSpec } from '../../core/layout/types';
import type { SchoolOutcome } from '../../core/submission/collect';
import { extent, formatRequests, renderSheet, valueGrid } from '../render/sheet-renderer';
import { type Sheet, type SheetsApi, type Spreadsheet, advancedSheets } from '../services';
import { setSetting } from '../store/job-store';
import { saveSummary } from '../store/summary';
import { readWork } from '../store/work-sheet';
import { type StepContext, campaignFolder } from './context';
import { readStep } from './read-schools';
import type { StepDef } from './runner';

const STAGING = ' (новое)';
const OLD = ' (старое)';

/** Reads every school (in chunks, one batchGet each), then writes Appendix 1–11 and the department's sheets. */
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
        return {
          school: row.school,
          status: r.status,
          files: [row.fileUrl],
          submission: { schoolId: row.school.id, stamp: {}, values: r.values, cells: {}, status: r.submissionStatus, messages: r.messages },
          messages: r.messages,
        };
      });
      const snapshots = findSnapshots(ctx);
      const previous = previousResult(snapshots.previous);
      const result = consolidate({ catalog: ctx.catalog, campaign: ctx.settings.campaign, outcomes, previous });
      const accepted = outcomes.filter((o) => o.status === 'accepted');
      const log = [
        [
          new Date().toISOString().replace('T', ' ').slice(0, 19),
          `Свод: принято ${accepted.length} из ${outcomes.length} ОО${previous ? `; динамика к ${previous.year} году` : ''}`,
        ],
        ...outcomes
          .filter((o) => o.status !== 'accepted')
          .map((o) => [
            '',
            `${o.school.shortName}: ${o.status === 'missing' ? 'данные не получены' : `не включена — ошибок ${o.messages.filter((m) => m.severity === 'error').length}`}`,
          ]),
      ];
      const specs: SheetSpec[] = [
        ...ctx.catalog.appendices.map((a) => appendixTableSheet(ctx.catalog, result, a.number, { suppressSmall: false, evidence: true })),
        schoolsSheet(ctx.catalog, accepted),
        dynamicsSheet(ctx.catalog, result),
        measuresSheet(ctx.catalog, result),
        tableSheet('Журнал', 'Журнал свода', ['Время', 'Событие'], log, [20, 100]),
      ];
      writeStaged(ctx.ss, specs);
      saveSnapshot(ctx, snapshots.current, result);
      setSetting('lastConsolidation', job.run);
      saveSummary(
        result.appendices.map((a) => {
          const cells = a.rows.flatMap((r) => r.cells).filter((c) => c.achieved !== null);
          return { number: a.number, title: a.title, achieved: cells.filter((c) => c.achieved).length, assessed: cells.length };
        }),
      );
      const assessed = result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells)).filter((c) => c.achieved !== null);
      return `Свод готов: ${accepted.length} из ${outcomes.length} ОО; целевых значений достигнуто ${assessed.filter((c) => c.achieved).length} из ${assessed.length}.`;
    },
  };
}

/**
 * Staged writes: every new sheet is written completely under a temporary name first; only then are the old
 * sheets replaced. A failure midway removes the partial new sheets and leaves the last good tables.
 * With the Sheets advanced service the whole set takes five calls, whatever the number of sheets.
 */
export function writeStaged(ss: Spreadsheet, specs: SheetSpec[]): void {
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) writeStagedBatched(ss, api, specs);
  else writeStagedOneByOne(ss, specs);
}

function writeStagedBatched(ss: Spreadsheet, api: SheetsApi, specs: SheetSpec[]): void {
  const id = ss.getId();
  // every sheet's id and title in one call, however many sheets the spreadsheet has
  const meta = api.Spreadsheets?.get(id, { fields: 'sheets.properties(sheetId,title)' });
  const existing = new Map<string, number>();
  for (const sheet of meta?.sheets ?? []) {
    const { title, sheetId } = sheet.properties ?? {};
    if (title !== undefined && sheetId !== undefined) existing.set(title, sheetId);
  }
  const stale = specs.map((s) => existing.get(s.name + STAGING)).filter((x): x is number => x !== undefined);
  const added = api.Spreadsheets?.batchUpdate(
    {
      requests: [
        ...stale.map((sheetId) => ({ deleteSheet: { sheetId } })),
        ...specs.map((spec) => {
          const { rows, cols } = extent(spec);
          return { addSheet: { properties: { title: spec.name + STAGING, gridProperties: { rowCount: Math.max(rows, 20), columnCount: Math.max(cols, 8) } } } };
        }),
      ],
    },
    id,
  );
  const ids = (added?.replies ?? []).slice(stale.length).map((r) => r.addSheet?.properties?.sheetId ?? -1);
  try {
    api.Spreadsheets?.Values?.batchUpdate(
      {
        valueInputOption: 'USER_ENTERED',
        data: specs.map((spec) => ({ range: `'${(spec.name + STAGING).replace(/'/g, "''")}'!A1`, values: valueGrid(spec) })),
      },
      id,
    );
    api.Spreadsheets?.batchUpdate({ requests: specs.flatMap((spec, i) => formatRequests(spec, ids[i] ?? -1)) }, id);
  } catch (e) {
    api.Spreadsheets?.batchUpdate({ requests: ids.map((sheetId) => ({ deleteSheet: { sheetId } })) }, id);
    throw e;
  }
  const old = specs.map((s) => existing.get(s.name)).filter((x): x is number => x !== undefined);
  try {
    // one atomic batch: the old tables go and the new ones take their names together, or nothing changes
    api.Spreadsheets?.batchUpdate(
      {
        requests: [
          ...old.map((sheetId) => ({ deleteSheet: { sheetId } })),
          ...specs.map((spec, i) => ({ updateSheetProperties: { properties: { sheetId: ids[i] ?? -1, title: spec.name }, fields: 'title' } })),
        ],
      },
      id,
    );
  } catch (e) {
    api.Spreadsheets?.batchUpdate({ requests: ids.map((sheetId) => ({ deleteSheet: { sheetId } })) }, id);
    throw e;
  }
}

function writeStagedOneByOne(ss: Spreadsheet, specs: SheetSpec[]): void {
  const made: Sheet[] = [];
  try {
    for (const spec of specs) {
      const stale = ss.getSheetByName(spec.name + STAGING);
      if (stale) ss.deleteSheet(stale);
      const sheet = ss.insertSheet(spec.name + STAGING);
      made.push(sheet);
      renderSheet(ss, sheet, spec);
    }
  } catch (e) {
    for (const sheet of made) ss.deleteSheet(sheet);
    throw e;
  }
  // old tables step aside first, so a failed rename can put everything back
  const aside: { sheet: Sheet; name: string }[] = [];
  try {
    for (const spec of specs) {
      const old = ss.getSheetByName(spec.name);
      if (!old) continue;
      old.setName(spec.name + OLD);
      aside.push({ sheet: old, name: spec.name });
    }
    specs.forEach((spec, i) => (made[i] as Sheet).setName(spec.name));
  } catch (e) {
    for (const sheet of made) ss.deleteSheet(sheet);
    for (const a of aside) a.sheet.setName(a.name);
    throw e;
  }
  for (const a of aside) ss.deleteSheet(a.sheet);
}

const snapshotName = (year: number): string => `Итоги ${year}.json`;

type DriveFile = GoogleAppsScript.Drive.File;

/** This year's and last year's snapshots in the campaign folder, found with one Drive search. */
function findSnapshots(ctx: StepContext): { current: DriveFile | null; previous: DriveFile | null } {
  const current = snapshotName(ctx.settings.campaign.year);
  const previous = snapshotName(ctx.settings.campaign.year - 1);
  // DriveApp searches with Drive API v2 terms: the file name is `title`
  const files = campaignFolder(ctx).searchFiles(`(title = '${current}' or title = '${previous}') and trashed = false`);
  const byName = new Map<string, DriveFile>();
  while (files.hasNext()) {
    const file = files.next();
    const name = file.getName();
    if (!byName.has(name)) byName.set(name, file);
  }
  return { current: byName.get(current) ?? null, previous: byName.get(previous) ?? null };
}

/** The result as JSON in the campaign folder: next year's dynamics read it. */
function saveSnapshot(ctx: StepContext, existing: DriveFile | null, result: ConsolidationExport): void {
  const json = JSON.stringify(result);
  if (existing) existing.setContent(json);
  else campaignFolder(ctx).createFile(snapshotName(result.year), json, 'application/json');
}

/** Last year's snapshot, if the department put «Итоги <год-1>.json» into the campaign folder. */
function previousResult(file: DriveFile | null): ConsolidationExport | null {
  if (!file) return null;
  try {
    const parsed = ConsolidationExportSchema.safeParse(JSON.parse(file.getBlob().getDataAsString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
