// A local fake of every issuer API the issuer clients talk to, on 127.0.0.1 (port 0), for unit
// tests and VS Code host tests. One server routes by the first path segment (`/github/…`,
// `/gitlab/…`, …) and implements each issuer's documented request and response shapes, with:
// - controllable token state (`addToken`, `isLive`),
// - response overrides for the next request(s) of an issuer (status, Retry-After, a hang),
// - a request log (method, path, headers, parsed body) to assert what reached the "issuer".
// Tokens are generated at run time (`makeToken`), never committed.

import { randomBytes } from './seed';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Endpoints } from '../../src/issuers/types';

export type FakeIssuerKind =
  | 'github' | 'gitlab' | 'slack' | 'npm' | 'oauth' | 'google' | 'vault' | 'doppler' | 'custom'
  | 'openai' | 'anthropic' | 'huggingface' | 'stripe' | 'sendgrid' | 'cloudflare' | 'digitalocean';

const BEARER_APIS = new Set<FakeIssuerKind>(['openai', 'anthropic', 'huggingface', 'stripe', 'sendgrid', 'cloudflare', 'digitalocean']);
const KINDS = new Set<string>(['github', 'gitlab', 'slack', 'npm', 'oauth', 'google', 'vault', 'doppler', 'custom', ...BEARER_APIS]);

export interface FakeToken {
  kind: FakeIssuerKind;
  token: string;
  live: boolean;
  login: string;
  scopes: string[];
  /** ISO date. */
  expiresAt?: string;
  /** npm token key (hex), generated. */
  key: string;
  created: string;
}

export interface LoggedRequest {
  kind: string;
  method: string;
  /** Path without the query. */
  path: string;
  /** Path with the query. */
  url: string;
  headers: Record<string, string>;
  rawBody: string;
  /** JSON or form body parsed to an object; undefined when empty. */
  body: unknown;
}

export interface ResponseOverride {
  status?: number;
  headers?: Record<string, string>;
  /** Object → JSON; string → sent as is. */
  body?: unknown;
  /** Never answer (for timeout tests); the socket is destroyed on close(). */
  hang?: boolean;
}

