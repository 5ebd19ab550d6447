import type { School } from '../campaign/schema';
import type { Catalog } from '../catalog/types';
import { type Message, hasErrors, message } from './messages';
import { type Submission, type WorkbookGrid, parseSubmission } from './parse';
import { validateSubmission } from './validate';
import type { Value } from './values';

export type SchoolStatus = 'accepted' | 'rejected' | 'missing';

/** One school's outcome of a validation run. */
export interface SchoolOutcome {
  school: School;
  status: SchoolStatus;
  /** The file(s) read for this school (names as the adapter knows them). */
  files: string[];
  submission: Submission | null;
  messages: Message[];
}

export interface ReadFile {
  /** File name or id, for messages. */
  file: string;
  /** The school this file is registered to (by its name or the registry link), if known. */
  expectedSchoolId: string | null;
  /** The grids, or the reason the file could not be read at all (corrupt, password, not xlsx). */
  grid: WorkbookGrid | { unreadable: string };
}

export interface RunOutcome {
  schools: SchoolOutcome[];
  /** Files that belong to no registry school. */
  strays: { file: string; messages: Message[] }[];
}

/** One file after parsing and validation, before files are matched to schools; the grid is no longer needed. */
export interface AssessedFile {
  file: string;
  /** The registry school the file belongs to, or null (a stray file). */
  schoolId: string | null;
  submission: Submission | null;
  messages: Message[];
}

/** Parses and validates one file. A file filed under a registry school is that school's (a wrong stamp is its error). */
export function assessFile(
  f: ReadFile,
  catalog: Catalog,
  year: number,
  registry: School[],
  previous: Map<string, Record<string, Value>> = new Map(),
): AssessedFile {
  const known = (id: string | null): string | null => (id && registry.some((s) => s.id === id) ? id : null);
  if ('unreadable' in f.grid)
    return { file: f.file, schoolId: known(f.expectedSchoolId), submission: null, messages: [message('error', 'unreadable', f.grid.unreadable)] };
  const submission = parseSubmission(f.grid, { catalog, year, registry, expectedSchoolId: f.expectedSchoolId });
  const id = f.expectedSchoolId ?? submission.schoolId;
  const prior = id ? (previous.get(id) ?? null) : null;
  return { file: f.file, schoolId: known(id), submission, messages: [...submission.messages, ...validateSubmission(submission, catalog, prior)] };
}

/**
 * Assigns assessed files to registry schools. One bad file never stops the others; a school with two files is
 * rejected with both named, so nothing is silently dropped.
 */
export function assignFiles(assessed: AssessedFile[], registry: School[]): RunOutcome {
  const bySchool = new Map<string, AssessedFile[]>();
  const strays: RunOutcome['strays'] = [];
  for (const a of assessed) {
    if (a.schoolId) push(bySchool, a.schoolId, a);
    else strays.push({ file: a.file, messages: a.messages });
  }
  const schools = registry.map((school): SchoolOutcome => {
    const got = bySchool.get(school.id) ?? [];
    if (got.length === 0) return { school, status: 'missing', files: [], submission: null, messages: [] };
    if (got.length > 1) {
      const names = got.map((g) => `«${g.file}»`).join(', ');
      const msgs = [
        message('error', 'duplicate', `для ОО получено несколько файлов (${names}); оставьте один и повторите проверку`),
        ...got.flatMap((g) => g.messages.map((m) => ({ ...m, text: `файл «${g.file}»: ${m.text}` }))),
      ];
      return { school, status: 'rejected', files: got.map((g) => g.file), submission: null, messages: msgs };
    }
    const only = got[0] as AssessedFile;
    const ok = only.submission !== null && !hasErrors(only.messages);
    return { school, status: ok ? 'accepted' : 'rejected', files: [only.file], submission: only.submission, messages: only.messages };
  });
  return { schools, strays };
}

/** Parses, validates and assigns a set of files (see assessFile and assignFiles). */
export function validateFiles(
  files: ReadFile[],
  catalog: Catalog,
  year: number,
  registry: School[],
  previous: Map<string, Record<string, Value>> = new Map(),
): RunOutcome {
  return assignFiles(
    files.map((f) => assessFile(f, catalog, year, registry, previous)),
    registry,
  );
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * One file of one registry school (the Google path, where each school has its own file): parsed and
 * validated, always attributed to that school; a file stamped for another school is an error of this one.
 */
export function validateOne(
  school: School,
  file: ReadFile,
  catalog: Catalog,
  year: number,
  registry: School[],
  previous: Record<string, Value> | null,
): SchoolOutcome {
  const a = assessFile({ ...file, expectedSchoolId: school.id }, catalog, year, registry, previous ? new Map([[school.id, previous]]) : new Map());
  const ok = a.submission !== null && !hasErrors(a.messages);
  return { school, status: ok ? 'accepted' : 'rejected', files: [file.file], submission: a.submission, messages: a.messages };
}
