/**
 * The .docx adapter: a WordprocessingML package written by hand from the document model (a general-purpose
 * document library spent ~150 ms per school document), zipped with jszip.
 */
import JSZip from 'jszip';
import type { DocumentModel } from '../../core/document/model';
import { writeFileAtomic } from '../campaign/files';
import { SCALE, chartPng } from '../chart/render';
import { documentXml } from './body';
import { imageName, scaleForPrint } from './drawing';
import { chartPartName, chartPartXml, isNativeChart } from './chart-part';
import { APP_XML, NUMBERING_XML, ROOT_RELS_XML, SETTINGS_XML, STYLES_XML, contentTypesXml, coreXml, documentRelsXml } from './parts';

/**
 * Nearly all the time goes into jszip's JavaScript deflate of the UTF-8 text; level 3 (no lazy matching) takes
 * a third of the default level's time for files about a quarter larger.
 */
const COMPRESSION_LEVEL = 3;
/**
 * A school's recommendations carry one chart, and a run makes a thousand of them: drawn for 150 dpi at their printed
 * size (≈ 1.3 px per logical px across the A4 text width) rather than the report's ≈ 190 dpi (SCALE).
 */
const SCHOOL_DPI = 150;

/** jszip copies a Node Buffer byte by byte before deflating it; a plain Uint8Array goes through as is. */
const utf8 = new TextEncoder();

/** The .docx file's bytes; `now` dates the document properties and the zip entries. */
export async function docxBytes(model: DocumentModel, now: Date = new Date()): Promise<Uint8Array> {
  const { xml, links, charts } = documentXml(model);
  const native = charts.map((chart) => isNativeChart(model.audience, chart));
  const zip = new JSZip();
  const parts: [string, string][] = [
    ['[Content_Types].xml', contentTypesXml(native)],
    ['_rels/.rels', ROOT_RELS_XML],
    ['docProps/core.xml', coreXml(model, now)],
    ['docProps/app.xml', APP_XML],
    ['word/document.xml', xml],
    ['word/_rels/document.xml.rels', documentRelsXml(links, native)],
    ['word/styles.xml', STYLES_XML],
    ['word/numbering.xml', NUMBERING_XML],
    ['word/settings.xml', SETTINGS_XML],
  ];
  charts.forEach((chart, i) => {
    if (native[i]) parts.push([`word/charts/${chartPartName(i)}`, chartPartXml(chart)]);
  });
  for (const [name, content] of parts) zip.file(name, utf8.encode(content), { date: now, createFolders: false });
  // PNG is compressed already: stored, not deflated again
  charts.forEach((chart, i) => {
    if (native[i]) return;
    const scale = model.audience === 'school' ? scaleForPrint(chart, SCHOOL_DPI) : SCALE;
    zip.file(`word/media/${imageName(i)}`, chartPng(chart, scale).png, { date: now, createFolders: false, compression: 'STORE' });
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: COMPRESSION_LEVEL } });
}

/** Writes the document atomically (temporary file, then rename). */
export async function writeDocx(model: DocumentModel, path: string): Promise<void> {
  writeFileAtomic(path, await docxBytes(model));
}
