// Prefect Cloud: API keys (`pnu_`), what `prefect cloud login` stores in ~/.prefect/profiles.toml.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: prefect.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const prefectRules: RuleSpec[] = [
  {
    id: 'prefect-api-key',
    issuer: 'prefect',
    name: 'Prefect Cloud API key',
    pattern: String.raw`${DASHED_TOKEN_START}pnu_[A-Za-z0-9]{36}${TOKEN_END}`,
    keywords: ['pnu_'],
    entropy: 3.5,
    prefix: 'pnu_',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`pnu_` followed by 36 alphanumerics; `prefect cloud login` stores one in ~/.prefect/profiles.toml.',
  },
];
