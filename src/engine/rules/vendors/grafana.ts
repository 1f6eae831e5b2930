// Grafana: service-account tokens (`glsa_`, any Grafana instance) and Grafana Cloud access-policy
// tokens (`glc_`, base64 of a JSON with the stack, name and key).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: grafana.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, prefixedTokenRule } from '../parts';

export const grafanaRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'grafana-service-account-token',
    issuer: 'grafana',
    name: 'Grafana service account token',
    prefix: 'glsa_',
    body: '[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}',
    entropy: 3.5,
    severity: 'high',
    kind: 'service-account',
    machineIdentity: true,
    description: '`glsa_`, 32 alphanumerics, `_` and 8 hex digits.',
  }),
  {
    id: 'grafana-cloud-token',
    issuer: 'grafana',
    name: 'Grafana Cloud access policy token',
    pattern: String.raw`${DASHED_TOKEN_START}glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=_-])`,
    keywords: ['glc_'],
    entropy: 4,
    prefix: 'glc_',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: '`glc_` followed by 32–400 base64 characters (a Grafana Cloud access-policy token).',
  },
];
