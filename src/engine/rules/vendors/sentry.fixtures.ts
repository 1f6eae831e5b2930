// Fixtures of the rules in sentry.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'sentry-org-token': {
    positive: [
      'SENTRY_AUTH_TOKEN={{sentry:org}}',
      'sentry-cli --auth-token {{sentry:org}} releases list',
    ],
    negative: [
      'SENTRY_AUTH_TOKEN=sntrys_{{b62:40}}',
      'SENTRY_AUTH_TOKEN=${{ secrets.SENTRY_AUTH_TOKEN }}',
    ],
  },
  'sentry-user-token': {
    positive: [
      '[auth]\ntoken={{sentry:user}}',
      'SENTRY_AUTH_TOKEN={{sentry:user}}',
    ],
    negative: [
      'sntryu_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'SENTRY_AUTH_TOKEN=sntryu_{{hex:63}}',
    ],
  },
  'sentry-legacy-auth-token': {
    positive: [
      'SENTRY_AUTH_TOKEN={{hex:64}}',
      '[defaults]\norg=acme\n\n[auth]\ntoken={{hex:64}}\n',
      "sentry_token: '{{hex:64}}'",
    ],
    negative: [
      'SENTRY_RELEASE={{hex:64}}',
      'commit = "{{hex:64}}"',
      '[auth]\ntoken=${SENTRY_AUTH_TOKEN}',
      'sha256 = "{{hex:64}}"',
    ],
  },
};
