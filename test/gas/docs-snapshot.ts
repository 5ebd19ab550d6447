/**
 * Helpers of the Docs request tests: the documents of the demo campaign (every school's recommendations and the
 * municipal report, with last year's values for dynamics, one school silent and one rejected), both renderings of
 * a model on the fake (DocumentApp element by element, and the Docs API requests), and a snapshot of a fake
 * document read back through DocumentApp: element kinds, texts, headings, list glyphs, table cells and backgrounds,
 * and every character's bold / italic / colour / link.
 */
import { consolidateCampaign } from '../../src/app/consolidate';
import { draftDocuments } from '../../src/app/documents';
import type { DocumentModel } from '../../src/core/document/model';
import { DEMO_CAMPAIGN, DEMO_SCHOOLS, DEMO_SILENT_SCHOOL } from '../../src/core/demo/municipality';
import { demoValues } from '../../src/core/demo/values';
import { message } from '../../src/core/submission/messages';
import type { Value } from '../../src/core/submission/values';
import { bodyEndIndex, documentRequestBodies, END_INDEX_FIELDS } from '../../src/gas/render/docs-requests';
import { renderDocument } from '../../src/gas/render/doc-renderer';
import { MemoryStore, fixedClock } from '../app/memory-store';
import { catalog, outcome } from '../core/builders';
import type { FakeGlobals, FakeWorkspace } from '../fakes';
import type { DocElement } from '../fakes/doc-elements';

const REJECTED = 'sosh3';

/** The documents of the demo campaign: file name → model. */
export function demoDocuments(): Map<string, DocumentModel> {
  const cat = catalog();
  const ctx = { campaign: { ...DEMO_CAMPAIGN }, catalog: cat, schools: DEMO_SCHOOLS };
  const thisYear = DEMO_SCHOOLS.map((s, i) => demoValues(cat, s, DEMO_SCHOOLS.length, 2026 * 100 + i));
  const lastYear = thisYear.map((values, i) => {
    const out: Record<string, Value> = {};
    for (const [id, v] of Object.entries(values)) out[id] = typeof v === 'number' ? Math.floor(v * (0.82 + 0.015 * i)) : v;
    return out;
  });
  const before = new MemoryStore();
  const lastCtx = { ...ctx, campaign: { ...ctx.campaign, year: ctx.campaign.year - 1 } };
  consolidateCampaign(
    lastCtx,
    DEMO_SCHOOLS.map((s, i) => outcome(s, lastYear[i] ?? null)),
    [],
    [],
    before,
    fixedClock(),
  );
  const store = new MemoryStore();
  store.last = before.now;
  const outcomes = DEMO_SCHOOLS.map((s, i) => {
    if (s.id === DEMO_SILENT_SCHOOL) return outcome(s, null, 'missing');
    if (s.id !== REJECTED) return outcome(s, thisYear[i] ?? null);
    const rejected = outcome(s, thisYear[i] ?? null, 'rejected');
    rejected.messages = [message('error', 'type', 'нужно число', { sheet: 'Приложение 2', cell: 'D15', indicator: 'Педагогов' })];
    return rejected;
  });
  store.saveCurrent(consolidateCampaign(ctx, outcomes, [], [], store, fixedClock()).year);
  const drafts = draftDocuments(ctx, store);
  const out = new Map<string, DocumentModel>();
  for (const s of DEMO_SCHOOLS) out.set(`${s.id}.docx`, drafts.school(s));
  out.set('report.docx', drafts.report());
  return out;
}

type Body = GoogleAppsScript.Document.Body;

/** doc-renderer.ts on the fake DocumentApp (it reads the `DocumentApp` global for its enums). */
export function renderWithDocumentApp(g: FakeGlobals, name: string, model: DocumentModel): string {
  Reflect.set(globalThis, 'DocumentApp', g.DocumentApp);
  const doc = g.DocumentApp.create(name);
  renderDocument(doc.getBody() as unknown as Body, model);
  return doc.getId();
}

