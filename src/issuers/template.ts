// The one HTTP client template every issuer is declared on. The template owns the sequence
// target → confirmed endpoint? → send → status ladder, and every answer issuers treat alike:
// configuration errors, timeouts, network failures, 429 with Retry-After, 5xx, redirects and
// unexpected statuses. A declaration says only what is particular to its issuer: where the token
// goes, how the request carries it, and what each status means (status → result).

import { errorMessage } from '../errors';
import { confirmedMismatch, parseRetryAfter, redactedOf, send, type HttpOutcome, type HttpRequest } from './http';
import type {
  CheckOutcome, EndpointTarget, IssuerClient, IssuerContext, IssuerId, IssuerOperation, RevokeOutcome, TokenInfo,
} from './types';

/** An answer from the issuer (status, headers, scrubbed body, and its own short `message`). */
export type Answer = Extract<HttpOutcome, { kind: 'response' }>;

/** What a declaration may use to word a result. Never put `token` in a result: it is there to derive a key id or last 4. */
export interface Said {
  /** The token's redacted form (or, for a batch, "the token" / "N tokens"). */
  redacted: string;
  /** The issuer's name in sentences (`GitHub`, `npm registry`, the OAuth issuer's host…). */
  name: string;
  info: TokenInfo;
  ctx: IssuerContext;
  token: string;
}

/** What a status means; the template adds `issuer`, `endpointHost` and `httpStatus`. */
export type RevokeVerdict = Omit<RevokeOutcome, 'issuer' | 'endpointHost'> & { endpointHost?: string };
export type CheckVerdict = Omit<CheckOutcome, 'issuer'>;
type Verdict<K extends IssuerOperation> = K extends 'revoke' ? RevokeVerdict : CheckVerdict;
type Outcome<K extends IssuerOperation> = K extends 'revoke' ? RevokeOutcome : CheckOutcome;

/** Reads an answer; `undefined` leaves it to the rest of the ladder (common failures, then "unexpected"). */
export type Handler<T> = (a: Answer, s: Said) => T | undefined;

export interface Ladder<T> {
  /** Looked at before anything else (GitHub's rate limit, which also comes as 403). */
  first?: Handler<T>;
  /** Status → meaning. */
  on?: Readonly<Record<number, Handler<T>>>;
  /** After the common failures (429, 5xx, redirects), before "unexpected". */
  otherwise?: Handler<T>;
}

export interface HttpOp<K extends IssuerOperation> extends Ladder<Verdict<K>> {
  /**
   * The exact URL and method that receive the token (shown in the consent before anything is
   * sent). `undefined`: this operation sends nothing and `none` answers. May throw a typed
   * configuration error, which becomes a failed result naming it.
   */
  target(ctx: IssuerContext, info: TokenInfo, token?: string): EndpointTarget | undefined | Promise<EndpointTarget | undefined>;
  /** The result when `target` is undefined (manual steps, no read-only check). */
  none?(s: Said): Verdict<K>;
  /** Headers and body that carry the token to the target. May throw (the token cannot be sent so). */
  request?(token: string, s: Said): Omit<HttpRequest, 'url' | 'method'>;
  /** Several requests (npm: find the token's key, then delete it): replaces `request` and the ladder. */
  steps?(t: EndpointTarget, s: Said, x: Exchanger<K>): Promise<Outcome<K>>;
}

/** Sends one request through the ladder (for `steps`). */
export type Exchanger<K extends IssuerOperation> = <T>(req: HttpRequest, ladder: Ladder<T>) => Promise<Exchanged<K, T>>;
export type Exchanged<K extends IssuerOperation, T> = { ok: true; value: T; answer: Answer } | { ok: false; result: Outcome<K> };

export interface IssuerDeclaration {
  id: IssuerId;
  displayName: string;
  capability: IssuerClient['capability'];
  /** The issuer's name in result sentences when it differs from `displayName`. */
  label?: string | ((info: TokenInfo) => string);
  revoke: HttpOp<'revoke'> | ((info: TokenInfo, token?: string) => HttpOp<'revoke'>);
  check?: HttpOp<'check'> | ((info: TokenInfo, token?: string) => HttpOp<'check'>);
  /** A last touch on every failed revocation (custom issuers name their owning team). */
  onFailed?(r: RevokeOutcome): RevokeOutcome;
}

