// Fixtures of the rules in shopify.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'shopify-access-token': {
    positive: ['SHOPIFY_ACCESS_TOKEN={{shopify:shpat}}', 'curl -H "X-Shopify-Access-Token: {{shopify:shpat}}" https://shop.myshopify.com/admin/api/2024-01/shop.json'],
    negative: ['SHOPIFY_ACCESS_TOKEN={{shopify:shpat:31}}', 'SHOPIFY_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  'shopify-custom-app-token': {
    positive: ['shopify_token: "{{shopify:shpca}}"'],
    negative: ['shopify_token: "{{shopify:shpca:16}}"'],
  },
  'shopify-private-app-password': {
    positive: ['SHOPIFY_PASSWORD={{shopify:shppa}}'],
    negative: ['SHOPIFY_PASSWORD={{shopify:shppa:40}}'],
  },
  'shopify-shared-secret': {
    positive: ['SHOPIFY_API_SECRET={{shopify:shpss}}'],
    negative: ['SHOPIFY_API_SECRET=shpss_<your-app-secret>'],
  },
};
