// What the revocation flows know about a token before anything is sent (plain Node, no `vscode`):
// what an issuer client is told about a finding, the issuer context built from user-level
// settings, and the quick pick rows of the tokens seen.

import { sortedTokens, type TokenCustody } from '../custody/state';
import type { CustodyWhere } from '../custody/log';
import { issuerName } from '../engine/issuerNames';
import type { Finding } from '../engine/types';
import { parseCustomIssuers } from '../issuers/custom';
import { resolveEndpoints, type EndpointSettings } from '../issuers/endpoints';
import type { IssuerContext, TokenInfo } from '../issuers/types';
import { whereLabel } from './messages';

export type IssuerOp = 'revoke' | 'check';

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
