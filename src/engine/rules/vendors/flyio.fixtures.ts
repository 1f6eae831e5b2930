// Fixtures of the rules in flyio.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'flyio-access-token': {
    positive: [
      'access_token: {{flyio:access}}',
      'FLY_API_TOKEN={{flyio:access}}',
    ],
    negative: [
      'api_key = "fo1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
      'pub const MINIDUMP_SYSMEMINFO1_PERF_CCTOTALDIRTYPAGES: u32 = 4u32;',
      'FLY_API_TOKEN=fo1_{{b64url:20}}',
    ],
  },
  'flyio-macaroon-token': {
    positive: [
      'FLY_API_TOKEN="FlyV1 {{flyio:macaroon}}"',
      'fly deploy --access-token "FlyV1 {{flyio:macaroon}}"',
    ],
    negative: [
      'FLY_API_TOKEN="FlyV1 fm2_{{b64:40}}"',
      'FLY_API_TOKEN=${{ secrets.FLY_API_TOKEN }}',
    ],
  },
};
