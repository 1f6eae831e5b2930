// Docker Hub: personal and organization access tokens. Docker `config.json` auths are in
// structured/dockerConfig.ts.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: docker.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const dockerRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'docker-hub-pat',
    issuer: 'docker',
    name: 'Docker Hub personal access token',
    prefix: 'dckr_pat_',
    body: '[A-Za-z0-9_-]{27,60}',
    dashedEnd: true,
    entropy: 3.5,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`dckr_pat_` followed by 27 base64url characters; used as the password for `docker login`.',
  }),
  prefixedTokenRule({
    id: 'docker-hub-oat',
    issuer: 'docker',
    name: 'Docker Hub organization access token',
    prefix: 'dckr_oat_',
    body: '[A-Za-z0-9_-]{27,60}',
    dashedEnd: true,
    entropy: 3.5,
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    description: '`dckr_oat_` followed by base64url characters; an organization-owned Docker Hub token.',
  }),
];
