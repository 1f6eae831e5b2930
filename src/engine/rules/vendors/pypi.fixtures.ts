// Fixtures of the rules in pypi.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'pypi-upload-token': {
    positive: [
      'TWINE_PASSWORD={{pypi}}',
      'password = {{pypi:project:acme-widgets}}',
      'uv publish --token {{pypi:test}}',
      '  password: {{pypi:legacy}}',
    ],
    negative: [
      'TWINE_PASSWORD={{pypi:otherloc}}',
      'TWINE_PASSWORD={{pypi:truncated}}',
      'TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc',
    ],
  },
};
