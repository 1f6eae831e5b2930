// Pulumi Cloud: access tokens (`pul-`), what `pulumi login` keeps in ~/.pulumi/credentials.json.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: pulumi.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const pulumiRules: RuleSpec[] = [
  {
    id: 'pulumi-access-token',
    issuer: 'pulumi',
    name: 'Pulumi access token',
    pattern: String.raw`${DASHED_TOKEN_START}pul-[a-f0-9]{40}${TOKEN_END}`,
    keywords: ['pul-'],
    entropy: 3,
    prefix: 'pul-',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`pul-` followed by 40 hex digits; `pulumi login` stores one in ~/.pulumi/credentials.json.',
  },
];
