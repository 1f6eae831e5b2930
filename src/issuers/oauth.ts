// OAuth 2.0 issuers: RFC 7009 revocation, RFC 7662 introspection, endpoints found by RFC 8414
// (`/.well-known/oauth-authorization-server`) or OpenID Connect discovery
// (`/.well-known/openid-configuration`) from the token's `iss` claim. A discovered endpoint is
// only used when it is on the same host as `iss`, or when a custom issuer declares it.

import { EndpointConfigError, errorMessage } from '../errors';
import { formBody, send, splitScopes, target } from './http';
import { body, isoDate, issuerClient, str, type Answer, type HttpOp, type Said } from './template';
import type { EndpointTarget, IssuerContext, TokenInfo } from './types';

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
    throw new EndpointConfigError(`Issuer "${iss}": ${errorMessage(e)}`, undefined, { cause: e });
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
      'tokenCustody.issuers',
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
  return configured ?? str(info.metadata?.client_id);
}

type Target = (ctx: IssuerContext, info: TokenInfo) => EndpointTarget | undefined | Promise<EndpointTarget | undefined>;

/** The token (+ type hint and client id) POSTed as a form: the request shape of RFC 7009 and RFC 7662. */
const tokenForm = (clientId?: string) => (token: string, s: Said) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  body: formBody({ token, token_type_hint: tokenTypeHint(s.info), client_id: clientIdOf(s.info, clientId) }),
});

const errorOf = (a: Answer): unknown => body<{ error: unknown }>(a).error;
const needsClient = (a: Answer, s: Said) => ({
  state: 'failed' as const, retryable: false,
  detail: `${s.name} requires client authentication to revoke tokens (${a.message || 'invalid_client'}); ask the issuer's owning team to revoke ${s.redacted}.`,
});

/** RFC 7009 §2.1/2.2: POST token (+ token_type_hint) as a form; 200 means revoked (also for unknown tokens). */
export function rfc7009(endpoint: Target, clientId?: string): HttpOp<'revoke'> {
  return {
    target: endpoint,
    request: tokenForm(clientId),
    on: {
      200: (_a, s) => ({ state: 'revoked', detail: `${s.name} confirmed that ${s.redacted} is no longer valid (RFC 7009 answers the same for tokens it had already invalidated).` }),
      400: (a, s) => (errorOf(a) === 'unsupported_token_type'
        ? { state: 'failed', retryable: false, detail: `${s.name} does not support revoking this type of token (unsupported_token_type).` }
        : undefined),
      401: needsClient,
    },
    otherwise: (a, s) => (errorOf(a) === 'invalid_client' ? needsClient(a, s) : undefined),
  };
}

/** RFC 7662 §2.1/2.2: POST token as a form; {"active": true|false, scope, username, exp, …}. */
export function rfc7662(endpoint: Target, clientId?: string): HttpOp<'check'> {
  const needsCredentials = (_a: Answer, s: Said) => ({
    state: 'unknown' as const, retryable: false, detail: `${s.name} requires client credentials for introspection; its owning team can check ${s.redacted}.`,
  });
  return {
    target: endpoint,
    none: (s) => ({ state: 'unknown', retryable: false, detail: `${s.name} offers no introspection endpoint (RFC 7662); nothing was sent.` }),
    request: tokenForm(clientId),
    on: {
      200: (a, s) => {
        const j = body<{ active: unknown; scope: unknown; username: unknown; sub: unknown; exp: unknown }>(a);
        if (j.active === true) {
          const login = str(j.username) ?? str(j.sub);
          const scopes = typeof j.scope === 'string' ? splitScopes(j.scope, /\s+/) : undefined;
          const expiresAt = isoDate(j.exp);
          return { state: 'live', login, scopes, expiresAt, detail: `${s.redacted} is active${login ? ` (${login})` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.` };
        }
        if (j.active === false) return { state: 'invalid', detail: `${s.name} reports ${s.redacted} as not active (revoked, expired or unknown).` };
        return undefined;
      },
      401: needsCredentials,
      403: needsCredentials,
    },
  };
}

function nameOf(info: TokenInfo): string {
  try {
    return new URL(issOf(info)).host;
  } catch {
    return 'OAuth issuer';
  }
}

export const oauthClient = issuerClient({
  id: 'oauth',
  displayName: 'OAuth 2.0 issuer',
  label: nameOf,
  capability: 'oauth-rfc7009',
  revoke: rfc7009((ctx, info) => discoveredTarget(info, ctx, 'revoke')),
  check: rfc7662((ctx, info) => discoveredTarget(info, ctx, 'check')),
});
