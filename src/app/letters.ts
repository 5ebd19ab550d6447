import * as z from 'zod/mini';
import type { School } from '../core/campaign/schema';
import { recipients } from '../core/letters/address';
import { type Letter, type LetterSchool, composeLetter } from '../core/letters/compose';
import { type Candidate, type Delivery, type Selection, selectSchools } from '../core/letters/delivery';
import { DEFAULT_REMINDER_DAYS, LETTER_KINDS, type LetterKind } from '../core/letters/kinds';
import { type LetterTexts, formatTextProblem, textsProblems } from '../core/letters/texts';
import type { SchoolOutcome } from '../core/submission/collect';
import { type Decision, type Lifecycle, lifecycleOf } from '../core/submission/lifecycle';
import type { Message } from '../core/submission/messages';
import type { CampaignContext } from './campaign';
import { UserFacingError } from './errors';
import type { Clock, DeliveryLog } from './ports';

/** What the department asks for: one kind of letter, to every school it is due to or to the named ones. */
export const LetterRequestSchema = z.object({
  kind: z.enum(LETTER_KINDS, 'вид письма: launch, reminder или recommendations'),
  resend: z.optional(z.boolean()),
  schools: z.optional(z.array(z.string())),
});
export type LetterRequest = z.infer<typeof LetterRequestSchema>;

/** What a reminder needs to know of a school: its lifecycle and the findings of its own file. */
export interface SchoolFacts {
  state: Lifecycle;
  messages: Message[];
  returnReason: string | null;
}

export function schoolFacts(outcome: SchoolOutcome, decision: Decision | null, changedAt: string | null): SchoolFacts {
  const state = lifecycleOf(outcome, decision, changedAt);
  return { state, messages: outcome.messages, returnReason: state === 'returned' ? (decision?.reason ?? null) : null };
}

/** What the front end provides: its clock, the delivery log, the department's texts, the schools' files and states. */
export interface LetterSources {
  clock: Clock;
  log: DeliveryLog;
  texts: LetterTexts;
  /** The file the letter carries (launch: the school's workbook; recommendations: its document), or null when there is none. */
  file(kind: LetterKind, school: School): { name: string; link: string | null } | null;
  /** Each school's facts by id; reminders need them (a school without facts is not reminded). */
  facts: ReadonlyMap<string, SchoolFacts>;
}

/** A school the letter is due to but cannot go to: no valid e-mail in the registry. Shown to the department, never dropped. */
export interface NoAddress {
  schoolId: string;
  name: string;
  reason: string;
}

export interface LetterPlan {
  kind: LetterKind;
  letters: Letter[];
  noAddress: NoAddress[];
  skipped: Selection['skipped'];
}

/** Why a school has no address to write to, or null when it has one. */
export function addressProblem(school: School): string | null {
  const r = recipients(school.emails);
  if (r.to.length > 0) return null;
  if (r.refused.length === 0) return 'в реестре нет адреса электронной почты';
  return `адрес не принят: ${r.refused.map((x) => `«${x.address}» — ${x.reason}`).join('; ')}`;
}

/** Every school of the registry without a valid e-mail (the «без адреса» list of `msoko status` and the panel). */
export function schoolsWithoutAddress(schools: readonly School[]): NoAddress[] {
  return schools.flatMap((s) => {
    const reason = addressProblem(s);
    return reason === null ? [] : [{ schoolId: s.id, name: s.shortName, reason }];
  });
}

/**
 * The letters of one kind, one per school it is due to, each to that school's own registry addresses and with that
 * school's data only. Nothing is sent or recorded here: the front end sends (Google) or writes drafts (offline), then
 * records what went out with `recordDeliveries`.
 */
export function planLetters(ctx: CampaignContext, raw: unknown, src: LetterSources): LetterPlan {
  const parsed = LetterRequestSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(`Письма: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const request = parsed.data;
  const schools = chosenSchools(ctx.schools, request.schools);
  const problems = textsProblems(src.texts);
  if (problems.length > 0) throw new UserFacingError(`Тексты писем не приняты:\n  ${problems.map(formatTextProblem).join('\n  ')}`);
  const kind = request.kind;
  const candidates: Candidate[] = schools.map((school) => ({
    school,
    state: src.facts.get(school.id)?.state ?? null,
    hasFile: kind === 'reminder' || src.file(kind, school) !== null,
  }));
  const now = src.clock.now();
  const selection = selectSchools(candidates, src.log.deliveries(), {
    kind,
    resend: request.resend === true,
    now,
    reminderDays: ctx.campaign.reminderDays ?? DEFAULT_REMINDER_DAYS,
  });
  const common = { campaign: ctx.campaign, catalogTitle: ctx.catalog.title, texts: src.texts, today: src.clock.date(now) };
  const letters: Letter[] = [];
  const noAddress: NoAddress[] = [];
  for (const { school, state } of selection.chosen) {
    const reason = addressProblem(school);
    if (reason !== null) {
      noAddress.push({ schoolId: school.id, name: school.shortName, reason });
      continue;
    }
    const facts = src.facts.get(school.id);
    const one: LetterSchool = {
      school,
      to: recipients(school.emails).to,
      state,
      messages: kind === 'reminder' ? (facts?.messages ?? []) : [],
      returnReason: kind === 'reminder' ? (facts?.returnReason ?? null) : null,
      file: kind === 'reminder' ? null : src.file(kind, school),
    };
    letters.push(composeLetter(kind, common, one));
  }
  return { kind, letters, noAddress, skipped: selection.skipped };
}

/** The registry's schools named by code (all when none is named); an unknown code is a Russian error. */
function chosenSchools(schools: readonly School[], ids: string[] | undefined): School[] {
  if (!ids || ids.length === 0) return [...schools];
  const unknown = ids.filter((id) => !schools.some((s) => s.id === id));
  if (unknown.length > 0) throw new UserFacingError(`В реестре нет ОО с кодом ${unknown.map((id) => `«${id}»`).join(', ')}`);
  return schools.filter((s) => ids.includes(s.id));
}

/** Records the letters that went out, now; returns the records. */
export function recordDeliveries(log: DeliveryLog, clock: Clock, sent: readonly Pick<Letter, 'schoolId' | 'kind' | 'subject'>[]): Delivery[] {
  const at = clock.now().toISOString();
  const entries = sent.map((l) => ({ schoolId: l.schoolId, kind: l.kind, at, subject: l.subject }));
  if (entries.length > 0) log.record(entries);
  return entries;
}
