import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as z from 'zod/mini';
import { UserFacingError } from '../../app/errors';
import { type LetterPlan, type NoAddress, type SchoolFacts, planLetters, recordDeliveries, schoolFacts } from '../../app/letters';
import type { School } from '../../core/campaign/schema';
import { LETTER_KINDS, LETTER_LABELS, type LetterKind, isLetterKind } from '../../core/letters/kinds';
import { paths, readJsonFile, writeFileAtomic, writeJson } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore, localClock } from '../campaign/store';
import { toCsv } from '../csv';
import { intake } from '../intake';
import { FolderDeliveryLog } from '../letters/delivery-log';
import { mimeMessage } from '../letters/mime';
import { loadLetterTexts } from '../letters/texts-file';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** out/letters/<kind>/letters.json: the drafts of the last run of a kind, what `--mark-sent` records and letters.csv lists. */
const ManifestSchema = z.object({
  createdAt: z.string(),
  letters: z.array(
    z.object({
      schoolId: z.string(),
      name: z.string(),
      to: z.array(z.string()),
      subject: z.string(),
      /** Paths relative to the campaign folder. */
      eml: z.string(),
      file: z.nullable(z.string()),
    }),
  ),
});
type Manifest = z.infer<typeof ManifestSchema>;

export const lettersDir = (dir: string): string => join(paths(dir).out, 'letters');
const kindDir = (dir: string, kind: LetterKind): string => join(lettersDir(dir), kind);
const manifestPath = (dir: string, kind: LetterKind): string => join(kindDir(dir, kind), 'letters.json');

export function letterKind(raw: string): LetterKind {
  if (!isLetterKind(raw))
    throw new UserFacingError(`Вид письма «${raw}» неизвестен. Доступны: ${LETTER_KINDS.map((k) => `${k} (${LETTER_LABELS[k]})`).join(', ')}`);
  return raw;
}

/** The school's file a letter carries offline: its generated workbook (launch) or its recommendations (recommendations). */
function fileOf(dir: string, kind: LetterKind, school: School): string | null {
  const path =
    kind === 'launch'
      ? join(paths(dir).schools, `${school.id}.xlsx`)
      : kind === 'recommendations'
        ? join(paths(dir).out, 'recommendations', `${school.id}.docx`)
        : null;
  return path !== null && existsSync(path) ? path : null;
}

