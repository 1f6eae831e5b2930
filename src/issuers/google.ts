// Google OAuth 2.0 tokens (access and refresh). Revoke: `POST https://oauth2.googleapis.com/revoke`
// with the form field `token` (200; 400 {"error":"invalid_token"} when Google no longer knows it).
// Check: the tokeninfo endpoint, called with POST and the access token as bearer (as
// google-auth-library does), so the token never sits in a URL.

import { apiRoot } from './endpoints';
import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, formBody, joinUrl,
  redactedOf, send, serverMessage, splitScopes, target, unexpected, unexpectedCheck,
} from './http';
import type { CheckResult, EndpointTarget, IssuerClient, IssuerContext, RevokeResult } from './types';

const NAME = 'Google';

function googleTarget(ctx: IssuerContext, op: 'revoke' | 'check'): EndpointTarget {
  const root = apiRoot(ctx.endpoints, 'google');
  return target(joinUrl(root, op === 'revoke' ? '/revoke' : '/tokeninfo'), 'POST');
}

export const googleClient: IssuerClient = {
  id: 'google',
  displayName: 'Google',
  capability: 'google-oauth-revoke',

  async endpointFor(op, info, ctx) {
    if (op === 'check' && info.kind === 'oauth-refresh-token') return undefined;
    return googleTarget(ctx, op);
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    let t: EndpointTarget;
    try {
      t = googleTarget(ctx, 'revoke');
    } catch (e) {
      return configFailure('google', e);
    }
    const mismatch = confirmedMismatch(info, t);
    if (mismatch) return { state: 'failed', issuer: 'google', endpointHost: t.host, detail: mismatch, retryable: false };
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, {
      url: t.url,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({ token }),
    }, token);
    const common = commonRevokeFailure('google', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configFailure('google', new Error('unreachable'));
    const base = { issuer: 'google', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 200) {
      return { ...base, state: 'revoked', detail: `Google revoked ${redacted}${info.kind === 'oauth-access-token' ? ' (and the grant it belongs to)' : ''}.` };
    }
    if (outcome.status === 400) {
      const err = (outcome.json as { error?: unknown } | undefined)?.error;
      if (err === 'invalid_token' || err === 'invalid_request') {
        return { ...base, state: 'already-revoked', detail: `Google no longer accepts ${redacted} (${serverMessage(outcome) || err}): already revoked or expired.` };
      }
    }
    return unexpected('google', outcome, NAME);
  },

  async check(token, ctx, info): Promise<CheckResult> {
    if (info.kind === 'oauth-refresh-token') {
      return { state: 'unknown', issuer: 'google', detail: 'Google has no read-only check for refresh tokens; nothing was sent.', retryable: false };
    }
    let t: EndpointTarget;
    try {
      t = googleTarget(ctx, 'check');
    } catch (e) {
      return configCheckFailure('google', e);
    }
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, {
      url: t.url,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    }, token);
    const common = commonCheckFailure('google', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configCheckFailure('google', new Error('unreachable'));
    const base = { issuer: 'google', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 200) {
      const j = (outcome.json ?? {}) as { email?: unknown; scope?: unknown; exp?: unknown; azp?: unknown };
      const login = typeof j.email === 'string' ? j.email : undefined;
      const scopes = typeof j.scope === 'string' ? splitScopes(j.scope, /\s+/) : undefined;
      const exp = Number(j.exp);
      const expiresAt = Number.isFinite(exp) && exp > 0 ? new Date(exp * 1000).toISOString() : undefined;
      return { ...base, state: 'live', login, scopes, expiresAt, detail: `${redacted} is live${login ? ` (${login})` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.` };
    }
    if (outcome.status === 400 || outcome.status === 401) return { ...base, state: 'invalid', detail: `Google does not accept ${redacted} (revoked, expired or never valid).` };
    return unexpectedCheck('google', outcome, NAME);
  },
};
