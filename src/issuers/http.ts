// HTTP plumbing shared by the issuer clients: endpoint safety, timeouts, error mapping and
// redaction. Every request to an issuer goes through `send`.

import { isIP } from 'node:net';
import type { CheckResult, EndpointTarget, IssuerContext, IssuerId, RevokeResult, TokenInfo } from './types';

export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_BODY_CHARS = 1_000_000;

export class UnsafeEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeEndpointError';
  }
}

export class EndpointConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointConfigError';
  }
}

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Only `https:` URLs, or `http:` to a loopback address (127.0.0.0/8, ::1, localhost), may receive
 * a token. URLs with embedded credentials are refused too. Throws `UnsafeEndpointError`.
 */
export function assertSafeEndpoint(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeEndpointError(`"${url}" is not a valid URL.`);
  }
  if (parsed.username || parsed.password) {
    throw new UnsafeEndpointError(`Endpoint ${parsed.host} must not contain a user name or password.`);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed;
  if (parsed.protocol === 'http:') {
    throw new UnsafeEndpointError(
      `Refusing to send a token over plain HTTP to ${parsed.host}: use https:// (plain http:// is only allowed to 127.0.0.1, ::1 or localhost).`,
    );
  }
  throw new UnsafeEndpointError(`Refusing to send a token to ${parsed.protocol} URLs: only https:// endpoints are allowed.`);
}

/** Joins an API root and a path (`https://h/api/v3` + `/user`). */
export function joinUrl(root: string, path: string): string {
  return root.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

export function target(url: string, method: string): EndpointTarget {
  const u = assertSafeEndpoint(url);
  return { url: u.toString(), host: u.host, method };
}

/** `ghp_••••3kQz`-like form used when the caller gave none. Short tokens show no characters. */
export function redactToken(token: string): string {
  if (token.length < 12) return '••••';
  const prefix = /^[A-Za-z]{2,12}[_-]/.exec(token)?.[0] ?? '';
  return `${prefix}••••${token.slice(-4)}`;
}

export function redactedOf(token: string, info: TokenInfo): string {
  return info.redacted ?? redactToken(token);
}

/** Removes the token (and its URL/JSON-encoded forms) from text that came from a server. */
export function scrub(text: string, secrets: string | readonly string[]): string {
  let out = text;
  for (const token of typeof secrets === 'string' ? [secrets] : secrets) {
    if (!token) continue;
    for (const form of new Set([token, encodeURIComponent(token), JSON.stringify(token).slice(1, -1)])) {
      if (form) out = out.split(form).join('[token]');
    }
  }
  return out;
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const when = Date.parse(v);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, Math.ceil((when - now) / 1000));
}

export interface HttpRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

export type HttpOutcome =
  | { kind: 'response'; status: number; headers: Headers; text: string; json: unknown; host: string }
  | { kind: 'error'; reason: 'timeout' | 'network' | 'cancelled' | 'unsafe'; message: string; retryable: boolean; host: string };

function networkMessage(err: unknown, host: string, secrets: string | readonly string[]): { message: string; retryable: boolean } {
  const cause = (err as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } } | undefined)?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code ?? (err as { code?: string } | undefined)?.code ?? '';
  if (code === 'ECONNREFUSED') return { message: `Connection to ${host} was refused.`, retryable: true };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { message: `DNS lookup for ${host} failed.`, retryable: true };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { message: `Connection to ${host} was reset.`, retryable: true };
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return { message: `Connecting to ${host} timed out.`, retryable: true };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return { message: `TLS certificate of ${host} could not be verified (${code}); nothing was sent.`, retryable: false };
  }
  const why = code || (typeof cause?.message === 'string' ? scrub(cause.message, secrets).slice(0, 120) : '');
  return { message: `Network error talking to ${host}${why ? ` (${why})` : ''}.`, retryable: true };
}

/**
 * Sends one request. Never throws: unsafe endpoints, timeouts, cancellation and network failures
 * come back as `{ kind: 'error' }` with a message that does not contain the token. Redirects are
 * not followed (a redirect could carry the token to another host).
 */
