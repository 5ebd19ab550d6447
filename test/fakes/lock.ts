/**
 * LockService. A lock is held by an execution (FakeWorkspace.beginExecution/installGlobals)
 * until releaseLock() or the end of that execution (ws.endExecution). Nothing runs
 * concurrently in the fake, so waiting for a lock held by another execution just lets the fake
 * clock run for the whole timeout and then gives up: tryLock → false, waitLock → throws.
 */
import { track, type Env } from './runtime';

export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

export class FakeLockService {
  constructor(private readonly env: Env) {}
  getScriptLock(): FakeLock {
    return track(this.env, 'Lock', new FakeLock(this.env, 'script'));
  }
  getUserLock(): FakeLock {
    return track(this.env, 'Lock', new FakeLock(this.env, `user:${this.env.ws.currentUser}`));
  }
  /** null outside a container document (no host spreadsheet). */
  getDocumentLock(): FakeLock | null {
    const id = this.env.ws.hostId;
    return id === null ? null : track(this.env, 'Lock', new FakeLock(this.env, `document:${id}`));
  }
}

export class FakeLock {
  constructor(
    private readonly env: Env,
    private readonly key: string,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    const { ws, exec } = this.env;
    const holder = ws.locks.get(this.key);
    if (holder === undefined || holder === exec.id) {
      ws.locks.set(this.key, exec.id);
      return true;
    }
    ws.advance(Math.max(0, Number(timeoutInMillis) || 0));
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw this.env.ws.error(LOCK_TIMEOUT);
  }
  releaseLock(): void {
    if (this.env.ws.locks.get(this.key) === this.env.exec.id) this.env.ws.locks.delete(this.key);
  }
  hasLock(): boolean {
    return this.env.ws.locks.get(this.key) === this.env.exec.id;
  }
}
