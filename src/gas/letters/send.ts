import * as z from 'zod/mini';
import { schoolDocumentTitle } from '../../app/documents';
import { UserFacingError, errorText } from '../../app/errors';
import { type LetterRequest, type SchoolFacts, planLetters, recordDeliveries } from '../../app/letters';
import type { LetterLine, LettersView } from '../../app/letters-panel';
import type { Letter } from '../../core/letters/compose';
import { lastLetters } from '../../core/letters/delivery';
import { LETTER_KINDS, LETTER_LABELS, type LetterKind } from '../../core/letters/kinds';
import { LIFECYCLE_LABELS, LIFECYCLE_ORDER, type Lifecycle } from '../../core/submission/lifecycle';
import { troubleOf } from '../limits';
import type { StepContext } from '../steps/context';
import { schoolFileName } from '../steps/generate';
import { getSetting, setSetting } from '../store/job-store';
import { writeLastLetters } from '../store/registry-sheet';
import { readWork } from '../store/work-sheet';
import { SheetDeliveryLog } from './delivery-sheet';
import { letterTexts } from './texts-sheet';

/** Letters per quota check: `MailApp.getRemainingDailyQuota()` is asked before each batch. */
export const LETTER_BATCH = 20;
/** A mailing starts no batch after this long; the sidebar (or the menu, again) carries on. */
export const LETTERS_BUDGET_MS = 240_000;

/**
 * A mailing the quota or the time cut short, kept so that the next run goes on with it: a resend («send again»)
 * must not go twice to the schools that already got it today, so the schools that got this kind since `since` are done.
 */
const PendingSchema = z.object({
  kind: z.enum(LETTER_KINDS),
  resend: z.boolean(),
  schools: z.optional(z.array(z.string())),
  since: z.string(),
  /** The campaign it belongs to: a new campaign forgets it. */
  year: z.int(),
});
type Pending = z.infer<typeof PendingSchema>;
const PENDING = (kind: LetterKind): string => `letters.pending.${kind}`;

