// Fixtures of the rules in supabase.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'supabase-access-token': {
    positive: ['SUPABASE_ACCESS_TOKEN={{supabase:sbp}}', 'supabase login --token {{supabase:sbp}}'],
    negative: ['SUPABASE_ACCESS_TOKEN=sbp_{{hex:20}}', 'SUPABASE_ACCESS_TOKEN=sbp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  'supabase-secret-key': {
    positive: ['SUPABASE_SECRET_KEY={{supabase:secret}}', "const supabase = createClient(url, '{{supabase:secret}}')"],
    negative: ['NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY={{supabase:publishable}}', 'SUPABASE_SECRET_KEY=sb_secret_...', 'SUPABASE_SECRET_KEY=sb_secret_{{b62:10}}'],
  },
  'supabase-service-role-key': {
    positive: ['SUPABASE_SERVICE_ROLE_KEY={{supabase:service_role}}', '  supabaseServiceRoleKey: "{{supabase:service_role}}",'],
    negative: [
      'SUPABASE_SERVICE_ROLE_KEY=${SUPABASE_SERVICE_ROLE_KEY}',
      'SUPABASE_SERVICE_ROLE_KEY=eyJhbGciOiJIUzI1NiJ9.not-a-jwt.x',
      'SUPABASE_SERVICE_ROLE_KEY=your-service-role-key',
    ],
  },
};
