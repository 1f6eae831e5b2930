// Fixtures of the rules in npmrc.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'npmrc-auth-token': {
    positive: [
      '//registry.npmjs.org/:_authToken={{uuid}}',
      '//npm.pkg.example.test/:_authToken="{{secret:40:b64url}}"',
      '//registry.example.test/api/npm/npm-virtual/:_authToken={{secret:64:b64url}}',
      // Any UUID version in the per-registry form npm login writes.
      '//registry.npmjs.org/:_authToken={{hex:8}}-{{hex:4}}-11ec-9d64-{{hex:12}}',
      '//npm.internal.test:4873/:_authToken= {{hex:8}}-{{hex:4}}-11ee-8c90-{{hex:12}}',
    ],
    negative: [
      '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
      '//registry.npmjs.org/:_authToken=',
      '//registry.npmjs.org/:_authToken=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
      '_authToken=6c84fb90-12c4-11e1-840d-7b25c5ee775a',
      '//registry.npmjs.org:_authToken=6c84fb90-12c4-11e1-840d-7b25c5ee775a',
    ],
  },
  'npmrc-auth-basic': {
    positive: ['_auth={{b64-cred:builder}}', '//artifactory.example.test/api/npm/npm/:_auth="{{b64-cred:ci}}"'],
    negative: ['_auth=${NPM_AUTH}', '_auth={{b64-text:user:changeme}}', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
  },
  'npmrc-password': {
    positive: ['//pkgs.dev.azure.test/org/_packaging/feed/npm/registry/:_password={{b64-secret:52}}'],
    negative: ['//pkgs.dev.azure.test/org/_packaging/feed/npm/registry/:_password=${AZURE_NPM_PASSWORD}', ':_password={{b64-text:password}}'],
  },
};
