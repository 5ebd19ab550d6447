/**
 * Files from the panel (multipart): returned school files into received/, the registry, a survey export. Each file is
 * written to a hidden temporary name first (intake skips dot-files) and renamed when complete; an oversize or broken
 * upload leaves nothing behind.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { parseRegistry, registrySchools } from '../../app/campaign';
import { UserFacingError } from '../../app/errors';
import { SurveyGroupFieldSchema, type UploadKind, type UploadReply } from '../../app/panel-calls';
import { paths } from '../campaign/files';
import { loadCampaign } from '../campaign/load';
import { importSurvey, importSurveyText } from '../commands/import-survey';
import { parseCsv } from '../csv';
import { readWorkbookFile } from '../xlsx/read/read-workbook';
import { inside, safeFileName } from './file-names';

export const UPLOAD_LIMITS = { fileSize: 25 * 1024 * 1024, files: 2000, fields: 10, parts: 2010 } as const;
const MB = UPLOAD_LIMITS.fileSize / 1024 / 1024;

export class UploadTooLarge extends UserFacingError {}

let serial = 0;

/** One part saved under `dir/name` through a temporary file; a part over the size limit is refused whole. */
async function savePart(part: MultipartFile, dir: string, name: string): Promise<string> {
  const target = inside(dir, name);
  if (!target) throw new UserFacingError(`Имя файла «${name}» не подходит.`);
  mkdirSync(dir, { recursive: true });
  serial += 1;
  const tmp = join(dir, `.upload-${process.pid}-${serial}`);
  try {
    await pipeline(part.file, createWriteStream(tmp));
    if (part.file.truncated) throw new UploadTooLarge(`Файл «${name}» больше ${MB} МБ — он не принят.`);
    renameSync(tmp, target);
    return target;
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof UserFacingError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new UploadTooLarge(`Файл «${name}» больше ${MB} МБ — он не принят.`);
    throw e;
  }
}

/** The first sheet of an uploaded registry workbook as rows of text. */
async function firstSheetRows(path: string, name: string): Promise<string[][]> {
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid) throw new UserFacingError(`Реестр «${name}»: ${grid.unreadable}`);
  const rows = grid.sheets[0]?.values ?? [];
  return rows.map((row) => (row ?? []).map((v) => (v === null || v === undefined || typeof v === 'object' ? '' : String(v))));
}

/** Returned files, many at once, into received/ under their own (sanitised) names. */
async function receive(req: FastifyRequest, dir: string): Promise<UploadReply> {
  const received = paths(dir).received;
  const saved: string[] = [];
  const refused: string[] = [];
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    const name = safeFileName(part.filename);
    if (!name) {
      part.file.resume();
      refused.push(`«${part.filename}»: такое имя файла не подходит`);
      continue;
    }
    await savePart(part, received, name);
    saved.push(name);
  }
  if (saved.length === 0) return { ok: false, message: refused.length ? `Файлы не приняты: ${refused.join('; ')}` : 'Не выбрано ни одного файла.' };
  const also = refused.length ? ` Не приняты: ${refused.join('; ')}.` : '';
  return { ok: true, message: `Принято файлов: ${saved.length}. Нажмите «Проверка», чтобы прочитать их.${also}`, saved };
}

/** The registry replaces schools.csv / schools.xlsx only when every row passes the check. */
async function registry(req: FastifyRequest, dir: string): Promise<UploadReply> {
  const part = await req.file();
  if (!part) return { ok: false, message: 'Не выбран файл реестра.' };
  const name = safeFileName(part.filename) ?? 'реестр';
  const ext = /\.(csv|xlsx)$/i.exec(name)?.[1]?.toLowerCase();
  if (!ext) {
    part.file.resume();
    return { ok: false, message: `Реестр «${name}»: нужен файл .csv или .xlsx (столбцы: код, наименование, краткое наименование, тип, e-mail).` };
  }
  const p = paths(dir);
  const staged = await savePart(part, dir, `.registry-upload.${ext}`);
  try {
    const rows = ext === 'csv' ? parseCsv(readFileSync(staged, 'utf8')) : await firstSheetRows(staged, name);
    const schools = registrySchools(parseRegistry(rows), `Реестр «${name}»`);
    const target = ext === 'csv' ? p.registryCsv : p.registryXlsx;
    renameSync(staged, target);
    // schools.csv wins over schools.xlsx when both exist: the other one goes, so the upload is what is read
    rmSync(ext === 'csv' ? p.registryXlsx : p.registryCsv, { force: true });
    return { ok: true, message: `Реестр загружен: школ — ${schools.length}.`, saved: [target] };
  } finally {
    rmSync(staged, { force: true });
  }
}

/** A survey export (CSV of a Google Form) into surveys/, then counted into surveys.json. */
async function survey(req: FastifyRequest, dir: string): Promise<UploadReply> {
  let group: string | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (part.fieldname === 'group') {
        const parsed = SurveyGroupFieldSchema.safeParse(part.value);
        if (!parsed.success) return { ok: false, message: 'Кто отвечал: обучающиеся или родители.' };
        group = parsed.data === '' ? null : parsed.data;
      }
      continue;
    }
    const name = safeFileName(part.filename);
    if (!name || !/\.csv$/i.test(name)) {
      part.file.resume();
      return { ok: false, message: 'Нужна выгрузка ответов формы в CSV («Скачать ответы (.csv)»).' };
    }
    const folder = await loadCampaign(dir);
    const file = await savePart(part, join(dir, 'surveys'), name);
    const out = importSurvey(folder, file, group);
    return { ok: true, message: importSurveyText(out).join('\n'), saved: [file] };
  }
  return { ok: false, message: 'Не выбран файл анкеты.' };
}

export function handleUpload(kind: UploadKind, req: FastifyRequest, dir: string): Promise<UploadReply> {
  if (!existsSync(paths(dir).campaign)) return Promise.resolve({ ok: false, message: 'Сначала создайте кампанию.' });
  if (kind === 'received') return receive(req, dir);
  if (kind === 'registry') return registry(req, dir);
  return survey(req, dir);
}
