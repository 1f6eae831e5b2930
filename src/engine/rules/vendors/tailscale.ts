// Tailscale: API access tokens, auth keys, OAuth client secrets, SCIM and webhook keys
// (`tskey-<type>-<key id>-<secret>`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: tailscale.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const tailscaleRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'tailscale-key',
    issuer: 'tailscale',
    name: 'Tailscale key',
    prefix: 'tskey-',
    body: '(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,24}-[A-Za-z0-9]{16,64}',
    dashedEnd: true,
    entropy: 3.5,
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    description: '`tskey-api-`, `tskey-auth-`, `tskey-client-`, `tskey-scim-` or `tskey-webhook-`, a key id, `-` and the secret.',
  }),
];