/** The mailing of this kind the quota or the time cut short in this campaign, or null. */
export function pendingMailing(year: number, kind: LetterKind): Pending | null {
  try {
    const parsed = PendingSchema.safeParse(JSON.parse(getSetting(PENDING(kind)) ?? 'null'));
    return parsed.success && parsed.data.year === year ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every unfinished mailing of this campaign, one per kind at most. */
export const pendingMailings = (year: number): Pending[] => LETTER_KINDS.flatMap((k) => pendingMailing(year, k) ?? []);

const stateOfLabel = (label: string): Lifecycle => LIFECYCLE_ORDER.find((s) => LIFECYCLE_LABELS[s] === label) ?? 'missing';

/** Each school's state as the last «Проверить данные» left it in the registry, with the findings of its own file. */
function factsOf(ctx: StepContext): Map<string, SchoolFacts> {
  const work = readWork(ctx.ss, null);
  return new Map(
    ctx.registry.map((r) => {
      const state = stateOfLabel(r.lifecycle);
      const facts: SchoolFacts = {
        state,
        messages: work.get(r.school.id)?.messages ?? [],
        returnReason: state === 'returned' ? (r.decision?.reason ?? null) : null,
      };
      return [r.school.id, facts];
    }),
  );
}

/** What MailApp sends: the school's registry addresses only; every header value is one line (the core made it so). */
function mailOf(letter: Letter): GoogleAppsScript.Mail.MailAdvancedParameters & { to: string; subject: string; body: string } {
  const link = letter.file?.link ?? null;
  // the school's file or document is linked, never attached: the school already has access to it
  const body = link !== null && !letter.body.includes(link) ? `${letter.body}\n\n${link}` : letter.body;
  const message: GoogleAppsScript.Mail.MailAdvancedParameters & { to: string; subject: string; body: string } = {
    to: letter.to.join(','),
    subject: letter.subject,
    body,
    name: letter.from.name,
  };
  if (letter.from.address !== null) message.replyTo = letter.from.address;
  return message;
}

export type MailingResult = Omit<LettersView, 'reminders'>;

/**
 * One mailing of one kind: the use case chooses the schools and composes each letter; this sends them in batches,
 * each after a look at the day's remaining quota, and records every batch in the delivery log at once. When the quota
 * runs out the rest waits for tomorrow — nothing recorded goes again — and the registry shows each school's last letter.
 */
export function sendLetters(ctx: StepContext, request: LetterRequest, budgetMs = LETTERS_BUDGET_MS): MailingResult {
  const started = Date.now();
  const { texts } = letterTexts(ctx.ss);
  const year = ctx.settings.campaign.year;
  const log = new SheetDeliveryLog(ctx.ss, year);
  const going = pendingMailing(year, request.kind);
  const asked: LetterRequest = going ? { kind: going.kind, resend: going.resend, ...(going.schools ? { schools: going.schools } : {}) } : request;
  const since = going?.since ?? ctx.clock.now().toISOString();
  const rows = new Map(ctx.registry.map((r) => [r.school.id, r]));
  const plan = planLetters(ctx.app, asked, {
    clock: ctx.clock,
    log,
    texts,
    file: (kind, school) => {
      const row = rows.get(school.id);
      if (kind === 'launch') return row?.fileUrl ? { name: schoolFileName(school.shortName, year), link: row.fileUrl } : null;
      if (kind === 'recommendations') return row?.docUrl ? { name: schoolDocumentTitle(school, year), link: row.docUrl } : null;
      return null;
    },
    facts: asked.kind === 'reminder' ? factsOf(ctx) : new Map(),
  });
  const done = (l: Letter): boolean => going !== null && log.deliveries().some((d) => d.schoolId === l.schoolId && d.kind === l.kind && d.at >= going.since);
  const letters = plan.letters.filter((l) => !done(l));
  const sent: Letter[] = [];
  let paused = false;
  let more = false;
  let failed: unknown = null;
  for (let i = 0; i < letters.length && !paused && failed === null; i += LETTER_BATCH) {
    if (Date.now() - started > budgetMs) {
      more = true;
      break;
    }
    let remaining = MailApp.getRemainingDailyQuota();
    const batch: Letter[] = [];
    for (const letter of letters.slice(i, i + LETTER_BATCH)) {
      if (letter.to.length > remaining) {
        paused = true;
        break;
      }
      try {
        MailApp.sendEmail(mailOf(letter));
      } catch (e) {
        if (troubleOf(e) === 'daily') paused = true;
        else failed = e;
        break;
      }
      remaining -= letter.to.length;
      batch.push(letter);
    }
    for (const l of batch) log.addresses.set(l.schoolId, l.to);
    recordDeliveries(log, ctx.clock, batch);
    sent.push(...batch);
  }
  if (paused || more || failed !== null)
    setSetting(
      PENDING(asked.kind),
      JSON.stringify({ kind: asked.kind, resend: asked.resend === true, ...(asked.schools ? { schools: asked.schools } : {}), since, year }),
    );
  else if (going) setSetting(PENDING(asked.kind), '');
  if (sent.length > 0) {
    const last = new Map(
      [...lastLetters(log.deliveries())].map(([id, d]) => {
        const at = new Date(d.at);
        return [id, { date: `${ctx.clock.date(at)} ${ctx.clock.stamp(at).slice(11, 16)}`, label: LETTER_LABELS[d.kind] }];
      }),
    );
    writeLastLetters(ctx.ss, ctx.registry, last);
  }
  if (failed !== null)
    throw new UserFacingError(
      `Рассылка прервана: ${errorText(failed)}. Отправлено ${sent.length} из ${letters.length}; ` +
        'повторите рассылку — отправленным школам письмо повторно не уйдёт.',
    );
  const left = letters.length - sent.length;
  return {
    kind: asked.kind,
    message: mailingMessage(asked.kind, sent.length, left, paused, more, plan.noAddress.length, plan.skipped.length),
    letters: sent.map((l): LetterLine => ({ schoolId: l.schoolId, name: l.schoolName, to: l.to, subject: l.subject })),
    noAddress: plan.noAddress,
    skipped: plan.skipped,
    paused,
    more,
    download: null,
  };
}

function mailingMessage(kind: LetterRequest['kind'], sent: number, left: number, paused: boolean, more: boolean, noAddress: number, skipped: number): string {
  const label = LETTER_LABELS[kind];
  const parts = [sent > 0 ? `Отправлено писем «${label}»: ${sent}.` : left > 0 ? `Письма «${label}» не отправлены.` : `Писем «${label}» к отправке нет.`];
  if (paused)
    parts.push(
      `Дневная квота Google на письма исчерпана; остальные ${left} уйдут завтра: повторите рассылку (или её продолжит ежедневное напоминание) — ` +
        'уже получившим письмо школам оно повторно не уйдёт.',
    );
  else if (more) parts.push(`Осталось ${left}; продолжаю…`);
  if (noAddress > 0) parts.push(`Без действительного адреса электронной почты: ${noAddress} — исправьте адреса на листе «Школы» (список ниже).`);
  if (skipped > 0) parts.push(`Не отправлено по правилам рассылки: ${skipped} (причины ниже).`);
  return parts.join(' ');
}
