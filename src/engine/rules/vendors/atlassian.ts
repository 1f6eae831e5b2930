// Atlassian: API tokens and access tokens (Jira, Confluence, Bitbucket).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: atlassian.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START } from '../parts';

export const atlassianRules: RuleSpec[] = [
  {
    id: 'atlassian-api-token',
    issuer: 'atlassian',
    name: 'Atlassian API token',
    pattern: `${DASHED_TOKEN_START}ATATT3[A-Za-z0-9_-]{100,400}=[A-F0-9]{8}(?![A-Za-z0-9_=-])`,
    keywords: ['atatt3'],
    entropy: 4,
    prefix: 'ATATT3',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    revocation: 'manual',
    description: '`ATATT3` + header and body (~180 base64url characters), `=`, and an 8-hex-digit CRC32; Jira / Confluence / Bitbucket Cloud.',
  },
  {
    id: 'atlassian-access-token',
    issuer: 'atlassian',
    name: 'Atlassian / Bitbucket access token',
    pattern: `${DASHED_TOKEN_START}ATCTT3[A-Za-z0-9_-]{100,400}=[A-F0-9]{8}(?![A-Za-z0-9_=-])`,
    keywords: ['atctt3'],
    entropy: 4,
    prefix: 'ATCTT3',
    confidence: 'high',
    severity: 'high',
    kind: 'app-token',
    machineIdentity: true,
    revocation: 'manual',
    description: '`ATCTT3` tokens (Bitbucket repository / project / workspace access tokens and organization API keys), same layout as `ATATT3`.',
  },
];
