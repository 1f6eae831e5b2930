// Fixtures of the rules in twilio.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'twilio-auth-token': {
    positive: [
      'TWILIO_AUTH_TOKEN={{twilio:auth-token}}',
      '"twilio": {"account_sid": "{{twilio:account-sid}}", "auth_token": "{{twilio:auth-token}}"}',
      'twilio_auth_token: "{{twilio:auth-token}}"',
      "ENV['TWILIO_AUTH_TOKEN'] ||= '{{twilio:auth-token}}'",
      '$ env | sort\n\u001b[2mTWILIO_AUTH_TOKEN\u001b[0m={{twilio:auth-token}}\nPATH=/usr/bin',
    ],
    negative: [
      'TWILIO_ACCOUNT_SID={{twilio:account-sid}}',
      'TWILIO_AUTH_TOKEN=00000000000000000000000000000000',
      'TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}',
      'AUTH_TOKEN={{hex:32}}',
      "ENV['TWILIO_AUTH_TOKEN'] ||= ENV.fetch('TOKEN')",
    ],
  },
  'twilio-auth-token-after-sid': {
    positive: [
      'client = Client("{{twilio:account-sid}}", "{{twilio:auth-token}}")',
      'curl -X POST https://api.twilio.com/2010-04-01/Accounts.json -u {{twilio:account-sid}}:{{twilio:auth-token}}',
      'sid={{twilio:account-sid}} auth_token={{twilio:auth-token}}',
      'const client = require("twilio")("{{twilio:account-sid}}", "{{twilio:auth-token}}");',
    ],
    negative: [
      'client = Client("{{twilio:account-sid}}", "00000000000000000000000000000000")',
      'client = Client("{{twilio:account-sid}}", "{{hex:31}}")',
      'client = Client("{{twilio:account-sid}}", auth_token)',
      'ACCOUNT_SID={{twilio:account-sid}}\nSERVICE_SID=MG{{hex:32}}',
    ],
  },
  'twilio-api-key-secret': {
    positive: [
      'TWILIO_API_SECRET={{twilio:api-secret}}',
      'TWILIO_API_KEY_SECRET="{{twilio:api-secret}}"',
    ],
    negative: [
      'TWILIO_API_KEY={{twilio:api-key-sid}}',
      'TWILIO_API_SECRET={{b62:20}}',
    ],
  },
};
