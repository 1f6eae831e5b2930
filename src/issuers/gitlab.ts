// GitLab (gitlab.com and self-managed instances: `tokenCustody.endpoints.gitlab` is the instance root).
// Check: `GET <root>/api/v4/personal_access_tokens/self`; revoke: `DELETE` on the same path (204),
// both authenticated with the `PRIVATE-TOKEN` header. 401 means the token is not accepted.

import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, joinUrl, last4,
  redactedOf, send, target, unexpected, unexpectedCheck,
} from './http';
import type { CheckResult, EndpointTarget, IssuerClient, IssuerContext, RevokeResult } from './types';

const NAME = 'GitLab';
const SELF = '/api/v4/personal_access_tokens/self';

function selfTarget(ctx: IssuerContext, method: string): EndpointTarget {
  return target(joinUrl(ctx.endpoints.gitlab, SELF), method);
}

function consoleUrl(ctx: IssuerContext): string {
  return joinUrl(ctx.endpoints.gitlab, '/-/user_settings/personal_access_tokens');
}

export const gitlabClient: IssuerClient = {
  id: 'gitlab',
  displayName: 'GitLab',
  capability: 'gitlab-pat-self',

  async endpointFor(op, _info, ctx) {
    return selfTarget(ctx, op === 'revoke' ? 'DELETE' : 'GET');
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    let t: EndpointTarget;
    try {
      t = selfTarget(ctx, 'DELETE');
    } catch (e) {
      return configFailure('gitlab', e);
    }
    const mismatch = confirmedMismatch(info, t);
    if (mismatch) return { state: 'failed', issuer: 'gitlab', endpointHost: t.host, detail: mismatch, retryable: false };
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, { url: t.url, method: 'DELETE', headers: { 'private-token': token } }, token);
    const common = commonRevokeFailure('gitlab', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configFailure('gitlab', new Error('unreachable'));
    const base = { issuer: 'gitlab', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 204 || outcome.status === 200) {
      return { ...base, state: 'revoked', detail: `GitLab revoked ${redacted}.` };
    }
    if (outcome.status === 401) {
      return { ...base, state: 'already-revoked', detail: `GitLab no longer accepts ${redacted} (already revoked, expired or never valid).` };
    }
    if (outcome.status === 403 || outcome.status === 404) {
      const id = last4(token);
      return {
        ...base,
        state: 'manual',
        detail: `GitLab did not let ${redacted} revoke itself (HTTP ${outcome.status}); revoke it in GitLab's settings.`,
        manual: {
          consoleUrl: consoleUrl(ctx),
          identifier: id ? `ends with ${id}` : redacted,
          steps: [
            `Open ${consoleUrl(ctx)} signed in as the token's owner.`,
            `Under "Active personal access tokens", find the token${id ? ` ending in ${id}` : ''} (match its name, scopes and last-used date).`,
            'Select "Revoke" and confirm.',
          ],
        },
      };
    }
    return unexpected('gitlab', outcome, NAME);
  },

  async check(token, ctx, info): Promise<CheckResult> {
    let t: EndpointTarget;
    try {
      t = selfTarget(ctx, 'GET');
    } catch (e) {
      return configCheckFailure('gitlab', e);
    }
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, { url: t.url, method: 'GET', headers: { 'private-token': token } }, token);
    const common = commonCheckFailure('gitlab', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configCheckFailure('gitlab', new Error('unreachable'));
    const base = { issuer: 'gitlab', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 200) {
      const j = (outcome.json ?? {}) as { name?: unknown; scopes?: unknown; expires_at?: unknown; active?: unknown; revoked?: unknown; user_id?: unknown };
      const scopes = Array.isArray(j.scopes) ? j.scopes.filter((s): s is string => typeof s === 'string') : undefined;
      const expiresAt = typeof j.expires_at === 'string' && !Number.isNaN(Date.parse(j.expires_at)) ? new Date(Date.parse(j.expires_at)).toISOString() : undefined;
      const login = typeof j.user_id === 'number' ? `user #${j.user_id}` : undefined;
      if (j.revoked === true) return { ...base, state: 'revoked', scopes, expiresAt, login, detail: `GitLab reports ${redacted} as revoked.` };
      if (j.active === false) return { ...base, state: 'invalid', scopes, expiresAt, login, detail: `GitLab reports ${redacted} as inactive (expired).` };
      const name = typeof j.name === 'string' ? ` ("${j.name}")` : '';
      return {
        ...base, state: 'live', scopes, expiresAt, login,
        detail: `${redacted}${name} is live${scopes ? `; scopes: ${scopes.join(', ')}` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.`,
      };
    }
    if (outcome.status === 401) return { ...base, state: 'invalid', detail: `GitLab does not accept ${redacted} (revoked, expired or never valid).` };
    if (outcome.status === 403) return { ...base, state: 'live', detail: `${redacted} is live (GitLab accepted it but it may not read its own details).` };
    return unexpectedCheck('gitlab', outcome, NAME);
  },
};
