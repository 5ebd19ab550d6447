/**
 * Files the panel offers: a school's file, its returned copy, its recommendations, the outputs in out/, and the
 * school files or the recommendations as one zip. Only names from fixed lists and registry codes reach the disk.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { paths } from '../campaign/files';
import { loadCampaign } from '../campaign/load';

export interface Download {
  name: string;
  type: string;
  body: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const typeOf = (name: string): string => (name.endsWith('.docx') ? DOCX : name.endsWith('.zip') ? 'application/zip' : XLSX);

const OUT_FILES = new Set(['appendices.xlsx', 'validation.xlsx', 'report.docx']);
const PER_SCHOOL = {
  school: (dir: string, id: string) => join(paths(dir).schools, `${id}.xlsx`),
  returned: (dir: string, id: string) => join(paths(dir).out, 'returned', `${id}.xlsx`),
  recommendation: (dir: string, id: string) => join(paths(dir).out, 'recommendations', `${id}.docx`),
} as const;
export type PerSchool = keyof typeof PER_SCHOOL;
export const isPerSchool = (kind: string): kind is PerSchool => Object.keys(PER_SCHOOL).includes(kind);

const file = (full: string, name: string): Download | null => (existsSync(full) ? { name, type: typeOf(name), body: readFileSync(full) } : null);

/** One school's file by its registry code; a code not in the registry is not a file name. */
export async function schoolDownload(dir: string, kind: PerSchool, id: string): Promise<Download | null> {
  const folder = await loadCampaign(dir);
  if (!folder.schools.some((s) => s.id === id)) return null;
  const full = PER_SCHOOL[kind](dir, id);
  return file(full, kind === 'returned' ? `${id}-возврат.xlsx` : full.slice(full.lastIndexOf(id)));
}

export function outDownload(dir: string, name: string): Download | null {
  if (name === 'measures.xlsx') return file(paths(dir).measures, name);
  return OUT_FILES.has(name) ? file(join(paths(dir).out, name), name) : null;
}

async function zipOf(folder: string, ext: string, name: string): Promise<Download | null> {
  if (!existsSync(folder)) return null;
  const zip = new JSZip();
  for (const entry of readdirSync(folder, { withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith(ext) && !entry.name.startsWith('.')) zip.file(entry.name, readFileSync(join(folder, entry.name)));
  const body = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { name, type: 'application/zip', body };
}

export function zipDownload(dir: string, name: string): Promise<Download | null> {
  if (name === 'schools.zip') return zipOf(paths(dir).schools, '.xlsx', 'таблицы-школ.zip');
  if (name === 'recommendations.zip') return zipOf(join(paths(dir).out, 'recommendations'), '.docx', 'рекомендации.zip');
  const letters = /^letters-(launch|reminder|recommendations)\.zip$/.exec(name);
  if (letters) return zipOf(join(paths(dir).out, 'letters', letters[1] ?? ''), '.eml', `письма-${letters[1]}.zip`);
  return Promise.resolve(null);
}

/** Content-Disposition with the Russian name for browsers (RFC 6266 filename*) and an ASCII fallback. */
export function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
