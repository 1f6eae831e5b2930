// Google OAuth 2.0 tokens (access and refresh). Revoke: `POST https://oauth2.googleapis.com/revoke`
// with the form field `token` (200; 400 {"error":"invalid_token"} when Google no longer knows it).
// Check: the tokeninfo endpoint, called with POST and the access token as bearer (as
// google-auth-library does), so the token never sits in a URL.

import { apiRoot } from './endpoints';
import { formBody, joinUrl, splitScopes, target } from './http';
import { body, invalid, isoDate, issuerClient, str } from './template';
import type { IssuerContext } from './types';

const FORM = 'application/x-www-form-urlencoded';
const at = (path: string) => (ctx: IssuerContext) => target(joinUrl(apiRoot(ctx.endpoints, 'google'), path), 'POST');

export const googleClient = issuerClient({
  id: 'google',
  displayName: 'Google',
  capability: 'google-oauth-revoke',
  revoke: {
    target: at('/revoke'),
    request: (token) => ({ headers: { 'content-type': FORM }, body: formBody({ token }) }),
    on: {
      200: (_a, s) => ({ state: 'revoked', detail: `Google revoked ${s.redacted}${s.info.kind === 'oauth-access-token' ? ' (and the grant it belongs to)' : ''}.` }),
      400: (a, s) => {
        const err = body<{ error: unknown }>(a).error;
        if (err !== 'invalid_token' && err !== 'invalid_request') return undefined;
        return { state: 'already-revoked', detail: `Google no longer accepts ${s.redacted} (${a.message || err}): already revoked or expired.` };
      },
    },
  },
  check: {
    target: (ctx, info) => (info.kind === 'oauth-refresh-token' ? undefined : at('/tokeninfo')(ctx)),
    none: () => ({ state: 'unknown', retryable: false, detail: 'Google has no read-only check for refresh tokens; nothing was sent.' }),
    request: (token) => ({ headers: { authorization: `Bearer ${token}`, 'content-type': FORM }, body: '' }),
    on: {
      200: (a, s) => {
        const j = body<{ email: unknown; scope: unknown; exp: unknown }>(a);
        const login = str(j.email);
        const scopes = typeof j.scope === 'string' ? splitScopes(j.scope, /\s+/) : undefined;
        const expiresAt = isoDate(j.exp);
        return { state: 'live', login, scopes, expiresAt, detail: `${s.redacted} is live${login ? ` (${login})` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.` };
      },
      400: invalid,
      401: invalid,
    },
  },
});
