// When a revoke or check may be sent again after a failure (the issuer's Retry-After decides).

import type { CheckOutcome, RevokeOutcome } from '../issuers/types';

export type RetryPlan =
  | { kind: 'now' }
  /** Wait this long (progress, cancellable), then send. */
  | { kind: 'wait'; ms: number }
  /** The issuer asked for a long pause: tell the user when, do not hold a request open. */
  | { kind: 'later'; at: number };

/**
 * When a retry may be sent after a failure at `failedAt` (ms): at once, after the rest of the
 * `Retry-After` delay when that is short (≤ `maxWaitMs`), or not before `at`.
 */
export function retryPlan(r: Pick<RevokeOutcome | CheckOutcome, 'retryAfterSeconds'>, failedAt: number, now: number, maxWaitMs = 60_000): RetryPlan {
  if (r.retryAfterSeconds === undefined || r.retryAfterSeconds <= 0) return { kind: 'now' };
  const at = failedAt + r.retryAfterSeconds * 1000;
  const ms = at - now;
  if (ms <= 0) return { kind: 'now' };
  if (ms <= maxWaitMs) return { kind: 'wait', ms };
  return { kind: 'later', at };
}
