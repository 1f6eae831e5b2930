// Fixtures of the rules in aws.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'aws-access-key-id': {
    positive: [
      '\u001b[32m{{aws-key-id:AKIA:123456789012}}\u001b[0m',
      'aws_access_key_id = {{aws-key-id:AKIA:123456789012}}',
      'export AWS_ACCESS_KEY_ID={{aws-key-id:ASIA}}',
    ],
    negative: [
      'aws_access_key_id = {{aws:doc-id}}',
      'aws_access_key_id = AKIA{{upper:12}}',
      'aws_access_key_id = akia{{alnum_lower:16}}',
    ],
  },
  'aws-secret-access-key': {
    positive: [
      'aws_secret_access_key = {{aws:secret}}',
      'export AWS_SECRET_ACCESS_KEY="{{aws:secret}}"',
      '    "SecretAccessKey": "{{aws:secret}}",',
      '  secretAccessKey: \'{{aws:secret}}\',',
    ],
    negative: [
      'aws_secret_access_key = {{aws:doc-secret}}',
      'export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY}"',
      'aws_secret_access_key = {{b64:30}}',
      'secret = {{aws:secret}}',
    ],
  },
  'aws-session-token': {
    positive: [
      'aws_session_token = {{aws:session}}',
      '        "SessionToken": "{{aws:session}}",',
    ],
    negative: [
      'aws_session_token = {{b64:60}}',
      'export AWS_SESSION_TOKEN=$(aws configure get aws_session_token)',
    ],
  },
};
