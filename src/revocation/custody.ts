// Issuer answers → custody log details (the log keeps results, hosts and statuses, never the token).

import type { CheckedDetail, CheckResult, RevokedDetail, RevokeResult } from '../custody/log';
import type { CheckOutcome, RevokeOutcome, RevokeState } from '../issuers/types';

export function logRevokeResult(state: RevokeState): RevokeResult {
  switch (state) {
    case 'revoked': return 'revoked';
    case 'already-revoked': return 'already-invalid';
    case 'manual': return 'manual';
    case 'failed': return 'failed';
  }
}

export function revokedDetail(r: RevokeOutcome): RevokedDetail {
  const d: RevokedDetail = { result: logRevokeResult(r.state) };
  if (r.endpointHost) d.endpointHost = r.endpointHost;
  if (r.httpStatus !== undefined) d.status = r.httpStatus;
  if (r.detail) d.message = r.detail;
  return d;
}

/** `unknown` answers that trying again can fix are `unknown`; the others (config, TLS, unexpected status) are `error`. */
export function logCheckResult(r: Pick<CheckOutcome, 'state' | 'retryable'>): CheckResult {
  if (r.state === 'live') return 'live';
  if (r.state === 'revoked' || r.state === 'invalid') return 'not-live';
  return r.retryable === false ? 'error' : 'unknown';
}

export function checkedDetail(r: CheckOutcome): CheckedDetail {
  const d: CheckedDetail = { result: logCheckResult(r) };
  if (r.endpointHost) d.endpointHost = r.endpointHost;
  if (r.expiresAt) d.expiresAt = r.expiresAt;
  if (r.scopes) d.scopes = [...r.scopes];
  if (r.detail) d.message = r.detail;
  return d;
}
