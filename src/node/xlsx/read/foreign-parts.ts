import type ExcelJS from 'exceljs';

/**
 * exceljs 4.4 only understands the part names Excel itself writes: comments at `xl/comments1.xml`, and
 * worksheet relationships with relative targets (`../comments1.xml`). Files saved by openpyxl (and tools
 * built on it) keep comments at `xl/comments/comment1.xml` with absolute targets (`/xl/comments/…`), and
 * exceljs then fails with «Cannot read properties of undefined (reading 'comments')» — the whole file is
 * unreadable because of a note. Before exceljs reconciles the parts, this makes absolute targets relative
 * and drops comment/VML relationships that point at parts exceljs did not load: notes are lost on reading,
 * values and formulas are not.
 */
interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

interface LoadModel {
  worksheetRels: (Relationship[] | undefined)[];
  comments: Record<string, unknown>;
  vmlDrawings: Record<string, unknown>;
}

interface XlsxInternals {
  reconcile(model: LoadModel, options: unknown): void;
}

const COMMENTS = /\/comments$/;
const VML = /\/vmlDrawing$/;

export function tolerateForeignParts(workbook: ExcelJS.Workbook): void {
  const xlsx = workbook.xlsx as unknown as XlsxInternals;
  if (typeof xlsx.reconcile !== 'function') return; // exceljs changed its internals: nothing to patch
  const original = xlsx.reconcile.bind(xlsx);
  xlsx.reconcile = (model, options) => {
    model.worksheetRels.forEach((rels, i) => {
      if (!rels) return;
      model.worksheetRels[i] = rels
        .map((rel) => (rel.TargetMode !== 'External' && rel.Target.startsWith('/xl/') ? { ...rel, Target: `../${rel.Target.slice(4)}` } : rel))
        .filter((rel) => (COMMENTS.test(rel.Type) ? rel.Target in model.comments : VML.test(rel.Type) ? rel.Target in model.vmlDrawings : true));
    });
    original(model, options);
  };
}
