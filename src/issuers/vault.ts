// HashiCorp Vault (`tokenCustody.endpoints.vault`: the Vault address; no default).
// Revoke: `POST <addr>/v1/auth/token/revoke-self` (204); check: `GET <addr>/v1/auth/token/lookup-self`;
// both with the `X-Vault-Token` header. Vault answers 403 {"errors":["permission denied"]} for a
// token it does not accept.

import { EndpointConfigError } from '../errors';
import { joinUrl, target } from './http';
import { body, invalid, isoDate, issuerClient, str, strings, type Answer, type Said } from './template';
import type { IssuerContext } from './types';

const SETTING = 'tokenCustody.endpoints.vault';

const vaultTarget = (path: string, method: string) => (ctx: IssuerContext) => {
  const addr = ctx.endpoints.vault;
  if (!addr) {
    throw new EndpointConfigError(`No Vault address is set: set \`${SETTING}\` (e.g. https://vault.example.com:8200) in your user settings to revoke or check Vault tokens.`, SETTING);
  }
  return target(joinUrl(addr, path), method);
};
const vaultToken = (token: string) => ({ headers: { 'x-vault-token': token } });

const revoked = (_a: Answer, s: Said) => ({ state: 'revoked' as const, detail: `Vault revoked ${s.redacted} and its child tokens.` });
const refused = (a: Answer, s: Said) => ({
  state: 'already-revoked' as const,
  detail: `Vault does not accept ${s.redacted} (${a.message || 'permission denied'}): already revoked, expired or never valid.`,
});

export const vaultClient = issuerClient({
  id: 'vault',
  displayName: 'HashiCorp Vault',
  label: 'Vault',
  capability: 'vault-revoke-self',
  revoke: {
    target: vaultTarget('/v1/auth/token/revoke-self', 'POST'),
    request: vaultToken,
    on: { 200: revoked, 204: revoked, 401: refused, 403: refused },
  },
  check: {
    target: vaultTarget('/v1/auth/token/lookup-self', 'GET'),
    request: vaultToken,
    on: {
      200: (a, s) => {
        const d = (body<{ data: { display_name?: unknown; policies?: unknown; expire_time?: unknown } }>(a).data ?? {});
        const login = str(d.display_name);
        const scopes = strings(d.policies);
        const expiresAt = typeof d.expire_time === 'string' ? isoDate(d.expire_time) : undefined;
        return {
          state: 'live', login, scopes, expiresAt,
          detail: `${s.redacted} is live${login ? ` (${login})` : ''}${scopes ? `; policies: ${scopes.join(', ')}` : ''}${expiresAt ? `; expires ${expiresAt}` : '; no expiry'}.`,
        };
      },
      401: invalid,
      403: invalid,
    },
  },
});
