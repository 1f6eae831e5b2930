// Fixtures of the rules in sendgrid.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'sendgrid-api-key': {
    positive: [
      'SENDGRID_API_KEY={{sendgrid}}',
      'sg = SendGridAPIClient("{{sendgrid}}")',
      'SENDGRID_API_KEY=SG.{{b64url:20}}.{{b64url:47}}',
      'sendgridKey := "SG.{{secret:66:b64url}}"',
    ],
    negative: [
      'SENDGRID_API_KEY=SG.{{b64url:22}}.{{b64url:20}}',
      'SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'SENDGRID_API_KEY=SG.{{b64url:22}}.{{b64url:52}}',
      'version: SG.{{lower:66}}',
    ],
  },
};
