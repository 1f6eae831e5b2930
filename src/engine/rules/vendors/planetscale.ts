// PlanetScale: service tokens (`pscale_tkn_`), OAuth tokens (`pscale_oauth_`, `pscale auth login`)
// and database passwords (`pscale_pw_`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: planetscale.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const planetscaleRules: RuleSpec[] = [
  {
    id: 'planetscale-token',
    issuer: 'planetscale',
    name: 'PlanetScale token or password',
    pattern: String.raw`${DASHED_TOKEN_START}pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.-]{32,64}${TOKEN_END}`,
    keywords: ['pscale_'],
    entropy: 3.5,
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    cliIssued: true,
    revocation: 'manual',
    description: '`pscale_tkn_`, `pscale_oauth_` or `pscale_pw_` followed by 32–64 characters.',
  },
];
