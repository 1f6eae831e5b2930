// Anthropic: API and admin keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: anthropic.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const anthropicRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'anthropic-api-key',
    issuer: 'anthropic',
    name: 'Anthropic API key',
    prefix: 'sk-ant-api03-',
    body: '[A-Za-z0-9_-]{93}AA',
    dashedEnd: true,
    severity: 'critical',
    kind: 'api-key',
    description: '`sk-ant-api03-` + 93 characters + `AA`.',
  }),
  prefixedTokenRule({
    id: 'anthropic-admin-key',
    issuer: 'anthropic',
    name: 'Anthropic Admin API key',
    prefix: 'sk-ant-admin01-',
    body: '[A-Za-z0-9_-]{93}AA',
    dashedEnd: true,
    severity: 'critical',
    kind: 'api-key',
    description: '`sk-ant-admin01-` + 93 characters + `AA` (organization admin key).',
  }),
];
