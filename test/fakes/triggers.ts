/**
 * Installable time-driven triggers (ScriptApp.newTrigger(fn).timeBased().everyDays(n).atHour(h).create(),
 * getProjectTriggers, deleteTrigger; Trigger.getHandlerFunction / getUniqueId). `newTrigger`, `getProjectTriggers`,
 * `deleteTrigger`, `TriggerBuilder.timeBased` and the Trigger getters need `script.scriptapp`
 * (scopes/authorization.json); the clock builder's own methods need none.
 *
 * Limits: 20 triggers per user per script (https://developers.google.com/apps-script/guides/services/quotas,
 * «Triggers»); an add-on may have one time-driven trigger per user per document, run at most hourly
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions). Error texts are guesses.
 * The fake never fires a trigger by itself: a test runs the handler (`ws.triggers` says which and when).
 */
import type { Env } from './runtime';
import { track } from './runtime';

export interface TriggerRecord {
  readonly id: string;
  readonly handler: string;
  readonly user: string;
  /** The spreadsheet the add-on was open in when the trigger was made (per-document rule). */
  readonly document: string | null;
  readonly everyDays: number;
  readonly atHour: number | null;
}

export const TRIGGERS_PER_USER = 20;

export class FakeTrigger {
  constructor(readonly record: TriggerRecord) {}
  getHandlerFunction(): string {
    return this.record.handler;
  }
  getUniqueId(): string {
    return this.record.id;
  }
}

export class FakeClockTriggerBuilder {
  private days: number | null = null;
  private hour: number | null = null;
  constructor(
    private readonly env: Env,
    private readonly handler: string,
  ) {}
  everyDays(n: number): FakeClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) throw this.env.ws.error(`Invalid argument: ${n}`);
    this.days = n;
    return this;
  }
  atHour(h: number): FakeClockTriggerBuilder {
    if (!Number.isInteger(h) || h < 0 || h > 23) throw this.env.ws.error(`Invalid argument: ${h}`);
    this.hour = h;
    return this;
  }
  create(): FakeTrigger {
    const ws = this.env.ws;
    if (this.days === null) throw ws.error('Fake ScriptApp: only everyDays(n)[.atHour(h)] clock triggers are modelled');
    const mine = ws.triggers.filter((t) => t.user === ws.currentUser);
    if (mine.length >= TRIGGERS_PER_USER)
      throw ws.error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    if (mine.some((t) => t.document === ws.hostId)) throw ws.error('Fake ScriptApp: an add-on may have only one time-driven trigger per user per document.');
    const record: TriggerRecord = {
      id: String(1000000 + ws.next('trigger')),
      handler: this.handler,
      user: ws.currentUser,
      document: ws.hostId,
      everyDays: this.days,
      atHour: this.hour,
    };
    ws.triggers.push(record);
    return track(this.env, 'Trigger', new FakeTrigger(record));
  }
}

export class FakeTriggerBuilder {
  constructor(
    private readonly env: Env,
    private readonly handler: string,
  ) {}
  timeBased(): FakeClockTriggerBuilder {
    return track(this.env, 'ClockTriggerBuilder', new FakeClockTriggerBuilder(this.env, this.handler));
  }
}

export function newTrigger(env: Env, handler: unknown): FakeTriggerBuilder {
  if (typeof handler !== 'string' || handler.trim() === '') throw env.ws.error(`Invalid argument: ${String(handler)}`);
  return track(env, 'TriggerBuilder', new FakeTriggerBuilder(env, handler));
}

/** The current user's triggers of this project (ScriptApp.getProjectTriggers). */
export function projectTriggers(env: Env): FakeTrigger[] {
  const ws = env.ws;
  return ws.array(ws.triggers.filter((t) => t.user === ws.currentUser).map((t) => track(env, 'Trigger', new FakeTrigger(t))));
}

export function deleteTrigger(env: Env, trigger: unknown): void {
  const ws = env.ws;
  const id = trigger instanceof FakeTrigger ? trigger.record.id : typeof trigger === 'object' && trigger !== null ? idOf(trigger) : null;
  const at = ws.triggers.findIndex((t) => t.id === id && t.user === ws.currentUser);
  if (at < 0) throw ws.error('Invalid argument: trigger');
  ws.triggers.splice(at, 1);
}

function idOf(trigger: object): string | null {
  const get: unknown = Reflect.get(trigger, 'getUniqueId');
  if (typeof get !== 'function') return null;
  const id: unknown = get.call(trigger);
  return typeof id === 'string' ? id : null;
}
