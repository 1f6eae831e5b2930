// Tailscale: API access tokens, auth keys, OAuth client secrets, SCIM and webhook keys
// (`tskey-<type>-<key id>-<secret>`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: tailscale.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const tailscaleRules: RuleSpec[] = [
  {
    id: 'tailscale-key',
    issuer: 'tailscale',
    name: 'Tailscale key',
    pattern: String.raw`${DASHED_TOKEN_START}tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,24}-[A-Za-z0-9]{16,64}${DASHED_TOKEN_END}`,
    keywords: ['tskey-'],
    entropy: 3.5,
    prefix: 'tskey-',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    revocation: 'manual',
    description: '`tskey-api-`, `tskey-auth-`, `tskey-client-`, `tskey-scim-` or `tskey-webhook-`, a key id, `-` and the secret.',
  },
];
