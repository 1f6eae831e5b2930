// Sentry: organisation auth tokens (`sntrys_`), user auth tokens (`sntryu_`, what `sentry-cli login`
// stores in ~/.sentryclirc) and legacy 64-hex auth tokens given to a Sentry name.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: sentry.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_END, ASSIGN_THEN_ANY_QUOTE, prefixedTokenRule } from '../parts';

export const sentryRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'sentry-org-token',
    issuer: 'sentry',
    name: 'Sentry organization auth token',
    prefix: 'sntrys_',
    body: 'eyJ[A-Za-z0-9+/]{20,400}={0,2}_[A-Za-z0-9+/]{43}',
    entropy: 3.5,
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    description: '`sntrys_`, base64 of a JSON naming the organisation and its URLs, `_` and 43 base64 characters.',
  }),
  prefixedTokenRule({
    id: 'sentry-user-token',
    issuer: 'sentry',
    name: 'Sentry user auth token',
    prefix: 'sntryu_',
    body: '[a-f0-9]{64}',
    entropy: 3,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`sntryu_` followed by 64 hex digits; `sentry-cli login` writes one to ~/.sentryclirc.',
  }),
  {
    id: 'sentry-legacy-auth-token',
    issuer: 'sentry',
    name: 'Sentry auth token (legacy)',
    pattern: String.raw`(?<![A-Za-z0-9])(?:(?:[Ss]entry|SENTRY)[_.-]?(?:[Aa]uth|AUTH|[Aa]pi|API)?[_.-]?(?:[Tt]oken|TOKEN)${ASSIGN_THEN_ANY_QUOTE}|\[auth\][ \t]*\r?\n[^\[]{0,400}?(?<=\n)[ \t]*token[ \t]*=[ \t]*)(?<secret>[a-f0-9]{64})${TOKEN_END}`,
    secretGroup: 'secret',
    keywords: ['sentry_auth_token', 'sentry-auth-token', 'sentryauthtoken', 'sentry_token', 'sentrytoken', 'sentry_api_token', '[auth]'],
    window: { before: 120, after: 1200 },
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: 'Legacy 64-hex Sentry auth tokens: assigned to `SENTRY_AUTH_TOKEN` / `sentry_token`, or `token=` in the `[auth]` section of a .sentryclirc.',
  },
];
