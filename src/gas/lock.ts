import { BUSY_MESSAGE, type Reply, failure } from '../app/errors';

/**
 * A short action under the document lock: a second one (another tab, a colleague, a running step) is refused
 * with the one busy message; a user's mistake comes back as it was said, anything else as an internal failure.
 */
export function underDocumentLock<T extends object>(action: () => Reply<T>): Reply<T> {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(3000)) return { ok: false, message: BUSY_MESSAGE };
  try {
    return action();
  } catch (e) {
    return failure(e);
  } finally {
    lock.releaseLock();
  }
}
