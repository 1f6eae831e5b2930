// DigitalOcean: personal access, OAuth and refresh tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: digitalocean.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const digitaloceanRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'digitalocean-pat',
    issuer: 'digitalocean',
    name: 'DigitalOcean personal access token',
    prefix: 'dop_v1_',
    body: '[a-f0-9]{64}',
    entropy: 3,
    severity: 'critical',
    kind: 'personal-token',
    cliIssued: true,
    description: '`dop_v1_` followed by 64 hex digits; used by `doctl auth init`.',
  }),
  prefixedTokenRule({
    id: 'digitalocean-oauth-token',
    issuer: 'digitalocean',
    name: 'DigitalOcean OAuth access token',
    prefix: 'doo_v1_',
    body: '[a-f0-9]{64}',
    entropy: 3,
    severity: 'critical',
    kind: 'oauth-access-token',
    description: '`doo_v1_` followed by 64 hex digits.',
  }),
  prefixedTokenRule({
    id: 'digitalocean-refresh-token',
    issuer: 'digitalocean',
    name: 'DigitalOcean OAuth refresh token',
    prefix: 'dor_v1_',
    body: '[a-f0-9]{64}',
    entropy: 3,
    severity: 'high',
    kind: 'oauth-refresh-token',
    description: '`dor_v1_` followed by 64 hex digits.',
  }),
];
