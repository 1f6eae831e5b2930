// Databricks: personal access tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: databricks.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const databricksRules: RuleSpec[] = [
  {
    id: 'databricks-token',
    issuer: 'databricks',
    name: 'Databricks personal access token',
    pattern: `${DASHED_TOKEN_START}dapi[a-fA-F0-9]{32}(?:-[0-9])?${DASHED_TOKEN_END}`,
    keywords: ['dapi'],
    entropy: 3,
    prefix: 'dapi',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`dapi` followed by 32 hex digits (either case), sometimes with a `-2` style suffix.',
  },
];
