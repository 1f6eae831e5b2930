// Fixtures of the rules in dockerConfig.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'docker-config-auth': {
    positive: [
      '{\n  "auths": {\n    "registry.example.test": {\n      "auth": "{{b64-cred:deploy}}"\n    }\n  }\n}',
      '{"auths":{"https://index.docker.io/v1/":{"auth":"{{b64-cred:octodev}}","email":"dev@example.test"}}}',
      '{\n  "auths": {\n    "https://gcr.io": {\n      "auth": "{{gcr-json-key}}"\n    }\n  }\n}',
    ],
    negative: [
      '{\n  "auths": {\n    "registry.example.test": {\n      "auth": "{{b64-text:deploy:password}}"\n    }\n  }\n}',
      '{"auths":{"ghcr.io":{}},"credsStore":"desktop"}',
      '{"auth": "{{b64-cred:deploy}}", "comment": "not a docker config"}',
    ],
  },
  'docker-config-identity-token': {
    positive: ['{"auths":{"myregistry.azurecr.io":{"auth":"","identitytoken":"{{opaque:64}}"}}}'],
    negative: ['{"auths":{"myregistry.azurecr.io":{"identitytoken":""}}}', '{"identitytoken": "<token>"}'],
  },
};
