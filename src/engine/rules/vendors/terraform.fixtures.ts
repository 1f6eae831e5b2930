// Fixtures of the rules in terraform.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'terraform-cloud-api-token': {
    positive: [
      'credentials "app.terraform.io" {\n  token = "{{terraform}}"\n}',
      '{"credentials":{"app.terraform.io":{"token":"{{terraform}}"}}}',
      'export TFE_TOKEN={{terraform}}',
    ],
    negative: [
      'token = "xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
      'TFE_TOKEN={{b62:14}}.atlasv1.{{b64url:20}}',
      'token = var.tfe_token',
    ],
  },
};
