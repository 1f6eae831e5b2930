// HTTP plumbing shared by the issuer clients: endpoint safety, timeouts, error mapping and
// redaction. Every request to an issuer goes through `send`.

import { latin1Text, utf8Bytes } from '../engine/bytes';
import { errorMessage } from '../errors';
import { assertSafeEndpoint } from './endpointSafety';
import type { EndpointTarget, IssuerContext, TokenInfo } from './types';

export { EndpointConfigError, UnsafeEndpointError } from '../errors';
export { assertSafeEndpoint, isLoopbackHost } from './endpointSafety';

export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_BODY_CHARS = 1_000_000;

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

/** Shortest part of a token whose echo in server text makes us drop that text. */
export const ECHO_RUN = 8;

/**
 * Every form in which a request can carry `token`: as is, percent-encoded (`encodeURIComponent`),
 * form-encoded (`URLSearchParams`, which also encodes `~!'()` and turns spaces into `+`),
 * JSON-escaped (also with `\/`), and base64 / base64url at each of the three alignments it can
 * have inside a longer encoded value (HTTP Basic `user:token`).
 */
export function tokenForms(token: string): string[] {
  const forms = new Set<string>([token, encodeURIComponent(token), new URLSearchParams([['', token]]).toString().slice(1)]);
  const json = JSON.stringify(token).slice(1, -1);
  forms.add(json);
  forms.add(json.replace(/\//g, '\\/'));
  const bytes = utf8Bytes(token);
  for (let k = 0; k < 3; k++) {
    const shifted = new Uint8Array(k + bytes.length);
    shifted.set(bytes, k);
    const b64 = btoa(latin1Text(shifted)).replace(/=+$/, '');
    // Characters that depend only on the token's bytes: skip the ones mixed with the k bytes
    // before it, and the last one when it is mixed with whatever follows.
    const start = k === 0 ? 0 : k === 1 ? 2 : 3;
    const end = (k + bytes.length) % 3 === 0 ? b64.length : b64.length - 1;
    const part = b64.slice(start, end);
    if (part.length >= ECHO_RUN) {
      forms.add(part);
      forms.add(part.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter(Boolean);
}

function secretList(secrets: string | readonly string[]): string[] {
  return (typeof secrets === 'string' ? [secrets] : [...secrets]).filter(Boolean);
}

/** Removes the token, in every form a request carries it (`tokenForms`), from text that came from a server. */
export function scrub(text: string, secrets: string | readonly string[]): string {
  let out = text;
  for (const token of secretList(secrets)) {
    // Longest first, so that a form containing another is removed whole.
    for (const form of tokenForms(token).sort((a, b) => b.length - a.length)) out = out.split(form).join('[token]');
  }
  return out;
}

/**
 * True when `text` holds any ECHO_RUN-character run of a token or of one of its forms: a server
 * that echoes part of what we sent. Such text is dropped, not shown (a part can be enough to
 * rebuild the token with the rest the redacted form shows).
 */
export function echoesToken(text: string, secrets: string | readonly string[]): boolean {
  if (text.length < ECHO_RUN) return false;
  for (const token of secretList(secrets)) {
    const runs = new Set<string>();
    for (const form of token.length >= ECHO_RUN ? tokenForms(token) : [token]) {
      if (form.length < ECHO_RUN) {
        if (form.length >= 4 && text.includes(form)) return true;
        continue;
      }
      for (let i = 0; i + ECHO_RUN <= form.length; i++) runs.add(form.slice(i, i + ECHO_RUN));
    }
    for (let i = 0; i + ECHO_RUN <= text.length; i++) if (runs.has(text.slice(i, i + ECHO_RUN))) return true;
  }
  return false;
}

/** Server text fit to show: scrubbed, and withheld entirely when it still echoes part of the token. */
export function serverText(text: string, secrets: string | readonly string[]): string {
  const clean = scrub(text, secrets);
  return echoesToken(clean, secrets) ? '(server text withheld: it repeated part of the token)' : clean;
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
  | {
      kind: 'response'; status: number; headers: Headers; text: string; json: unknown; host: string;
      /** The server's short description of its answer: scrubbed, and withheld when it echoes part of the token. */
      message: string;
    }
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
  const why = code || (typeof cause?.message === 'string' ? serverText(cause.message, secrets).slice(0, 120) : '');
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
    return { kind: 'error', reason: 'unsafe', message: errorMessage(e), retryable: false, host: safeHost(req.url) };
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
    const message = serverText(describeBody(json, text), secrets);
    return { kind: 'response', status: res.status, headers: res.headers, text: scrub(text, secrets), json: scrubJson(json, secrets), host, message };
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

/** A short description of an error body (`message`, `error`, `errors[0]`…), before any scrubbing. */
function describeBody(json: unknown, text: string): string {
  const j = json as Record<string, unknown> | undefined;
  const pick = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  let m: string | undefined;
  if (j && typeof j === 'object') {
    const errors = Array.isArray(j.errors) ? j.errors : undefined;
    m = pick(j.error_description) ?? pick(j.message) ?? pick(j.error) ?? pick(errors?.[0])
      ?? pick((errors?.[0] as Record<string, unknown> | undefined)?.message)
      ?? (Array.isArray(j.messages) ? pick(j.messages[0]) : undefined);
  }
  m ??= text.trim();
  m = m.replace(/\s+/g, ' ');
  return m.length > 200 ? m.slice(0, 200) + '…' : m;
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

/** Last 4 characters, the only part of a token named in manual steps. */
export function last4(token: string): string {
  return token.length >= 12 ? token.slice(-4) : '';
}

/** Splits `a, b c` scope lists. */
export function splitScopes(v: string | undefined | null, sep: RegExp = /[\s,]+/): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return v.split(sep).map((s) => s.trim()).filter(Boolean);
}