export async function send(ctx: IssuerContext, req: HttpRequest, secrets: string | readonly string[]): Promise<HttpOutcome> {
  let url: URL;
  try {
    url = assertSafeEndpoint(req.url);
  } catch (e) {
    return { kind: 'error', reason: 'unsafe', message: (e as Error).message, retryable: false, host: safeHost(req.url) };
  }
  const host = url.host;
  const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  const headers: Record<string, string> = { 'user-agent': ctx.userAgent ?? 'token-custody', ...req.headers };
  const doFetch = ctx.fetch ?? fetch;
  try {
    const res = await doFetch(url, { method: req.method, headers, body: req.body, redirect: 'manual', signal });
    let text = await res.text();
    if (text.length > MAX_BODY_CHARS) text = text.slice(0, MAX_BODY_CHARS);
    let json: unknown = undefined;
    if (text && /json/i.test(res.headers.get('content-type') ?? 'application/json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { kind: 'response', status: res.status, headers: res.headers, text: scrub(text, secrets), json: scrubJson(json, secrets), host };
  } catch (e) {
    if (timeout.aborted) {
      return { kind: 'error', reason: 'timeout', message: `${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, retryable: true, host };
    }
    if (ctx.signal?.aborted) return { kind: 'error', reason: 'cancelled', message: 'Cancelled.', retryable: true, host };
    const { message, retryable } = networkMessage(e, host, secrets);
    return { kind: 'error', reason: 'network', message, retryable, host };
  }
}

function scrubJson(json: unknown, secrets: string | readonly string[]): unknown {
  if (json === undefined) return undefined;
  try {
    return JSON.parse(scrub(JSON.stringify(json), secrets));
  } catch {
    return undefined;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function formBody(fields: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) p.set(k, v);
  return p.toString();
}

/** A short, token-free description of an error body (`message`, `error`, `errors[0]`…). */
export function serverMessage(outcome: { json: unknown; text: string }): string {
  const j = outcome.json as Record<string, unknown> | undefined;
  const pick = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  let m: string | undefined;
  if (j && typeof j === 'object') {
    const errors = Array.isArray(j.errors) ? j.errors : undefined;
    m = pick(j.error_description) ?? pick(j.message) ?? pick(j.error) ?? pick(errors?.[0])
      ?? pick((errors?.[0] as Record<string, unknown> | undefined)?.message)
      ?? (Array.isArray(j.messages) ? pick(j.messages[0]) : undefined);
  }
  m ??= outcome.text.trim();
  m = m.replace(/\s+/g, ' ');
  return m.length > 200 ? m.slice(0, 200) + '…' : m;
}

/** Results for outcomes every issuer treats the same way: transport errors, 429, 5xx, redirects. */
export function commonRevokeFailure(issuer: IssuerId, outcome: HttpOutcome, name: string): RevokeResult | undefined {
  if (outcome.kind === 'error') {
    return { state: 'failed', issuer, endpointHost: outcome.host, detail: `${name}: ${outcome.message}`, retryable: outcome.retryable };
  }
  const c = commonStatus(outcome, name);
  return c ? { state: 'failed', issuer, endpointHost: outcome.host, httpStatus: outcome.status, ...c } : undefined;
}

export function commonCheckFailure(issuer: IssuerId, outcome: HttpOutcome, name: string): CheckResult | undefined {
  if (outcome.kind === 'error') {
    return { state: 'unknown', issuer, endpointHost: outcome.host, detail: `${name}: ${outcome.message}`, retryable: outcome.retryable };
  }
  const c = commonStatus(outcome, name);
  return c ? { state: 'unknown', issuer, endpointHost: outcome.host, httpStatus: outcome.status, ...c } : undefined;
}

function commonStatus(
  outcome: Extract<HttpOutcome, { kind: 'response' }>,
  name: string,
): { detail: string; retryable: boolean; retryAfterSeconds?: number } | undefined {
  const { status, headers } = outcome;
  const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
  const wait = retryAfterSeconds !== undefined ? ` Try again in ${retryAfterSeconds} s.` : ' Try again later.';
  if (status === 429) return { detail: `${name} is rate limiting requests (HTTP 429).${wait}`, retryable: true, retryAfterSeconds };
  if (status >= 500) {
    return { detail: `${name} had a server error (HTTP ${status}).${wait}`, retryable: true, retryAfterSeconds };
  }
  if (status >= 300 && status < 400) {
    const loc = headers.get('location');
    let where = '';
    if (loc) {
      try {
        where = ` to ${new URL(loc, 'https://x.invalid').host}`;
      } catch {
        where = '';
      }
    }
    return { detail: `${name} answered with a redirect (HTTP ${status})${where}; it was not followed. Check the endpoint setting.`, retryable: false };
  }
  return undefined;
}

export function unexpected(issuer: IssuerId, outcome: Extract<HttpOutcome, { kind: 'response' }>, name: string): RevokeResult {
  const msg = serverMessage(outcome);
  return {
    state: 'failed',
    issuer,
    endpointHost: outcome.host,
    httpStatus: outcome.status,
    detail: `${name} answered HTTP ${outcome.status}${msg ? `: ${msg}` : ''}.`,
    retryable: false,
  };
}

export function unexpectedCheck(issuer: IssuerId, outcome: Extract<HttpOutcome, { kind: 'response' }>, name: string): CheckResult {
  const msg = serverMessage(outcome);
  return {
    state: 'unknown',
    issuer,
    endpointHost: outcome.host,
    httpStatus: outcome.status,
    detail: `${name} answered HTTP ${outcome.status}${msg ? `: ${msg}` : ''}.`,
    retryable: false,
  };
}

/** Refuses when the caller confirmed a different endpoint than the one about to receive the token. */
export function confirmedMismatch(info: TokenInfo, t: EndpointTarget): string | undefined {
  if (!info.confirmedEndpoint) return undefined;
  let confirmed: string;
  try {
    confirmed = new URL(info.confirmedEndpoint).toString();
  } catch {
    confirmed = info.confirmedEndpoint;
  }
  return confirmed === t.url ? undefined : `The endpoint changed since you confirmed it (now ${t.host}); nothing was sent.`;
}

/** Turns a thrown config/safety error into a failed result. */
export function configFailure(issuer: IssuerId, e: unknown): RevokeResult {
  return { state: 'failed', issuer, endpointHost: '', detail: (e as Error).message, retryable: false };
}

export function configCheckFailure(issuer: IssuerId, e: unknown): CheckResult {
  return { state: 'unknown', issuer, detail: (e as Error).message, retryable: false };
}

/** Last 4 characters, the only part of a token named in manual steps. */
export function last4(token: string): string {
  return token.length >= 12 ? token.slice(-4) : '';
}

export function header(headers: Headers, name: string): string | undefined {
  return headers.get(name) ?? undefined;
}

/** Splits `a, b c` scope lists. */
export function splitScopes(v: string | undefined | null, sep: RegExp = /[\s,]+/): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return v.split(sep).map((s) => s.trim()).filter(Boolean);
}
