import { promises as fs } from 'node:fs';
import JSZip from 'jszip';
import type { Campaign, School } from '../../../core/campaign/schema';
import type { Catalog } from '../../../core/catalog/types';
import { SCHOOL_TOKENS, TEMPLATE_SCHOOL, isProbeOf, probeLayout, substituteSheet, substituteTokens, tokenValues } from '../../../core/layout/school-template';
import { schoolWorkbookLayout } from '../../../core/layout/school-workbook';
import type { SheetSpec, WorkbookSpec } from '../../../core/layout/types';
import { parseRels, parseWorkbook } from '../read/workbook-parts';
import { type RenderOptions, columnWidths, renderWorkbook, writeAtomically, writeWorkbookFile } from './render';
import { rowHeights } from './row-heights';
import { xmlSafe, xmlSafeDeep } from '../../../core/text/xml-safe';

/**
 * Writes the schools' input workbooks. Rendering a workbook with exceljs costs ≈ 0.1 s, so it is done
 * once per campaign for a probe school whose name, short name and code are tokens; each school's file
 * is that package with the tokens replaced in the few parts that hold them (shared strings, document
 * title) and the heights of the rows whose wrapped text changed length. The result is the same workbook
 * as a full render (test/node/xlsx/school-files.test.ts compares the two part by part).
 */
export class SchoolFileWriter {
  private readonly templates = new Map<School['type'], Promise<Template | null>>();
  /** How each file was made, for the benchmark and the tests. */
  readonly made = { fromTemplate: 0, rendered: 0 };

  constructor(
    private readonly catalog: Catalog,
    private readonly campaign: Campaign,
    private readonly options: RenderOptions,
  ) {}

  async write(unsafe: School, path: string): Promise<void> {
    // the same texts as renderWorkbook writes (it cleans its spec): row heights and tokens agree with a full drawing
    const school = xmlSafeDeep(unsafe);
    const bytes = plainValues(school) ? await this.fromTemplate(school) : null;
    if (bytes) {
      await writeAtomically(path, (tmp) => fs.writeFile(tmp, bytes));
      this.made.fromTemplate += 1;
    } else {
      await writeWorkbookFile(schoolWorkbookLayout(this.catalog, this.campaign, school).workbook, path, this.options);
      this.made.rendered += 1;
    }
  }

  /**
   * The template of a school type, or null when the layout depends on the school in more than its texts
   * (checked once on a sample school; test/core covers it for random schools).
   */
  private template(type: School['type']): Promise<Template | null> {
    let template = this.templates.get(type);
    if (!template) {
      const probe = probeLayout(this.catalog, this.campaign, type);
      const sample: School = { ...TEMPLATE_SCHOOL, type };
      template = isProbeOf(probe, schoolWorkbookLayout(this.catalog, this.campaign, sample).workbook, sample)
        ? buildTemplate(probe, this.options)
        : Promise.resolve(null);
      this.templates.set(type, template);
    }
    return template;
  }

  private async fromTemplate(school: School): Promise<Buffer | null> {
    const t = await this.template(school.type);
    if (!t) return null;
    const values = tokenValues(school);
    const texts = new Map<string, string>();
    for (const [part, text] of t.tokenParts) texts.set(part, substituteTokens(text, values, xmlEncode));
    for (const { index, part, heights } of t.textSheets) {
      const spec = substituteSheet(t.probe.sheets[index] as SheetSpec, values);
      let xml = t.sheetXml.get(part) as string;
      for (const [row, height] of heightChanges(heights, rowHeights(spec, columnWidths(spec)))) {
        const patched = setRowHeight(xml, row, height);
        if (patched === null) return null;
        xml = patched;
      }
      texts.set(part, xml);
    }
    // Every part that any school may change is set each time, so nothing of the previous school remains.
    for (const [part, text] of texts) t.zip.file(part, text);
    return t.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

interface Template {
  probe: WorkbookSpec;
  zip: JSZip;
  /** Parts whose text holds a token (shared strings, the document title). */
  tokenParts: Map<string, string>;
  /** Sheets whose cells hold a token, so their row heights may change. */
  textSheets: { index: number; part: string; heights: Map<number, number> }[];
  sheetXml: Map<string, string>;
}

async function buildTemplate(probe: WorkbookSpec, options: RenderOptions): Promise<Template> {
  const zip = await JSZip.loadAsync(await renderWorkbook(probe, options).xlsx.writeBuffer());
  const tokenParts = new Map<string, string>();
  for (const file of Object.values(zip.files)) {
    if (file.dir || !/\.(xml|rels|vml)$/.test(file.name)) continue;
    const text = await file.async('string');
    if (SCHOOL_TOKENS.some((token) => text.includes(token))) tokenParts.set(file.name, text);
  }
  const parts = await sheetParts(zip);
  const textSheets: Template['textSheets'] = [];
  const sheetXml = new Map<string, string>();
  for (const [index, spec] of probe.sheets.entries()) {
    if (!spec.cells.some((c) => typeof c.value === 'string' && SCHOOL_TOKENS.some((token) => (c.value as string).includes(token)))) continue;
    const part = parts[index];
    if (!part) throw new Error(`Шаблон таблицы школы: нет листа «${spec.name}» в файле`);
    if (tokenParts.has(part)) throw new Error(`Шаблон таблицы школы: лист «${spec.name}» хранит текст школы вне общих строк`);
    sheetXml.set(part, await (zip.file(part) as JSZip.JSZipObject).async('string'));
    textSheets.push({ index, part, heights: rowHeights(spec, columnWidths(spec)) });
  }
  return { probe, zip, tokenParts, textSheets, sheetXml };
}

/** The worksheet part of each sheet, in workbook order (workbook.xml → its relationships). */
async function sheetParts(zip: JSZip): Promise<string[]> {
  const workbook = await zip.file('xl/workbook.xml')?.async('nodebuffer');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('nodebuffer');
  if (!workbook || !rels) throw new Error('Шаблон таблицы школы: нет xl/workbook.xml');
  const targets = parseRels(rels);
  return parseWorkbook(workbook).sheets.map((sheet) => {
    const target = targets.get(sheet.rId ?? '')?.target ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  });
}

/** Rows whose height differs between the probe and the school; null = back to the default height. */
function heightChanges(probe: Map<number, number>, mine: Map<number, number>): [number, number | null][] {
  const out: [number, number | null][] = [];
  for (const [row, height] of mine) if (probe.get(row) !== height) out.push([row, height]);
  for (const row of probe.keys()) if (!mine.has(row)) out.push([row, null]);
  return out;
}

/** Sets (or removes) the custom height of one row in a worksheet's XML; null when the row is not there. */
export function setRowHeight(xml: string, row: number, height: number | null): string | null {
  const pattern = new RegExp(`<row r="${row}"(?: ht="[^"]*" customHeight="1")?(?=[\\s>/])`);
  if (!pattern.test(xml)) return null;
  return xml.replace(pattern, height === null ? `<row r="${row}"` : `<row r="${row}" ht="${height}" customHeight="1"`);
}

/** School texts that go into the file unchanged: no surrounding spaces or line breaks (those need xml:space). */
function plainValues(school: School): boolean {
  return [school.id, school.name, school.shortName].every((v) => v.length > 0 && v === v.trim() && !/[\t\n\r]/.test(v));
}

/** Escapes text as renderWorkbook writes it: markup characters as entities, what xmlSafe removes dropped. */
export function xmlEncode(text: string): string {
  return xmlSafe(text).replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (ch) => ENTITIES[ch] ?? '');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
