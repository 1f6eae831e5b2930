// Fixtures of the rules in render.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'render-api-key': {
    positive: [
      'RENDER_API_KEY={{render}}',
      'curl -H "Authorization: Bearer {{render}}" https://api.render.com/v1/services',
    ],
    negative: [
      'RENDER_API_KEY=rnd_{{b62:16}}',
      'RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
};
