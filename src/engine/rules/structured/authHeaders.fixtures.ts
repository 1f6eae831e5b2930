// Fixtures of the rules in authHeaders.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'bearer-token': {
    positive: [
      'curl -H "Authorization: Bearer {{opaque:48}}" https://api.example.test/v1/items',
      'Authorization: Bearer {{secret:40}}',
      "headers: { Authorization: 'Bearer {{secret:32:b64url}}' }",
    ],
    negative: [
      'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.test',
      'headers: { Authorization: `Bearer ${token}` }',
      'Authorization: Bearer <token>',
      'Authorization: Bearer YOUR_ACCESS_TOKEN',
      'WWW-Authenticate: Bearer realm="example", error="invalid_token"',
      'The Bearer authentication scheme is described in RFC 6750.',
    ],
  },
  'basic-auth-header': {
    positive: [
      'curl -H "Authorization: Basic {{b64-cred:admin}}" https://jenkins.example.test/api/json',
      'Authorization: Basic {{b64-cred:svc-ci}}',
    ],
    negative: [
      'Authorization: Basic {{b64-text:user:password}}',
      'Authorization: Basic {{b64-text:admin:$ADMIN_PASSWORD}}',
      'Use Basic authentication with your username and an API token.',
      'Authorization: Basic <base64(user:pass)>',
    ],
  },
  'authorization-token-header': {
    positive: [
      'curl -H "Authorization: token {{secret:40:hexmix}}" https://git.example.test/api/v1/user',
      'Authorization: SSWS {{opaque:42}}',
      "{'Authorization': 'Bot {{opaque:59}}'}",
    ],
    negative: [
      'curl -H "Authorization: token $GITEA_TOKEN" https://git.example.test/api/v1/user',
      'Authorization: token <personal-access-token>',
      'Authorization: token YOUR_PERSONAL_TOKEN',
    ],
  },
};
