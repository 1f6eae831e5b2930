// Stripe: live secret and restricted keys, webhook signing secrets, test secret keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: stripe.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_START, TOKEN_END } from '../parts';

export const stripeRules: RuleSpec[] = [
  {
    id: 'stripe-secret-key',
    issuer: 'stripe',
    name: 'Stripe live secret key',
    pattern: `${TOKEN_START}sk_live_[A-Za-z0-9]{24,247}${TOKEN_END}`,
    keywords: ['sk_live_'],
    prefix: 'sk_live_',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '`sk_live_` + 24 or more alphanumeric characters.',
  },
  {
    id: 'stripe-restricted-key',
    issuer: 'stripe',
    name: 'Stripe live restricted key',
    pattern: `${TOKEN_START}rk_live_[A-Za-z0-9]{24,247}${TOKEN_END}`,
    keywords: ['rk_live_'],
    prefix: 'rk_live_',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: '`rk_live_` + 24 or more alphanumeric characters.',
  },
  {
    id: 'stripe-webhook-secret',
    issuer: 'stripe',
    name: 'Stripe webhook signing secret',
    pattern: `${TOKEN_START}whsec_[A-Za-z0-9+/]{32,88}={0,2}(?![A-Za-z0-9_+/=])`,
    keywords: ['whsec_'],
    prefix: 'whsec_',
    confidence: 'high',
    severity: 'high',
    kind: 'webhook-url',
    revocation: 'manual',
    description: '`whsec_` + 32 or more characters (webhook endpoint signing secret).',
  },
  {
    id: 'stripe-test-secret-key',
    issuer: 'stripe',
    name: 'Stripe test-mode secret key',
    pattern: `${TOKEN_START}[sr]k_test_[A-Za-z0-9]{24,247}${TOKEN_END}`,
    keywords: ['sk_test_', 'rk_test_'],
    prefix: 'sk_test_',
    confidence: 'high',
    severity: 'low',
    kind: 'api-key',
    revocation: 'manual',
    description: '`sk_test_` / `rk_test_` test-mode key: no live money, but it reads and writes the test account.',
  },
];
