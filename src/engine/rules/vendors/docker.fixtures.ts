// Fixtures of the rules in docker.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'docker-hub-pat': {
    positive: [
      'echo {{docker:pat}} | docker login -u octodev --password-stdin',
      'DOCKERHUB_TOKEN={{docker:pat}}',
      '          password: "{{docker:pat}}"',
    ],
    negative: [
      'DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'DOCKERHUB_TOKEN={{docker:pat:12}}',
      'token = "dckr_pat_${DOCKER_TOKEN_SUFFIX}"',
      'DOCKERHUB_TOKEN=keychain://token-custody/DOCKERHUB_TOKEN',
    ],
  },
  'docker-hub-oat': {
    positive: ['DOCKER_ORG_TOKEN={{docker:oat}}', '  "password": "{{docker:oat:32}}",'],
    negative: ['DOCKER_ORG_TOKEN=dckr_oat_<organization-access-token>', 'DOCKER_ORG_TOKEN={{docker:oat:10}}'],
  },
};
