import { BUSY_MESSAGE, UserFacingError } from '../core/errors';

export { BUSY_MESSAGE, UserFacingError };

/** What an RPC answers on failure: the user's mistake as it was said, anything else as an internal failure. */
export type Failure = { ok: false; message: string };
export type Reply<T extends object = object> = ({ ok: true } & T) | Failure;

export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

export function failure(e: unknown): Failure {
  return { ok: false, message: e instanceof UserFacingError ? e.message : `Ошибка: ${errorText(e)}` };
}
