// GitHub (github.com and GitHub Enterprise Server, root `https://HOST/api/v3`).
// Revoke: `POST <root>/credentials/revoke` {"credentials":[…]} unauthenticated (202 Accepted,
// 422 validation failed or spammed; at most 1,000 credentials per request, 60 requests/hour).
// Installation tokens (`ghs_`) are not accepted there; they revoke themselves with
// `DELETE <root>/installation/token` (204). Check: `GET <root>/user` (X-OAuth-Scopes and
// github-authentication-token-expiration headers).

import { errorMessage } from '../errors';
import { joinUrl, parseRetryAfter, splitScopes, target } from './http';
import { exchange, failure, invalid, issuerClient, settled, str, type Answer, type HttpOp, type Said } from './template';
import type { IssuerContext, RevokeOutcome, TokenInfo } from './types';

export const GITHUB_REVOKE_BATCH_MAX = 1000;
const NAME = 'GitHub';
const API_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
const authorized = (token: string) => ({ headers: { ...API_HEADERS, authorization: `Bearer ${token}` } });

function isInstallationToken(token: string | undefined, info?: TokenInfo): boolean {
  return info?.kind === 'installation-token' || (token !== undefined && token.startsWith('ghs_'));
}

const at = (path: string, method: string) => (ctx: IssuerContext) => target(joinUrl(ctx.endpoints.github, path), method);

/** GitHub signals primary rate limits with 403/429 and `x-ratelimit-remaining: 0`. */
function rateLimited(a: Answer): { retryAfterSeconds?: number } | undefined {
  if (a.status !== 403 && a.status !== 429) return undefined;
  const retryAfter = parseRetryAfter(a.headers.get('retry-after'));
  if (a.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(a.headers.get('x-ratelimit-reset'));
    const fromReset = Number.isFinite(reset) && reset > 0 ? Math.max(0, Math.ceil(reset - Date.now() / 1000)) : undefined;
    return { retryAfterSeconds: retryAfter ?? fromReset };
  }
  if (retryAfter !== undefined) return { retryAfterSeconds: retryAfter };
  return a.status === 429 ? {} : undefined;
}

/** The rate-limit rung, first on every GitHub ladder. */
function rateLimit<S extends 'failed' | 'unknown'>(state: S) {
  return (a: Answer) => {
    const rl = rateLimited(a);
    if (!rl) return undefined;
    const detail = `GitHub rate limit reached.${rl.retryAfterSeconds !== undefined ? ` Try again in ${rl.retryAfterSeconds} s.` : ' Try again later.'}`;
    return { state, detail, retryable: true, ...rl };
  };
}

/** `2023-04-01 00:00:00 UTC` → ISO 8601. */
export function parseGithubExpiration(v: string | null): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  const iso = m ? `${m[1]}T${m[2]}${!m[3] || m[3] === 'UTC' ? 'Z' : m[3]}` : v;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const accepted = (a: Answer, s: Said) => ({
  state: 'revoked' as const,
  detail: `GitHub accepted the revocation of ${s.redacted} (HTTP ${a.status}); the owner is notified. GitHub does not say whether a token was still valid.`,
});

/** `POST /credentials/revoke`, unauthenticated on purpose: GitHub answers 403 to authenticated calls there. */
const credentialsTarget = at('/credentials/revoke', 'POST');
const credentials: HttpOp<'revoke'> = {
  target: credentialsTarget,
  request: (token) => credentialsRequest([token]),
  first: rateLimit('failed'),
  on: {
    200: accepted,
    202: accepted,
    204: accepted,
    422: (a) => ({
      state: 'failed', retryable: false,
      detail: `GitHub rejected the request (HTTP 422: validation failed, or the endpoint is being spammed)${a.message ? `: ${a.message}` : ''}.`,
    }),
    403: () => ({
      state: 'failed', retryable: false,
      detail: 'GitHub refused the request (HTTP 403). The revoke endpoint only takes unauthenticated requests; check that no proxy adds credentials.',
    }),
  },
};

function credentialsRequest(list: readonly string[]) {
  return { headers: { ...API_HEADERS, 'content-type': 'application/json' }, body: JSON.stringify({ credentials: list }) };
}

/** `DELETE /installation/token`, authenticated by the installation token itself. */
const installation: HttpOp<'revoke'> = {
  target: at('/installation/token', 'DELETE'),
  request: authorized,
  first: rateLimit('failed'),
  on: {
    204: (_a, s) => ({ state: 'revoked', detail: `GitHub revoked installation token ${s.redacted}.` }),
    401: (_a, s) => ({ state: 'already-revoked', detail: `GitHub no longer accepts ${s.redacted} (already revoked or expired).` }),
  },
};

export const githubClient = issuerClient({
  id: 'github',
  displayName: NAME,
  capability: 'github-credentials-revoke',
  revoke: (info, token) => (isInstallationToken(token, info) ? installation : credentials),
  check: {
    target: at('/user', 'GET'),
    request: authorized,
    first: rateLimit('unknown'),
    on: {
      200: (a, s) => {
        const { scopes, expiresAt } = tokenHeaders(a);
        const login = str((a.json as { login?: unknown } | undefined)?.login);
        return {
          state: 'live', login, scopes, expiresAt,
          detail: `${s.redacted} is live${login ? ` (user ${login})` : ''}${scopes ? `; scopes: ${scopes.join(', ') || 'none'}` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.`,
        };
      },
      401: invalid,
      // Authenticated, but not allowed to read /user (e.g. installation tokens): the token works.
      403: (a, s) => ({ state: 'live', ...tokenHeaders(a), detail: `${s.redacted} is live (GitHub accepted it but it may not read the user profile).` }),
    },
  },
});

function tokenHeaders(a: Answer): { scopes?: string[]; expiresAt?: string } {
  return {
    scopes: splitScopes(a.headers.get('x-oauth-scopes'), /\s*,\s*/),
    expiresAt: parseGithubExpiration(a.headers.get('github-authentication-token-expiration')),
  };
}

/**
 * Revokes many credentials with as few requests as possible (1,000 per request, in order).
 * Stops at the first failure; `notSent` counts the credentials never sent.
 */
export async function revokeGithubBatch(tokens: readonly string[], ctx: IssuerContext): Promise<{ results: RevokeOutcome[]; sent: number; notSent: number }> {
  const results: RevokeOutcome[] = [];
  const list = tokens.filter((t) => !isInstallationToken(t));
  let url: string;
  try {
    url = credentialsTarget(ctx).url;
  } catch (e) {
    return { results: [failure('revoke', 'github', { detail: errorMessage(e), retryable: false })], sent: 0, notSent: list.length };
  }
  let sent = 0;
  for (let i = 0; i < list.length; i += GITHUB_REVOKE_BATCH_MAX) {
    const chunk = list.slice(i, i + GITHUB_REVOKE_BATCH_MAX);
    const s: Said = { redacted: chunk.length === 1 ? 'the token' : `${chunk.length} tokens`, name: NAME, info: {}, ctx, token: '' };
    const r = settled('revoke', 'github', await exchange('revoke', 'github', s, { url, method: 'POST', ...credentialsRequest(chunk) }, chunk, credentials));
    sent += chunk.length;
    results.push(r);
    if (r.state === 'failed') break;
  }
  return { results, sent, notSent: list.length - sent };
}
