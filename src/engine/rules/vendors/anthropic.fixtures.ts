// Fixtures of the rules in anthropic.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'anthropic-api-key': {
    positive: [
      'ANTHROPIC_API_KEY={{anthropic:api03}}',
      'client = anthropic.Anthropic(api_key="{{anthropic:api03}}")',
    ],
    negative: [
      'ANTHROPIC_API_KEY=sk-ant-api03-{{b64url:93}}BB',
      'ANTHROPIC_API_KEY=sk-ant-api03-...',
    ],
  },
  'anthropic-admin-key': {
    positive: [
      'ANTHROPIC_ADMIN_KEY={{anthropic:admin01}}',
      'curl https://api.anthropic.com/v1/organizations/users -H "x-api-key: {{anthropic:admin01}}"',
    ],
    negative: [
      'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-{{b64url:40}}AA',
      'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-<admin-key>',
    ],
  },
};
