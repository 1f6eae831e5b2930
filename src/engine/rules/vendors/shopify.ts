// Shopify: Admin API access tokens, custom app tokens, private app passwords and shared secrets.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: shopify.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const shopifyRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'shopify-access-token',
    issuer: 'shopify',
    name: 'Shopify Admin API access token',
    prefix: 'shpat_',
    body: '[a-fA-F0-9]{32}',
    entropy: 3,
    severity: 'high',
    kind: 'app-token',
    machineIdentity: true,
    description: '`shpat_` followed by 32 hex digits (custom or public app Admin API token).',
  }),
  prefixedTokenRule({
    id: 'shopify-custom-app-token',
    issuer: 'shopify',
    name: 'Shopify custom app access token',
    prefix: 'shpca_',
    body: '[a-fA-F0-9]{32}',
    entropy: 3,
    severity: 'high',
    kind: 'app-token',
    machineIdentity: true,
    description: '`shpca_` followed by 32 hex digits.',
  }),
  prefixedTokenRule({
    id: 'shopify-private-app-password',
    issuer: 'shopify',
    name: 'Shopify private app password',
    prefix: 'shppa_',
    body: '[a-fA-F0-9]{32}',
    entropy: 3,
    severity: 'high',
    kind: 'app-token',
    machineIdentity: true,
    description: '`shppa_` followed by 32 hex digits (legacy private app password).',
  }),
  prefixedTokenRule({
    id: 'shopify-shared-secret',
    issuer: 'shopify',
    name: 'Shopify app shared secret',
    prefix: 'shpss_',
    body: '[a-fA-F0-9]{32}',
    entropy: 3,
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    description: '`shpss_` followed by 32 hex digits; signs webhooks and OAuth requests.',
  }),
];
