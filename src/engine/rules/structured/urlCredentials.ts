// Passwords in URLs (`scheme://user:password@host`), in `curl -u user:password` and in `.netrc` entries.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: urlCredentials.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { NOT_PLACEHOLDER_PASSWORD } from '../parts';

/**
 * Passwords that start like a vendor token are left to the vendor rule (it knows the issuer and how
 * to revoke); without this the structurally validated URL finding would win the dedupe.
 */
const VENDOR_PREFIXES = String.raw`ATATT3|ATCTT3|dckr_(?:pat|oat)_|hv[sbr]\.|dp\.(?:pt|st|ct|sa|scim|audit)\.|do[por]_v1_|shp(?:at|ca|pa|ss)_|dapi[0-9a-f]{32}|HRKU-|PMAK-|lin_(?:api|oauth)_|sbp_|sb_secret_|cf(?:ut|at|k)_|glpat-|gh[pousr]_|github_pat_|npm_|xox[abeprs]-|hf_|sk-|[rs]k_live_|AKIA|ASIA|ya29\.|AIza`;

export const urlCredentialsRules: RuleSpec[] = [
  {
    id: 'url-credentials',
    issuer: 'url',
    name: 'Password in a URL',
    // Any scheme (`postgresql+psycopg2`, `jdbc:mysql`, `rediss`, `amqps`, `ldaps`, `sftp`…), checked by
    // a look-behind after the `://` literal, so the regex starts at a literal and the look-behind runs
    // only there (before it, on every position, it cost 3× the whole terminal chunk budget). The password runs to the last `@` before the
    // host and may hold `?`, `#` and `@` (people leave them unescaped); a port followed by a path,
    // query or fragment is not a password (`http://host:8080?to=a@b.example`), nor is a CVS access
    // method (`cvs://:pserver:anoncvs@host`).
    pattern:
      String.raw`://(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}://)` +
      String.raw`(?<user>[^\s:/?#@"'\x60<>]{0,128}):(?!\k<user>@)(?!\$|\{|<|%[A-Za-z_])(?![0-9]{1,5}(?:[/?#\s]|$))(?!(?:pserver|ext|fork):)(?!${VENDOR_PREFIXES})(?<secret>[^\s/"'\x60<>]{4,256})@(?=[A-Za-z0-9\[])(?!(?:[A-Za-z0-9-]{1,63}\.){0,4}example\.(?:com|net|org)(?![A-Za-z0-9.-]))`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['://'],
    // Only a `://` followed by `user:password@` (most URLs have no user part) opens a line window.
    matchPrefix: String.raw`://[^\s:/?#@"'\x60<>]{0,128}:[^\s/"'\x60<>]{4,256}@`,
    validator: 'url-credential',
    confidence: 'medium',
    severity: 'high',
    kind: 'connection-string',
    revocation: 'manual',
    description: '`scheme://user:password@host` for any scheme: HTTP(S) and package indexes, FTP/SFTP, SMTP, LDAP, databases (Postgres, MySQL, MongoDB with `+srv` and several hosts, Redis, JDBC URLs), message brokers (AMQP, MQTT, Kafka).',
  },
  {
    id: 'curl-user-credentials',
    issuer: 'generic',
    name: 'Password in a curl `-u user:password` option',
    // `-u` may come lines after `curl` when the command is continued with `\`; either part may be
    // quoted; an empty password (`-u TOKEN:`) makes the user part the credential, an empty user
    // (`-u :TOKEN`) leaves the password.
    pattern:
      String.raw`(?<![A-Za-z0-9_-])curl(?![A-Za-z0-9_-])(?:[^\r\n\\]|\\(?!\r?\n)|\\\r?\n){0,1024}?(?<![A-Za-z0-9_-])(?:-u[ \t]{0,3}|--user(?:[ \t]{1,3}|=))["']?` +
      String.raw`(?<secret>[^\s:"'$]{0,128}["']?:(?:"[^"\s]{1,256}"|'[^'\s]{1,256}'|[^\s"']{0,256}))(?![^\s"'])`,
    secretGroup: 'secret',
    keywords: ['curl'],
    window: { before: 0, after: 2048 },
    // Only a `curl` followed by `-u` or `--user` on its line (or after `\` continuations) runs its
    // window: the pattern's start without its look-arounds (each of its line items is one here).
    // Terminal output prints `curl` mostly without one (`User-Agent: curl/8.5.0`, `curl -H …`), and
    // each hit ran the pattern in its 2,048-character window, again on the next chunk while open:
    // 0.75 runs per 4 KB chunk of the bench's mix 2, now none. The check reads the hit's line as the
    // pattern did, so what goes is the window's search and runs: about 1K of 253K instructions per
    // chunk (callgrind), a few tenths of a microsecond.
    matchPrefix: String.raw`curl(?:[^\r\n\\]|\\\r?\n|\\){0,1024}?(?:-u|--user)`,
    validator: 'user-password',
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: 'The password (or the token given as the user, `-u TOKEN:`) of `curl -u` / `curl --user`, also after `\\` line continuations.',
  },
  {
    id: 'netrc-password',
    issuer: 'generic',
    name: 'Password in a .netrc entry',
    // A password of letters only that holds a login of letters (`login bob password bobwillknow`) is
    // a sample entry of documentation and tests, as in the URL validator (isSampleCredential).
    pattern:
      String.raw`(?<![A-Za-z0-9_-])machine[ \t\r\n]{1,8}[^\s]{1,253}[ \t\r\n]{1,8}(?:login[ \t\r\n]{1,8}(?<login>[^\s]{1,256})[ \t\r\n]{1,8})?password[ \t]{1,8}(?!\$|<)${NOT_PLACEHOLDER_PASSWORD}` +
      String.raw`(?!(?<=login[ \t\r\n]{1,8}[A-Za-z]{3,40}[ \t\r\n]{1,8}password[ \t]{1,8})[A-Za-z]{0,20}\k<login>[A-Za-z]{0,20}(?!\S))(?<secret>[^\s]{4,512})(?!\S)`,
    secretGroup: 'secret',
    keywords: ['machine'],
    window: { before: 0, after: 1200 },
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`machine HOST login USER password SECRET` in a .netrc (used by curl, git, Heroku and pip).',
  },
];
