// Fixtures of the rules in jwt.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'jwt': {
    positive: [
      '\u001b[2m{{jwt}}\u001b[0m',
      'Authorization: Bearer {{jwt:iss=https://login.example-idp.test,aud=api}}',
      '{"access_token":"{{jwt}}","token_type":"Bearer","expires_in":3600}',
      'export ID_TOKEN={{jwt:sub=1234,name=Dev}}',
    ],
    negative: [
      'const header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";',
      'token = "eyJhbGciOiJIUzI1NiJ9.eyJ...truncated"',
      'eyJ{{b64url:30}}.eyJ{{b64url:60}}.{{b64url:43}}',
    ],
  },
  'jwt-base64': {
    positive: [
      'auth_header_b64: {{jwt-b64}}',
      'data:\n  token: {{jwt-b64}}\n',
    ],
    negative: [
      'auth_header_b64: ZXlK{{b64:80}}',
      'value: {{b64-text:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.signature-truncated...}}',
    ],
  },
  'oauth-refresh-token': {
    positive: [
      '{"access_token":"{{opaque:40}}","refresh_token":"{{opaque:64}}","expires_in":3600}',
      'REFRESH_TOKEN={{opaque:48}}',
      "refreshToken: '{{opaque:44}}',",
    ],
    negative: [
      '{"refresh_token": null, "refresh_token_expires_in": 15897600}',
      'const refreshToken = await getRefreshToken(session);',
      'refreshToken: string;',
      'REFRESH_TOKEN=${REFRESH_TOKEN}',
      'refresh_token: refreshTokenFromTheStorageLayer',
    ],
  },
};
