// Supabase: access tokens, secret keys and service-role keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: supabase.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_END, DASHED_TOKEN_START, DASHED_TOKEN_END, ASSIGN_THEN_ANY_QUOTE } from '../parts';

export const supabaseRules: RuleSpec[] = [
  {
    id: 'supabase-access-token',
    issuer: 'supabase',
    name: 'Supabase personal access token',
    pattern: `${DASHED_TOKEN_START}sbp_(?:oauth_)?[a-f0-9]{40}${TOKEN_END}`,
    keywords: ['sbp_'],
    entropy: 3,
    prefix: 'sbp_',
    confidence: 'high',
    severity: 'critical',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`sbp_` followed by 40 hex digits; Management API access to every project (used by `supabase login`).',
  },
  {
    id: 'supabase-secret-key',
    issuer: 'supabase',
    name: 'Supabase secret API key',
    pattern: `${DASHED_TOKEN_START}sb_secret_[A-Za-z0-9_-]{28,80}${DASHED_TOKEN_END}`,
    keywords: ['sb_secret_'],
    entropy: 3.5,
    prefix: 'sb_secret_',
    confidence: 'high',
    severity: 'critical',
    kind: 'api-key',
    machineIdentity: true,
    revocation: 'manual',
    description: '`sb_secret_` followed by base64url characters; bypasses row-level security.',
  },
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
