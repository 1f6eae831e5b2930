// Vercel: prefixed access tokens (`vcp_` personal, `vci_` integration, `vca_` app, `vcr_` refresh,
// `vck_` API key).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: vercel.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const vercelRules: RuleSpec[] = [
  {
    id: 'vercel-token',
    issuer: 'vercel',
    name: 'Vercel token',
    pattern: String.raw`${DASHED_TOKEN_START}vc[pikar]_[A-Za-z0-9]{24,64}${TOKEN_END}`,
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    entropy: 4,
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`vcp_`, `vci_`, `vca_`, `vcr_` or `vck_` followed by 24–64 alphanumerics.',
  },
];
