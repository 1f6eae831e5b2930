// Fixtures of the rules in linear.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'linear-api-key': {
    positive: ['LINEAR_API_KEY={{linear:api}}', 'curl -H "Authorization: {{linear:api}}" https://api.linear.app/graphql'],
    negative: ['LINEAR_API_KEY=lin_api_{{b62:30}}', 'LINEAR_API_KEY=lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  'linear-oauth-token': {
    positive: ['{"access_token":"{{linear:oauth}}","token_type":"Bearer"}'],
    negative: ['{"access_token":"lin_oauth_{{hex:32}}"}'],
  },
};