/** Builds an `IssuerClient` from its declaration. */
export function issuerClient(d: IssuerDeclaration): IssuerClient {
  const opOf = <K extends IssuerOperation>(k: K, info: TokenInfo, token?: string): HttpOp<K> | undefined => {
    const op = d[k] as HttpOp<K> | ((info: TokenInfo, token?: string) => HttpOp<K>) | undefined;
    return typeof op === 'function' ? op(info, token) : op;
  };
  return {
    id: d.id,
    displayName: d.displayName,
    capability: d.capability,
    async endpointFor(op, info, ctx, token) {
      return opOf(op, info, token)?.target(ctx, info, token);
    },
    async revoke(token, ctx, info) {
      const r = await run('revoke', d, opOf('revoke', info, token)!, token, ctx, info);
      return r.state === 'failed' && d.onFailed ? d.onFailed(r) : r;
    },
    check: d.check ? (token, ctx, info) => run('check', d, opOf('check', info, token)!, token, ctx, info) : undefined,
  };
}

function labelOf(d: IssuerDeclaration, info: TokenInfo): string {
  return typeof d.label === 'function' ? d.label(info) : (d.label ?? d.displayName);
}

async function run<K extends IssuerOperation>(kind: K, d: IssuerDeclaration, op: HttpOp<K>, token: string, ctx: IssuerContext, info: TokenInfo): Promise<Outcome<K>> {
  const issuer = d.id;
  let t: EndpointTarget | undefined;
  try {
    t = await op.target(ctx, info, token);
  } catch (e) {
    return failure(kind, issuer, { detail: errorMessage(e), retryable: false });
  }
  const s: Said = { redacted: redactedOf(token, info), name: labelOf(d, info), info, ctx, token };
  if (!t) {
    if (!op.none) return failure(kind, issuer, { detail: `${s.name} has no endpoint for this token; nothing was sent.`, retryable: false });
    return settle(kind, issuer, op.none(s), kind === 'revoke' ? '' : undefined);
  }
  const mismatch = confirmedMismatch(info, t);
  if (mismatch) return failure(kind, issuer, { endpointHost: t.host, detail: mismatch, retryable: false });
  const x: Exchanger<K> = (req, ladder) => exchange(kind, issuer, s, req, token, ladder);
  if (op.steps) return op.steps(t, s, x);
  let req: HttpRequest;
  try {
    req = { url: t.url, method: t.method, ...op.request?.(token, s) };
  } catch (e) {
    return failure(kind, issuer, { detail: errorMessage(e), retryable: false });
  }
  return settled(kind, issuer, await x(req, op));
}

/** Sends `req` and runs the ladder: the declaration's handlers, then common failures, then "unexpected". */
export async function exchange<K extends IssuerOperation, T>(
  kind: K, issuer: IssuerId, s: Said, req: HttpRequest, secrets: string | readonly string[], ladder: Ladder<T>,
): Promise<Exchanged<K, T>> {
  const a = await send(s.ctx, req, secrets);
  if (a.kind === 'error') return { ok: false, result: failure(kind, issuer, { endpointHost: a.host, detail: `${s.name}: ${a.message}`, retryable: a.retryable }) };
  const take = (h: Handler<T> | undefined): Exchanged<K, T> | undefined => {
    const value = h?.(a, s);
    return value === undefined ? undefined : { ok: true, value, answer: a };
  };
  const handled = take(ladder.first) ?? take(ladder.on?.[a.status]);
  if (handled) return handled;
  const common = commonStatus(a, s.name);
  if (common) return { ok: false, result: failure(kind, issuer, { endpointHost: a.host, httpStatus: a.status, ...common }) };
  return take(ladder.otherwise) ?? { ok: false, result: unexpected(kind, issuer, a, s.name) };
}

