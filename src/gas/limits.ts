import { UserFacingError, errorText } from '../app/errors';

/**
 * Google's limits as the add-on meets them. A daily quota (files created, invitations sent) pauses a step until
 * tomorrow; a per-minute limit (Sheets and Docs APIs: 60 requests a minute per user) is waited out with backoff
 * while the execution has time; a disabled API is the department's setting to change, said in Russian.
 */
export type Trouble = 'daily' | 'rate' | 'disabled';

const DAILY = /too many times for one day|Service invoked too many times|per day|dailyLimitExceeded|sharing quota|sharingRateLimitExceeded/i;
const RATE = /per minute|Rate Limit Exceeded|rateLimitExceeded|RATE_LIMIT|Too Many Requests|\b429\b|User-rate limit/i;
const DISABLED = /has not been used in project|it is disabled|has not been enabled|accessNotConfigured|SERVICE_DISABLED/i;

export function troubleOf(e: unknown): Trouble | null {
  const text = errorText(e);
  if (DISABLED.test(text)) return 'disabled';
  if (RATE.test(text)) return 'rate';
  if (DAILY.test(text)) return 'daily';
  return null;
}

const API_NAMES: [RegExp, string][] = [
  [/sheets/i, 'Google Sheets API'],
  [/docs\.googleapis|docs\.documents/i, 'Google Docs API'],
  [/drive/i, 'Google Drive API'],
];

/** The Russian message for a disabled API: which one, and where to switch it on. */
export function disabledApiMessage(e: unknown): string {
  const text = errorText(e);
  const name = API_NAMES.find(([re]) => re.test(text))?.[1] ?? 'нужный API Google';
  return (
    `В проекте Google Cloud надстройки выключен ${name}. Включите его: консоль Google Cloud → «API и сервисы» → ` +
    `«Библиотека» → ${name} → «Включить» (для проекта из редактора Apps Script — «Сервисы» → ${name}), ` +
    'подождите несколько минут и повторите шаг.'
  );
}

/** Thrown when a per-minute limit outlasts the time this execution has left: the step resumes in the next chunk. */
export class RateLimited extends Error {
  override readonly name = 'RateLimited';
}

/** Apps Script kills an execution at 6 minutes, skipping `finally`: every chunk keeps a reserve. */
export const EXECUTION_LIMIT_MS = 360_000;
let deadline: number | null = null;

/** The time by which this execution must have saved its work (set by the step runner; a short action gets 4 minutes). */
export function setDeadline(at: number): void {
  deadline = at;
}

export function remainingMs(): number {
  deadline ??= Date.now() + 240_000;
  return deadline - Date.now();
}

export const BACKOFF_MS = [4_000, 8_000, 16_000, 32_000, 60_000];

/**
 * A Google call, retried with backoff while a per-minute limit answers and the deadline allows the wait; then
 * RateLimited. A disabled API becomes a UserFacingError; anything else is thrown as it is.
 */
export function withBackoff<T>(call: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return call();
    } catch (e) {
      const trouble = troubleOf(e);
      if (trouble === 'disabled') throw new UserFacingError(disabledApiMessage(e));
      if (trouble !== 'rate') throw e;
      const wait = BACKOFF_MS[attempt];
      if (wait === undefined || remainingMs() < wait + 30_000) throw new RateLimited(errorText(e));
      Utilities.sleep(wait);
    }
  }
}

/** The Docs API allows 60 write requests a minute per user. */
export const DOCS_WRITES_PER_MINUTE = 60;
const recent = new Map<string, number[]>();

/**
 * Keeps this execution under `perMinute` calls of a kind: before a call that would be the next over the limit in the
 * last minute, waits until the oldest is a minute old (or ends the chunk if the deadline does not allow it).
 */
export function pace(kind: string, perMinute: number): void {
  const now = Date.now();
  const times = (recent.get(kind) ?? []).filter((t) => t > now - 60_000);
  if (times.length >= perMinute) {
    const wait = (times[0] ?? now) + 60_000 - now;
    if (remainingMs() < wait + 30_000) throw new RateLimited(`${kind}: ${perMinute} в минуту`);
    Utilities.sleep(wait);
  }
  times.push(Date.now());
  recent.set(kind, times);
}

/** The calls `pace` counted in the last minute, kept with the step's job so that the next chunk goes on counting. */
export function paceState(): Record<string, number[]> {
  const now = Date.now();
  return Object.fromEntries([...recent].map(([kind, times]) => [kind, times.filter((t) => t > now - 60_000)]));
}

export function restorePace(state: Record<string, number[]> | undefined): void {
  recent.clear();
  for (const [kind, times] of Object.entries(state ?? {})) recent.set(kind, [...times]);
}
