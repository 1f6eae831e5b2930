// Fixtures of the rules in gitlab.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'gitlab-pat': {
    positive: [
      'export GITLAB_TOKEN={{gitlab:glpat:routable}}',
      'curl --header "PRIVATE-TOKEN: {{gitlab:glpat:routable}}" https://gitlab.com/api/v4/user',
      'GITLAB_TOKEN={{gitlab:glpat:routable:unversioned}}',
      'token = "{{gitlab:glpat:legacy}}"',
    ],
    negative: [
      'export GITLAB_TOKEN={{gitlab:glpat:routable:badcrc}}',
      'export GITLAB_TOKEN={{gitlab:glpat:routable:badlen}}',
      'token = "{{gitlab:glpat:short}}"',
      'token = "glpat-xxxxxxxxxxxxxxxxxxxx"',
      'GITLAB_TOKEN=${GITLAB_TOKEN}',
    ],
  },
  'gitlab-deploy-token': {
    positive: [
      'docker login registry.gitlab.com -u gitlab+deploy-token-42 -p {{gitlab:gldt:legacy}}',
      'CI_DEPLOY_PASSWORD={{gitlab:gldt:routable}}',
    ],
    negative: [
      'CI_DEPLOY_PASSWORD={{gitlab:gldt:routable:badcrc}}',
      'CI_DEPLOY_PASSWORD=gldt-{{b64url:12}}',
    ],
  },
  'gitlab-pipeline-trigger-token': {
    positive: [
      'curl -X POST --form token={{gitlab:glptt:hex40}} --form ref=main https://gitlab.com/api/v4/projects/9/trigger/pipeline',
      'TRIGGER_TOKEN: "{{gitlab:glptt:legacy}}"',
    ],
    negative: [
      'curl -X POST --form token=glptt-{{hex:30}} --form ref=main https://gitlab.com/api/v4/projects/9/trigger/pipeline',
      'TRIGGER_TOKEN: "glptt-0000000000000000000000000000000000000000"',
    ],
  },
  'gitlab-runner-token': {
    positive: [
      'gitlab-runner register --url https://gitlab.com --token {{gitlab:glrt:runner}}',
      '  token = "{{gitlab:glrt:routable}}"',
    ],
    negative: [
      '  token = "{{gitlab:glrt:routable:badcrc}}"',
      '  token = "glrt-{{b64url:10}}"',
    ],
  },
  'gitlab-runner-registration-token': {
    positive: [
      'gitlab-runner register --registration-token {{gitlab:GR1348941:legacy}} --executor docker',
      'REGISTRATION_TOKEN={{gitlab:GR1348941:legacy}}',
    ],
    negative: [
      'REGISTRATION_TOKEN=GR1348941{{b64url:12}}',
      'REGISTRATION_TOKEN=GR1348941xxxxxxxxxxxxxxxxxxxx',
      'ticket GR1348941{{digits:20}}',
    ],
  },
  'gitlab-ci-build-token': {
    positive: [
      'CI_JOB_TOKEN={{gitlab:glcbt:cbt}}',
      'git clone https://gitlab-ci-token:{{gitlab:glcbt:routable}}@gitlab.com/acme/app.git',
    ],
    negative: [
      'CI_JOB_TOKEN={{gitlab:glcbt:routable:badcrc}}',
      'CI_JOB_TOKEN=glcbt-{{b64url:20}}',
    ],
  },
  'gitlab-feed-token': {
    positive: [
      'https://gitlab.com/dashboard/issues.atom?feed_token={{gitlab:glft:legacy}}&state=opened',
      'FEED_TOKEN={{gitlab:glft:legacy}}',
    ],
    negative: [
      'FEED_TOKEN=glft-{{b64url:8}}',
      'FEED_TOKEN=glft-xxxxxxxxxxxxxxxxxxxx',
    ],
  },
  'gitlab-incoming-mail-token': {
    positive: [
      "gitlab_rails['incoming_email_token'] = '{{gitlab:glimt:n:25}}'",
      'INCOMING_MAIL_TOKEN={{gitlab:glimt:n:25}}',
    ],
    negative: [
      'INCOMING_MAIL_TOKEN=glimt-{{b64url:12}}',
      'INCOMING_MAIL_TOKEN=glimt-xxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
  'gitlab-oauth-app-secret': {
    positive: [
      'GITLAB_OAUTH_CLIENT_SECRET={{gitlab:gloas:n:64}}',
      '  client_secret: "{{gitlab:gloas:n:64}}"',
    ],
    negative: [
      'GITLAB_OAUTH_CLIENT_SECRET=gloas-{{b64url:32}}',
      '  client_secret: "gloas-${GITLAB_SECRET}"',
    ],
  },
  'gitlab-scim-token': {
    positive: [
      'SCIM_TOKEN={{gitlab:glsoat:legacy}}',
      'Authorization: Bearer {{gitlab:glsoat:legacy}}',
    ],
    negative: [
      'SCIM_TOKEN=glsoat-{{b64url:10}}',
      'SCIM_TOKEN=glsoat-xxxxxxxxxxxxxxxxxxxx',
    ],
  },
  'gitlab-agent-token': {
    positive: [
      'helm upgrade --install agent gitlab/gitlab-agent --set config.token={{gitlab:glagent:n:50}}',
      'AGENT_TOKEN={{gitlab:glagent:n:50}}',
    ],
    negative: [
      'AGENT_TOKEN=glagent-{{b64url:30}}',
      'AGENT_TOKEN=glagent-<your-agent-token>',
    ],
  },
};
