// HashiCorp Terraform Cloud / Enterprise: user, team and organisation API tokens (`terraform login`
// stores a user token in ~/.terraform.d/credentials.tfrc.json).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: terraform.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const terraformRules: RuleSpec[] = [
  {
    id: 'terraform-cloud-api-token',
    issuer: 'terraform',
    name: 'Terraform Cloud API token',
    pattern: String.raw`${DASHED_TOKEN_START}[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}${DASHED_TOKEN_END}`,
    keywords: ['.atlasv1.'],
    entropy: 3.5,
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '14 alphanumerics, `.atlasv1.`, then 60–70 base64url characters; `terraform login` writes one to credentials.tfrc.json.',
  },
];
