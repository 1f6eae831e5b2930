// OAuth 2.0 issuers: RFC 7009 revocation, RFC 7662 introspection, endpoints found by RFC 8414
// (`/.well-known/oauth-authorization-server`) or OpenID Connect discovery
// (`/.well-known/openid-configuration`) from the token's `iss` claim. A discovered endpoint is
// only used when it is on the same host as `iss`, or when a custom issuer declares it.

import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, EndpointConfigError,
  formBody, redactedOf, send, serverMessage, splitScopes, target, unexpected, unexpectedCheck,
} from './http';
import type {
  CheckResult, EndpointTarget, IssuerClient, IssuerContext, RevokeResult, TokenInfo,
} from './types';

export interface AuthServerMetadata {
  issuer: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
  /** Which document answered. */
  source: 'rfc8414' | 'oidc';
  /** URL of that document. */
  url: string;
}

/** Discovery results per context (so the confirmation and the request use the same endpoint). */
const cache = new WeakMap<IssuerContext, Map<string, Promise<AuthServerMetadata>>>();

function normIssuer(s: string): string {
  return s.replace(/\/+$/, '');
}

/** The two documents to try, in order: RFC 8414 (path inserted after the host), then OIDC (path appended). */
export function discoveryUrls(iss: string): { rfc8414: string; oidc: string } {
  const u = new URL(iss);
  const path = u.pathname.replace(/\/+$/, '');
  return {
    rfc8414: `${u.origin}/.well-known/oauth-authorization-server${path}`,
    oidc: `${u.origin}${path}/.well-known/openid-configuration`,
  };
}

/** Fetches the issuer's metadata. Throws `EndpointConfigError` with a clear message on failure. */
export function discover(iss: string, ctx: IssuerContext): Promise<AuthServerMetadata> {
  let perCtx = cache.get(ctx);
  if (!perCtx) cache.set(ctx, (perCtx = new Map()));
  const key = normIssuer(iss);
  let p = perCtx.get(key);
  if (!p) {
    p = doDiscover(iss, ctx);
    perCtx.set(key, p);
    p.catch(() => perCtx.delete(key));
  }
  return p;
}

async function doDiscover(iss: string, ctx: IssuerContext): Promise<AuthServerMetadata> {
  let issUrl: URL;
  try {
    target(iss, 'GET');
    issUrl = new URL(iss);
  } catch (e) {
    throw new EndpointConfigError(`Issuer "${iss}": ${(e as Error).message}`);
  }
  if (issUrl.search || issUrl.hash) throw new EndpointConfigError(`Issuer "${iss}" must not have a query or fragment.`);
  const urls = discoveryUrls(iss);
  const problems: string[] = [];
  for (const [source, url] of [['rfc8414', urls.rfc8414], ['oidc', urls.oidc]] as const) {
    const outcome = await send(ctx, { url, method: 'GET', headers: { accept: 'application/json' } }, []);
    if (outcome.kind === 'error') {
      problems.push(outcome.message);
      if (outcome.reason === 'timeout' || outcome.reason === 'cancelled') break;
      continue;
    }
    if (outcome.status !== 200 || typeof outcome.json !== 'object' || outcome.json === null) {
      problems.push(`${new URL(url).pathname} answered HTTP ${outcome.status}`);
      continue;
    }
    const j = outcome.json as Record<string, unknown>;
    if (typeof j.issuer !== 'string' || normIssuer(j.issuer) !== normIssuer(iss)) {
      problems.push(`${new URL(url).pathname} names a different issuer`);
      continue;
    }
    return {
      issuer: j.issuer,
      revocation_endpoint: typeof j.revocation_endpoint === 'string' ? j.revocation_endpoint : undefined,
      introspection_endpoint: typeof j.introspection_endpoint === 'string' ? j.introspection_endpoint : undefined,
      source,
      url,
    };
  }
  throw new EndpointConfigError(`Could not discover the OAuth metadata of ${issUrl.host}: ${problems.join('; ')}.`);
}

