// Fixtures of the rules in connectionStrings.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'connection-string-password': {
    positive: [
      '"Server=tcp:sql.internal,1433;Database=app;User ID=app;Password={{punct-password:18}};Encrypt=True;"',
      'Password={{password:16}};User ID=app;Initial Catalog=orders;Data Source=sql01',
      'Driver={ODBC Driver 18 for SQL Server};Server=sql.internal;Uid=app;Pwd={{{punct-password:16}}};',
      '"ConnectionStrings": { "Default": "Host=pg.internal;Username=app;Password=\'{{passphrase}}\';Database=app" }',
      'jdbc:postgresql://db.internal:5432/app?user=app&password={{punct-password:16:query}}&ssl=true',
      'jdbc:sqlserver://db.internal:1433;databaseName=app;user=sa;password={{password:16}};encrypt=true',
      'https://reports.internal/login?user=ops&pass={{password:14}}',
    ],
    negative: [
      'Server=sql.internal;Database=app;User ID=app;Password=${DB_PASSWORD};',
      'Server=sql.internal;Database=app;User ID=app;Password=<password>;',
      'Server=sql.internal;Database=app;User ID=app;Password={0};',
      'Server=sql.internal;Database=app;User ID=app;Password=********;',
      'Server=sql.internal;Database=app;Integrated Security=SSPI;',
      'ui.password=Enter your password here',
      'jdbc:postgresql://db.internal:5432/app?user=app&password=%s',
      'Please set Password=yourpassword in the file',
      'return "{user}{password}@{netloc}".format(user=user, password=password, netloc=netloc)',
      'def __init__(self, host, port=NNTP_SSL_PORT, user=None, password=None, ssl_context=None,',
      'userid = passwd = acct = ""',
    ],
  },
  'pgpass-password': {
    positive: [
      'db.internal.example:5432:app:app:{{punct-password:18}}',
      '*:*:*:postgres:{{password:16}}\nlocalhost:5433:billing:svc:{{secret:24}}',
      '10.0.3.7:6432:*:pgbouncer:{{password:14}}',
    ],
    negative: [
      'hostname:port:database:username:password',
      'db.internal:5432:app:app:$PGPASSWORD',
      'root:*:19000:0:99999:7:::',
      'db.internal:5432:app:app:changeme',
      '12:30:45:100:{{password:14}}',
    ],
  },
};
