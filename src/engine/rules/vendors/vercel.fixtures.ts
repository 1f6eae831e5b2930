// Fixtures of the rules in vercel.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'vercel-token': {
    positive: [
      'VERCEL_TOKEN={{vercel:p}}',
      'vercel deploy --prod --token {{vercel:p}}',
      '"refresh_token": "{{vercel:r}}"',
    ],
    negative: [
      'THIS IS OK\nvcp_abc',
      'VERCEL_TOKEN=vcp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'VERCEL_TOKEN=vcp_{{b62:12}}',
    ],
  },
};