function issOf(info: TokenInfo): string {
  const iss = info.metadata?.iss;
  if (typeof iss !== 'string' || !iss) throw new EndpointConfigError('This token names no issuer (`iss` claim), so its revocation endpoint cannot be discovered.');
  return iss;
}

/** The configured endpoint for this issuer from `tokenCustody.issuers`, if one is declared. */
function configuredEndpoint(ctx: IssuerContext, url: string, kind: 'rfc7009' | 'rfc7662'): boolean {
  for (const c of ctx.customIssuers ?? []) {
    if (kind === 'rfc7009' && c.revoke.type === 'rfc7009' && sameUrl(c.revoke.endpoint, url)) return true;
    if (kind === 'rfc7662' && c.check?.type === 'rfc7662' && sameUrl(c.check.endpoint, url)) return true;
  }
  return false;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).toString() === new URL(b).toString();
  } catch {
    return false;
  }
}

async function discoveredTarget(info: TokenInfo, ctx: IssuerContext, op: 'revoke' | 'check'): Promise<EndpointTarget | undefined> {
  const iss = issOf(info);
  const meta = await discover(iss, ctx);
  const url = op === 'revoke' ? meta.revocation_endpoint : meta.introspection_endpoint;
  if (!url) {
    if (op === 'check') return undefined;
    throw new EndpointConfigError(`${new URL(iss).host} publishes no revocation endpoint (RFC 7009).`);
  }
  const t = target(url, 'POST');
  if (t.host !== new URL(iss).host && !configuredEndpoint(ctx, t.url, op === 'revoke' ? 'rfc7009' : 'rfc7662')) {
    throw new EndpointConfigError(
      `The ${op === 'revoke' ? 'revocation' : 'introspection'} endpoint published by ${new URL(iss).host} is on another host (${t.host}); refusing to send the token there. Declare it in \`tokenCustody.issuers\` to allow it.`,
    );
  }
  return t;
}

export function tokenTypeHint(info: TokenInfo): string | undefined {
  if (info.kind === 'oauth-refresh-token') return 'refresh_token';
  if (info.kind === 'oauth-access-token' || typeof info.metadata?.iss === 'string') return 'access_token';
  return undefined;
}

/** `client_id` for a public client: configured, else the RFC 9068 `client_id` claim. */
function clientIdOf(info: TokenInfo, configured?: string): string | undefined {
  if (configured) return configured;
  const c = info.metadata?.client_id;
  return typeof c === 'string' && c ? c : undefined;
}

/** The token (+ type hint and client id) POSTed as a form: the request shape of RFC 7009 and RFC 7662. */
function postTokenForm(ctx: IssuerContext, t: EndpointTarget, token: string, info: TokenInfo, clientId?: string): ReturnType<typeof send> {
  return send(ctx, {
    url: t.url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: formBody({ token, token_type_hint: tokenTypeHint(info), client_id: clientIdOf(info, clientId) }),
  }, token);
}

/** RFC 7009 §2.1/2.2: POST token (+ token_type_hint) as a form; 200 means revoked (also for unknown tokens). */
export async function rfc7009Revoke(issuer: string, name: string, t: EndpointTarget, token: string, ctx: IssuerContext, info: TokenInfo, clientId?: string): Promise<RevokeResult> {
  const mismatch = confirmedMismatch(info, t);
  if (mismatch) return { state: 'failed', issuer, endpointHost: t.host, detail: mismatch, retryable: false };
  const redacted = redactedOf(token, info);
  const outcome = await postTokenForm(ctx, t, token, info, clientId);
  const common = commonRevokeFailure(issuer, outcome, name);
  if (common || outcome.kind !== 'response') return common ?? configFailure(issuer, new Error('unreachable'));
  const base = { issuer, endpointHost: outcome.host, httpStatus: outcome.status };
  if (outcome.status === 200) {
    return { ...base, state: 'revoked', detail: `${name} confirmed that ${redacted} is no longer valid (RFC 7009 answers the same for tokens it had already invalidated).` };
  }
  const err = (outcome.json as { error?: unknown } | undefined)?.error;
  if (outcome.status === 400 && err === 'unsupported_token_type') {
    return { ...base, state: 'failed', retryable: false, detail: `${name} does not support revoking this type of token (unsupported_token_type).` };
  }
  if (outcome.status === 401 || err === 'invalid_client') {
    return { ...base, state: 'failed', retryable: false, detail: `${name} requires client authentication to revoke tokens (${serverMessage(outcome) || 'invalid_client'}); ask the issuer's owning team to revoke ${redacted}.` };
  }
  return unexpected(issuer, outcome, name);
}

