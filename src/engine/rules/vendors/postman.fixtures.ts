// Fixtures of the rules in postman.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'postman-api-key': {
    positive: ['POSTMAN_API_KEY={{postman}}', 'curl -H "X-Api-Key: {{postman}}" https://api.getpostman.com/collections'],
    negative: ['POSTMAN_API_KEY={{postman:20}}', 'POSTMAN_API_KEY=PMAK-<your-key>'],
  },
};
