// Slack Web API (`tokenCustody.endpoints.slack`, default https://slack.com/api).
// Revoke: `POST <root>/auth.revoke`; check: `POST <root>/auth.test`; the token goes in the
// Authorization header. Slack answers HTTP 200 with {"ok":false,"error":"invalid_auth"|…} on failure.

import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, joinUrl,
  redactedOf, send, splitScopes, target, unexpected, unexpectedCheck,
} from './http';
import type { CheckResult, EndpointTarget, IssuerClient, IssuerContext, RevokeResult } from './types';

const NAME = 'Slack';
/** Errors meaning the token no longer authenticates. */
const DEAD = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'token_expired']);

function methodTarget(ctx: IssuerContext, method: 'auth.revoke' | 'auth.test'): EndpointTarget {
  return target(joinUrl(ctx.endpoints.slack, `/${method}`), 'POST');
}

interface SlackAnswer { ok?: unknown; error?: unknown; revoked?: unknown; user?: unknown; team?: unknown; url?: unknown }

function call(ctx: IssuerContext, t: EndpointTarget, token: string) {
  return send(ctx, {
    url: t.url,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  }, token);
}

export const slackClient: IssuerClient = {
  id: 'slack',
  displayName: 'Slack',
  capability: 'slack-auth-revoke',

  async endpointFor(op, _info, ctx) {
    return methodTarget(ctx, op === 'revoke' ? 'auth.revoke' : 'auth.test');
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    let t: EndpointTarget;
    try {
      t = methodTarget(ctx, 'auth.revoke');
    } catch (e) {
      return configFailure('slack', e);
    }
    const mismatch = confirmedMismatch(info, t);
    if (mismatch) return { state: 'failed', issuer: 'slack', endpointHost: t.host, detail: mismatch, retryable: false };
    const redacted = redactedOf(token, info);
    const outcome = await call(ctx, t, token);
    const common = commonRevokeFailure('slack', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configFailure('slack', new Error('unreachable'));
    if (outcome.status !== 200 || typeof outcome.json !== 'object' || outcome.json === null) return unexpected('slack', outcome, NAME);
    const j = outcome.json as SlackAnswer;
    const base = { issuer: 'slack', endpointHost: outcome.host, httpStatus: 200 };
    if (j.ok === true && j.revoked !== false) return { ...base, state: 'revoked', detail: `Slack revoked ${redacted}.` };
    if (j.ok === true) return { ...base, state: 'failed', retryable: false, detail: `Slack answered ok but did not revoke ${redacted} (test mode?).` };
    const err = typeof j.error === 'string' ? j.error : 'unknown_error';
    if (DEAD.has(err)) return { ...base, state: 'already-revoked', detail: `Slack no longer accepts ${redacted} (${err}).` };
    return { ...base, state: 'failed', retryable: false, detail: `Slack refused to revoke ${redacted} (${err}).` };
  },

  async check(token, ctx, info): Promise<CheckResult> {
    let t: EndpointTarget;
    try {
      t = methodTarget(ctx, 'auth.test');
    } catch (e) {
      return configCheckFailure('slack', e);
    }
    const redacted = redactedOf(token, info);
    const outcome = await call(ctx, t, token);
    const common = commonCheckFailure('slack', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configCheckFailure('slack', new Error('unreachable'));
    if (outcome.status !== 200 || typeof outcome.json !== 'object' || outcome.json === null) return unexpectedCheck('slack', outcome, NAME);
    const j = outcome.json as SlackAnswer;
    const base = { issuer: 'slack', endpointHost: outcome.host, httpStatus: 200 };
    if (j.ok === true) {
      const login = typeof j.user === 'string' ? j.user : undefined;
      const team = typeof j.team === 'string' ? j.team : undefined;
      const scopes = splitScopes(outcome.headers.get('x-oauth-scopes'), /\s*,\s*/);
      return { ...base, state: 'live', login, scopes, detail: `${redacted} is live${login ? ` (user ${login}` : ''}${team ? `${login ? ', ' : ' ('}workspace ${team})` : login ? ')' : ''}.` };
    }
    const err = typeof j.error === 'string' ? j.error : 'unknown_error';
    if (err === 'token_revoked') return { ...base, state: 'revoked', detail: `Slack reports ${redacted} as revoked.` };
    if (DEAD.has(err)) return { ...base, state: 'invalid', detail: `Slack does not accept ${redacted} (${err}).` };
    return { ...base, state: 'unknown', retryable: false, detail: `Slack could not check ${redacted} (${err}).` };
  },
};
