// Pure pieces of the revocation area (no `vscode` import, unit-tested in plain Node): what an issuer
// client is told about a finding, the issuer context built from user-level settings, the texts of
// the confirmation and result messages, retry decisions, the quick pick rows, and the detection
// rules derived from custom issuers (`tokenCustody.issuers`).

import type { CheckResult as LogCheckResult, CheckedDetail, CustodyWhere, RevokeResult as LogRevokeResult, RevokedDetail } from '../custody/log';
import { sortedTokens, type TokenCustody } from '../custody/state';
import { issuerName } from '../engine/issuers';
import type { Finding } from '../engine/types';
import { parseCustomIssuers } from '../issuers/custom';
import { resolveEndpoints, type EndpointSettings } from '../issuers/endpoints';
import type { CheckResult, CustomIssuer, EndpointTarget, IssuerContext, ManualSteps, RevokeResult, RevokeState, TokenInfo } from '../issuers/types';

export type IssuerOp = 'revoke' | 'check';

// ---------------------------------------------------------------------------------------------
// Finding → issuer client input

/** What the issuer client is told about a finding: identity and metadata, never the secret. */
export function tokenInfoOf(f: Pick<Finding, 'ruleId' | 'issuer' | 'kind' | 'revocation' | 'redacted' | 'metadata'>): TokenInfo {
  return { ruleId: f.ruleId, issuer: f.issuer, kind: f.kind, revocation: f.revocation, redacted: f.redacted, metadata: { ...f.metadata } };
}

/**
 * The issuer context from settings that are read from user/machine scope only (`endpoints`,
 * `issuers`). Throws `EndpointConfigError` (naming the setting) for an unusable endpoint setting;
 * invalid custom issuers are dropped and returned in `issuerErrors`.
 */
export function issuerContextFrom(
  settings: { endpoints: EndpointSettings; issuers: unknown },
  extra: Pick<IssuerContext, 'timeoutMs' | 'userAgent' | 'fetch'> = {},
): { ctx: IssuerContext; issuerErrors: string[] } {
  const endpoints = resolveEndpoints(settings.endpoints);
  const { issuers, errors } = parseCustomIssuers(settings.issuers);
  return { ctx: { endpoints, customIssuers: issuers, ...extra }, issuerErrors: errors };
}

// ---------------------------------------------------------------------------------------------
// Custody log details

export function logRevokeResult(state: RevokeState): LogRevokeResult {
  switch (state) {
    case 'revoked': return 'revoked';
    case 'already-revoked': return 'already-invalid';
    case 'manual': return 'manual';
    case 'failed': return 'failed';
  }
}

export function revokedDetail(r: RevokeResult): RevokedDetail {
  const d: RevokedDetail = { result: logRevokeResult(r.state) };
  if (r.endpointHost) d.endpointHost = r.endpointHost;
  if (r.httpStatus !== undefined) d.status = r.httpStatus;
  if (r.detail) d.message = r.detail;
  return d;
}

/** `unknown` answers that trying again can fix are `unknown`; the others (config, TLS, unexpected status) are `error`. */
export function logCheckResult(r: Pick<CheckResult, 'state' | 'retryable'>): LogCheckResult {
  if (r.state === 'live') return 'live';
  if (r.state === 'revoked' || r.state === 'invalid') return 'not-live';
  return r.retryable === false ? 'error' : 'unknown';
}

export function checkedDetail(r: CheckResult): CheckedDetail {
  const d: CheckedDetail = { result: logCheckResult(r) };
  if (r.endpointHost) d.endpointHost = r.endpointHost;
  if (r.expiresAt) d.expiresAt = r.expiresAt;
  if (r.scopes) d.scopes = [...r.scopes];
  if (r.detail) d.message = r.detail;
  return d;
}

// ---------------------------------------------------------------------------------------------
// Texts

export interface TokenLabel {
  /** Human name of the token type, e.g. "GitHub personal access token (classic)". */
  name: string;
  redacted: string;
}

