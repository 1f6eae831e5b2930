// Doppler (`tokenCustody.endpoints.doppler`, default https://api.doppler.com).
// Revoke: `POST <root>/v3/auth/revoke` with body {"token": …} and the token as bearer.
// Check: `GET <root>/v3/me` (read-only: describes the token in use).

import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, joinUrl,
  redactedOf, send, target, unexpected, unexpectedCheck,
} from './http';
import type { CheckResult, EndpointTarget, IssuerClient, IssuerContext, RevokeResult } from './types';

const NAME = 'Doppler';

function dopplerTarget(ctx: IssuerContext, op: 'revoke' | 'check'): EndpointTarget {
  return op === 'revoke' ? target(joinUrl(ctx.endpoints.doppler, '/v3/auth/revoke'), 'POST') : target(joinUrl(ctx.endpoints.doppler, '/v3/me'), 'GET');
}

export const dopplerClient: IssuerClient = {
  id: 'doppler',
  displayName: 'Doppler',
  capability: 'doppler-auth-revoke',

  async endpointFor(op, _info, ctx) {
    return dopplerTarget(ctx, op);
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    let t: EndpointTarget;
    try {
      t = dopplerTarget(ctx, 'revoke');
    } catch (e) {
      return configFailure('doppler', e);
    }
    const mismatch = confirmedMismatch(info, t);
    if (mismatch) return { state: 'failed', issuer: 'doppler', endpointHost: t.host, detail: mismatch, retryable: false };
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, {
      url: t.url,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ token }),
    }, token);
    const common = commonRevokeFailure('doppler', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configFailure('doppler', new Error('unreachable'));
    const base = { issuer: 'doppler', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 200 || outcome.status === 204) {
      const success = (outcome.json as { success?: unknown } | undefined)?.success;
      if (success === false) return unexpected('doppler', outcome, NAME);
      return { ...base, state: 'revoked', detail: `Doppler revoked ${redacted}.` };
    }
    if (outcome.status === 401 || outcome.status === 403) {
      return { ...base, state: 'already-revoked', detail: `Doppler no longer accepts ${redacted} (already revoked, expired or never valid).` };
    }
    return unexpected('doppler', outcome, NAME);
  },

  async check(token, ctx, info): Promise<CheckResult> {
    let t: EndpointTarget;
    try {
      t = dopplerTarget(ctx, 'check');
    } catch (e) {
      return configCheckFailure('doppler', e);
    }
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, { url: t.url, method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, token);
    const common = commonCheckFailure('doppler', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configCheckFailure('doppler', new Error('unreachable'));
    const base = { issuer: 'doppler', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 200) {
      const j = (outcome.json ?? {}) as { name?: unknown; type?: unknown; workplace?: { name?: unknown } };
      const login = typeof j.name === 'string' ? j.name : undefined;
      const wp = typeof j.workplace?.name === 'string' ? j.workplace.name : undefined;
      return { ...base, state: 'live', login, detail: `${redacted} is live${login ? ` (${login}${wp ? `, workplace ${wp}` : ''})` : ''}.` };
    }
    if (outcome.status === 401 || outcome.status === 403) return { ...base, state: 'invalid', detail: `Doppler does not accept ${redacted} (revoked, expired or never valid).` };
    return unexpectedCheck('doppler', outcome, NAME);
  },
};
