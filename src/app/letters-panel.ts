import * as z from 'zod/mini';
import type { Selection } from '../core/letters/delivery';
import { LETTER_KINDS, type LetterKind } from '../core/letters/kinds';
import type { NoAddress } from './letters';
import { LetterRequestSchema } from './letters';

/**
 * The panel's «Письма школам» call (issue 19), one payload for both servers. Google sends through MailApp and keeps
 * the delivery log in the department's spreadsheet; the local server writes .eml drafts to download and records them
 * when the department marks them sent. The daily reminder trigger exists in Google only.
 */
export const LettersCallSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('state') }),
  z.extend(LetterRequestSchema, { action: z.literal('send') }),
  z.object({
    action: z.literal('markSent'),
    kind: z.enum(LETTER_KINDS, 'вид письма: launch, reminder или recommendations'),
    schools: z.optional(z.array(z.string().check(z.maxLength(100, 'слишком длинный код ОО'))).check(z.maxLength(5000, 'не больше 5000 школ'))),
  }),
  z.object({ action: z.literal('reminders'), on: z.boolean() }),
]);
export type LettersCall = z.input<typeof LettersCallSchema>;

/** One letter sent (Google) or drafted (offline). */
export interface LetterLine {
  schoolId: string;
  name: string;
  to: string[];
  subject: string;
}

export interface LettersView {
  message: string;
  /** Google: the daily reminder trigger; null offline, where the tool sends no mail. */
  reminders: { on: boolean; hour: number } | null;
  /** What this call sent (Google) or drafted (offline); empty for «state». */
  letters: LetterLine[];
  /** Schools the letter is due to that have no valid e-mail: listed, never skipped silently. */
  noAddress: NoAddress[];
  skipped: Selection['skipped'];
  /** Google: the daily mail quota ran out; the rest goes the next day, nothing twice. */
  paused: boolean;
  /** Google: the execution's time ran out before the last batch; the same call again goes on. */
  more: boolean;
  /** Offline: the drafts of this kind as one zip (absolute URL on the local server). */
  download: { label: string; url: string } | null;
  /** The kind this reply is about (null for «state»). */
  kind: LetterKind | null;
}

/** A reply that sent nothing yet: each server fills in what it did. */
export const emptyLettersView = (message: string, reminders: LettersView['reminders'] = null): LettersView => ({
  message,
  reminders,
  letters: [],
  noAddress: [],
  skipped: [],
  paused: false,
  more: false,
  download: null,
  kind: null,
});
