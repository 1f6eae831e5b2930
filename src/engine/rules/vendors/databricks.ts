// Databricks: personal access tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: databricks.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const databricksRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'databricks-token',
    issuer: 'databricks',
    name: 'Databricks personal access token',
    prefix: 'dapi',
    body: '[a-fA-F0-9]{32}(?:-[0-9])?',
    dashedEnd: true,
    entropy: 3,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`dapi` followed by 32 hex digits (either case), sometimes with a `-2` style suffix.',
  }),
];
