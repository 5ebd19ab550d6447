import { AlignmentType, BorderStyle, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { type Block, type DocumentModel, safeUrl } from '../../core/document/model';
import { writeFileAtomic } from '../campaign-folder';

const FONT = 'Times New Roman';
/** A4 (11906 twips) less the margins below (1701 + 850). */
const TEXT_WIDTH_TWIPS = 11906 - 1701 - 850;
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

function text(value: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}): TextRun {
  return new TextRun({ text: value, font: FONT, size: options.size ?? 24, bold: options.bold, italics: options.italics, color: options.color });
}

function table(block: Extract<Block, { type: 'table' }>): Table {
  const columns = block.header.length;
  const widths = block.widths ?? block.header.map(() => Math.floor(100 / columns));
  const cell = (value: string, header: boolean, width: number): TableCell =>
    new TableCell({
      width: { size: Math.round((TEXT_WIDTH_TWIPS * width) / 100), type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
      borders: { top: border, bottom: border, left: border, right: border },
      children: value.split('\n').map((line) => new Paragraph({ children: [text(line, { bold: header, size: 18 })] })),
    });
  const total = widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: widths.map((w) => Math.round((TEXT_WIDTH_TWIPS * w) / total)),
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h, i) => cell(h, true, widths[i] ?? 10)) }),
      ...block.rows.map((r) => new TableRow({ children: block.header.map((_, i) => cell(r[i] ?? '', false, widths[i] ?? 10)) })),
    ],
  });
}

function render(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], spacing: { before: 240, after: 120 }, children: [text(block.text, { bold: true, size: block.level === 1 ? 30 : block.level === 2 ? 27 : 25 })] })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 120 },
          children: [text(block.text, { italics: block.tone === 'muted', bold: block.tone === 'emphasis', color: block.tone === 'muted' ? '555555' : undefined })],
        }),
      ];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 60 }, children: [text(item)] }));
    case 'table':
      return [table(block), new Paragraph({ children: [] })];
    case 'link': {
      const url = safeUrl(block.url);
      if (!url) return [new Paragraph({ children: [text(`${block.text}: ${block.url}`)] })];
      return [new Paragraph({ children: [new ExternalHyperlink({ link: url, children: [new TextRun({ text: block.text, style: 'Hyperlink', font: FONT, size: 24 })] })] })];
    }
  }
}

export function toDocx(model: DocumentModel): Document {
  return new Document({
    creator: 'Мониторинг воспитания',
    title: model.title,
    description: model.subtitle,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [text(model.title, { bold: true, size: 32 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(model.subtitle, { italics: true })] }),
          ...model.blocks.flatMap(render),
        ],
      },
    ],
  });
}

/** Writes the document atomically (temporary file, then rename). */
export async function writeDocx(model: DocumentModel, path: string): Promise<void> {
  const buffer = await Packer.toBuffer(toDocx(model));
  writeFileAtomic(path, buffer);
}
