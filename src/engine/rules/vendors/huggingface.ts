// Hugging Face: user access tokens and organization tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: huggingface.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_START, TOKEN_END } from '../parts';

export const huggingfaceRules: RuleSpec[] = [
  {
    id: 'huggingface-token',
    issuer: 'huggingface',
    name: 'Hugging Face user access token',
    pattern: `${TOKEN_START}hf_[A-Za-z]{34}${TOKEN_END}`,
    keywords: ['hf_'],
    prefix: 'hf_',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`hf_` + 34 letters (user access token; `huggingface-cli login`).',
  },
  {
    id: 'huggingface-org-token',
    issuer: 'huggingface',
    name: 'Hugging Face organization API token',
    pattern: `${TOKEN_START}api_org_[A-Za-z]{34}${TOKEN_END}`,
    keywords: ['api_org_'],
    prefix: 'api_org_',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    revocation: 'manual',
    description: '`api_org_` + 34 letters (legacy organization API token).',
  },
];
