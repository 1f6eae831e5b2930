// Fixtures of the rules in npm.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'npm-access-token': {
    positive: [
      '//registry.npmjs.org/:_authToken={{npm}}',
      'NPM_TOKEN={{npm}} npm publish',
    ],
    negative: [
      '//registry.npmjs.org/:_authToken={{npm:badcrc}}',
      'NPM_TOKEN=npm_{{b62:30}}',
      '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
    ],
  },
};
