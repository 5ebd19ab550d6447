/**
 * MailApp (https://developers.google.com/apps-script/reference/mail/mail-app): `sendEmail` in its message-object
 * form and `(recipient, subject, body[, options])`, `getRemainingDailyQuota`. Both need `script.send_mail`
 * (scopes/authorization.json). What is sent is recorded in `ws.sentMails` for tests; nothing leaves the process.
 *
 * Quota: «Email recipients per day» — 100 for consumer accounts, 1,500 for Google Workspace accounts
 * (https://developers.google.com/apps-script/guides/services/quotas); every address in to, cc and bcc counts.
 * The default is the consumer figure (`quotaLimits.emailRecipients`); a Workspace test sets 1,500. Over it,
 * «Service invoked too many times for one day: email.» (the text scripts report, e.g. in public quota helpers).
 * «Email recipients per message»: 50 (consumer) on the same page — over it the fake throws (text a guess).
 *
 * Strict where the reference is silent: an unknown option (`from` is GmailApp's, not MailApp's), a line break in
 * a subject, sender name or reply-to, or an address that is not one address throws a fake error, so that the
 * add-on cannot rely on Google cleaning up what it sends.
 */
import type { Env } from './runtime';
import { track } from './runtime';

export interface SentMail {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly name: string | null;
  readonly replyTo: string | null;
  readonly attachments: number;
  readonly from: string;
  readonly at: number;
}

const OPTIONS = new Set(['to', 'cc', 'bcc', 'subject', 'body', 'htmlBody', 'name', 'replyTo', 'attachments', 'inlineImages', 'noReply']);
export const RECIPIENTS_PER_MESSAGE = 50;
const ADDRESS = /^[^\s@,;<>"()[\]\\]+@[^\s@,;<>"()[\]\\]+\.[^\s@,;<>"()[\]\\]+$/;

export class FakeMailApp {
  constructor(private readonly env: Env) {}

  getRemainingDailyQuota(): number {
    const ws = this.env.ws;
    return Math.max(0, ws.quotaLimits.emailRecipients - ws.quotaUsed.emailRecipients);
  }

  sendEmail(...args: unknown[]): void {
    const message = messageOf(args);
    const ws = this.env.ws;
    for (const key of Object.keys(message))
      if (!OPTIONS.has(key)) throw ws.error(`Fake MailApp: unknown option '${key}' (MailApp.sendEmail has no such parameter)`);
    const text = (key: string, required: boolean): string | null => {
      const v = message[key];
      if (v === undefined || v === null) {
        if (required) throw ws.error(`Invalid argument: ${key}`);
        return null;
      }
      if (typeof v !== 'string') throw ws.error(`Invalid argument: ${key}`);
      return v;
    };
    const to = addresses(this.env, text('to', true) ?? '');
    const cc = addresses(this.env, text('cc', false) ?? '');
    const bcc = addresses(this.env, text('bcc', false) ?? '');
    if (to.length === 0) throw ws.error('Failed to send email: no recipient');
    const subject = text('subject', true) ?? '';
    const body = text('body', message['htmlBody'] === undefined) ?? '';
    const name = text('name', false);
    const replyTo = text('replyTo', false);
    for (const [key, v] of [['subject', subject] as const, ['name', name] as const, ['replyTo', replyTo] as const])
      if (v !== null && /[\r\n]/.test(v)) throw ws.error(`Fake MailApp: a line break in '${key}' is not modelled (header injection?)`);
    if (replyTo !== null && !ADDRESS.test(replyTo)) throw ws.error(`Invalid email: ${replyTo}`);
    const attachments = message['attachments'];
    if (attachments !== undefined && !Array.isArray(attachments)) throw ws.error('Invalid argument: attachments');
    const count = to.length + cc.length + bcc.length;
    if (count > RECIPIENTS_PER_MESSAGE) throw ws.error('Limit Exceeded: Email Recipients Per Message.');
    if (ws.quotaUsed.emailRecipients + count > ws.quotaLimits.emailRecipients) throw ws.error('Service invoked too many times for one day: email.');
    ws.quotaUsed.emailRecipients += count;
    ws.sentMails.push({
      to,
      cc,
      bcc,
      subject,
      body,
      name,
      replyTo,
      attachments: Array.isArray(attachments) ? attachments.length : 0,
      from: ws.currentUser,
      at: ws.nowMs(),
    });
  }
}

function messageOf(args: unknown[]): Record<string, unknown> {
  if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) return { ...(args[0] as Record<string, unknown>) };
  if (args.length === 3 || args.length === 4) {
    const [to, subject, body, options] = args;
    const extra = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
    return { ...extra, to, subject, body };
  }
  throw new TypeError(`Fake MailApp: sendEmail(${args.length} arguments) is not modelled`);
}

/** A comma-separated address list: each must be one plain address (no display names, no line breaks). */
function addresses(env: Env, list: string): string[] {
  if (/[\r\n]/.test(list)) throw env.ws.error(`Invalid email: ${list}`);
  const out = list
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  for (const a of out) if (!ADDRESS.test(a)) throw env.ws.error(`Invalid email: ${a}`);
  return out;
}

export const makeMailApp = (env: Env): FakeMailApp => track(env, 'MailApp', new FakeMailApp(env));
