// Supabase: access tokens, secret keys and service-role keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: supabase.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_END, ASSIGN_THEN_ANY_QUOTE, prefixedTokenRule } from '../parts';

export const supabaseRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'supabase-access-token',
    issuer: 'supabase',
    name: 'Supabase personal access token',
    prefix: 'sbp_',
    body: '(?:oauth_)?[a-f0-9]{40}',
    entropy: 3,
    severity: 'critical',
    kind: 'personal-token',
    cliIssued: true,
    description: '`sbp_` followed by 40 hex digits; Management API access to every project (used by `supabase login`).',
  }),
  prefixedTokenRule({
    id: 'supabase-secret-key',
    issuer: 'supabase',
    name: 'Supabase secret API key',
    prefix: 'sb_secret_',
    body: '[A-Za-z0-9_-]{28,80}',
    dashedEnd: true,
    entropy: 3.5,
    severity: 'critical',
    kind: 'api-key',
    machineIdentity: true,
    description: '`sb_secret_` followed by base64url characters; bypasses row-level security.',
  }),
  {
    id: 'supabase-service-role-key',
    issuer: 'supabase',
    name: 'Supabase service_role key (legacy JWT)',
    pattern: String.raw`(?<![A-Za-z0-9])(?:supabase[_-]?)?service[_-]?(?:role[_-]?)?key${ASSIGN_THEN_ANY_QUOTE}(eyJ[A-Za-z0-9_-]{8,1024}\.eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{16,1024})${DASHED_TOKEN_END}`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['service_role', 'service-role', 'servicerole', 'supabase_service', 'supabaseservice'],
    validator: 'jwt',
    prefix: 'eyJ',
    confidence: 'high',
    severity: 'critical',
    kind: 'service-account',
    machineIdentity: true,
    revocation: 'manual',
    description: 'A JWT assigned to `SUPABASE_SERVICE_ROLE_KEY`; bypasses row-level security until the project JWT secret is rotated.',
  },
];
