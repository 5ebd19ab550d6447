import { type Reply, failure } from '../../app/errors';
import type { SelfCheck } from '../../app/rpc';
import { selfTest, selfTestText } from '../self-test';

export function runSelfTest(): Reply<{ message: string; checks: SelfCheck[] }> {
  try {
    const checks = selfTest();
    return { ok: true, message: selfTestText(checks).split('\n')[0] ?? '', checks };
  } catch (e) {
    return failure(e);
  }
}
