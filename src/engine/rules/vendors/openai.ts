// OpenAI: project, service-account, admin and legacy API keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: openai.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END, prefixedTokenRule } from '../parts';

export const openaiRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'openai-project-key',
    issuer: 'openai',
    name: 'OpenAI project API key',
    prefix: 'sk-proj-',
    body: '[A-Za-z0-9_-]{40,300}',
    dashedEnd: true,
    severity: 'critical',
    kind: 'api-key',
    description: '`sk-proj-` + project API key.',
  }),
  prefixedTokenRule({
    id: 'openai-service-account-key',
    issuer: 'openai',
    name: 'OpenAI service account key',
    prefix: 'sk-svcacct-',
    body: '[A-Za-z0-9_-]{40,300}',
    dashedEnd: true,
    severity: 'critical',
    kind: 'api-key',
    machineIdentity: true,
    description: '`sk-svcacct-` + service account key.',
  }),
  prefixedTokenRule({
    id: 'openai-admin-key',
    issuer: 'openai',
    name: 'OpenAI admin API key',
    prefix: 'sk-admin-',
    body: '[A-Za-z0-9_-]{40,300}',
    dashedEnd: true,
    severity: 'critical',
    kind: 'api-key',
    description: '`sk-admin-` + organization admin key.',
  }),
  {
    id: 'openai-api-key',
    issuer: 'openai',
    name: 'OpenAI API key (legacy user key)',
    pattern: `${DASHED_TOKEN_START}sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}${DASHED_TOKEN_END}`,
    keywords: ['t3blbkfj'],
    prefix: 'sk-',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '`sk-` + 48 characters with the `T3BlbkFJ` marker (legacy user API key).',
  },
];
