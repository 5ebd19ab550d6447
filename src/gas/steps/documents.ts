import { type Drafts, draftDocuments, reportTitle, schoolDocumentTitle } from '../../app/documents';
import { renderDocument } from '../render/doc-renderer';
import { getSetting, setSettingNow } from '../store/job-store';
import { fileIdOf } from '../store/registry-sheet';
import { type StepContext, campaignFolder } from './context';
import type { StepDef } from './runner';

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
 * report, drafted by the application from the last consolidation. A re-run rewrites the same documents.
 */
export function documentsStep(): StepDef {
  let drafts: Drafts | null = null;
  const draftsOf = (ctx: StepContext): Drafts => {
    drafts ??= draftDocuments(ctx.app, ctx.store);
    return drafts;
  };
  return {
    start(ctx) {
      draftsOf(ctx);
    },
    item(ctx, row) {
      const doc = openOrCreateDoc(row.docUrl, schoolDocumentTitle(row.school, ctx.settings.campaign.year), ctx);
      row.docUrl = doc.getUrl();
      renderDocument(doc.getBody(), draftsOf(ctx).school(row.school));
      doc.saveAndClose();
      if (row.school.emails.length > 0) doc.addViewers(row.school.emails);
    },
    finish(ctx) {
      const doc = openOrCreateDoc(getSetting('reportUrl') ?? '', reportTitle(ctx.settings.campaign.year), ctx);
      setSettingNow('reportUrl', doc.getUrl());
      renderDocument(doc.getBody(), draftsOf(ctx).report());
      doc.saveAndClose();
      return `Рекомендации готовы для ${ctx.registry.length} школ; аналитический отчёт: ${doc.getUrl()}`;
    },
  };
}
