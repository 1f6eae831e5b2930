// Anthropic: API and admin keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: anthropic.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const anthropicRules: RuleSpec[] = [
  {
    id: 'anthropic-api-key',
    issuer: 'anthropic',
    name: 'Anthropic API key',
    pattern: `${DASHED_TOKEN_START}sk-ant-api03-[A-Za-z0-9_-]{93}AA${DASHED_TOKEN_END}`,
    keywords: ['sk-ant-api03-'],
    prefix: 'sk-ant-api03-',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '`sk-ant-api03-` + 93 characters + `AA`.',
  },
  {
    id: 'anthropic-admin-key',
    issuer: 'anthropic',
    name: 'Anthropic Admin API key',
    pattern: `${DASHED_TOKEN_START}sk-ant-admin01-[A-Za-z0-9_-]{93}AA${DASHED_TOKEN_END}`,
    keywords: ['sk-ant-admin01-'],
    prefix: 'sk-ant-admin01-',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '`sk-ant-admin01-` + 93 characters + `AA` (organization admin key).',
  },
];
