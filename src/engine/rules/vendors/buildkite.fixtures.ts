// Fixtures of the rules in buildkite.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'buildkite-api-token': {
    positive: [
      'BUILDKITE_API_TOKEN={{buildkite}}',
      'bk configure --token {{buildkite}}',
    ],
    negative: [
      'BUILDKITE_API_TOKEN=bkua_{{hex:20}}',
      'BUILDKITE_API_TOKEN=${BUILDKITE_API_TOKEN}',
    ],
  },
};
