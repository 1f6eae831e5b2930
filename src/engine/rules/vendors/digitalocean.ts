// DigitalOcean: personal access, OAuth and refresh tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: digitalocean.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_END, DASHED_TOKEN_START } from '../parts';

export const digitaloceanRules: RuleSpec[] = [
  {
    id: 'digitalocean-pat',
    issuer: 'digitalocean',
    name: 'DigitalOcean personal access token',
    pattern: `${DASHED_TOKEN_START}dop_v1_[a-f0-9]{64}${TOKEN_END}`,
    keywords: ['dop_v1_'],
    entropy: 3,
    prefix: 'dop_v1_',
    confidence: 'high',
    severity: 'critical',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`dop_v1_` followed by 64 hex digits; used by `doctl auth init`.',
  },
  {
    id: 'digitalocean-oauth-token',
    issuer: 'digitalocean',
    name: 'DigitalOcean OAuth access token',
    pattern: `${DASHED_TOKEN_START}doo_v1_[a-f0-9]{64}${TOKEN_END}`,
    keywords: ['doo_v1_'],
    entropy: 3,
    prefix: 'doo_v1_',
    confidence: 'high',
    severity: 'critical',
    kind: 'oauth-access-token',
    revocation: 'manual',
    description: '`doo_v1_` followed by 64 hex digits.',
  },
  {
    id: 'digitalocean-refresh-token',
    issuer: 'digitalocean',
    name: 'DigitalOcean OAuth refresh token',
    pattern: `${DASHED_TOKEN_START}dor_v1_[a-f0-9]{64}${TOKEN_END}`,
    keywords: ['dor_v1_'],
    entropy: 3,
    prefix: 'dor_v1_',
    confidence: 'high',
    severity: 'high',
    kind: 'oauth-refresh-token',
    revocation: 'manual',
    description: '`dor_v1_` followed by 64 hex digits.',
  },
];
