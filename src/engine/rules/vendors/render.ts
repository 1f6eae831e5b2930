// Render: API keys (`rnd_`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: render.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const renderRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'render-api-key',
    issuer: 'render',
    name: 'Render API key',
    prefix: 'rnd_',
    body: '[A-Za-z0-9]{32}',
    entropy: 3.5,
    severity: 'high',
    kind: 'api-key',
    description: '`rnd_` followed by 32 alphanumerics.',
  }),
];
