// Fixtures of the rules in google.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'google-api-key': {
    positive: [
      'GOOGLE_API_KEY={{google:api-key}}',
      '<script src="https://maps.googleapis.com/maps/api/js?key={{google:api-key}}&callback=initMap"></script>',
    ],
    negative: [
      'GOOGLE_API_KEY=AIza{{b64url:20}}',
      'GOOGLE_API_KEY=AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    ],
  },
  'google-oauth-client-secret': {
    positive: [
      '{"installed":{"client_id":"{{digits:12}}-{{alnum_lower:32}}.apps.googleusercontent.com","client_secret":"{{google:oauth-secret}}"}}',
      'GOOGLE_CLIENT_SECRET={{google:oauth-secret}}',
    ],
    negative: [
      'GOOGLE_CLIENT_SECRET=GOCSPX-{{b64url:12}}',
      'GOOGLE_CLIENT_SECRET=GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
  'google-oauth-access-token': {
    positive: [
      'curl -H "Authorization: Bearer {{google:ya29}}" https://www.googleapis.com/oauth2/v3/userinfo',
      'ACCESS_TOKEN={{google:ya29}}',
    ],
    negative: [
      'ACCESS_TOKEN=ya29.{{b64url:10}}',
      'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://www.googleapis.com/oauth2/v3/userinfo',
    ],
  },
  'google-oauth-refresh-token': {
    positive: [
      '  "refresh_token": "{{google:refresh}}",',
      'GOOGLE_REFRESH_TOKEN={{google:refresh}}',
    ],
    negative: [
      'see https://example.invalid/a/1//0{{b64url:60}} for details',
      '  "refresh_token": "1//0{{b64url:10}}",',
    ],
  },
  'google-service-account-key': {
    positive: [
      '{"type": "service_account", "project_id": "demo-proj-4821", "private_key_id": "{{hex:40}}", "private_key": "-----BEGIN PRIVATE KEY-----\\n{{google:pem-body}}\\n-----END PRIVATE KEY-----\\n", "client_email": "ci@demo-proj-4821.iam.gserviceaccount.com"}',
      '{\n  "type": "service_account",\n  "project_id": "demo-proj-4821",\n  "private_key_id": "{{hex:40}}",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n{{google:pem-body}}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "ci@demo-proj-4821.iam.gserviceaccount.com"\n}',
    ],
    negative: [
      '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"}',
      '{"type": "authorized_user", "client_id": "{{digits:12}}.apps.googleusercontent.com", "private_key": "-----BEGIN PRIVATE KEY-----\\n{{google:pem-body}}\\n-----END PRIVATE KEY-----\\n"}',
      '{"type": "service_account", "private_key": "${SA_PRIVATE_KEY}"}',
    ],
  },
};