export interface OAuthIssuerConfig {
  /** Which discovery document the issuer serves. */
  discovery: 'rfc8414' | 'oidc';
  revocation?: boolean;
  introspection?: boolean;
  /** Published revocation endpoint instead of the issuer's own (e.g. on another host). */
  revocationEndpoint?: string;
  /** `issuer` value published in the metadata (default: the issuer URL). */
  publishedIssuer?: string;
  /** token_type_hint values answered with 400 unsupported_token_type. */
  unsupportedTypes?: string[];
  /** Require this client_id on revocation (401 invalid_client otherwise). */
  requireClientId?: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random token `prefix` + `length` base62 characters. Build prefixes from parts: `'gh' + 'p_'`. */
export function makeToken(prefix: string, length = 36, alphabet = ALNUM): string {
  const bytes = randomBytes(length * 2);
  let out = prefix;
  for (let i = 0; out.length < prefix.length + length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

function parseBody(raw: string, contentType: string): unknown {
  if (!raw) return undefined;
  if (contentType.includes('json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (contentType.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

function githubDate(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') + ' UTC';
}

export class FakeIssuers {
  readonly requests: LoggedRequest[] = [];
  /** npm token list page size. */
  npmPageSize = 2;
  private readonly tokens = new Map<string, FakeToken>();
  private readonly overrides = new Map<string, ResponseOverride[]>();
  private readonly oauthIssuers = new Map<string, OAuthIssuerConfig>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server, readonly base: string) {}

  static async start(): Promise<FakeIssuers> {
    const holder: { self?: FakeIssuers } = {};
    const server = createServer((req, res) => {
      void holder.self!.handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    holder.self = new FakeIssuers(server, `http://127.0.0.1:${port}`);
    return holder.self;
  }

  /** Endpoints for every client, all pointing at this server. */
  endpoints(): Endpoints {
    const b = this.base;
    return {
      github: `${b}/github`,
      gitlab: `${b}/gitlab`,
      slack: `${b}/slack/api`,
      npm: `${b}/npm`,
      vault: `${b}/vault`,
      doppler: `${b}/doppler`,
      apiRoots: Object.fromEntries(['google', ...BEARER_APIS].map((k) => [k, `${b}/${k}`])),
    };
  }

  addToken(kind: FakeIssuerKind, token: string, opts: Partial<Omit<FakeToken, 'kind' | 'token'>> = {}): FakeToken {
    const rec: FakeToken = {
      kind, token, live: opts.live ?? true, login: opts.login ?? 'octo-user', scopes: opts.scopes ?? [],
      expiresAt: opts.expiresAt, key: opts.key ?? randomBytes(32).toString('hex'), created: opts.created ?? new Date().toISOString(),
    };
    this.tokens.set(`${kind}\0${token}`, rec);
    return rec;
  }

  tokenRecord(kind: FakeIssuerKind, token: string): FakeToken | undefined {
    return this.tokens.get(`${kind}\0${token}`);
  }

  isLive(kind: FakeIssuerKind, token: string): boolean {
    return this.tokenRecord(kind, token)?.live ?? false;
  }

  /** Registers an OAuth issuer; returns its `iss` URL (`<base>/oauth/<name>`). */
  addOAuthIssuer(name: string, cfg: OAuthIssuerConfig): string {
    this.oauthIssuers.set(name, cfg);
    return `${this.base}/oauth/${name}`;
  }

  /** Queues responses for the next requests of `kind` (one per request, in order). */
  override(kind: FakeIssuerKind, ...o: ResponseOverride[]): void {
    this.overrides.set(kind, [...(this.overrides.get(kind) ?? []), ...o]);
  }

  requestsFor(kind: FakeIssuerKind): LoggedRequest[] {
    return this.requests.filter((r) => r.kind === kind);
  }

  /** Requests where `token` appears anywhere: URL, a header value or the body. */
  requestsCarrying(token: string): LoggedRequest[] {
    return this.requests.filter((r) => r.url.includes(token) || r.rawBody.includes(token) || r.rawBody.includes(encodeURIComponent(token))
      || Object.values(r.headers).some((v) => v.includes(token)));
  }

  reset(): void {
    this.requests.length = 0;
    this.tokens.clear();
    this.overrides.clear();
    this.oauthIssuers.clear();
    this.npmPageSize = 2;
  }

  async close(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- request handling ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const seg = path.split('/')[1] ?? '';
    const kind = path.startsWith('/.well-known/') ? 'oauth' : KINDS.has(seg) ? seg : 'unknown';
    const body = parseBody(rawBody, headers['content-type'] ?? '');
    const logged: LoggedRequest = { kind, method: req.method ?? 'GET', path, url, headers, rawBody, body };
    this.requests.push(logged);

    const queued = this.overrides.get(kind);
    const o = queued?.shift();
    if (o) {
      if (o.hang) {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      this.reply(res, o.status ?? 200, o.body, o.headers);
      return;
    }
    const rel = kind === 'oauth' && path.startsWith('/.well-known/') ? path : path.slice(seg.length + 1);
    try {
      this.route(kind, rel, logged, res);
    } catch (e) {
      this.reply(res, 500, { message: `fake issuer error: ${(e as Error).message}` });
    }
  }

  private reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const h: Record<string, string> = { ...headers };
    if (text && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
    res.writeHead(status, h);
    res.end(text);
  }

  private bearer(r: LoggedRequest): string | undefined {
    const a = r.headers.authorization;
    const m = a ? /^(?:Bearer|token)\s+(.+)$/i.exec(a) : null;
    return m?.[1];
  }

  private live(kind: FakeIssuerKind, token: string | undefined): FakeToken | undefined {
    if (!token) return undefined;
    const rec = this.tokenRecord(kind, token);
    return rec?.live ? rec : undefined;
  }

  private route(kind: string, rel: string, r: LoggedRequest, res: ServerResponse): void {
    const m = r.method;
    switch (kind) {
      case 'github': return this.github(rel, r, res);
      case 'gitlab': {
        if (rel !== '/api/v4/personal_access_tokens/self') return this.reply(res, 404, { message: '404 Not Found' });
        const rec = this.live('gitlab', r.headers['private-token']);
        if (!rec) return this.reply(res, 401, { message: '401 Unauthorized' });
        if (m === 'DELETE') {
          rec.live = false;
          return this.reply(res, 204);
        }
        return this.reply(res, 200, {
          id: 4, name: 'fake token', revoked: false, created_at: rec.created, scopes: rec.scopes, user_id: 3,
          last_used_at: null, active: true, expires_at: rec.expiresAt ? rec.expiresAt.slice(0, 10) : null,
        });
      }
      case 'slack': {
        const token = this.bearer(r);
        if (m !== 'POST') return this.reply(res, 405, { ok: false, error: 'method_not_allowed' });
        if (!token) return this.reply(res, 200, { ok: false, error: 'not_authed' });
        const rec = this.tokenRecord('slack', token);
        if (rec && !rec.live) return this.reply(res, 200, { ok: false, error: 'token_revoked' });
        if (!rec) return this.reply(res, 200, { ok: false, error: 'invalid_auth' });
        if (rel === '/api/auth.revoke') {
          rec.live = false;
          return this.reply(res, 200, { ok: true, revoked: true });
        }
        if (rel === '/api/auth.test') {
          return this.reply(res, 200, { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: rec.login, team_id: 'T1', user_id: 'U1' }, { 'x-oauth-scopes': rec.scopes.join(',') });
        }
        return this.reply(res, 200, { ok: false, error: 'unknown_method' });
      }
      case 'npm': return this.npm(rel, r, res);
      case 'vault': {
        const rec = this.live('vault', r.headers['x-vault-token']);
        if (rel === '/v1/auth/token/revoke-self' && m === 'POST') {
          if (!rec) return this.reply(res, 403, { errors: ['permission denied'] });
          rec.live = false;
          return this.reply(res, 204);
        }
        if (rel === '/v1/auth/token/lookup-self' && m === 'GET') {
          if (!rec) return this.reply(res, 403, { errors: ['permission denied'] });
          return this.reply(res, 200, { data: { display_name: rec.login, policies: rec.scopes, expire_time: rec.expiresAt ?? null, ttl: 3600 } });
        }
        return this.reply(res, 404, { errors: [] });
      }
      case 'doppler': {
        const token = this.bearer(r);
        const rec = this.live('doppler', token);
        if (!rec) return this.reply(res, 401, { messages: ['Invalid Auth token'], success: false });
        if (rel === '/v3/auth/revoke' && m === 'POST') {
          const target = (r.body as { token?: unknown } | undefined)?.token;
          const t = typeof target === 'string' ? this.tokenRecord('doppler', target) : undefined;
          if (!t) return this.reply(res, 400, { messages: ['Invalid token'], success: false });
          t.live = false;
          return this.reply(res, 200, { success: true });
        }
        if (rel === '/v3/me' && m === 'GET') return this.reply(res, 200, { name: rec.login, slug: 'tok', type: 'personal', workplace: { name: 'Acme' } });
        return this.reply(res, 404, { messages: ['Not found'], success: false });
      }
      case 'google': {
        if (rel === '/revoke' && m === 'POST') {
          const t = (r.body as { token?: unknown } | undefined)?.token;
          const rec = typeof t === 'string' ? this.live('google', t) : undefined;
          if (!rec) return this.reply(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
          rec.live = false;
          return this.reply(res, 200, {});
        }
        if (rel === '/tokeninfo') {
          const rec = this.live('google', this.bearer(r));
          if (!rec) return this.reply(res, 400, { error: 'invalid_token', error_description: 'Invalid Value' });
          const exp = rec.expiresAt ? Math.floor(Date.parse(rec.expiresAt) / 1000) : Math.floor(Date.now() / 1000) + 3600;
          return this.reply(res, 200, { azp: 'client.apps', aud: 'client.apps', scope: rec.scopes.join(' '), exp: String(exp), expires_in: '3599', email: rec.login });
        }
        return this.reply(res, 404, { error: 'not_found' });
      }
      case 'oauth': return this.oauth(rel, r, res);
      case 'custom': {
        const rec = [...this.tokens.values()].find((t) => t.kind === 'custom' && (r.rawBody.includes(t.token) || Object.values(r.headers).some((v) => v.includes(t.token))));
        if (!rec?.live) return this.reply(res, 401, { error: 'unauthorized' });
        if (rel.endsWith('/revoke')) {
          rec.live = false;
          return this.reply(res, 200, { revoked: true });
        }
        return this.reply(res, 200, { active: true });
      }
      default:
        if (BEARER_APIS.has(kind as FakeIssuerKind)) return this.bearerApi(kind as FakeIssuerKind, rel, r, res);
        return this.reply(res, 404, { message: 'no such fake issuer' });
    }
  }

  private github(rel: string, r: LoggedRequest, res: ServerResponse): void {
    if (rel === '/credentials/revoke' && r.method === 'POST') {
      if (r.headers.authorization) return this.reply(res, 403, { message: 'Must not be authenticated' });
      const creds = (r.body as { credentials?: unknown } | undefined)?.credentials;
      if (!Array.isArray(creds) || creds.length === 0 || creds.length > 1000 || !creds.every((c) => typeof c === 'string')) {
        return this.reply(res, 422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/credentials/revoke' });
      }
      for (const c of creds) {
        const rec = this.tokenRecord('github', c);
        if (rec) rec.live = false;
      }
      return this.reply(res, 202, {});
    }
    if (rel === '/user' && r.method === 'GET') {
      const token = this.bearer(r);
      const rec = this.live('github', token);
      if (!rec) return this.reply(res, 401, { message: 'Bad credentials', status: '401' });
      const h: Record<string, string> = {};
      if (!rec.token.startsWith('github_pat_')) h['x-oauth-scopes'] = rec.scopes.join(', ');
      if (rec.expiresAt) h['github-authentication-token-expiration'] = githubDate(rec.expiresAt);
      if (rec.token.startsWith('ghs_')) return this.reply(res, 403, { message: 'Resource not accessible by integration' }, h);
      return this.reply(res, 200, { login: rec.login, id: 1, type: 'User' }, h);
    }
    if (rel === '/installation/token' && r.method === 'DELETE') {
      const rec = this.live('github', this.bearer(r));
      if (!rec) return this.reply(res, 401, { message: 'Bad credentials' });
      rec.live = false;
      return this.reply(res, 204);
    }
    return this.reply(res, 404, { message: 'Not Found' });
  }

  private npm(rel: string, r: LoggedRequest, res: ServerResponse): void {
    const rec = this.live('npm', this.bearer(r));
    if (!rec) return this.reply(res, 401, { error: 'You must be logged in' }, { 'www-authenticate': 'Bearer' });
    if (rel === '/-/whoami' && r.method === 'GET') return this.reply(res, 200, { username: rec.login });
    if (rel === '/-/npm/v1/tokens' && r.method === 'GET') {
      const page = Number(new URLSearchParams(r.url.split('?')[1] ?? '').get('page') ?? '0');
      const all = [...this.tokens.values()].filter((t) => t.kind === 'npm' && t.live && t.login === rec.login);
      const slice = all.slice(page * this.npmPageSize, (page + 1) * this.npmPageSize);
      const more = (page + 1) * this.npmPageSize < all.length;
      return this.reply(res, 200, {
        objects: slice.map((t) => ({ key: t.key, token: t.token.slice(0, 6), readonly: false, automation: false, cidr_whitelist: null, created: t.created, updated: t.created })),
        total: all.length,
        urls: more ? { next: `/-/npm/v1/tokens?page=${page + 1}` } : {},
      });
    }
    const m = /^\/-\/npm\/v1\/tokens\/token\/([^/]+)$/.exec(rel);
    if (m && r.method === 'DELETE') {
      const key = decodeURIComponent(m[1]!);
      const t = [...this.tokens.values()].find((x) => x.kind === 'npm' && x.key === key && x.login === rec.login && x.live);
      if (!t) return this.reply(res, 404, { error: 'Token not found' });
      t.live = false;
      return this.reply(res, 204);
    }
    return this.reply(res, 404, { error: 'Not found' });
  }

  private oauth(rel: string, r: LoggedRequest, res: ServerResponse): void {
    const wk = /^\/\.well-known\/oauth-authorization-server\/oauth\/([^/]+)$/.exec(rel);
    const oidc = /^\/([^/]+)\/\.well-known\/openid-configuration$/.exec(rel);
    const name = wk?.[1] ?? oidc?.[1] ?? /^\/([^/]+)\//.exec(rel)?.[1] ?? '';
    const cfg = this.oauthIssuers.get(name);
    if (!cfg) return this.reply(res, 404, { error: 'unknown issuer' });
    const iss = `${this.base}/oauth/${name}`;
    if (wk || oidc) {
      if ((wk && cfg.discovery !== 'rfc8414') || (oidc && cfg.discovery !== 'oidc')) return this.reply(res, 404, { error: 'not_found' });
      return this.reply(res, 200, {
        issuer: cfg.publishedIssuer ?? iss,
        authorization_endpoint: `${iss}/authorize`,
        token_endpoint: `${iss}/token`,
        ...(cfg.revocation ? { revocation_endpoint: cfg.revocationEndpoint ?? `${iss}/revoke` } : {}),
        ...(cfg.introspection ? { introspection_endpoint: `${iss}/introspect` } : {}),
        ...(oidc ? { jwks_uri: `${iss}/jwks`, subject_types_supported: ['public'] } : {}),
      });
    }
    const form = (r.body ?? {}) as Record<string, string>;
    if (rel === `/${name}/revoke` && r.method === 'POST' && cfg.revocation) {
      if (cfg.requireClientId && form.client_id !== cfg.requireClientId) return this.reply(res, 401, { error: 'invalid_client' });
      if (form.token_type_hint && cfg.unsupportedTypes?.includes(form.token_type_hint)) return this.reply(res, 400, { error: 'unsupported_token_type' });
      if (!form.token) return this.reply(res, 400, { error: 'invalid_request' });
      const rec = this.tokenRecord('oauth', form.token);
      if (rec) rec.live = false;
      return this.reply(res, 200);
    }
    if (rel === `/${name}/introspect` && r.method === 'POST' && cfg.introspection) {
      const rec = form.token ? this.live('oauth', form.token) : undefined;
      if (!rec) return this.reply(res, 200, { active: false });
      const exp = rec.expiresAt ? Math.floor(Date.parse(rec.expiresAt) / 1000) : undefined;
      return this.reply(res, 200, { active: true, scope: rec.scopes.join(' '), username: rec.login, token_type: 'Bearer', ...(exp ? { exp } : {}) });
    }
    return this.reply(res, 404, { error: 'not_found' });
  }

  private bearerApi(kind: FakeIssuerKind, rel: string, r: LoggedRequest, res: ServerResponse): void {
    const token = kind === 'anthropic' ? r.headers['x-api-key'] : this.bearer(r);
    if (kind === 'anthropic' && !r.headers['anthropic-version']) return this.reply(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version header is required' } });
    const rec = this.live(kind, token);
    const paths: Record<string, string> = {
      openai: '/v1/models', anthropic: '/v1/models', huggingface: '/api/whoami-v2', stripe: '/v1/balance',
      sendgrid: '/v3/scopes', cloudflare: '/client/v4/user/tokens/verify', digitalocean: '/v2/account',
    };
    if (rel !== paths[kind] || r.method !== 'GET') return this.reply(res, 404, { error: 'not found' });
    if (!rec) return this.reply(res, 401, { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } });
    switch (kind) {
      case 'huggingface': return this.reply(res, 200, { type: 'user', name: rec.login, auth: { type: 'access_token', accessToken: { displayName: 'ci', role: 'read' } } });
      case 'sendgrid': return this.reply(res, 200, { scopes: rec.scopes });
      case 'cloudflare': return this.reply(res, 200, { success: true, errors: [], messages: [], result: { id: 'abc', status: 'active', ...(rec.expiresAt ? { expires_on: rec.expiresAt } : {}) } });
      case 'digitalocean': return this.reply(res, 200, { account: { email: rec.login, status: 'active' } });
      case 'stripe': return this.reply(res, 200, { object: 'balance', livemode: true, available: [], pending: [] });
      default: return this.reply(res, 200, { object: 'list', data: [] });
    }
  }
}

/** Starts the fake issuer server on 127.0.0.1 (random port). Call `close()` when done. */
export function startFakeIssuers(): Promise<FakeIssuers> {
  return FakeIssuers.start();
}
