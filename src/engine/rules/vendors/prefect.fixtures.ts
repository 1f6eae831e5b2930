// Fixtures of the rules in prefect.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'prefect-api-key': {
    positive: [
      '[profiles.default]\nPREFECT_API_KEY = "{{prefect}}"',
      'prefect cloud login --key {{prefect}}',
    ],
    negative: [
      'PREFECT_API_KEY = "pnu_{{b62:20}}"',
      'PREFECT_API_KEY = "pnu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    ],
  },
};
