// Fixtures of the rules in atlassian.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'atlassian-api-token': {
    positive: [
      'JIRA_API_TOKEN={{atlassian:api}}',
      'curl -u dev@example.test:{{atlassian:api}} https://acme.atlassian.net/rest/api/3/myself',
    ],
    negative: ['JIRA_API_TOKEN=ATATT3xFfGF0{{b64url:40}}', 'JIRA_API_TOKEN=ATATT3<api-token>', 'JIRA_API_TOKEN={{b62:24}}'],
  },
  'atlassian-access-token': {
    positive: ['git clone https://x-token-auth:{{atlassian:container}}@bitbucket.org/acme/app.git', 'BITBUCKET_TOKEN={{atlassian:container}}'],
    negative: ['BITBUCKET_TOKEN=ATCTT3xFfGN0{{b64url:30}}=ABCD'],
  },
};