/** The result of one exchange whose value is a verdict. */
export function settled<K extends IssuerOperation>(kind: K, issuer: IssuerId, x: Exchanged<K, Verdict<K>>): Outcome<K> {
  return x.ok ? settle(kind, issuer, x.value, x.answer.host, x.answer.status) : x.result;
}

function settle<K extends IssuerOperation>(_kind: K, issuer: IssuerId, v: Verdict<K>, endpointHost?: string, httpStatus?: number): Outcome<K> {
  return defined({ issuer, endpointHost, httpStatus, ...v }) as unknown as Outcome<K>;
}

interface FailureFacts {
  endpointHost?: string;
  httpStatus?: number;
  detail: string;
  retryable: boolean;
  retryAfterSeconds?: number;
}

/** A revocation that did not happen (`failed`) or a check without an answer (`unknown`). */
export function failure<K extends IssuerOperation>(kind: K, issuer: IssuerId, f: FailureFacts): Outcome<K> {
  const r = kind === 'revoke' ? { state: 'failed', issuer, ...f, endpointHost: f.endpointHost ?? '' } : { state: 'unknown', issuer, ...f };
  return defined(r) as unknown as Outcome<K>;
}

function unexpected<K extends IssuerOperation>(kind: K, issuer: IssuerId, a: Answer, name: string): Outcome<K> {
  return failure(kind, issuer, {
    endpointHost: a.host, httpStatus: a.status, retryable: false,
    detail: `${name} answered HTTP ${a.status}${a.message ? `: ${a.message}` : ''}.`,
  });
}

/** 429, 5xx and redirects: the same for every issuer. */
function commonStatus(a: Answer, name: string): Omit<FailureFacts, 'endpointHost' | 'httpStatus'> | undefined {
  const retryAfterSeconds = parseRetryAfter(a.headers.get('retry-after'));
  const wait = retryAfterSeconds !== undefined ? ` Try again in ${retryAfterSeconds} s.` : ' Try again later.';
  if (a.status === 429) return { detail: `${name} is rate limiting requests (HTTP 429).${wait}`, retryable: true, retryAfterSeconds };
  if (a.status >= 500) return { detail: `${name} had a server error (HTTP ${a.status}).${wait}`, retryable: true, retryAfterSeconds };
  if (a.status >= 300 && a.status < 400) {
    let where = '';
    const loc = a.headers.get('location');
    if (loc) {
      try {
        where = ` to ${new URL(loc, 'https://x.invalid').host}`;
      } catch {
        where = '';
      }
    }
    return { detail: `${name} answered with a redirect (HTTP ${a.status})${where}; it was not followed. Check the endpoint setting.`, retryable: false };
  }
  return undefined;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

// ---- Readings and readers shared by declarations ----

/** "<issuer> does not accept <token> (revoked, expired or never valid)": a check's usual 401/403. */
export function invalid(_a: Answer, s: Said): CheckVerdict {
  return { state: 'invalid', detail: `${s.name} does not accept ${s.redacted} (revoked, expired or never valid).` };
}

/** "<issuer> no longer accepts <token>": a revocation's usual 401/403 (nothing left to revoke). */
export function alreadyRevoked(_a: Answer, s: Said): RevokeVerdict {
  return { state: 'already-revoked', detail: `${s.name} no longer accepts ${s.redacted} (already revoked, expired or never valid).` };
}

/** A string field of a JSON answer. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** The string items of a JSON array. */
export function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** An ISO 8601 date from a date string, or from seconds since the epoch. */
export function isoDate(v: unknown): string | undefined {
  if (typeof v === 'string' && v && !/^\d+$/.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  const n = Number(v);
  return v !== null && v !== undefined && v !== '' && Number.isFinite(n) && n > 0 ? new Date(n * 1000).toISOString() : undefined;
}

/** The JSON body as an object (empty when it is not one). */
export function body<T extends object>(a: Answer): Partial<T> {
  return (typeof a.json === 'object' && a.json !== null ? a.json : {});
}

/** `Bearer` authorization and a JSON accept header. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json' };
}
