// npm registry (`tokenCustody.endpoints.npm`, default https://registry.npmjs.org).
// The registry deletes tokens by key: `DELETE <root>/-/npm/v1/tokens/token/{key}`. The key is found
// with the token's own credentials in `GET <root>/-/npm/v1/tokens` (paginated: {objects, urls.next};
// each object has `key` and `token`, a truncated prefix such as `npm_ab`), as `npm token revoke` does.
// The full token is never put in a URL. Check: `GET <root>/-/whoami` → {"username"}.

import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, joinUrl, last4,
  redactedOf, send, target, unexpected, unexpectedCheck,
} from './http';
import type { CheckResult, EndpointTarget, IssuerClient, IssuerContext, ManualSteps, RevokeResult } from './types';

const NAME = 'npm registry';
const MAX_PAGES = 100;

export interface NpmTokenObject {
  key: string;
  token: string;
  readonly?: boolean;
  cidr_whitelist?: string[] | null;
  created?: string;
  updated?: string;
}

function listTarget(ctx: IssuerContext): EndpointTarget {
  return target(joinUrl(ctx.endpoints.npm, '/-/npm/v1/tokens'), 'GET');
}

function auth(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json' };
}

/** Resolves `urls.next` like npm-registry-fetch: absolute URLs must stay on the registry's origin. */
function nextUrl(ctx: IssuerContext, next: string): string | undefined {
  if (/^https?:\/\//i.test(next)) {
    const root = new URL(ctx.endpoints.npm);
    const u = new URL(next);
    return u.origin === root.origin ? u.toString() : undefined;
  }
  return joinUrl(ctx.endpoints.npm, next);
}

function truncatedPrefix(t: string): string {
  return t.replace(/(…|\.\.\.)$/, '');
}

function manualSteps(ctx: IssuerContext, token: string, redacted: string, candidates: NpmTokenObject[]): ManualSteps {
  const consoleUrl = new URL(ctx.endpoints.npm).host === 'registry.npmjs.org' ? 'https://www.npmjs.com/settings/~/tokens' : ctx.endpoints.npm;
  const ids = candidates.map((c) => c.key.slice(0, 6));
  const id = last4(token);
  return {
    consoleUrl,
    identifier: id ? `ends with ${id}` : redacted,
    steps: [
      `Open ${consoleUrl} signed in as the token's owner (or run \`npm token list\` there).`,
      ids.length ? `Several tokens start like this one (ids ${ids.join(', ')}); pick the one created when this token was issued.` : 'Find the token by its creation date and permissions.',
      'Delete it (`npm token revoke <id>`, with `--otp` when two-factor authentication asks for one).',
    ],
  };
}

