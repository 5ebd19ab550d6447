import { type Drafts, draftDocuments, publicPackage, publicTablesTitle, reportTitle, schoolDocumentTitle } from '../../app/documents';
import { DOCS_WRITES_PER_MINUTE, pace, withBackoff } from '../limits';
import { insertChartImages } from '../render/doc-images';
import { renderDocument } from '../render/doc-renderer';
import { writeStaged } from '../render/staged-write';
import { END_INDEX_FIELDS, bodyEndIndex, documentRequestBodies } from '../render/docs-requests';
import { advancedDocs } from '../services';
import { getSetting, setSettingNow } from '../store/job-store';
import { fileIdOf } from '../store/registry-sheet';
import type { DocumentModel } from '../../core/document/model';
import { type DriveFile, MIME, createFile, fileById, findStamped, stampIndex, urlOf } from '../drive';
import { shareWith } from '../share';
import { type StepContext, folderId } from './context';
import { DOCUMENT_GROUP, renderGroup } from './document-group';
import type { StepDef } from './runner';

/** The document at `url`, or the stamped one a killed execution made, or a new one (fresh: its body is empty). */
function documentFor(url: string, name: string, role: string, parent: string, made: Map<string, DriveFile>): { file: DriveFile; fresh: boolean } {
  const id = url ? fileIdOf(url) : null;
  const known = (id ? fileById(id) : null) ?? made.get(role) ?? null;
  return known ? { file: known, fresh: false } : { file: createFile(name, MIME.document, role, parent), fresh: true };
}

/** The stamped file of `role` in `parent`, or a new one. */
const stampedOrNew = (name: string, mime: string, role: string, parent: string): DriveFile => findStamped(role, parent) ?? createFile(name, mime, role, parent);

/**
 * The model into the document: one Docs API batchUpdate where the Docs service is enabled (plus one read of the old
 * body's end when re-rendering), paced under the API's 60 writes a minute; element by element through DocumentApp
 * where it is not.
 */
function render(file: DriveFile, model: DocumentModel, fresh: boolean): void {
  const id = file.id ?? '';
  const docs = advancedDocs();
  if (!docs?.Documents) {
    const doc = DocumentApp.openById(id);
    renderDocument(doc.getBody(), model);
    doc.saveAndClose();
    return;
  }
  const documents = docs.Documents;
  const endIndex = fresh ? undefined : bodyEndIndex(withBackoff(() => documents.get(id, { fields: END_INDEX_FIELDS })));
  for (const requests of documentRequestBodies(model, endIndex === undefined ? {} : { endIndex })) {
    pace('docs-write', DOCS_WRITES_PER_MINUTE);
    withBackoff(() => documents.batchUpdate({ requests }, id));
  }
}

const SHARED =
  'Отдел образования направляет вашей школе адресные рекомендации по итогам мониторинга системы воспитания. ' + 'Документ открыт только вашей школе.';

/**
 * One recommendations document per school, shared with that school only (read access), and the municipal
 * report, drafted by the application from the last consolidation. A re-run rewrites the same documents.
 */
export function documentsStep(): StepDef {
  let drafts: Drafts | null = null;
  // the documents earlier runs made, found with one search per execution (not one per school)
  let made: Map<string, DriveFile> | null = null;
  const madeOf = (ctx: StepContext): Map<string, DriveFile> => {
    made ??= stampIndex(`recommendations:${ctx.settings.campaign.year}`, folderId(ctx));
    return made;
  };
  const draftsOf = (ctx: StepContext): Drafts => {
    drafts ??= draftDocuments(ctx.app, ctx.store);
    return drafts;
  };
  return {
    start(ctx) {
      draftsOf(ctx);
    },
    item(ctx, row) {
      const year = ctx.settings.campaign.year;
      const role = `recommendations:${year}:${row.school.id}`;
      const { file, fresh } = documentFor(row.docUrl, schoolDocumentTitle(row.school, year), role, folderId(ctx), madeOf(ctx));
      row.docUrl = urlOf(file);
      render(file, draftsOf(ctx).school(row.school), fresh);
      shareWith(file.id ?? '', row.school.emails, 'reader', SHARED);
    },
    group: {
      size: DOCUMENT_GROUP,
      // with the Docs API: a group of schools at once, in parallel; without it, DocumentApp school by school
      items(ctx, rows, job) {
        if (!advancedDocs()?.Documents) {
          for (const row of rows) this.item(ctx, row, job);
          return;
        }
        const year = ctx.settings.campaign.year;
        const made = madeOf(ctx);
        const docs = rows.map((row) => {
          const role = `recommendations:${year}:${row.school.id}`;
          const id = row.docUrl ? fileIdOf(row.docUrl) : null;
          const known = made.get(role) ?? (id ? fileById(id) : null);
          const name = schoolDocumentTitle(row.school, year);
          return { role, name, parent: folderId(ctx), model: draftsOf(ctx).school(row.school), readers: row.school.emails, known };
        });
        const { files } = renderGroup(docs, SHARED);
        rows.forEach((row, i) => {
          const file = files[i];
          if (file) {
            row.docUrl = urlOf(file);
            made.set(docs[i]?.role ?? '', file);
          }
        });
      },
    },
    finish(ctx) {
      const year = ctx.settings.campaign.year;
      // the publishable package: the report and the appendix tables with municipal aggregates only, in their own folder
      const publication = stampedOrNew(`Публикация ${year} — только муниципальные итоги`, MIME.folder, `publication:${year}`, folderId(ctx)).id ?? '';
      const pkg = publicPackage(ctx.app, draftsOf(ctx));
      const known = findStamped(`report:${year}`, publication) ?? findStamped(`report:${year}`, folderId(ctx));
      const { file, fresh } = documentFor(
        getSetting('reportUrl') ?? '',
        reportTitle(year),
        `report:${year}`,
        publication,
        new Map(known ? [[`report:${year}`, known]] : []),
      );
      setSettingNow('reportUrl', urlOf(file));
      render(file, pkg.report, fresh);
      const pictures = insertChartImages(file.id ?? '', pkg.report, ctx.ss);
      const tables = stampedOrNew(publicTablesTitle(year), MIME.spreadsheet, `public-tables:${year}`, publication);
      writeStaged(SpreadsheetApp.openById(tables.id ?? ''), pkg.tables);
      return (
        `Рекомендации готовы для ${ctx.registry.length} школ; аналитический отчёт: ${urlOf(file)} (диаграмм: ${pictures}). ` +
        'Для публикации (только муниципальные итоги) — папка «Публикация»: отчёт и таблицы приложений.'
      );
    },
  };
}
