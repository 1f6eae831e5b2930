// Passwords in connection strings that are not URLs: ADO.NET / ODBC / JDBC `key=value;…` strings in
// any key order, URL and JDBC query parameters (`?user=…&password=…`), and `.pgpass` lines.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: connectionStrings.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { NOT_PLACEHOLDER_PASSWORD } from '../parts';

export const connectionStringsRules: RuleSpec[] = [
  {
    id: 'connection-string-password',
    issuer: 'generic',
    name: 'Password in a connection string',
    // The value: quoted (ADO.NET), in braces (ODBC), or up to `;`, `#`, a quote or the line end
    // (spaces and `&` allowed inside, as ADO.NET allows them). The validator checks the string around
    // it holds a server, database or user key, or that the key is a query parameter of a URL / JDBC
    // string (where the value ends at the next `&`), and takes the quotes and braces off.
    pattern:
      String.raw`(?<![A-Za-z0-9_.-])(?:[Pp]ass(?:word|wd)?|PASS(?:WORD|WD)?|[Pp]wd|PWD)[ \t]{0,3}=[ \t]{0,3}` +
      String.raw`(?<secret>"[^"\r\n]{1,256}"|'[^'\r\n]{1,256}'|\{[^}\r\n]{1,256}\}|[^;&#"'\s{](?:[^;#"'\r\n]{0,254}[^;#"'\s])?)`,
    secretGroup: 'secret',
    keywords: ['pass', 'pwd'],
    validator: 'connection-string',
    confidence: 'medium',
    severity: 'high',
    kind: 'connection-string',
    revocation: 'manual',
    description: '`Password=` / `Pwd=` in an ADO.NET, ODBC or JDBC connection string (any key order, quoted or in braces) or in the query of a URL or JDBC string (`?user=…&password=…`).',
  },
  {
    id: 'pgpass-password',
    issuer: 'generic',
    name: 'Password in a .pgpass line',
    // `host:port:database:user:password`, one entry per line; the port is digits or `*`, the host has
    // a letter, a dot or is `*`; `\:` and `\\` escape inside fields.
    pattern:
      String.raw`^[ \t]{0,8}(?:\*|[A-Za-z0-9._-]{0,252}[A-Za-z.][A-Za-z0-9._-]{0,252}):(?:[0-9]{1,5}|\*):(?:[^\s:\\]|\\[:\\]){1,63}:(?:[^\s:\\]|\\[:\\]){1,63}:` +
      String.raw`(?!\$|<|\{)${NOT_PLACEHOLDER_PASSWORD}(?<secret>(?:[^\s:\\]|\\[:\\]){4,256})[ \t]{0,8}\r?$`,
    flags: 'm',
    secretGroup: 'secret',
    keywords: [':543', ':*:', ':6432:'],
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`host:port:database:user:password` lines of a PostgreSQL password file (`~/.pgpass`, `PGPASSFILE`).',
  },
];
