// Fixtures of the rules in rubygems.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'rubygems-api-key': {
    positive: [
      '---\n:rubygems_api_key: {{rubygems}}\n',
      'GEM_HOST_API_KEY={{rubygems}}',
    ],
    negative: [
      'GEM_HOST_API_KEY=rubygems_{{hex:24}}',
      ':rubygems_api_key: rubygems_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
};