/** RFC 7662 §2.1/2.2: POST token as a form; {"active": true|false, scope, username, exp, …}. */
export async function rfc7662Introspect(issuer: string, name: string, t: EndpointTarget, token: string, ctx: IssuerContext, info: TokenInfo, clientId?: string): Promise<CheckResult> {
  const redacted = redactedOf(token, info);
  const outcome = await postTokenForm(ctx, t, token, info, clientId);
  const common = commonCheckFailure(issuer, outcome, name);
  if (common || outcome.kind !== 'response') return common ?? configCheckFailure(issuer, new Error('unreachable'));
  const base = { issuer, endpointHost: outcome.host, httpStatus: outcome.status };
  if (outcome.status === 200 && typeof outcome.json === 'object' && outcome.json !== null) {
    const j = outcome.json as { active?: unknown; scope?: unknown; username?: unknown; sub?: unknown; exp?: unknown };
    if (j.active === true) {
      const login = typeof j.username === 'string' ? j.username : typeof j.sub === 'string' ? j.sub : undefined;
      const scopes = typeof j.scope === 'string' ? splitScopes(j.scope, /\s+/) : undefined;
      const exp = Number(j.exp);
      const expiresAt = Number.isFinite(exp) && exp > 0 ? new Date(exp * 1000).toISOString() : undefined;
      return { ...base, state: 'live', login, scopes, expiresAt, detail: `${redacted} is active${login ? ` (${login})` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.` };
    }
    if (j.active === false) return { ...base, state: 'invalid', detail: `${name} reports ${redacted} as not active (revoked, expired or unknown).` };
  }
  if (outcome.status === 401 || outcome.status === 403) {
    return { ...base, state: 'unknown', retryable: false, detail: `${name} requires client credentials for introspection; its owning team can check ${redacted}.` };
  }
  return unexpectedCheck(issuer, outcome, name);
}

function nameOf(info: TokenInfo): string {
  try {
    return new URL(issOf(info)).host;
  } catch {
    return 'OAuth issuer';
  }
}

export const oauthClient: IssuerClient = {
  id: 'oauth',
  displayName: 'OAuth 2.0 issuer',
  capability: 'oauth-rfc7009',

  async endpointFor(op, info, ctx) {
    return discoveredTarget(info, ctx, op);
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    let t: EndpointTarget | undefined;
    try {
      t = await discoveredTarget(info, ctx, 'revoke');
    } catch (e) {
      return configFailure('oauth', e);
    }
    if (!t) return configFailure('oauth', new EndpointConfigError('No revocation endpoint.'));
    return rfc7009Revoke('oauth', nameOf(info), t, token, ctx, info);
  },

  async check(token, ctx, info): Promise<CheckResult> {
    let t: EndpointTarget | undefined;
    try {
      t = await discoveredTarget(info, ctx, 'check');
    } catch (e) {
      return configCheckFailure('oauth', e);
    }
    if (!t) return { state: 'unknown', issuer: 'oauth', detail: `${nameOf(info)} offers no introspection endpoint (RFC 7662); nothing was sent.`, retryable: false };
    return rfc7662Introspect('oauth', nameOf(info), t, token, ctx, info);
  },
};
