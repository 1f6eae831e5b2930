// Fixtures of the rules in databricks.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'databricks-token': {
    positive: ['DATABRICKS_TOKEN={{databricks}}', 'DATABRICKS_TOKEN=dapi{{HEX:32}}', 'token = {{databricks:2}}', '  "token": "{{databricks}}"'],
    negative: ['DATABRICKS_TOKEN=dapi{{hex:20}}', 'const dapiClient = new DapiClient(config);', 'DATABRICKS_TOKEN=dapi{{HEX:31}}', 'DATABRICKS_TOKEN=dapi{{HEX:33}}'],
  },
};