/** The requests through the fake Docs service: the body's end index read first when `existing`. */
export function renderWithDocsApi(g: FakeGlobals, model: DocumentModel, id: string, existing: boolean): number {
  const docs = g.Docs;
  if (!docs) throw new Error('no Docs advanced service');
  const endIndex = existing ? bodyEndIndex(docs.Documents.get(id, { fields: END_INDEX_FIELDS })) : undefined;
  const bodies = documentRequestBodies(model, endIndex === undefined ? {} : { endIndex });
  for (const requests of bodies) docs.Documents.batchUpdate({ requests }, id);
  return bodies.length;
}

export interface CellSnap {
  text: string;
  chars: string[];
  background: string | null;
}
export interface ElementSnap {
  type: string;
  heading: string;
  glyph: string;
  text: string;
  chars: string[];
  cells: CellSnap[][];
}

interface Holder {
  text: string;
  styles: DocElement['styles'];
}
/** The last style of `attr` covering `offset` in the raw model (DocumentApp has no public getter for these). */
function rawStyle(holder: Holder, attr: 'italic' | 'color', offset: number): unknown {
  const hits = holder.styles.filter((s) => s.attr === attr && s.start <= offset && offset <= s.end);
  return hits[hits.length - 1]?.value ?? null;
}

interface TextLike {
  getText(): string;
  isBold(offset: number): boolean | null;
  getLinkUrl(offset: number): string | null;
}
/** Every character's look: b(old), i(talic), colour, @link; a link's colour is left out (Docs colours links). */
function charsOf(text: TextLike, raw: Holder): string[] {
  return text
    .getText()
    .split('')
    .map((_, o) => {
      const link = text.getLinkUrl(o);
      const color = link === null ? rawStyle(raw, 'color', o) : null;
      return `${text.isBold(o) ? 'b' : ''}${rawStyle(raw, 'italic', o) ? 'i' : ''}${color === null ? '' : String(color).toLowerCase()}${link === null ? '' : `@${link}`}`;
    });
}

/** The document read back through DocumentApp (plus the raw model for italic and colour). */
export function snapshot(ws: FakeWorkspace, g: FakeGlobals, id: string): ElementSnap[] {
  const body = g.DocumentApp.openById(id).getBody();
  const raw = ws.file(id).document?.body ?? [];
  const out: ElementSnap[] = [];
  for (let i = 0; i < body.getNumChildren(); i++) {
    const child = body.getChild(i);
    const el = raw[i] as DocElement;
    const snap: ElementSnap = { type: String(child.getType()), heading: '', glyph: '', text: child.getText(), chars: [], cells: [] };
    if ('getNumRows' in child) {
      for (let r = 0; r < child.getNumRows(); r++) {
        const row = child.getRow(r);
        const cells: CellSnap[] = [];
        for (let c = 0; c < row.getNumCells(); c++) {
          const cell = row.getCell(c);
          const rawCell = el.rows[r]?.[c] ?? { text: '', styles: [] };
          cells.push({ text: cell.getText(), chars: charsOf(cell.editAsText(), rawCell), background: cell.getBackgroundColor()?.toLowerCase() ?? null });
        }
        snap.cells.push(cells);
      }
    } else {
      snap.heading = String(child.getHeading());
      if ('getGlyphType' in child) snap.glyph = `${String(child.getGlyphType())}/${child.getNestingLevel()}`;
      snap.chars = charsOf(child.editAsText(), el);
    }
    out.push(snap);
  }
  return out;
}

/**
 * The differences Docs imposes (see docs-requests.ts), applied to both sides: a table without cells is left out,
 * and an empty normal paragraph after a table that another table or the end follows is dropped.
 */
export function normalized(snaps: ElementSnap[]): ElementSnap[] {
  const tables = snaps.filter((s) => !(s.type === 'TABLE' && s.cells.every((row) => row.length === 0)));
  return tables.filter((s, i) => {
    const emptyAfterTable = s.type === 'PARAGRAPH' && s.text === '' && s.heading === 'NORMAL' && tables[i - 1]?.type === 'TABLE';
    return !(emptyAfterTable && (i === tables.length - 1 || tables[i + 1]?.type === 'TABLE'));
  });
}
