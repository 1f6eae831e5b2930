// Fixtures of the rules in onepassword.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'onepassword-service-account-token': {
    positive: [
      'export OP_SERVICE_ACCOUNT_TOKEN={{onepassword}}',
      'OP_SERVICE_ACCOUNT_TOKEN: "{{onepassword}}"',
    ],
    negative: [
      'export OP_SERVICE_ACCOUNT_TOKEN=ops_cjJiCXyCLAfgZFlAWBYZ5lMEZDf9ia2e...',
      'ops_eyJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'OP_SERVICE_ACCOUNT_TOKEN=op://ci/1password/token',
    ],
  },
};
