// Fixtures of the rules in netlify.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'netlify-personal-token': {
    positive: [
      'NETLIFY_AUTH_TOKEN={{netlify}}',
      'netlify deploy --prod --auth {{netlify}}',
    ],
    negative: [
      'NETLIFY_AUTH_TOKEN=nfp_{{b62:20}}',
      'NETLIFY_AUTH_TOKEN=nfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
};
