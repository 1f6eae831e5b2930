// Types shared by the issuer clients. Plain Node: no `vscode` import anywhere under src/issuers/
// (the CLI and the unit tests load these modules directly).

import type { CredentialKind, MetadataValue, RevocationCapability } from '../engine/types';

/** Issuer id as used by rules (`github`, `gitlab`, `slack`, `npm`, `oauth`, `aws`, …) or a custom issuer's name. */
export type IssuerId = string;

export type IssuerOperation = 'revoke' | 'check';

/**
 * What the caller knows about the token, never the token itself. `redacted` is used in every
 * message; when absent the client derives one (first 4 + •••• + last 4).
 */
export interface TokenInfo {
  ruleId?: string;
  issuer?: string;
  kind?: CredentialKind;
  revocation?: RevocationCapability;
  /** Redacted form shown to the user, e.g. `ghp_••••3kQz`. */
  redacted?: string;
  /** Decoded metadata from the engine: JWT claims (`iss`, `client_id`, `exp`…), AWS account id, … */
  metadata?: Record<string, MetadataValue>;
  /**
   * The URL the user confirmed (from `endpointFor`). When given, the client refuses to send the
   * token anywhere else (e.g. when discovery now answers with a different endpoint).
   */
  confirmedEndpoint?: string;
}

export type CheckState = 'live' | 'revoked' | 'invalid' | 'unknown';

/**
 * Result of asking the issuer whether a token works.
 * - `live`: the issuer accepted it.
 * - `revoked`: the issuer said explicitly that it was revoked (Slack `token_revoked`, …).
 * - `invalid`: the issuer did not accept it (revoked, expired or never valid: most APIs do not say which).
 * - `unknown`: no answer (network, timeout, rate limit, 5xx, no check available).
 */
export interface CheckOutcome {
  state: CheckState;
  issuer: IssuerId;
  /** Host that received the token, when one did. */
  endpointHost?: string;
  login?: string;
  scopes?: string[];
  /** ISO 8601 expiry when the issuer reports one. */
  expiresAt?: string;
  /** Human text. Never contains the token. */
  detail: string;
  httpStatus?: number;
  retryable?: boolean;
  retryAfterSeconds?: number;
}

export type RevokeState = 'revoked' | 'already-revoked' | 'failed' | 'manual';

export interface ManualSteps {
  /** Exact console page where the key is managed. */
  consoleUrl: string;
  /** Concrete steps, each naming the key by its identifier. */
  steps: string[];
  /** How the user recognises the key there: AWS key id, or the last 4 characters. */
  identifier: string;
}

export interface RevokeOutcome {
  state: RevokeState;
  issuer: IssuerId;
  /** Host that received (or would receive) the token. Empty for manual issuers. */
  endpointHost: string;
  /** Human text. Never contains the token. */
  detail: string;
  httpStatus?: number;
  /** `failed` results: whether trying again later can succeed. */
  retryable?: boolean;
  retryAfterSeconds?: number;
  manual?: ManualSteps;
}

/** Where a token is sent for an operation; shown in the confirmation before anything is sent. */
export interface EndpointTarget {
  /** The exact URL that receives the token. */
  url: string;
  host: string;
  method: string;
}

/**
 * API roots. The settings `tokenCustody.endpoints.*` fill github, gitlab, slack, npm, vault
 * and doppler; `apiRoots` holds fixed public roots (Google, OpenAI, …) that only tests override.
 */
export interface Endpoints {
  github: string;
  gitlab: string;
  slack: string;
  npm: string;
  /** Vault address; no default (a clear error when a Vault token is revoked without it). */
  vault?: string;
  doppler: string;
  apiRoots: Record<string, string>;
}

export interface IssuerContext {
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  endpoints: Endpoints;
  /** Per request; default 15,000 ms. */
  timeoutMs?: number;
  /** Custom issuers from `tokenCustody.issuers` (validated with `parseCustomIssuers`). */
  customIssuers?: readonly CustomIssuer[];
  /** Cancels every request of the operation. */
  signal?: AbortSignal;
  userAgent?: string;
}

export interface IssuerClient {
  readonly id: IssuerId;
  readonly displayName: string;
  /** The engine capability this client implements (`custom-http` for a custom issuer's HTTP call). */
  readonly capability: RevocationCapability | 'custom-http';
  /**
   * The exact URL that will receive the token for `op`, so the UI can name its host before
   * anything is sent. `undefined` when the operation sends nothing (manual issuers, no check).
   * May do discovery (OAuth metadata), which never carries the token. Throws a clear error when
   * the endpoint is not configured or not allowed. `token`, when given, only selects the endpoint
   * (e.g. GitHub installation tokens) and is never sent by this call.
   */
  endpointFor(op: IssuerOperation, info: TokenInfo, ctx: IssuerContext, token?: string): Promise<EndpointTarget | undefined>;
  revoke(token: string, ctx: IssuerContext, info: TokenInfo): Promise<RevokeOutcome>;
  /** Present when the issuer has a documented read-only check. */
  check?(token: string, ctx: IssuerContext, info: TokenInfo): Promise<CheckOutcome>;
}

// ---- Custom issuers (setting `tokenCustody.issuers`) ----

export interface CustomHttpCall {
  type: 'http';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Never holds the token: `${token}` is refused here so it cannot land in an access log. */
  url: string;
  /** Header values may use `${token}`. */
  headers: Record<string, string>;
  /** May use `${token}`; escaped for JSON or form bodies according to the Content-Type header. */
  body?: string;
  /** Statuses that mean success (revoked / live). */
  successStatus: number[];
  /** Statuses that mean the token no longer works (already revoked / invalid). Default [401, 403]. */
  invalidStatus: number[];
}

export interface CustomRfc7009 {
  type: 'rfc7009';
  endpoint: string;
  /** Public client id sent as `client_id` (never a secret). */
  clientId?: string;
}

export interface CustomRfc7662 {
  type: 'rfc7662';
  endpoint: string;
  clientId?: string;
}

export interface CustomIssuer {
  name: string;
  /** Regex source matching this issuer's tokens. */
  pattern: string;
  regex: RegExp;
  revoke: CustomHttpCall | CustomRfc7009;
  check?: CustomHttpCall | CustomRfc7662;
  owner?: { team?: string; contact?: string };
}
