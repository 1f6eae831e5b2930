// HashiCorp Vault (`tokenCustody.endpoints.vault`: the Vault address; no default).
// Revoke: `POST <addr>/v1/auth/token/revoke-self` (204); check: `GET <addr>/v1/auth/token/lookup-self`;
// both with the `X-Vault-Token` header. Vault answers 403 {"errors":["permission denied"]} for a
// token it does not accept.

import {
  commonCheckFailure, commonRevokeFailure, configCheckFailure, configFailure, confirmedMismatch, EndpointConfigError,
  joinUrl, redactedOf, send, serverMessage, target, unexpected, unexpectedCheck,
} from './http';
import type { CheckResult, EndpointTarget, IssuerClient, IssuerContext, RevokeResult } from './types';

const NAME = 'Vault';

function vaultTarget(ctx: IssuerContext, op: 'revoke' | 'check'): EndpointTarget {
  const addr = ctx.endpoints.vault;
  if (!addr) {
    throw new EndpointConfigError('No Vault address is set: set `tokenCustody.endpoints.vault` (e.g. https://vault.example.com:8200) in your user settings to revoke or check Vault tokens.');
  }
  return op === 'revoke'
    ? target(joinUrl(addr, '/v1/auth/token/revoke-self'), 'POST')
    : target(joinUrl(addr, '/v1/auth/token/lookup-self'), 'GET');
}

export const vaultClient: IssuerClient = {
  id: 'vault',
  displayName: 'HashiCorp Vault',
  capability: 'vault-revoke-self',

  async endpointFor(op, _info, ctx) {
    return vaultTarget(ctx, op);
  },

  async revoke(token, ctx, info): Promise<RevokeResult> {
    let t: EndpointTarget;
    try {
      t = vaultTarget(ctx, 'revoke');
    } catch (e) {
      return configFailure('vault', e);
    }
    const mismatch = confirmedMismatch(info, t);
    if (mismatch) return { state: 'failed', issuer: 'vault', endpointHost: t.host, detail: mismatch, retryable: false };
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, { url: t.url, method: 'POST', headers: { 'x-vault-token': token } }, token);
    const common = commonRevokeFailure('vault', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configFailure('vault', new Error('unreachable'));
    const base = { issuer: 'vault', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 204 || outcome.status === 200) return { ...base, state: 'revoked', detail: `Vault revoked ${redacted} and its child tokens.` };
    if (outcome.status === 403 || outcome.status === 401) {
      return { ...base, state: 'already-revoked', detail: `Vault does not accept ${redacted} (${serverMessage(outcome) || 'permission denied'}): already revoked, expired or never valid.` };
    }
    return unexpected('vault', outcome, NAME);
  },

  async check(token, ctx, info): Promise<CheckResult> {
    let t: EndpointTarget;
    try {
      t = vaultTarget(ctx, 'check');
    } catch (e) {
      return configCheckFailure('vault', e);
    }
    const redacted = redactedOf(token, info);
    const outcome = await send(ctx, { url: t.url, method: 'GET', headers: { 'x-vault-token': token } }, token);
    const common = commonCheckFailure('vault', outcome, NAME);
    if (common || outcome.kind !== 'response') return common ?? configCheckFailure('vault', new Error('unreachable'));
    const base = { issuer: 'vault', endpointHost: outcome.host, httpStatus: outcome.status };
    if (outcome.status === 200) {
      const d = ((outcome.json as { data?: unknown } | undefined)?.data ?? {}) as { display_name?: unknown; policies?: unknown; expire_time?: unknown };
      const login = typeof d.display_name === 'string' ? d.display_name : undefined;
      const scopes = Array.isArray(d.policies) ? d.policies.filter((p): p is string => typeof p === 'string') : undefined;
      const expiresAt = typeof d.expire_time === 'string' && !Number.isNaN(Date.parse(d.expire_time)) ? new Date(Date.parse(d.expire_time)).toISOString() : undefined;
      return {
        ...base, state: 'live', login, scopes, expiresAt,
        detail: `${redacted} is live${login ? ` (${login})` : ''}${scopes ? `; policies: ${scopes.join(', ')}` : ''}${expiresAt ? `; expires ${expiresAt}` : '; no expiry'}.`,
      };
    }
    if (outcome.status === 403 || outcome.status === 401) return { ...base, state: 'invalid', detail: `Vault does not accept ${redacted} (revoked, expired or never valid).` };
    return unexpectedCheck('vault', outcome, NAME);
  },
};
