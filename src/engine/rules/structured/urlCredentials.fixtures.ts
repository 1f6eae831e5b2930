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
      // Any scheme, an empty user, several hosts, a driver suffix, and `?`, `#`, `@` left unescaped.
      'pip install --index-url https://ci:{{punct-password:16}}@pypi.internal.test/simple/ app',
      '[global]\nindex-url = https://ci:{{password:16}}@pypi.internal.test/simple',
      'rediss://:{{password:20}}@cache.internal.test:6380',
      'mongodb://svc:{{password:16}}@db1.internal:27017,db2.internal:27017/app?replicaSet=rs0',
      'SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://app:{{password:16}}@db.internal.test/app"',
      'jdbc:mysql://app:{{password:16}}@db.internal.test:3306/shop',
      'sftp://deploy:Ab3?{{password:12}}@files.internal.test:22/',
      'amqps://worker:{{password:14}}#1@mq.internal.test/',
      'postgres://app:{{password:10}}@x{{password:6}}@db.internal.test/app',
      'ldaps://cn=admin,dc=corp:{{password:16}}@ldap.internal.test:636',
      'SMTP_URL=smtp://mailer:{{password:16}}@smtp.internal.test:587',
      // A stock user name with a password that holds a digit is a credential.
      'https://user:{{password:16}}@pypi.company.test/simple',
      'http://proxyuser:{{password:14}}@proxy.internal.test:3128',
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
      'http://localhost:8080?to=ops@mail.internal.test',
      'http://localhost:3000#/login@admin',
      'const PG = "postgresql://{username}:{password}@{host}:5432/{database}";',
      'https://YOUR_USERNAME:YOUR_PASSWORD@api.service.test',
      'mongodb://username:password@localhost:27017/database',
      'cvs://:pserver:anoncvs@sources.internal.test:/cvs/src',
      'https://username:mypassword@docs.internal.test/endpoint',
      'mysql://admin:REPLACE_WITH_PASSWORD@mysql.internal.test:3306/db',
      // Sample pairs of documentation and tests (issue 12 item 5): the anonymous login, a stock user
      // name with a word as the password, a password holding the user name or sharing its stem.
      'url.parse("https://anonymous:flabada@developer.mozilla.test/en-US/docs/Web/API/URL/password");',
      'ftp://anonymous:guest@ftp.internal.test/pub/',
      'https://user:he%2F%2Fo@pypi.company.test/simple',
      '# export http_proxy="http://proxyuser:proxypass@proxyhost:port".',
      'http://john.doe:p4ssw0rd@127.0.0.1:8180',
      'http://bob:bobsecretword@mail.internal.test/',
    ],
  },
  'curl-user-credentials': {
    positive: [
      'curl -u admin:{{password:16}} https://jenkins.example.test/api/json',
      'curl -sS --user "ci-bot:{{secret:32}}" -X POST https://nexus.example.test/service/rest/v1/components',
      // After line continuations, quoted parts, an empty user, the token as the user, no space after -u.
      "curl -X POST \\\n  -H 'Content-type: text/plain' \\\n  -u developer:{{password:16}} https://ci.internal.test/api",
      'curl -u ":{{secret:24}}" https://api.internal.test/v1/charges',
      'curl -u "{{secret:24}}:" https://api.internal.test/v1/charges',
      "curl --user kevin:'{{punct-password:16}}' -X PATCH https://api.internal.test/v1/me",
      '$ curl https://api.internal.test/oauth2/token \\\n  --user app:{{secret:15}} --data grant_type=authorization_code',
      'curl -uadmin:{{password:16}} https://jenkins.internal.test/api/json',
    ],
    negative: [
      'curl -u admin:$JENKINS_TOKEN https://jenkins.example.test/api/json',
      'curl -u "$USER:$PASS" https://example.test',
      'curl -u user:password https://example.test',
      'curl -u admin https://jenkins.example.test/api/json',
      'curl -u admin:<api-token> https://jenkins.example.test/api/json',
      'curl -u <user:password> https://test.test/endpoint',
      'curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/',
      'curl -u "{username}":"{password}" https://gateway.test/api',
      'curl -u $API_KEY: https://api.internal.test/v1/charges',
      'curl -X POST \\\n  -u deploy:$DEPLOY_PASSWORD \\\n  https://ci.internal.test/job/build',
      'curl https://example.test/a\nssh -u admin:{{password:16}} host',
    ],
  },
  'netrc-password': {
    positive: [
      'machine git.example.test login ci-bot password {{secret:40}}',
      'machine api.example.test\n  login dev@example.test\n  password {{password:20}}\n',
      // The login inside a password that holds digits, and a letters-only password without the login
      // (a 7-letter login: 18 random letters held `bob` for TC_TEST_SEED=4429485729a4, a sample entry).
      'machine imap.internal.test login bob password bob{{password:12}}',
      'machine imap.internal.test login mailbot password {{alpha:18}}',
    ],
    negative: [
      'machine api.example.test login dev password $NETRC_PASSWORD',
      'machine learning models need a password manager',
      'machine example.test login dev password password',
      // A password of letters that holds the login: a sample entry (git's contrib/credential/netrc test).
      'machine imap2 login bob password bobwillknow',
      'machine mail.internal.test\n  login carol\n  password carolknows\n',
    ],
  },
};
