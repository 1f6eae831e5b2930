// Prefect Cloud: API keys (`pnu_`), what `prefect cloud login` stores in ~/.prefect/profiles.toml.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: prefect.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const prefectRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'prefect-api-key',
    issuer: 'prefect',
    name: 'Prefect Cloud API key',
    prefix: 'pnu_',
    body: '[A-Za-z0-9]{36}',
    entropy: 3.5,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`pnu_` followed by 36 alphanumerics; `prefect cloud login` stores one in ~/.prefect/profiles.toml.',
  }),
];
