// Fixtures of the rules in cloudflare.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'cloudflare-user-api-token': {
    positive: ['CLOUDFLARE_API_TOKEN={{cloudflare:user}}', 'curl -H "Authorization: Bearer {{cloudflare:user}}" https://api.cloudflare.com/client/v4/user/tokens/verify'],
    negative: ['CLOUDFLARE_API_TOKEN=cfut_{{b62:40}}', 'CLOUDFLARE_API_TOKEN=cfut_<token>'],
  },
  'cloudflare-account-api-token': {
    positive: ['CLOUDFLARE_API_TOKEN={{cloudflare:account}}'],
    negative: ['CLOUDFLARE_API_TOKEN=cfat_{{b62:20}}'],
  },
  'cloudflare-global-api-key': {
    positive: ['CLOUDFLARE_API_KEY={{cloudflare:global}}'],
    negative: ['CLOUDFLARE_API_KEY=cfk_{{b62:44}}'],
  },
  'cloudflare-api-token-legacy': {
    positive: ['export CLOUDFLARE_API_TOKEN={{cloudflare:legacy-token}}', 'CF_API_TOKEN: "{{cloudflare:legacy-token}}"', 'cloudflare_api_token = "{{cloudflare:legacy-token}}"'],
    negative: [
      'export CLOUDFLARE_API_TOKEN={{b62:32}}',
      'CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}',
      'export CLOUDFLARE_ZONE_ID={{hex:32}}',
      'cloudflare_api_token = "{{hex:40}}"',
    ],
  },
  'cloudflare-global-api-key-legacy': {
    positive: ['export CLOUDFLARE_API_KEY={{cloudflare:legacy-global}}', 'curl -H "X-Auth-Email: dev@example.test" -H "X-Auth-Key: {{cloudflare:legacy-global}}" https://api.cloudflare.com/client/v4/zones'],
    negative: ['export CLOUDFLARE_API_KEY={{hex:32}}', 'export CLOUDFLARE_API_KEY={{hex:40}}', 'export CF_ZONE={{hex:37}}'],
  },
  'cloudflare-origin-ca-key': {
    positive: ['CF_ORIGIN_CA_KEY={{cloudflare:origin-ca}}'],
    negative: ['version: v1.0-{{hex:24}}-rc1', 'CF_ORIGIN_CA_KEY=v1.0-{{hex:24}}-{{hex:100}}'],
  },
};
