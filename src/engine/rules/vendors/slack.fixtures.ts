// Fixtures of the rules in slack.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'slack-legacy-token': {
    positive: [
      'SLACK_TOKEN={{slack:xoxs}}',
      'slack_api_token: "{{slack:xoxs}}"',
    ],
    negative: [
      'SLACK_TOKEN=xoxs-{{digits:10}}-{{digits:11}}-{{hex:40}}',
      'SLACK_TOKEN=xoxs-0000000000-00000000000-000000000000-0000000000000000',
      'SLACK_TOKEN=xoxs-<your-token>',
    ],
  },
  'slack-signing-secret': {
    positive: [
      'SLACK_SIGNING_SECRET={{hex:32}}',
      "const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: '{{hex:32}}' });",
      'slack:\n  signing_secret: "{{hex:32}}"',
    ],
    negative: [
      'SLACK_SIGNING_SECRET={{hex:31}}',
      'SLACK_SIGNING_SECRET=00000000000000000000000000000000',
      'SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET}',
      'SLACK_CLIENT_ID={{hex:32}}',
    ],
  },
  'slack-legacy-workspace-token': {
    positive: [
      'SLACK_TOKEN={{slack:xoxa-short}}',
      'refresh: {{slack:xoxr-short}}',
    ],
    negative: [
      'SLACK_TOKEN=xoxa-{{digits:12}}',
      'SLACK_TOKEN=xoxr-abcdefgh',
      'SLACK_TOKEN=xoxa-{{b62:4}}',
    ],
  },
  'slack-bot-token': {
    positive: [
      'SLACK_BOT_TOKEN={{slack:xoxb}}',
      'client = WebClient(token="{{slack:xoxb}}")',
      'SLACK_BOT_TOKEN={{slack:xoxb-legacy}}',
    ],
    negative: [
      'SLACK_BOT_TOKEN=xoxb-{{digits:12}}-{{digits:13}}-{{b62:10}}',
      'SLACK_BOT_TOKEN=xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx',
      'SLACK_BOT_TOKEN=${{ secrets.SLACK_BOT_TOKEN }}',
      'SLACK_BOT_TOKEN=xoxb-{{digits:11}}-{{digits:20}}',
    ],
  },
  'slack-user-token': {
    positive: [
      'SLACK_USER_TOKEN={{slack:xoxp}}',
      'curl -H "Authorization: Bearer {{slack:xoxp}}" https://slack.com/api/auth.test',
      'SLACK_TOKEN={{slack:xoxp-old}}',
      '"url_private": "https://files.slack.com/files-pri/T{{upper:9}}-F{{upper:9}}/image.png?t={{slack:xoxe-file}}"',
    ],
    negative: [
      'SLACK_USER_TOKEN=xoxp-{{digits:12}}-{{digits:12}}-{{hex:32}}',
      'SLACK_USER_TOKEN=xoxp-{{digits:12}}-{{digits:12}}-{{digits:13}}-{{hex:12}}',
      'SLACK_USER_TOKEN=xoxp-{{digits:5}}-{{digits:6}}-{{digits:6}}-{{hex:32}}',
      'SLACK_TOKEN=xoxe-{{digits:13}}-{{digits:13}}-{{hex:32}}',
    ],
  },
  'slack-workspace-token': {
    positive: [
      'SLACK_WORKSPACE_TOKEN={{slack:xoxa}}',
      'slack_token: "{{slack:xoxa}}"',
    ],
    negative: [
      'SLACK_WORKSPACE_TOKEN=xoxa-2-{{digits:12}}-{{b62:8}}',
      'slack_token: "xoxa-<token>"',
    ],
  },
  'slack-refresh-token': {
    positive: [
      'SLACK_REFRESH_TOKEN={{slack:xoxr}}',
      'SLACK_REFRESH_TOKEN={{slack:xoxr-old}}',
      '{"ok":true,"refresh_token":"{{slack:xoxr}}","expires_in":43200}',
    ],
    negative: [
      'SLACK_REFRESH_TOKEN=xoxr-{{digits:12}}-{{b62:6}}',
      'SLACK_REFRESH_TOKEN=xoxr-000000000000-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
  'slack-config-refresh-token': {
    positive: [
      'SLACK_CONFIG_REFRESH_TOKEN={{slack:xoxe}}',
      '  "refresh_token": "{{slack:xoxe}}",',
    ],
    negative: [
      'SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-{{b62:40}}',
      'SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-${REFRESH}',
    ],
  },
  'slack-config-access-token': {
    positive: [
      'SLACK_CONFIG_TOKEN={{slack:xoxe.xoxp}}',
      'slack manifest validate --token {{slack:xoxe.xoxp}}',
    ],
    negative: [
      'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-{{b62:30}}',
      'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-<config-token>',
    ],
  },
  'slack-app-token': {
    positive: [
      'SLACK_APP_TOKEN={{slack:xapp}}',
      'app = App(token=bot, app_token="{{slack:xapp}}")',
    ],
    negative: [
      'SLACK_APP_TOKEN=xapp-1-A{{upper:10}}-{{digits:13}}-{{hex:40}}',
      'SLACK_APP_TOKEN=xapp-1-...',
    ],
  },
  'slack-webhook': {
    positive: [
      'SLACK_WEBHOOK_URL={{slack:webhook}}',
      'curl -X POST -H "Content-type: application/json" --data \'{"text":"deployed"}\' {{slack:webhook}}',
      'SLACK_WEBHOOK_URL={{slack:webhook-http}}',
      'notify: hooks.slack.com/services/{{secret:44}}',
    ],
    negative: [
      'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T{{upper:9}}/B{{upper:9}}/{{b62:12}}',
      'see https://hooks.slack.com/services/{{secret:30}} for details',
      'https://hooks.slack.com/services/{{lower:48}}',
      'https://hooks.slack.com/services/{{secret:44}}/and/more/path/segments',
    ],
  },
  'slack-workflow-webhook': {
    positive: [
      'WORKFLOW_URL={{slack:workflow}}',
      'fetch("{{slack:trigger}}", { method: "POST", body })',
      'WORKFLOW_URL={{slack:workflow-http}}',
      'WORKFLOW_URL=hooks.slack.com/workflows/{{secret:48}}',
      'curl -X POST https://hooks.slack.com/triggers/{{secret:52}}',
    ],
    negative: [
      'WORKFLOW_URL=https://hooks.slack.com/workflows/T{{upper:9}}/A{{upper:9}}/{{digits:18}}/',
      'fetch("https://hooks.slack.com/triggers/T{{upper:9}}/{{digits:13}}/{{hex:16}}")',
    ],
  },
};
