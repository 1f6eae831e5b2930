// Fixtures of the rules in cliPasswords.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'cli-registry-login-password': {
    positive: [
      'docker login -u deploy -p {{password:16}} registry.internal.test',
      'echo building && docker login --username ci --password "{{secret:24}}" ghcr.io',
      'podman login quay.io --username robot --password={{password:14}}',
      'helm registry login registry.internal.test -u ci -p {{secret:20}}',
    ],
    negative: [
      'docker login -u deploy --password-stdin registry.internal.test < token.txt',
      'docker login -u deploy -p $DOCKER_PASSWORD registry.internal.test',
      'docker login -u deploy -p "${REGISTRY_PASSWORD}"',
      'docker login -u <user> -p <password> registry.internal.test',
      'docker run -p 8080:80 -e LOGIN=admin nginx',
    ],
  },
  'cli-database-password': {
    positive: [
      'mysql -h db.internal.test -u root -p{{password:14}} app_production',
      'mysqldump --user=backup --password={{secret:20}} --all-databases > all.sql',
      "mariadb -u app --password='{{password:16}}' -e 'select 1'",
      'redis-cli -h cache.internal.test -p 6379 -a {{secret:32}} info',
      'mongosh "mongodb://db.internal.test:27017/admin" -u admin -p {{password:16}} --authenticationDatabase admin',
    ],
    negative: [
      'mysql -h db.internal.test -u root -p app_production',
      'mysql -u root -p$MYSQL_ROOT_PASSWORD',
      'mysql -u root --password=<password>',
      'mysql -h db.internal.test -P 3306 -u root',
      'redis-cli -h cache.internal.test -p 6379 info',
      'mongosh --port 27017 --password',
    ],
  },
  'cli-sshpass-password': {
    positive: [
      'sshpass -p {{password:14}} ssh -o StrictHostKeyChecking=no deploy@10.0.0.12',
      "sshpass -p '{{secret:20}}' scp build.tar.gz deploy@web1:/srv/",
      'htpasswd -cb /etc/nginx/.htpasswd admin {{password:14}}',
      'htpasswd -nbB ops {{secret:18}} > users.htpasswd',
    ],
    negative: [
      'sshpass -e ssh deploy@10.0.0.12',
      'sshpass -p "$SSHPASS" ssh deploy@10.0.0.12',
      'sshpass -f ~/.ssh/pass.txt ssh deploy@10.0.0.12',
      'htpasswd -c /etc/nginx/.htpasswd admin',
      'htpasswd -b /etc/nginx/.htpasswd admin <password>',
      'ssh -p 2222 deploy@10.0.0.12',
    ],
  },
  'oracle-connect-password': {
    positive: [
      'sqlplus -s app_owner/{{password:14}}@db.internal.test:1521/ORCLPDB1 @migrate.sql',
      'jdbc.url=jdbc:oracle:thin:reporting/{{secret:18}}@db.internal.test:1521/REPORTS',
      'expdp system/{{password:16}}@//db.internal.test:1521/ORCL directory=DP_DIR dumpfile=full.dmp',
      'SQL> conn hr/{{password:14}}@orclpdb',
    ],
    negative: [
      'sqlplus / as sysdba',
      'sqlplus app_owner/@orclpdb',
      'sqlplus app_owner/${ORACLE_PASSWORD}@db.internal.test:1521/ORCLPDB1',
      'jdbc:oracle:thin:@db.internal.test:1521:ORCL',
      'sqlplus app_owner/<password>@orclpdb',
      'See the connection guide at https://docs.internal.test/db/connect',
    ],
  },
};
