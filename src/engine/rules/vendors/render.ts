// Render: API keys (`rnd_`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: render.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const renderRules: RuleSpec[] = [
  {
    id: 'render-api-key',
    issuer: 'render',
    name: 'Render API key',
    pattern: String.raw`${DASHED_TOKEN_START}rnd_[A-Za-z0-9]{32}${TOKEN_END}`,
    keywords: ['rnd_'],
    entropy: 3.5,
    prefix: 'rnd_',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: '`rnd_` followed by 32 alphanumerics.',
  },
];
