// Fixtures of the rules in jwk.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'jwk-private-key': {
    positive: [
      '{"kty":"EC","crv":"P-256","x":"{{b64url:43}}","y":"{{b64url:43}}","d":"{{b64url:43}}"}',
      '{\n  "keys": [\n    {\n      "d": "{{b64url:342}}",\n      "e": "AQAB",\n      "kty": "RSA",\n      "n": "{{b64url:342}}",\n      "p": "{{b64url:171}}",\n      "q": "{{b64url:171}}"\n    }\n  ]\n}',
      '{"kty": "oct", "k": "{{b64url:43}}", "alg": "HS256"}',
      "key = {'kty': 'OKP', 'crv': 'Ed25519', 'x': '{{b64url:43}}', 'd': '{{b64url:43}}'}",
    ],
    negative: [
      '{"kty":"RSA","e":"AQAB","n":"{{b64url:342}}","kid":"{{b64url:20}}","use":"sig"}',
      '{"kty":"EC","crv":"P-256","x":"{{b64url:43}}","y":"{{b64url:43}}"}',
      '{"d":"{{b64url:43}}","type":"note"}',
      '{"kty":"oct","k":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
      '{"kty":"oct","k":"${JWK_SECRET}"}',
    ],
  },
};
