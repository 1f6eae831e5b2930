// GitHub (github.com and GitHub Enterprise Server, root `https://HOST/api/v3`).
// Revoke: `POST <root>/credentials/revoke` {"credentials":[…]} unauthenticated (202 Accepted,
// 422 validation failed or spammed; at most 1,000 credentials per request, 60 requests/hour).
// Installation tokens (`ghs_`) are not accepted there; they revoke themselves with
// `DELETE <root>/installation/token` (204). Check: `GET <root>/user` (X-OAuth-Scopes and
// github-authentication-token-expiration headers).

import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, joinUrl,
  parseRetryAfter, redactedOf, send, serverMessage, splitScopes, target, unexpected, unexpectedCheck,
  type HttpOutcome,
} from './http';
import type { CheckResult, EndpointTarget, IssuerClient, IssuerContext, IssuerOperation, RevokeResult, TokenInfo } from './types';

export const GITHUB_REVOKE_BATCH_MAX = 1000;
const NAME = 'GitHub';
const API_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };

function isInstallationToken(token: string | undefined, info?: TokenInfo): boolean {
  return info?.kind === 'installation-token' || (token !== undefined && token.startsWith('ghs_'));
}

function revokeTarget(ctx: IssuerContext, installation: boolean): EndpointTarget {
  return installation
    ? target(joinUrl(ctx.endpoints.github, '/installation/token'), 'DELETE')
    : target(joinUrl(ctx.endpoints.github, '/credentials/revoke'), 'POST');
}

/** GitHub signals primary rate limits with 403/429 and `x-ratelimit-remaining: 0`. */
function rateLimited(outcome: HttpOutcome): { retryAfterSeconds?: number } | undefined {
  if (outcome.kind !== 'response' || (outcome.status !== 403 && outcome.status !== 429)) return undefined;
  const retryAfter = parseRetryAfter(outcome.headers.get('retry-after'));
  if (outcome.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(outcome.headers.get('x-ratelimit-reset'));
    const fromReset = Number.isFinite(reset) && reset > 0 ? Math.max(0, Math.ceil(reset - Date.now() / 1000)) : undefined;
    return { retryAfterSeconds: retryAfter ?? fromReset };
  }
  if (retryAfter !== undefined) return { retryAfterSeconds: retryAfter };
  return outcome.status === 429 ? {} : undefined;
}

function rateLimitDetail(r: { retryAfterSeconds?: number }): string {
  return `GitHub rate limit reached.${r.retryAfterSeconds !== undefined ? ` Try again in ${r.retryAfterSeconds} s.` : ' Try again later.'}`;
}

/** `2023-04-01 00:00:00 UTC` → ISO 8601. */
export function parseGithubExpiration(v: string | null): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  const iso = m ? `${m[1]}T${m[2]}${!m[3] || m[3] === 'UTC' ? 'Z' : m[3]}` : v;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

