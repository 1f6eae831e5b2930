// Fixtures of the rules in heroku.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'heroku-api-key': {
    positive: ['export HEROKU_API_KEY={{heroku:new}}', 'machine api.heroku.com login dev@example.test password {{heroku:new}}', 'HEROKU_API_KEY={{heroku:uuid}}'],
    negative: ['export HEROKU_API_KEY=HRKU-AA{{b64url:20}}', 'export HEROKU_API_KEY=HRKU-<api-key>'],
  },
  'heroku-api-key-legacy': {
    positive: [
      'export HEROKU_API_KEY={{heroku:legacy}}',
      '  HEROKU_API_KEY: "{{heroku:legacy}}"',
      "herokuApiKey = '{{heroku:legacy}}'",
      'heroku_TOKEN ?= "{{heroku:legacy}}"',
      'heroku_TOKEN ::= "{{heroku:legacy}}"',
      'System.setProperty("HEROKU_TOKEN", "{{heroku:legacy}}")',
      '<herokuToken>{{heroku:legacy}}</herokuToken>',
      'machine api.heroku.com login dev@example.test password {{heroku:legacy}}',
      'var herokuToken string = "{{heroku:legacy}}"',
      '$herokuToken .= "{{heroku:legacy}}"',
      '<herokuToken>\n    {{heroku:legacy}}\n</herokuToken>',
    ],
    negative: [
      'export HEROKU_APP_ID={{uuid}}',
      'curl https://api.heroku.com/apps/{{uuid}}/builds',
      'export HEROKU_API_KEY=00000000-0000-0000-0000-000000000000',
      'export HEROKU_API_KEY=$(heroku auth:token)',
      'System.setProperty("HEROKU_APP_ID", "{{uuid}}")',
      'machine api.github.com password {{uuid}}',
      'var herokuAppId string = "{{uuid}}"',
      '<herokuToken>\n    <value>{{uuid}}</value>\n</herokuToken>',
    ],
  },
};