export const npmClient: IssuerClient = {
  id: 'npm',
  displayName: 'npm',
  capability: 'npm-token-delete',

  async endpointFor(op, _info, ctx) {
    return op === 'check' ? target(joinUrl(ctx.endpoints.npm, '/-/whoami'), 'GET') : listTarget(ctx);
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    let t: EndpointTarget;
    try {
      t = listTarget(ctx);
    } catch (e) {
      return configFailure('npm', e);
    }
    const mismatch = confirmedMismatch(info, t);
    if (mismatch) return { state: 'failed', issuer: 'npm', endpointHost: t.host, detail: mismatch, retryable: false };
    const redacted = redactedOf(token, info);

    // 1. Find the token's key across every page of the token list.
    const objects: NpmTokenObject[] = [];
    let url: string | undefined = t.url;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const outcome = await send(ctx, { url, method: 'GET', headers: auth(token) }, token);
      const common = commonRevokeFailure('npm', outcome, NAME);
      if (common || outcome.kind !== 'response') return common ?? configFailure('npm', new Error('unreachable'));
      const base = { issuer: 'npm', endpointHost: outcome.host, httpStatus: outcome.status };
      if (outcome.status === 401) return { ...base, state: 'already-revoked', detail: `The npm registry no longer accepts ${redacted} (already revoked, expired or never valid).` };
      if (outcome.status === 403) {
        return { ...base, state: 'manual', detail: `${redacted} may not list tokens (granular tokens cannot); delete it on the website.`, manual: manualSteps(ctx, token, redacted, []) };
      }
      if (outcome.status !== 200) return unexpected('npm', outcome, NAME);
      const j = (outcome.json ?? {}) as { objects?: unknown; urls?: { next?: unknown } };
      for (const o of Array.isArray(j.objects) ? j.objects : []) {
        const obj = o as Partial<NpmTokenObject>;
        if (typeof obj.key === 'string' && typeof obj.token === 'string') objects.push(obj as NpmTokenObject);
      }
      const next = typeof j.urls?.next === 'string' && j.urls.next ? j.urls.next : undefined;
      url = next ? nextUrl(ctx, next) : undefined;
      if (next && !url) return { ...base, state: 'failed', retryable: false, detail: 'The npm registry pointed the token list at another host; stopped.' };
    }
    const candidates = objects.filter((o) => {
      const p = truncatedPrefix(o.token);
      return p.length > 0 && token.startsWith(p);
    });
    if (candidates.length !== 1) {
      return {
        state: 'manual', issuer: 'npm', endpointHost: t.host,
        detail: candidates.length === 0
          ? `No token in the account's list matches ${redacted}; delete it on the website.`
          : `${candidates.length} tokens in the account start like ${redacted}; choose the right one on the website.`,
        manual: manualSteps(ctx, token, redacted, candidates),
      };
    }
    const key = candidates[0]!.key;

    // 2. Delete by key (the key is not secret; the token stays in the Authorization header).
    const del = target(joinUrl(ctx.endpoints.npm, `/-/npm/v1/tokens/token/${encodeURIComponent(key)}`), 'DELETE');
    const outcome = await send(ctx, { url: del.url, method: 'DELETE', headers: auth(token) }, token);
    const common = commonRevokeFailure('npm', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configFailure('npm', new Error('unreachable'));
    const base = { issuer: 'npm', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status >= 200 && outcome.status < 300) return { ...base, state: 'revoked', detail: `The npm registry deleted ${redacted} (id ${key.slice(0, 6)}).` };
    if (outcome.status === 404) return { ...base, state: 'already-revoked', detail: `The npm registry no longer has ${redacted}.` };
    if (outcome.status === 401 && /otp/i.test(outcome.headers.get('www-authenticate') ?? '')) {
      return { ...base, state: 'manual', detail: `Deleting ${redacted} needs a one-time password; finish it with npm or on the website.`, manual: manualSteps(ctx, token, redacted, candidates) };
    }
    if (outcome.status === 401) return { ...base, state: 'already-revoked', detail: `The npm registry no longer accepts ${redacted}.` };
    return unexpected('npm', outcome, NAME);
  },

  async check(token, ctx, info): Promise<CheckResult> {
    let t: EndpointTarget;
    try {
      t = target(joinUrl(ctx.endpoints.npm, '/-/whoami'), 'GET');
    } catch (e) {
      return configCheckFailure('npm', e);
    }
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, { url: t.url, method: 'GET', headers: auth(token) }, token);
    const common = commonCheckFailure('npm', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configCheckFailure('npm', new Error('unreachable'));
    const base = { issuer: 'npm', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 200) {
      const u = (outcome.json as { username?: unknown } | undefined)?.username;
      const login = typeof u === 'string' ? u : undefined;
      return { ...base, state: 'live', login, detail: `${redacted} is live${login ? ` (user ${login})` : ''}.` };
    }
    if (outcome.status === 401 || outcome.status === 403) return { ...base, state: 'invalid', detail: `The npm registry does not accept ${redacted} (revoked, expired or never valid).` };
    return unexpectedCheck('npm', outcome, NAME);
  },
};
