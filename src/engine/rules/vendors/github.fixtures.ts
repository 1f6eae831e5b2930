// Fixtures of the rules in github.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'github-pat-classic': {
    positive: [
      '\u001b[1;32m$\u001b[0m gh auth token\n\u001b[33m{{github:ghp}}\u001b[0m',
      'export GITHUB_TOKEN={{github:ghp}}',
      'git clone https://x-access-token:{{github:ghp}}@github.com/acme/app.git',
      '  "token": "{{github:ghp}}",',
    ],
    negative: [
      'export GITHUB_TOKEN={{github:ghp:badcrc}}',
      'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'token: ${{ secrets.GITHUB_TOKEN }}',
      'GITHUB_TOKEN=keychain://token-custody/GITHUB_TOKEN',
    ],
  },
  'github-oauth': {
    positive: [
      '    oauth_token: {{github:gho}}',
      'curl -H "Authorization: token {{github:gho}}" https://api.github.com/user',
    ],
    negative: [
      '    oauth_token: {{github:gho:badcrc}}',
      '    oauth_token: gho_{{b62:30}}',
    ],
  },
  'github-user-to-server': {
    positive: [
      'GH_USER_TOKEN="{{github:ghu}}"',
      '{"access_token":"{{github:ghu}}","expires_in":28800,"token_type":"bearer"}',
    ],
    negative: [
      'GH_USER_TOKEN="{{github:ghu:badcrc}}"',
      'GH_USER_TOKEN="ghu_{{b62:35}}"',
    ],
  },
  'github-server-to-server': {
    positive: [
      'Authorization: Bearer {{github:ghs}}',
      'GITHUB_APP_TOKEN={{github:ghs}}',
      'INSTALLATION_TOKEN=ghs_{{digits:7}}_{{jwt:installation_id=12345678}}',
    ],
    negative: [
      'Authorization: Bearer {{github:ghs:badcrc}}',
      'INSTALLATION_TOKEN=ghs_{{digits:7}}_eyJ{{b64url:20}}.{{b64url:40}}.{{b64url:43}}',
    ],
  },
  'github-refresh': {
    positive: [
      'refresh_token={{github:ghr}}',
      '"refresh_token": "{{github:ghr}}", "refresh_token_expires_in": 15811200',
    ],
    negative: [
      'refresh_token={{github:ghr:badcrc}}',
      'refresh_token=ghr_{{b62:20}}',
    ],
  },
  'github-pat-fine-grained': {
    positive: [
      'GH_TOKEN={{github:pat}}',
      'const octokit = new Octokit({ auth: "{{github:pat}}" });',
    ],
    negative: [
      'GH_TOKEN=github_pat_{{b62:22}}_{{b62:40}}',
      'GH_TOKEN=github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
};
