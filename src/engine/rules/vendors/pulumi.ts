// Pulumi Cloud: access tokens (`pul-`), what `pulumi login` keeps in ~/.pulumi/credentials.json.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: pulumi.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const pulumiRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'pulumi-access-token',
    issuer: 'pulumi',
    name: 'Pulumi access token',
    prefix: 'pul-',
    body: '[a-f0-9]{40}',
    entropy: 3,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`pul-` followed by 40 hex digits; `pulumi login` stores one in ~/.pulumi/credentials.json.',
  }),
];
