import { ConsolidationExportSchema } from '../../core/export/contract';
import { municipalReport } from '../../core/recommend/municipal-report';
import { schoolRecommendations } from '../../core/recommend/school-document';
import { renderDocument } from '../render/doc-renderer';
import { getSetting, setSettingNow } from '../store/job-store';
import { fileIdOf } from '../store/registry-sheet';
import { readWork } from '../store/work-sheet';
import { type StepContext, campaignFolder } from './context';
import type { StepDef } from './runner';

/** The last consolidation's records: documents are drafted from the same data as the appendix tables. */
function lastRun(): string {
  const run = getSetting('lastConsolidation');
  if (!run) throw new Error('сначала выполните «Свести в Приложения 1–11»');
  return run;
}

function openOrCreateDoc(url: string, name: string, ctx: StepContext): GoogleAppsScript.Document.Document {
  const id = url ? fileIdOf(url) : null;
  if (id) {
    try {
      return DocumentApp.openById(id);
    } catch {
      // deleted: make a new one
    }
  }
  const doc = DocumentApp.create(name);
  DriveApp.getFileById(doc.getId()).moveTo(campaignFolder(ctx));
  return doc;
}

/**
 * One recommendations document per school, shared with that school only (read access), and the municipal
 * report. A re-run rewrites the same documents instead of creating new ones.
 */
export function documentsStep(): StepDef {
  let records: ReturnType<typeof readWork> | null = null;
  return {
    item(ctx, row) {
      records ??= readWork(ctx.ss, lastRun());
      const r = records.get(row.school.id);
      const view = { school: row.school, status: r?.status ?? 'missing', values: r?.values ?? null, messages: r?.messages ?? [] };
      const doc = openOrCreateDoc(row.docUrl, `Адресные рекомендации — ${row.school.shortName} — ${ctx.settings.campaign.year}`, ctx);
      row.docUrl = doc.getUrl();
      renderDocument(doc.getBody(), schoolRecommendations(ctx.catalog, ctx.settings.campaign, view, null));
      doc.saveAndClose();
      if (row.school.emails.length > 0) doc.addViewers(row.school.emails);
    },
    finish(ctx) {
      const folder = campaignFolder(ctx);
      const files = folder.getFilesByName(`Итоги ${ctx.settings.campaign.year}.json`);
      if (!files.hasNext()) return 'Рекомендации готовы; отчёт не создан: нет итогов свода.';
      const parsed = ConsolidationExportSchema.safeParse(JSON.parse(files.next().getBlob().getDataAsString()));
      if (!parsed.success) return 'Рекомендации готовы; отчёт не создан: файл итогов повреждён.';
      const doc = openOrCreateDoc(getSetting('reportUrl') ?? '', `Аналитический отчёт — мониторинг воспитания ${ctx.settings.campaign.year}`, ctx);
      setSettingNow('reportUrl', doc.getUrl());
      renderDocument(doc.getBody(), municipalReport(ctx.catalog, ctx.settings.campaign, parsed.data));
      doc.saveAndClose();
      return `Рекомендации готовы для ${ctx.registry.length} школ; аналитический отчёт: ${doc.getUrl()}`;
    },
  };
}
