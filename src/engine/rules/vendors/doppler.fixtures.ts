// Fixtures of the rules in doppler.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'doppler-personal-token': {
    positive: ['DOPPLER_TOKEN={{doppler:pt}}', 'curl -u {{doppler:pt}}: https://api.doppler.com/v3/me'],
    negative: ['DOPPLER_TOKEN=dp.pt.{{b62:20}}', 'DOPPLER_TOKEN=dp.pt.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  'doppler-service-token': {
    positive: ['DOPPLER_TOKEN={{doppler:st}}', 'doppler run --token {{doppler:st-env}} -- npm start'],
    negative: ['DOPPLER_TOKEN=dp.st.prd.{{b62:16}}', 'DOPPLER_TOKEN="${{ secrets.DOPPLER_TOKEN }}"'],
  },
  'doppler-cli-token': {
    positive: ['    token: {{doppler:ct}}', 'DOPPLER_TOKEN={{doppler:ct:40}}'],
    negative: ['    token: dp.ct.{{b62:30}}', '    token: dp.ct.{{b62:50}}'],
  },
  'doppler-service-account-token': {
    positive: ['DOPPLER_TOKEN={{doppler:sa}}'],
    negative: ['DOPPLER_TOKEN=dp.sa.{{b62:12}}', 'DOPPLER_TOKEN=op://ci/doppler/token'],
  },
  'doppler-scim-token': {
    positive: ['scim_bearer_token = "{{doppler:scim}}"'],
    negative: ['scim_bearer_token = "dp.scim.{{b62:8}}"'],
  },
  'doppler-audit-token': {
    positive: ['DOPPLER_AUDIT_TOKEN={{doppler:audit}}'],
    negative: ['DOPPLER_AUDIT_TOKEN=dp.audit.{{b62:60}}'],
  },
};