async function postCredentials(credentials: string[], ctx: IssuerContext, t: EndpointTarget): Promise<HttpOutcome> {
  // Unauthenticated on purpose: GitHub answers 403 to authenticated calls to this endpoint.
  return send(ctx, {
    url: t.url,
    method: 'POST',
    headers: { ...API_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify({ credentials }),
  }, credentials);
}

function credentialsOutcome(outcome: HttpOutcome, count: number): RevokeResult {
  const rl = rateLimited(outcome);
  if (rl && outcome.kind === 'response') {
    return { state: 'failed', issuer: 'github', endpointHost: outcome.host, httpStatus: outcome.status, detail: rateLimitDetail(rl), retryable: true, ...rl };
  }
  const common = commonRevokeFailure('github', outcome, NAME);
  if (common) return common;
  if (outcome.kind !== 'response') throw new Error('unreachable');
  const what = count === 1 ? 'the token' : `${count} tokens`;
  if (outcome.status === 202 || outcome.status === 200 || outcome.status === 204) {
    return {
      state: 'revoked', issuer: 'github', endpointHost: outcome.host, httpStatus: outcome.status,
      detail: `GitHub accepted the revocation of ${what} (HTTP ${outcome.status}); the owner is notified. GitHub does not say whether a token was still valid.`,
    };
  }
  if (outcome.status === 422) {
    return {
      state: 'failed', issuer: 'github', endpointHost: outcome.host, httpStatus: 422, retryable: false,
      detail: `GitHub rejected the request (HTTP 422: validation failed, or the endpoint is being spammed)${serverMessage(outcome) ? `: ${serverMessage(outcome)}` : ''}.`,
    };
  }
  if (outcome.status === 403) {
    return {
      state: 'failed', issuer: 'github', endpointHost: outcome.host, httpStatus: 403, retryable: false,
      detail: 'GitHub refused the request (HTTP 403). The revoke endpoint only takes unauthenticated requests; check that no proxy adds credentials.',
    };
  }
  return unexpected('github', outcome, NAME);
}

/**
 * Revokes many credentials with as few requests as possible (1,000 per request, in order).
 * Stops at the first failure; `notSent` counts the credentials never sent.
 */
export async function revokeGithubBatch(tokens: readonly string[], ctx: IssuerContext): Promise<{ results: RevokeResult[]; sent: number; notSent: number }> {
  const results: RevokeResult[] = [];
  const list = tokens.filter((t) => !isInstallationToken(t));
  let t: EndpointTarget;
  try {
    t = revokeTarget(ctx, false);
  } catch (e) {
    return { results: [configFailure('github', e)], sent: 0, notSent: list.length };
  }
  let sent = 0;
  for (let i = 0; i < list.length; i += GITHUB_REVOKE_BATCH_MAX) {
    const chunk = list.slice(i, i + GITHUB_REVOKE_BATCH_MAX);
    const outcome = await postCredentials(chunk, ctx, t);
    sent += chunk.length;
    const r = credentialsOutcome(outcome, chunk.length);
    results.push(r);
    if (r.state === 'failed') break;
  }
  return { results, sent, notSent: list.length - sent };
}

export const githubClient: IssuerClient = {
  id: 'github',
  displayName: 'GitHub',
  capability: 'github-credentials-revoke',

  async endpointFor(op: IssuerOperation, info: TokenInfo, ctx: IssuerContext, token?: string): Promise<EndpointTarget> {
    if (op === 'check') return target(joinUrl(ctx.endpoints.github, '/user'), 'GET');
    return revokeTarget(ctx, isInstallationToken(token, info));
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    const installation = isInstallationToken(token, info);
    let t: EndpointTarget;
    try {
      t = revokeTarget(ctx, installation);
    } catch (e) {
      return configFailure('github', e);
    }
    const mismatch = confirmedMismatch(info, t);
    if (mismatch) return { state: 'failed', issuer: 'github', endpointHost: t.host, detail: mismatch, retryable: false };
    const redacted = redactedOf(token, info);
    if (!installation) {
      const r = credentialsOutcome(await postCredentials([token], ctx, t), 1);
      return r.state === 'revoked' ? { ...r, detail: r.detail.replace('the token', redacted) } : r;
    }
    const outcome = await send(ctx, { url: t.url, method: 'DELETE', headers: { ...API_HEADERS, authorization: `Bearer ${token}` } }, token);
    const rl = rateLimited(outcome);
    if (rl && outcome.kind === 'response') {
      return { state: 'failed', issuer: 'github', endpointHost: outcome.host, httpStatus: outcome.status, detail: rateLimitDetail(rl), retryable: true, ...rl };
    }
    const common = commonRevokeFailure('github', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configFailure('github', new Error('unreachable'));
    if (outcome.status === 204) {
      return { state: 'revoked', issuer: 'github', endpointHost: outcome.host, httpStatus: 204, detail: `GitHub revoked installation token ${redacted}.` };
    }
    if (outcome.status === 401) {
      return { state: 'already-revoked', issuer: 'github', endpointHost: outcome.host, httpStatus: 401, detail: `GitHub no longer accepts ${redacted} (already revoked or expired).` };
    }
    return unexpected('github', outcome, NAME);
  },

  async check(token, ctx, info): Promise<CheckResult> {
    let t: EndpointTarget;
    try {
      t = target(joinUrl(ctx.endpoints.github, '/user'), 'GET');
    } catch (e) {
      return configCheckFailure('github', e);
    }
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, { url: t.url, method: 'GET', headers: { ...API_HEADERS, authorization: `Bearer ${token}` } }, token);
    const rl = rateLimited(outcome);
    if (rl && outcome.kind === 'response') {
      return { state: 'unknown', issuer: 'github', endpointHost: outcome.host, httpStatus: outcome.status, detail: rateLimitDetail(rl), retryable: true, ...rl };
    }
    const common = commonCheckFailure('github', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configCheckFailure('github', new Error('unreachable'));
    const scopes = splitScopes(outcome.headers.get('x-oauth-scopes'), /\s*,\s*/);
    const expiresAt = parseGithubExpiration(outcome.headers.get('github-authentication-token-expiration'));
    if (outcome.status === 200) {
      const login = typeof (outcome.json as { login?: unknown })?.login === 'string' ? (outcome.json as { login: string }).login : undefined;
      return {
        state: 'live', issuer: 'github', endpointHost: outcome.host, httpStatus: 200, login, scopes, expiresAt,
        detail: `${redacted} is live${login ? ` (user ${login})` : ''}${scopes ? `; scopes: ${scopes.join(', ') || 'none'}` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.`,
      };
    }
    if (outcome.status === 401) {
      return { state: 'invalid', issuer: 'github', endpointHost: outcome.host, httpStatus: 401, detail: `GitHub does not accept ${redacted} (revoked, expired or never valid).` };
    }
    if (outcome.status === 403) {
      // Authenticated, but not allowed to read /user (e.g. installation tokens): the token works.
      return { state: 'live', issuer: 'github', endpointHost: outcome.host, httpStatus: 403, scopes, expiresAt, detail: `${redacted} is live (GitHub accepted it but it may not read the user profile).` };
    }
    return unexpectedCheck('github', outcome, NAME);
  },
};
