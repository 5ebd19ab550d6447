import { type Block, type DocumentModel, safeUrl } from '../../core/document/model';

type Body = GoogleAppsScript.Document.Body;

const HEADINGS = (): Record<1 | 2 | 3, GoogleAppsScript.Document.ParagraphHeading> => ({
  1: DocumentApp.ParagraphHeading.HEADING1,
  2: DocumentApp.ParagraphHeading.HEADING2,
  3: DocumentApp.ParagraphHeading.HEADING3,
});

/** Renders a document model into a Google Doc's body (the same model the .docx adapter renders). */
export function renderDocument(body: Body, model: DocumentModel): void {
  body.clear();
  // the body always keeps one paragraph: it becomes the title
  const title = body.getParagraphs()[0] ?? body.appendParagraph('');
  title.setText(model.title);
  title.setHeading(DocumentApp.ParagraphHeading.TITLE);
  body.appendParagraph(model.subtitle).setHeading(DocumentApp.ParagraphHeading.SUBTITLE);
  for (const block of model.blocks) renderBlock(body, block);
}

function renderBlock(body: Body, block: Block): void {
  switch (block.type) {
    case 'heading':
      body.appendParagraph(block.text).setHeading(HEADINGS()[block.level]);
      return;
    case 'paragraph': {
      const p = body.appendParagraph(block.text);
      if (block.tone === 'muted') p.editAsText().setItalic(true).setForegroundColor('#555555');
      if (block.tone === 'emphasis') p.editAsText().setBold(true);
      return;
    }
    case 'bullets':
      for (const item of block.items) body.appendListItem(item).setGlyphType(DocumentApp.GlyphType.BULLET);
      return;
    case 'table': {
      const table = body.appendTable([block.header, ...block.rows.map((r) => block.header.map((_, i) => r[i] ?? ''))]);
      const header = table.getRow(0);
      for (let i = 0; i < header.getNumCells(); i++) header.getCell(i).setBackgroundColor('#E7E6E6').editAsText().setBold(true);
      return;
    }
    case 'link': {
      const url = safeUrl(block.url);
      const p = body.appendParagraph(url ? block.text : `${block.text}: ${block.url}`);
      if (url) p.setLinkUrl(url);
    }
  }
}
