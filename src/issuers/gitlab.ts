// GitLab (gitlab.com and self-managed instances: `tokenCustody.endpoints.gitlab` is the instance root).
// Check: `GET <root>/api/v4/personal_access_tokens/self`; revoke: `DELETE` on the same path (204),
// both authenticated with the `PRIVATE-TOKEN` header. 401 means the token is not accepted.

import { joinUrl, last4, target } from './http';
import { alreadyRevoked, body, invalid, isoDate, issuerClient, strings, type Said } from './template';
import type { IssuerContext } from './types';

const SELF = '/api/v4/personal_access_tokens/self';
const selfTarget = (method: string) => (ctx: IssuerContext) => target(joinUrl(ctx.endpoints.gitlab, SELF), method);
const privateToken = (token: string) => ({ headers: { 'private-token': token } });

function manualSteps({ ctx, token, redacted }: Said) {
  const consoleUrl = joinUrl(ctx.endpoints.gitlab, '/-/user_settings/personal_access_tokens');
  const id = last4(token);
  return {
    consoleUrl,
    identifier: id ? `ends with ${id}` : redacted,
    steps: [
      `Open ${consoleUrl} signed in as the token's owner.`,
      `Under "Active personal access tokens", find the token${id ? ` ending in ${id}` : ''} (match its name, scopes and last-used date).`,
      'Select "Revoke" and confirm.',
    ],
  };
}

const selfManaged = (a: { status: number }, s: Said) => ({
  state: 'manual' as const,
  detail: `GitLab did not let ${s.redacted} revoke itself (HTTP ${a.status}); revoke it in GitLab's settings.`,
  manual: manualSteps(s),
});

interface GitlabSelf { name: unknown; scopes: unknown; expires_at: unknown; active: unknown; revoked: unknown; user_id: unknown }

export const gitlabClient = issuerClient({
  id: 'gitlab',
  displayName: 'GitLab',
  capability: 'gitlab-pat-self',
  revoke: {
    target: selfTarget('DELETE'),
    request: privateToken,
    on: {
      200: (_a, s) => ({ state: 'revoked', detail: `GitLab revoked ${s.redacted}.` }),
      204: (_a, s) => ({ state: 'revoked', detail: `GitLab revoked ${s.redacted}.` }),
      401: alreadyRevoked,
      403: selfManaged,
      404: selfManaged,
    },
  },
  check: {
    target: selfTarget('GET'),
    request: privateToken,
    on: {
      200: (a, s) => {
        const j = body<GitlabSelf>(a);
        const scopes = strings(j.scopes);
        const expiresAt = typeof j.expires_at === 'string' ? isoDate(j.expires_at) : undefined;
        const login = typeof j.user_id === 'number' ? `user #${j.user_id}` : undefined;
        if (j.revoked === true) return { state: 'revoked', scopes, expiresAt, login, detail: `GitLab reports ${s.redacted} as revoked.` };
        if (j.active === false) return { state: 'invalid', scopes, expiresAt, login, detail: `GitLab reports ${s.redacted} as inactive (expired).` };
        const name = typeof j.name === 'string' ? ` ("${j.name}")` : '';
        return {
          state: 'live', scopes, expiresAt, login,
          detail: `${s.redacted}${name} is live${scopes ? `; scopes: ${scopes.join(', ')}` : ''}${expiresAt ? `; expires ${expiresAt}` : ''}.`,
        };
      },
      401: invalid,
      403: (_a, s) => ({ state: 'live', detail: `${s.redacted} is live (GitLab accepted it but it may not read its own details).` }),
    },
  },
});
