// Fixtures of the rules in urlCredentials.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'url-credentials': {
    positive: [
      'DATABASE_URL=postgres://app:{{password:18}}@db.internal:5432/app',
      'mongodb+srv://svc-reader:{{secret:24}}@cluster0.abcde.mongodb.test/prod?retryWrites=true',
      'REDIS_URL=rediss://default:{{secret:32}}@cache.example.test:6380',
      'git clone https://ci-bot:{{secret:40}}@git.example.test/acme/app.git',
      'amqp://worker:{{password:16}}@rabbit:5672/%2f',
    ],
    negative: [
      'DATABASE_URL=postgres://app:$DB_PASSWORD@db.internal:5432/app',
      'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
      'DATABASE_URL=postgres://<user>:<password>@<host>:5432/<db>',
      'mysql://user:password@localhost/db',
      'redis://:****@cache:6379',
      'postgres://postgres:postgres@localhost:5432/test',
      'see https://example.test/docs?user=a:b for details',
      'ssh://git@github.com:22/acme/app.git',
    ],
  },
  'curl-user-credentials': {
    positive: [
      'curl -u admin:{{password:16}} https://jenkins.example.test/api/json',
      'curl -sS --user "ci-bot:{{secret:32}}" -X POST https://nexus.example.test/service/rest/v1/components',
    ],
    negative: [
      'curl -u admin:$JENKINS_TOKEN https://jenkins.example.test/api/json',
      'curl -u "$USER:$PASS" https://example.test',
      'curl -u user:password https://example.test',
      'curl -u admin https://jenkins.example.test/api/json',
      'curl -u admin:<api-token> https://jenkins.example.test/api/json',
    ],
  },
  'netrc-password': {
    positive: [
      'machine git.example.test login ci-bot password {{secret:40}}',
      'machine api.example.test\n  login dev@example.test\n  password {{password:20}}\n',
    ],
    negative: ['machine api.example.test login dev password $NETRC_PASSWORD', 'machine learning models need a password manager', 'machine example.test login dev password password'],
  },
};
