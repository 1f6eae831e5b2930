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
import { english, type Translate } from '../util/l10n';
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

function stateLabel(state: TokenCustody['state'], t: Translate): string {
  switch (state) {
    case 'exposed': return t('exposed');
    case 'vaulted': return t('in keychain');
    case 'revoked': return t('revoked');
    case 'ignored': return t('ignored');
  }
}

/** Rows for the tokens seen (exposed first), the ones whose value is known in this window first. */
export function pickRows(tokens: readonly TokenCustody[], known: (fingerprint: string) => boolean, t: Translate = english): PickRow[] {
  const rows = sortedTokens(tokens).map((tok): PickRow => {
    const actionable = known(tok.fingerprint);
    const last = tok.seen[tok.seen.length - 1];
    const w = whereLabel(last?.where, t);
    const others = tok.seen.length - 1;
    const seen = !w ? t('place unknown') : others === 0 ? t('seen in {0}', w) : others === 1 ? t('seen in {0} (+1 more place)', w) : t('seen in {0} (+{1} more places)', w, others);
    const reason = actionable ? undefined : t('Not actionable: seen in an earlier window, and its value is never stored. Open the file (or paste it into "{0}") to act on it.', t('Enter a token…'));
    return {
      fingerprint: tok.fingerprint,
      label: `${tok.name ?? tok.ruleId} ${tok.redacted}`,
      description: `${issuerName(tok.issuer)} · ${stateLabel(tok.state, t)}`,
      detail: reason ? `${seen} — ${reason}` : seen,
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