/** `file.env:3`, `terminal "bash" (output)`; undefined when nothing is known. */
export function whereLabel(where: CustodyWhere | undefined): string | undefined {
  if (!where) return undefined;
  if (where.kind === 'terminal') return `terminal "${where.terminal}" (${where.place === 'output' ? 'output' : where.place === 'command' ? 'command line' : 'paste'})`;
  const name = where.path ?? shortUri(where.uri);
  return where.range ? `${name}:${where.range.line}` : name;
}

function shortUri(uri: string): string {
  const m = /^untitled:(.*)$/.exec(uri);
  if (m) return m[1] || 'an untitled editor';
  try {
    const u = new URL(uri);
    return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? uri);
  } catch {
    return uri;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export interface ConfirmText {
  message: string;
  detail: string;
  /** The button that sends the token: **Revoke** (DESIGN §7) or **Check**. */
  button: 'Revoke' | 'Check';
}

/**
 * The modal that asks before the token leaves the machine. It names the exact host (and the
 * method and path) that receives it.
 */
export function confirmText(op: IssuerOp, token: TokenLabel, issuer: string, target: EndpointTarget, previous?: Pick<TokenCustody, 'revocation' | 'state'>): ConfirmText {
  const path = `${target.method} ${pathOf(target.url)}`;
  if (op === 'check') {
    return {
      message: `Check whether ${token.name} ${token.redacted} is live?`,
      detail: `The token will be sent to ${target.host} (${path}), ${issuer}'s endpoint, in a read-only request. Nothing is changed and no other host receives it.`,
      button: 'Check',
    };
  }
  const lines = [`The token will be sent to ${target.host} (${path}), ${issuer}'s revocation endpoint, and nowhere else.`];
  lines.push('Anything that still uses it will stop working; you will need a new token.');
  if (previous?.revocation && previous.state === 'revoked') lines.push(`The custody log says it was already revoked (${previous.revocation.at.slice(0, 10)}).`);
  return { message: `Revoke ${token.name} ${token.redacted} at ${issuer}?`, detail: lines.join('\n'), button: 'Revoke' };
}

/** The notification shown when the auto-revoke policy sends a token without asking. */
export function autoRevokeAnnouncement(token: TokenLabel, issuer: string, host: string, where?: CustodyWhere): string {
  const w = whereLabel(where);
  return `Token Custody: revoking ${token.name} ${token.redacted}${w ? ` (seen in ${w})` : ''} at ${issuer} (${host}) automatically, as tokenCustody.policy.autoRevoke says.`;
}

export type ResultAction = 'Retry' | 'Open Console' | 'Remove from File' | 'Show Log' | 'Revoke…' | 'Move to Keychain' | 'Open Settings';

export interface ResultMessage {
  severity: 'info' | 'warning' | 'error';
  text: string;
  actions: ResultAction[];
  /** For manual steps: shown as the modal's detail. */
  detail?: string;
}

export interface ResultContext {
  token: TokenLabel;
  issuer: string;
  where?: CustodyWhere;
  /** True when the token was found in a file that is open (the "Remove from File" action can act). */
  removable?: boolean;
}

function nextSteps(c: ResultContext): string {
  const w = whereLabel(c.where);
  const remove = c.where?.kind === 'terminal' ? `Clear it from ${w}` : w ? `Remove it from ${w}` : 'Remove it wherever it was pasted';
  return `${remove}, create a new token at ${c.issuer} if you still need one, and store that with "Move Token to Keychain" instead of pasting it.`;
}

export function revokeResultMessage(r: RevokeResult, c: ResultContext): ResultMessage {
  const who = `${c.token.name} ${c.token.redacted}`;
  switch (r.state) {
    case 'revoked':
      return { severity: 'info', text: `Token Custody: revoked ${who} at ${c.issuer}${r.endpointHost ? ` (${r.endpointHost})` : ''}. ${nextSteps(c)}`, actions: c.removable ? ['Remove from File'] : [] };
    case 'already-revoked':
      return { severity: 'info', text: `Token Custody: ${c.issuer} no longer accepts ${who} (already revoked or expired). ${nextSteps(c)}`, actions: c.removable ? ['Remove from File'] : [] };
    case 'manual': {
      const m = r.manual;
      return {
        severity: 'info',
        text: `${c.issuer} has no API to revoke ${who}: revoke it in the ${c.issuer} console${m?.identifier ? ` (the key ${m.identifier})` : ''}.`,
        actions: m?.consoleUrl ? ['Open Console'] : [],
        detail: manualDetail(m),
      };
    }
    case 'failed': {
      const retry = r.retryable === true;
      const text = `Token Custody: could not revoke ${who} at ${c.issuer}: ${r.detail} The token is still exposed${retry ? '; you can try again.' : '.'}`;
      return { severity: 'error', text, actions: retry ? ['Retry', 'Show Log'] : ['Show Log'] };
    }
  }
}

export function manualDetail(m: ManualSteps | undefined): string | undefined {
  if (!m) return undefined;
  const steps = m.steps.map((s, i) => `${i + 1}. ${s}`);
  if (m.consoleUrl) steps.unshift(`Console: ${m.consoleUrl}`);
  return steps.join('\n');
}

export function checkResultMessage(r: CheckResult, c: ResultContext): ResultMessage {
  const who = `${c.token.name} ${c.token.redacted}`;
  switch (r.state) {
    case 'live': {
      const facts = [
        r.login ? `account ${r.login}` : undefined,
        r.scopes ? `scopes: ${r.scopes.length ? r.scopes.join(', ') : 'none'}` : undefined,
        r.expiresAt ? `expires ${r.expiresAt}` : 'no expiry reported',
      ].filter(Boolean);
      return { severity: 'warning', text: `Token Custody: ${who} is LIVE at ${c.issuer} (${facts.join('; ')}). Revoke it or move it to the keychain.`, actions: ['Revoke…', 'Move to Keychain'] };
    }
    case 'revoked':
    case 'invalid':
      return {
        severity: 'info',
        text: `Token Custody: ${c.issuer} does not accept ${who} (${r.state === 'revoked' ? 'revoked' : 'revoked, expired or never valid'}). ${c.where ? `Remove it from ${whereLabel(c.where)} anyway.` : ''}`.trim(),
        actions: c.removable ? ['Remove from File'] : [],
      };
    case 'unknown': {
      const retry = r.retryable !== false;
      return { severity: 'warning', text: `Token Custody: could not tell whether ${who} is live: ${r.detail}`, actions: retry ? ['Retry', 'Show Log'] : ['Show Log'] };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Retry

export type RetryPlan =
  | { kind: 'now' }
  /** Wait this long (progress, cancellable), then send. */
  | { kind: 'wait'; ms: number }
  /** The issuer asked for a long pause: tell the user when, do not hold a request open. */
  | { kind: 'later'; at: number };

/**
 * When a retry may be sent after a failure at `failedAt` (ms): at once, after the rest of the
 * `Retry-After` delay when that is short (≤ `maxWaitMs`), or not before `at`.
 */
export function retryPlan(r: Pick<RevokeResult | CheckResult, 'retryAfterSeconds'>, failedAt: number, now: number, maxWaitMs = 60_000): RetryPlan {
  if (r.retryAfterSeconds === undefined || r.retryAfterSeconds <= 0) return { kind: 'now' };
  const at = failedAt + r.retryAfterSeconds * 1000;
  const ms = at - now;
  if (ms <= 0) return { kind: 'now' };
  if (ms <= maxWaitMs) return { kind: 'wait', ms };
  return { kind: 'later', at };
}

// ---------------------------------------------------------------------------------------------
// Quick pick rows

export interface PickRow {
  fingerprint: string;
  label: string;
  description: string;
  detail: string;
  /** The token's value is known in this window (it can be sent). */
  actionable: boolean;
  /** Why not, when not actionable. */
  reason?: string;
}

const STATE_LABEL: Record<TokenCustody['state'], string> = { exposed: 'exposed', vaulted: 'in keychain', revoked: 'revoked', ignored: 'ignored' };

/** Rows for the tokens seen (exposed first), the ones whose value is known in this window first. */
export function pickRows(tokens: readonly TokenCustody[], known: (fingerprint: string) => boolean): PickRow[] {
  const rows = sortedTokens(tokens).map((t): PickRow => {
    const actionable = known(t.fingerprint);
    const last = t.seen[t.seen.length - 1];
    const w = whereLabel(last?.where);
    const more = t.seen.length > 1 ? ` (+${t.seen.length - 1} more place${t.seen.length > 2 ? 's' : ''})` : '';
    const reason = actionable ? undefined : 'Not actionable: seen in an earlier window, and its value is never stored. Open the file (or paste it into "Enter a token…") to act on it.';
    return {
      fingerprint: t.fingerprint,
      label: `${t.name ?? t.ruleId} ${t.redacted}`,
      description: `${issuerName(t.issuer)} · ${STATE_LABEL[t.state]}`,
      detail: `${w ? `seen in ${w}${more}` : 'place unknown'}${reason ? ` — ${reason}` : ''}`,
      actionable,
      reason,
    };
  });
  return [...rows.filter((r) => r.actionable), ...rows.filter((r) => !r.actionable)];
}

/** The most recent place a token was seen. */
export function latestWhere(t: Pick<TokenCustody, 'seen'> | undefined): CustodyWhere | undefined {
  if (!t || t.seen.length === 0) return undefined;
  let best = t.seen[0]!;
  for (const s of t.seen) if (Date.parse(s.lastSeen) >= Date.parse(best.lastSeen)) best = s;
  return best.where;
}

// ---------------------------------------------------------------------------------------------
// Custom issuers → detection rules

/**
 * The longest literal prefix every match of `pattern` starts with (lower-cased), when it is at
 * least 2 characters: the keyword the engine's prefilter looks for. Undefined when the pattern
 * starts with a class, a group, an escape or has a top-level alternation.
 */
export function literalPrefix(pattern: string): string | undefined {
  if (hasTopLevelAlternation(pattern)) return undefined;
  let i = pattern.startsWith('^') ? 1 : 0;
  let out = '';
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (/[A-Za-z0-9_\-:=@/]/.test(c)) out += c;
    else if (c === '\\' && /[.\-_/:@]/.test(pattern[i + 1] ?? '')) {
      out += pattern[i + 1];
      i++;
    } else break;
  }
  const next = pattern[i];
  // The last literal is optional or repeated zero times: it is not part of every match.
  if (next === '?' || next === '*' || next === '{') out = out.slice(0, -1);
  return out.length >= 2 ? out.toLowerCase() : undefined;
}

function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'issuer';
}

/** Rule id of a custom issuer's detection rule. */
export function customIssuerRuleId(name: string): string {
  return `custom-issuer-${slug(name)}`;
}

/**
 * Detection rules (custom-rule objects as `createScanner` takes them) for the custom issuers of the
 * `tokenCustody.issuers` setting (raw value, or already parsed issuers). Each finds the issuer's
 * token pattern and names the issuer, so a finding resolves to that issuer's client. Invalid
 * issuers are skipped (the revocation area reports them).
 */
export function customIssuerRules(issuers: unknown): unknown[] {
  const parsed: readonly CustomIssuer[] = Array.isArray(issuers) && issuers.every(isParsedIssuer) ? issuers : parseCustomIssuers(issuers).issuers;
  const used = new Set<string>();
  return parsed.map((c) => {
    let id = customIssuerRuleId(c.name);
    for (let n = 2; used.has(id); n++) id = `${customIssuerRuleId(c.name)}-${n}`;
    used.add(id);
    const prefix = literalPrefix(c.pattern);
    const owner = [c.owner?.team, c.owner?.contact].filter(Boolean).join(', ');
    return {
      id,
      issuer: c.name,
      name: `${c.name} token`,
      pattern: c.pattern,
      flags: 'u',
      keywords: prefix ? [prefix] : [],
      confidence: 'high',
      severity: 'high',
      kind: 'api-key',
      revocation: c.revoke.type === 'rfc7009' ? 'oauth-rfc7009' : 'manual',
      description: `Token of the custom issuer "${c.name}" (tokenCustody.issuers)${owner ? `; owner: ${owner}` : ''}.`,
    };
  });
}

function isParsedIssuer(v: unknown): v is CustomIssuer {
  return typeof v === 'object' && v !== null && (v as { regex?: unknown }).regex instanceof RegExp;
}
