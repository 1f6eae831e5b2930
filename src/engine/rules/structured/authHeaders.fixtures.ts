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
      // Not `user:password` once decoded (binary, or a key encoded alone): replayable as sent.
      'curl -k -X POST --header "Authorization: Basic {{b64:76}}" "https://api.internal.test/token"',
      "curl -H 'Authorization: Basic {{b64-secret:40}}' https://api.internal.test",
    ],
    negative: [
      'Authorization: Basic {{b64-text:user:password}}',
      'Authorization: Basic {{b64-text:admin:$ADMIN_PASSWORD}}',
      'Use Basic authentication with your username and an API token.',
      'Authorization: Basic <base64(user:pass)>',
      'Authorization: Basic {{b64-text:usernamepassword}}',
      'Authorization: Basic {{b64-text:Use your API key here}}',
      'Authorization: Basic {{b64:12}}',
    ],
  },
  'authorization-token-header': {
    positive: [
      'curl -H "Authorization: token {{secret:40:hexmix}}" https://git.example.test/api/v1/user',
      'Authorization: SSWS {{opaque:42}}',
      "{'Authorization': 'Bot {{opaque:59}}'}",
      // A UUID or hex key, any scheme word, or no scheme at all.
      "curl --header  'Authorization:  {{uuid}}'",
      'curl -H "Authorization: Token {{hex:40}}" --request PUT https://api.internal.test/v1/use',
      'curl -H "Authorization: Api-Token {{alnum_lower:40}}" https://api.internal.test',
      '"Authorization": "{{secret:32}}",',
      'Authorization:{{b64url:36}}.{{b64url:24}}',
    ],
    negative: [
      'curl -H "Authorization: token $GITEA_TOKEN" https://git.example.test/api/v1/user',
      'Authorization: token <personal-access-token>',
      'Authorization: token YOUR_PERSONAL_TOKEN',
      'Authorization: Digest username="Mufasa", realm="testrealm@host.com", nonce="{{hex:32}}"',
      'authorization: this.authorizationHeader',
      'Authorization: getAuthorizationHeader()',
      'Authorization: required for every request to the admin API',
      'Authorization: [REDACTED]',
      'authorization = base64.decodebytes(authorization).decode("ascii")',
    ],
  },
  'api-key-header': {
    positive: [
      'curl -X GET \\\n     -H "apikey: {{uuid}}" \\\n     -H "Accept: application/json"',
      'curl -X GET https://octopus.internal.test/api -H "X-Octopus-ApiKey: {{uuid}}"',
      'curl -X POST --header "Api-Token: {{secret:24}}"',
      'curl -H "Token: {{hex:24}}" -d "content=hello" http://localhost:8080/api/tasks',
      'curl --header "PRIVATE-TOKEN: {{secret:20}}" "https://git.internal.test/api/v4/projects"',
      'curl -H "Ocp-Apim-Subscription-Key: {{hex:32}}" https://api.internal.test/v1',
    ],
    negative: [
      'curl -H "X-Api-Key: $API_KEY" https://api.internal.test',
      'curl -H "X-Api-Key: <your-api-key>" https://api.internal.test',
      'curl -H "X-Api-Key: YOUR_API_KEY" https://api.internal.test',
      'curl -H "Idempotency-Key: {{uuid}}" https://api.internal.test/v1/charges',
      'curl -H "Sec-WebSocket-Key: {{b64:22}}==" http://localhost:8080/ws',
      'curl -H "X-Request-Id: {{uuid}}" https://api.internal.test',
      'curl -H "Content-Type: application/json" https://api.internal.test',
    ],
  },
};
