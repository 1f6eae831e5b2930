// Passwords given as command-line arguments: registry logins (`docker login -p`), database clients
// (`mysql -pX`, `redis-cli -a X`, `mongosh -p X`), `sshpass -p`, `htpasswd -b`, and Oracle's
// `user/password@host` connect strings (sqlplus, JDBC thin). Shell history, CI logs and READMEs
// hold these. Each rule names its command, so `-p 8080` of other commands is never read.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: cliPasswords.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';

/** The rest of one shell command after the program name (not past a pipe, `;`, `&` or a newline). */
const SAME_COMMAND = String.raw`[^\n|;&]{0,200}?[ \t]`;
/** A password argument: unquoted up to a space, or inside quotes (no variable, no placeholder: the scanner's filters). */
const PASSWORD_ARG = String.raw`["']?(?<secret>[^\s"'\x60$<>|;&()\[\]{}*][^\s"'\x60<>|;&()]{3,127})["']?(?![^\s|;&)])`;

export const cliPasswordsRules: RuleSpec[] = [
  {
    id: 'cli-registry-login-password',
    issuer: 'generic',
    name: 'Password in a registry login command',
    // `docker login -u U -p P`, `--password P`, `--password=P`; podman, nerdctl, buildah, skopeo,
    // oras, `helm registry login`. Not `--password-stdin`.
    pattern: String.raw`(?<![A-Za-z0-9_-])(?:docker|podman|nerdctl|buildah|skopeo|oras|helm[ \t]+registry)[ \t]+login${SAME_COMMAND}(?:-p|--password)(?:[ \t]+|=)${PASSWORD_ARG}`,
    secretGroup: 'secret',
    keywords: ['docker login', 'podman login', 'nerdctl login', 'buildah login', 'skopeo login', 'oras login', 'registry login'],
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`docker login -p <password>` / `--password <password>` (also podman, nerdctl, buildah, skopeo, oras, `helm registry login`).',
  },
  {
    id: 'cli-database-password',
    issuer: 'generic',
    name: 'Password in a database client command',
    // mysql and mariadb tools: `-pSECRET` (attached: `-p SECRET` prompts and names a database) or
    // `--password=SECRET`; redis-cli `-a SECRET` / `--pass SECRET`; mongo shells and tools
    // `-p SECRET` / `--password SECRET`.
    pattern:
      String.raw`(?<![A-Za-z0-9_-])(?:(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlsh|mariadb|mariadb-dump|mariadb-admin)${SAME_COMMAND}(?:-p|--password=)` +
      String.raw`|redis-cli${SAME_COMMAND}(?:-a|--pass)[ \t]+|(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport)${SAME_COMMAND}(?:-p|--password)(?:[ \t]+|=))${PASSWORD_ARG}`,
    secretGroup: 'secret',
    keywords: ['mysql', 'mariadb', 'redis-cli', 'mongo ', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport'],
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`mysql -pSECRET` / `--password=SECRET` (and mysqldump, mariadb…), `redis-cli -a SECRET`, `mongosh -p SECRET`.',
  },
  {
    id: 'cli-sshpass-password',
    issuer: 'generic',
    name: 'Password in an sshpass or htpasswd command',
    // `sshpass -p SECRET ssh …`; `htpasswd -b[cBm…] FILE USER SECRET` and `htpasswd -nb USER SECRET`.
    pattern:
      String.raw`(?<![A-Za-z0-9_-])(?:sshpass[ \t]+(?:-[A-Za-z][ \t]{1,4}){0,3}-p[ \t]*` +
      String.raw`|htpasswd[ \t]+(?:-[A-Za-z]{1,8}[ \t]{1,4}){0,3}?(?:-[A-Za-z]*n[A-Za-z]*b[A-Za-z]*|-[A-Za-z]*b[A-Za-z]*n[A-Za-z]*)[ \t]+(?:-[A-Za-z]{1,8}[ \t]{1,4}){0,3}[^\s-][^\s]{0,100}[ \t]+` +
      String.raw`|htpasswd[ \t]+(?:-[A-Za-z]{1,8}[ \t]{1,4}){0,3}?-[A-Za-z]*b[A-Za-z]*[ \t]+(?:-[A-Za-z]{1,8}[ \t]{1,4}){0,3}[^\s-][^\s]{0,200}[ \t]+[^\s-][^\s]{0,100}[ \t]+)${PASSWORD_ARG}`,
    secretGroup: 'secret',
    keywords: ['sshpass', 'htpasswd'],
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`sshpass -p SECRET …`, and the password argument of `htpasswd -b` / `-nb`.',
  },
  {
    id: 'oracle-connect-password',
    issuer: 'generic',
    name: 'Password in an Oracle connect string',
    // `sqlplus scott/SECRET@db.example:1521/ORCLPDB1`, `jdbc:oracle:thin:scott/SECRET@host:1521/svc`,
    // `expdp system/SECRET@//host/svc`, `conn user/SECRET@alias`, rman, sqlldr, impdp.
    // Not `/ as sysdba` (no password) or `user/@alias`.
    pattern:
      String.raw`(?:(?<![A-Za-z0-9_-])(?:sqlplus|sqlldr|expdp|impdp|rman|conn(?:ect)?)(?:[ \t]{1,4}-[A-Za-z]{1,8}){0,3}[ \t]+(?:target[ \t]*=[ \t]*)?|jdbc:oracle:(?:thin|oci):)` +
      String.raw`["']?[A-Za-z][A-Za-z0-9_$#.]{0,127}\/(?<secret>[^\s"'/@]{4,128})@(?:\/\/)?[A-Za-z0-9._-]{1,253}(?::[0-9]{1,5})?(?:[/:][A-Za-z0-9._$-]{1,128})?(?![^\s"'])`,
    secretGroup: 'secret',
    keywords: ['sqlplus', 'sqlldr', 'expdp', 'impdp', 'rman', 'conn ', 'connect ', 'jdbc:oracle:'],
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: 'The password of an Oracle `user/password@host[:port]/service` connect string after sqlplus, Data Pump, SQL*Loader, rman, `conn`, or in a JDBC thin / OCI URL.',
  },
];
