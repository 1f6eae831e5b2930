// Slack Web API (`tokenCustody.endpoints.slack`, default https://slack.com/api).
// Revoke: `POST <root>/auth.revoke`; check: `POST <root>/auth.test`; the token goes in the
// Authorization header. Slack answers HTTP 200 with {"ok":false,"error":"invalid_auth"|…} on failure.

import { joinUrl, splitScopes, target } from './http';
import { issuerClient, str, type Answer, type CheckVerdict, type RevokeVerdict, type Said } from './template';
import type { IssuerContext } from './types';

/** Errors meaning the token no longer authenticates. */
const DEAD = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'token_expired']);

interface SlackAnswer { ok?: unknown; error?: unknown; revoked?: unknown; user?: unknown; team?: unknown }

const method = (name: 'auth.revoke' | 'auth.test') => (ctx: IssuerContext) => target(joinUrl(ctx.endpoints.slack, `/${name}`), 'POST');
const call = (token: string) => ({ headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
/** Slack answers 200 with a JSON envelope; any other answer is left to the template (→ unexpected). */
function envelope<V>(read: (j: SlackAnswer, a: Answer, s: Said) => V) {
  return { 200: (a: Answer, s: Said) => (typeof a.json === 'object' && a.json !== null ? read(a.json, a, s) : undefined) };
}
const errorOf = (j: SlackAnswer): string => str(j.error) ?? 'unknown_error';

export const slackClient = issuerClient({
  id: 'slack',
  displayName: 'Slack',
  capability: 'slack-auth-revoke',
  revoke: {
    target: method('auth.revoke'),
    request: call,
    on: envelope<RevokeVerdict>((j, _a, s) => {
      if (j.ok === true && j.revoked !== false) return { state: 'revoked', detail: `Slack revoked ${s.redacted}.` };
      if (j.ok === true) return { state: 'failed', retryable: false, detail: `Slack answered ok but did not revoke ${s.redacted} (test mode?).` };
      const err = errorOf(j);
      if (DEAD.has(err)) return { state: 'already-revoked', detail: `Slack no longer accepts ${s.redacted} (${err}).` };
      return { state: 'failed', retryable: false, detail: `Slack refused to revoke ${s.redacted} (${err}).` };
    }),
  },
  check: {
    target: method('auth.test'),
    request: call,
    on: envelope<CheckVerdict>((j, a, s) => {
      if (j.ok === true) {
        const login = str(j.user);
        const team = str(j.team);
        const scopes = splitScopes(a.headers.get('x-oauth-scopes'), /\s*,\s*/);
        const who = [login ? `user ${login}` : undefined, team ? `workspace ${team}` : undefined].filter(Boolean).join(', ');
        return { state: 'live', login, scopes, detail: `${s.redacted} is live${who ? ` (${who})` : ''}.` };
      }
      const err = errorOf(j);
      if (err === 'token_revoked') return { state: 'revoked', detail: `Slack reports ${s.redacted} as revoked.` };
      if (DEAD.has(err)) return { state: 'invalid', detail: `Slack does not accept ${s.redacted} (${err}).` };
      return { state: 'unknown', retryable: false, detail: `Slack could not check ${s.redacted} (${err}).` };
    }),
  },
});
