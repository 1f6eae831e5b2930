// Fixtures of the rules in openai.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'openai-project-key': {
    positive: [
      'OPENAI_API_KEY={{openai:proj}}',
      'client = OpenAI(api_key="{{openai:proj}}")',
    ],
    negative: [
      'OPENAI_API_KEY=sk-proj-{{b64url:20}}',
      'OPENAI_API_KEY=sk-proj-...',
    ],
  },
  'openai-service-account-key': {
    positive: [
      'OPENAI_API_KEY={{openai:svcacct}}',
      '  openai_key: "{{openai:svcacct}}"',
    ],
    negative: [
      'OPENAI_API_KEY=sk-svcacct-{{b64url:16}}',
      'OPENAI_API_KEY=sk-svcacct-<key>',
    ],
  },
  'openai-admin-key': {
    positive: [
      'OPENAI_ADMIN_KEY={{openai:admin}}',
      'curl https://api.openai.com/v1/organization/users -H "Authorization: Bearer {{openai:admin}}"',
    ],
    negative: [
      'OPENAI_ADMIN_KEY=sk-admin-{{b64url:16}}',
      'OPENAI_ADMIN_KEY=sk-admin-${ADMIN_KEY}',
    ],
  },
  'openai-api-key': {
    positive: [
      'OPENAI_API_KEY={{openai:legacy}}',
      'openai.api_key = "{{openai:legacy}}"',
    ],
    negative: [
      'OPENAI_API_KEY=sk-{{b62:48}}',
      'OPENAI_API_KEY=sk-{{b62:20}}T3BlbkFJ{{b62:10}}',
    ],
  },
};
