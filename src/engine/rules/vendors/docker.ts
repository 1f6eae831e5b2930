// Docker Hub: personal and organization access tokens. Docker `config.json` auths are in
// structured/dockerConfig.ts.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: docker.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const dockerRules: RuleSpec[] = [
  {
    id: 'docker-hub-pat',
    issuer: 'docker',
    name: 'Docker Hub personal access token',
    pattern: `${DASHED_TOKEN_START}dckr_pat_[A-Za-z0-9_-]{27,60}${DASHED_TOKEN_END}`,
    keywords: ['dckr_pat_'],
    entropy: 3.5,
    prefix: 'dckr_pat_',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`dckr_pat_` followed by 27 base64url characters; used as the password for `docker login`.',
  },
  {
    id: 'docker-hub-oat',
    issuer: 'docker',
    name: 'Docker Hub organization access token',
    pattern: `${DASHED_TOKEN_START}dckr_oat_[A-Za-z0-9_-]{27,60}${DASHED_TOKEN_END}`,
    keywords: ['dckr_oat_'],
    entropy: 3.5,
    prefix: 'dckr_oat_',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    revocation: 'manual',
    description: '`dckr_oat_` followed by base64url characters; an organization-owned Docker Hub token.',
  },
];
