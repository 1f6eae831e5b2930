// Doppler (`tokenCustody.endpoints.doppler`, default https://api.doppler.com).
// Revoke: `POST <root>/v3/auth/revoke` with body {"token": …} and the token as bearer.
// Check: `GET <root>/v3/me` (read-only: describes the token in use).

import { joinUrl, target } from './http';
import { alreadyRevoked, bearer, body, invalid, issuerClient, str, type Answer, type Said } from './template';
import type { IssuerContext } from './types';

const at = (path: string, method: string) => (ctx: IssuerContext) => target(joinUrl(ctx.endpoints.doppler, path), method);

/** Doppler says `success: false` in the body of some 200s: those are not a revocation (→ unexpected). */
const revoked = (a: Answer, s: Said) => (body<{ success: unknown }>(a).success === false ? undefined : { state: 'revoked' as const, detail: `Doppler revoked ${s.redacted}.` });

export const dopplerClient = issuerClient({
  id: 'doppler',
  displayName: 'Doppler',
  capability: 'doppler-auth-revoke',
  revoke: {
    target: at('/v3/auth/revoke', 'POST'),
    request: (token) => ({ headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ token }) }),
    on: { 200: revoked, 204: revoked, 401: alreadyRevoked, 403: alreadyRevoked },
  },
  check: {
    target: at('/v3/me', 'GET'),
    request: (token) => ({ headers: bearer(token) }),
    on: {
      200: (a, s) => {
        const j = body<{ name: unknown; workplace: { name?: unknown } }>(a);
        const login = str(j.name);
        const wp = str(j.workplace?.name);
        return { state: 'live', login, detail: `${s.redacted} is live${login ? ` (${login}${wp ? `, workplace ${wp}` : ''})` : ''}.` };
      },
      401: invalid,
      403: invalid,
    },
  },
});
