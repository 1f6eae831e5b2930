// OpenAI: project, service-account, admin and legacy API keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: openai.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const openaiRules: RuleSpec[] = [
  {
    id: 'openai-project-key',
    issuer: 'openai',
    name: 'OpenAI project API key',
    pattern: `${DASHED_TOKEN_START}sk-proj-[A-Za-z0-9_-]{40,300}${DASHED_TOKEN_END}`,
    keywords: ['sk-proj-'],
    prefix: 'sk-proj-',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '`sk-proj-` + project API key.',
  },
  {
    id: 'openai-service-account-key',
    issuer: 'openai',
    name: 'OpenAI service account key',
    pattern: `${DASHED_TOKEN_START}sk-svcacct-[A-Za-z0-9_-]{40,300}${DASHED_TOKEN_END}`,
    keywords: ['sk-svcacct-'],
    prefix: 'sk-svcacct-',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    machineIdentity: true,
    revocation: 'manual',
    description: '`sk-svcacct-` + service account key.',
  },
  {
    id: 'openai-admin-key',
    issuer: 'openai',
    name: 'OpenAI admin API key',
    pattern: `${DASHED_TOKEN_START}sk-admin-[A-Za-z0-9_-]{40,300}${DASHED_TOKEN_END}`,
    keywords: ['sk-admin-'],
    prefix: 'sk-admin-',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '`sk-admin-` + organization admin key.',
  },
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