/** Each school's lifecycle and findings, read from received/ as `msoko status` reads them (reminders only). */
async function facts(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<Map<string, SchoolFacts>> {
  const store = new FolderCampaignStore(folder, previousPath);
  const got = await intake(folder, store, quiet);
  const decisions = store.decisions();
  return new Map(got.run.schools.map((o) => [o.school.id, schoolFacts(o, decisions[o.school.id] ?? null, got.changedAt.get(o.school.id) ?? null)]));
}

export interface LettersOutput {
  kind: LetterKind;
  texts: { path: string; created: boolean };
  letters: { school: string; name: string; to: string[]; subject: string; eml: string; file: string | null }[];
  noAddress: NoAddress[];
  skipped: LetterPlan['skipped'];
  csv: string;
  warnings: string[];
}

/**
 * Drafts of one kind of letter in out/letters/<kind>/<id>.eml (X-Unsent: 1, so Outlook opens them to send), the
 * kind's manifest, and out/letters/letters.csv over every kind for a mail merge. Nothing is sent or recorded: the
 * department sends them and then runs `--mark-sent`.
 */
export async function writeLetters(
  folder: CampaignFolder,
  o: { kind: LetterKind; resend: boolean; schools: string[]; previous: string | null; quiet: boolean },
): Promise<LettersOutput> {
  const dir = folder.dir;
  const texts = await loadLetterTexts(dir);
  const plan = planLetters(
    folder,
    { kind: o.kind, resend: o.resend, schools: o.schools },
    {
      clock: localClock,
      log: new FolderDeliveryLog(dir),
      texts: texts.texts,
      file: (kind, school) => {
        const path = fileOf(dir, kind, school);
        return path === null ? null : { name: `${school.id}.${kind === 'launch' ? 'xlsx' : 'docx'}`, link: null };
      },
      facts: o.kind === 'reminder' ? await facts(folder, o.previous, o.quiet) : new Map(),
    },
  );
  const out = kindDir(dir, o.kind);
  clearDrafts(out);
  const now = localClock.now();
  const manifest: Manifest = { createdAt: now.toISOString(), letters: [] };
  for (const letter of plan.letters) {
    const school = folder.schools.find((s) => s.id === letter.schoolId) as School;
    const file = letter.kind === 'reminder' ? null : fileOf(dir, letter.kind, school);
    const attachments =
      file === null || letter.file === null
        ? []
        : [{ filename: letter.file.name, contentType: letter.kind === 'launch' ? CONTENT_TYPES.xlsx : CONTENT_TYPES.docx, content: readFileSync(file) }];
    const eml = join(out, `${letter.schoolId}.eml`);
    writeFileAtomic(
      eml,
      mimeMessage({ from: letter.from, to: letter.to, subject: letter.subject, body: letter.body, date: now, attachments, headers: { 'X-Unsent': '1' } }),
    );
    manifest.letters.push({
      schoolId: letter.schoolId,
      name: letter.schoolName,
      to: letter.to,
      subject: letter.subject,
      eml: relative(dir, eml),
      file: file === null ? null : relative(dir, file),
    });
  }
  writeJson(manifestPath(dir, o.kind), manifest);
  const csv = writeCsv(dir);
  const warnings: string[] = [];
  if (!folder.campaign.senderEmail)
    warnings.push('В campaign.json не задан адрес отправителя (senderEmail): в черновиках нет поля «От», почтовая программа подставит ваш адрес.');
  return {
    kind: o.kind,
    texts: { path: texts.path, created: texts.created },
    letters: manifest.letters.map((l) => ({
      school: l.schoolId,
      name: l.name,
      to: l.to,
      subject: l.subject,
      eml: join(dir, l.eml),
      file: l.file && join(dir, l.file),
    })),
    noAddress: plan.noAddress,
    skipped: plan.skipped,
    csv,
    warnings,
  };
}

/** The drafts of the previous run of this kind go: a stale draft must not be sent or marked. */
function clearDrafts(out: string): void {
  if (!existsSync(out)) return;
  for (const name of readdirSync(out)) if (name.endsWith('.eml') || name === 'letters.json') rmSync(join(out, name), { force: true });
}

/** out/letters/letters.csv: the drafts of every kind, one row per letter, safe against formula injection. */
function writeCsv(dir: string): string {
  const rows: (string | null)[][] = [['school', 'name', 'addresses', 'kind', 'subject', 'file', 'eml']];
  for (const kind of LETTER_KINDS) {
    const manifest = readJsonFile(manifestPath(dir, kind), ManifestSchema);
    for (const l of manifest?.letters ?? [])
      rows.push([l.schoolId, l.name, l.to.join('; '), kind, l.subject, l.file === null ? '' : resolve(dir, l.file), resolve(dir, l.eml)]);
  }
  const path = join(lettersDir(dir), 'letters.csv');
  writeFileAtomic(path, toCsv(rows));
  return path;
}

export interface MarkSentOutput {
  kind: LetterKind;
  marked: { school: string; subject: string }[];
  /** Schools whose draft was already marked as sent. */
  already: string[];
}

/** Records the drafts of the last run of a kind (all, or the named schools) as sent today in deliveries.json. */
export function markSent(folder: CampaignFolder, kind: LetterKind, schools: string[]): MarkSentOutput {
  const dir = folder.dir;
  const manifest = readJsonFile(manifestPath(dir, kind), ManifestSchema);
  if (!manifest || manifest.letters.length === 0)
    throw new UserFacingError(`Нет черновиков писем «${LETTER_LABELS[kind]}» в ${kindDir(dir, kind)}: сначала выполните msoko letters ${dir} --kind ${kind}`);
  const unknown = schools.filter((id) => !manifest.letters.some((l) => l.schoolId === id));
  if (unknown.length > 0)
    throw new UserFacingError(`Нет черновика письма «${LETTER_LABELS[kind]}» для ОО ${unknown.map((id) => `«${id}»`).join(', ')} в ${kindDir(dir, kind)}`);
  const log = new FolderDeliveryLog(dir);
  const recorded = log.deliveries();
  const chosen = manifest.letters.filter((l) => schools.length === 0 || schools.includes(l.schoolId));
  const isRecorded = (l: Manifest['letters'][number]): boolean =>
    recorded.some((d) => d.schoolId === l.schoolId && d.kind === kind && d.subject === l.subject && d.at >= manifest.createdAt);
  const fresh = chosen.filter((l) => !isRecorded(l));
  const entries = recordDeliveries(
    log,
    localClock,
    fresh.map((l) => ({ schoolId: l.schoolId, kind, subject: l.subject })),
  );
  return { kind, marked: entries.map((e) => ({ school: e.schoolId, subject: e.subject })), already: chosen.filter(isRecorded).map((l) => l.schoolId) };
}
