// Fixtures of the rules in planetscale.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'planetscale-token': {
    positive: [
      'PLANETSCALE_SERVICE_TOKEN={{planetscale:tkn}}',
      'DATABASE_URL=mysql://app:{{planetscale:pw}}@aws.connect.psdb.cloud/app?sslaccept=strict',
      'access_token: {{planetscale:oauth}}',
    ],
    negative: [
      'PLANETSCALE_SERVICE_TOKEN=pscale_tkn_{{b62:12}}',
      'PLANETSCALE_SERVICE_TOKEN=pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
};
