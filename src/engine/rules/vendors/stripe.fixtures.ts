// Fixtures of the rules in stripe.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'stripe-secret-key': {
    positive: [
      'STRIPE_SECRET_KEY={{stripe:sk_live}}',
      'const stripe = require("stripe")("{{stripe:sk_live}}");',
    ],
    negative: [
      'STRIPE_SECRET_KEY=sk_live_{{b62:12}}',
      'STRIPE_PUBLISHABLE_KEY={{stripe:pk_live}}',
      'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
  'stripe-restricted-key': {
    positive: [
      'STRIPE_RESTRICTED_KEY={{stripe:rk_live}}',
      'stripe_key: "{{stripe:rk_live}}"',
    ],
    negative: [
      'STRIPE_RESTRICTED_KEY=rk_live_{{b62:10}}',
      'STRIPE_RESTRICTED_KEY=rk_live_<restricted-key>',
    ],
  },
  'stripe-webhook-secret': {
    positive: [
      'STRIPE_WEBHOOK_SECRET={{stripe:whsec}}',
      'event = stripe.Webhook.construct_event(payload, sig_header, "{{stripe:whsec}}")',
    ],
    negative: [
      'STRIPE_WEBHOOK_SECRET=whsec_{{b62:16}}',
      'STRIPE_WEBHOOK_SECRET=whsec_...',
    ],
  },
  'stripe-test-secret-key': {
    positive: [
      'STRIPE_SECRET_KEY={{stripe:sk_test}}',
      'Stripe.apiKey = "{{stripe:rk_test}}";',
    ],
    negative: [
      'STRIPE_SECRET_KEY=sk_test_{{b62:8}}',
      'STRIPE_PUBLISHABLE_KEY={{stripe:pk_test}}',
    ],
  },
};
