// Fixtures of the rules in pulumi.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'pulumi-access-token': {
    positive: [
      'PULUMI_ACCESS_TOKEN={{pulumi}}',
      '{"current":"https://api.pulumi.com","accessTokens":{"https://api.pulumi.com":"{{pulumi}}"}}',
    ],
    negative: [
      '<img src="./assets/vipul-{{hex:64}}.png" alt="">',
      'PULUMI_ACCESS_TOKEN=pul-{{hex:20}}',
    ],
  },
};
