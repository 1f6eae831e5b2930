// Fly.io: access tokens (`fo1_`, what `fly auth login` keeps in ~/.fly/config.yml) and macaroon
// tokens (`fm1r_`, `fm1a_`, `fm2_`, from `fly tokens create`, often after `FlyV1 `).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: flyio.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, prefixedTokenRule } from '../parts';

export const flyioRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'flyio-access-token',
    issuer: 'flyio',
    name: 'Fly.io access token',
    prefix: 'fo1_',
    body: '[A-Za-z0-9_-]{43}',
    dashedEnd: true,
    entropy: 3.5,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`fo1_` followed by 43 base64url characters; `fly auth login` stores one in ~/.fly/config.yml.',
  }),
  {
    id: 'flyio-macaroon-token',
    issuer: 'flyio',
    name: 'Fly.io macaroon token',
    pattern: String.raw`${DASHED_TOKEN_START}fm(?:1[ar]|2)_[A-Za-z0-9+/_-]{100,4096}={0,2}(?![A-Za-z0-9+/=_-])`,
    keywords: ['fm1r_', 'fm1a_', 'fm2_'],
    entropy: 4,
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    revocation: 'manual',
    description: '`fm1r_`, `fm1a_` or `fm2_` followed by a base64 macaroon (`fly tokens create`, `FlyV1 fm2_…`).',
  },
];
