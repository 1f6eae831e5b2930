// Built-in rules for structured, multi-part and contextual credentials: JWTs and OAuth tokens,
// `Authorization:` headers, PEM / OpenSSH / PGP / PuTTY private keys, credentials in URLs, .npmrc
// auth, Docker `auths`, kubeconfig and Kubernetes Secret data, and generic high-entropy values
// assigned to secret-like names. These come after the vendor rules: when a vendor rule reports the
// same range, the scanner keeps the more specific finding.
//
// Linear time: every quantifier is bounded; multi-line bodies use a class that cannot run past the
// next `-----` marker; look-behinds are placed after a literal so they run only at candidate hits.

import type { RuleSpec } from '../types';

// ---------------------------------------------------------------------------------------------
// Shared pieces of the generic assignment rules. These rules run without the `i` flag so that
// values stay case-sensitive (an ALL_CAPS_CONSTANT is code, not a secret); names are matched
// case-insensitively with `ci()`.

/** Case-insensitive word without the `i` flag: `ci('key')` → `[Kk][Ee][Yy]`. Letters only. */
function ci(words: string): string {
  return words.replace(/[a-z]/g, (c) => `[${c.toUpperCase()}${c}]`);
}

/** Characters of an identifier (also dotted / dashed: `db.password`, `X-Api-Key`, `--token`). */
const ID = '[A-Za-z0-9_.-]';
/** Start of an identifier: not glued to a longer one, and not a declared type / function name. */
const ID_START = String.raw`(?<!${ID})(?<!\b(?:type|interface|class|enum|struct|def|function|func|fn)\s{1,4})`;
/** Identifier parts that make a secret-like name a non-secret (`next_page_token`, `tokenUrl`, `secretName`…). */
const NAME_EXCLUDE =
  `(?!${ID}{0,40}?(?:` +
  ci('page|next|cursor|csrf|xsrf|type|count|size|limit|length|expir|ttl|timeout|url|uri|endpoint|path|file|dir|name|header|field|label|hint|prompt|placeholder|policy|rotation|version|format|prefix|suffix|regex|pattern|hash|salt|public|publishable|tokeniz|usage|used|required|enabled|strength|algorithm|attribute|binding|provider|cache|manager|factory|handler|validator|generator|builder|helper|util|error|message|status|event|state|mode|kind') +
  String.raw`|${ci('ref')}s?(?![a-z])|${ci('arn')}(?![a-z])|[_.-]${ci('id')}s?(?![a-z])|(?<=[a-z])Ids?(?![a-z])` +
  String.raw`|(?<![A-Za-z])${ci('m')}(?:${ci('in|ax')})(?![a-z])|(?<=[a-z])M(?:in|ax)(?![a-z])` +
  `))`;
/** Assignment operators: `=`, `:`, `:=`, `=>`, `?=`, with an optional closing quote of a JSON / dict key. */
const OP = String.raw`["']?\s{0,3}(?:=|:=|:|=>|\?=)\s{0,3}`;
/** Characters that end an unquoted value. */
const TERM = String.raw`\s"'\x60,;&>)}\]|`;
/** Values that are references, code, URLs, paths, templates, constants or placeholders rather than secrets. */
const VALUE_EXCLUDE = [
  String.raw`\$`, // $VAR, ${VAR}, $(cmd), $2b$ bcrypt hashes
  String.raw`%[A-Za-z_][A-Za-z0-9_]{0,60}%`,
  String.raw`\{\{`,
  String.raw`<%`,
  String.raw`#\{`,
  String.raw`(?:op|keychain|vscode-secret)://`,
  String.raw`(?:vault|secretsmanager|ssm|awssm|gcpsm|azurekv|akv|doppler|infisical|env|file|data):`,
  String.raw`arn:aws:`,
  String.raw`(?:sha1|sha256|sha384|sha512|md5)-`,
  String.raw`[A-Za-z][A-Za-z0-9+.-]{1,15}://`, // URLs (credentials in URLs have their own rule)
  String.raw`(?:\.{1,2}|~)?/(?:[A-Za-z0-9._-]{1,64}/){1,16}[A-Za-z0-9._-]{0,64}(?![^${TERM}])`, // /etc/app/secret.key
  String.raw`[A-Za-z]:[\\/]`, // C:\ paths
  // Unquoted dotted identifiers are code: process.env.X, config.secret, Algorithms.RS256.
  String.raw`(?<!["'\x60])[A-Za-z_][A-Za-z0-9_]{0,60}(?:\.[A-Za-z_][A-Za-z0-9_]{0,60}){1,8}(?![^${TERM}])`,
  // PascalCase / camelCase type and variable names ending in a number: SignUpAttributeV2, Token$1.
  String.raw`[A-Za-z][a-z]{1,20}[A-Z][A-Za-z]{0,40}\$?[0-9]{1,3}(?![^${TERM}])`,
  // ALL_CAPS_CONSTANTS (quoted or not): enum values and environment variable names.
  String.raw`[A-Z][A-Z0-9]{0,40}_[A-Z0-9_]{0,80}(?![^${TERM}])`,
  // Placeholder words, alone, with a number, or as the first part of a name: changeme123, your_api_key.
  '(?:' + ci('your|my|test|fake|dummy|mock|example|sample|placeholder|changeme|replace|insert|enter|xxx|todo|tbd|none|null|undefined|secret|password|token') + String.raw`)(?:[_.-]|[0-9]{0,8}(?![^${TERM}]))`,
].join('|');
/** A whole value that is a stock placeholder password (`password`, `secret`, `changeme`, `xxxx`…). */
const PLACEHOLDER_PASSWORD = '(?!(?:' + ci('password|passwd|pass|secret|changeme|token|pa\\$\\$word|admin|root|test') + String.raw`|x{3,64}|X{3,64}|\*{3,64}|\.{3})(?![^\s"'\x60]))`;
/** A value must hold a digit and a letter within its first 65 characters (so words, identifiers and numbers do not match). */
const HAS_DIGIT_AND_LETTER = String.raw`(?=[^\s"'\x60]{0,64}?[0-9])(?=[^\s"'\x60]{0,64}?[A-Za-z])`;

/**
 * The value of an assignment as one named group `secret`: inside double, single or back quotes
 * (no whitespace or backslash), or unquoted up to a terminator. Each branch is a greedy run over a
 * class that excludes its own terminator, followed by a check of the next character, so a failed
 * branch gives up after one pass.
 */
function value(min: number, max: number): string {
  return (
    `(?<secret>` +
    String.raw`(?<=")[^"\s\\]{${min},${max}}(?=")` +
    String.raw`|(?<=')[^'\s\\]{${min},${max}}(?=')` +
    String.raw`|(?<=\x60)[^\x60\s\\]{${min},${max}}(?=\x60)` +
    String.raw`|(?<!["'\x60])[^${TERM}(){}\[\]<\\]{${min},${max}}(?![^${TERM}])` +
    `)`
  );
}

/** Secret-like names for the generic secret rule (passwords have their own rule). */
const SECRET_NAME =
  '(?:' +
  ci('secret|token|credentials?|auth[_.-]?code|api[_.-]?key|apikey|(?:access|auth|private|signing|encryption|master|client|app|admin|license|webhook|deploy|account|session|consumer|integration)[_.-]?key') +
  ')';
const PASSWORD_NAME = `(?:${ci('passwd|password|passphrase|pwd')}|(?<![A-Za-z])${ci('pass')}(?![a-z]))`;

/**
 * Passwords that start like a vendor token are left to the vendor rule (it knows the issuer and how
 * to revoke); without this the structurally validated URL finding would win the dedupe.
 */
const VENDOR_PREFIXES = String.raw`ATATT3|ATCTT3|dckr_(?:pat|oat)_|hv[sbr]\.|dp\.(?:pt|st|ct|sa|scim|audit)\.|do[por]_v1_|shp(?:at|ca|pa|ss)_|dapi[0-9a-f]{32}|HRKU-|PMAK-|lin_(?:api|oauth)_|sbp_|sb_secret_|cf(?:ut|at|k)_|glpat-|gh[pousr]_|github_pat_|npm_|xox[abeprs]-|hf_|sk-|[rs]k_live_|AKIA|ASIA|ya29\.|AIza`;

/** Opaque token characters (RFC 6750 b64token plus base64's `+/`). */
const TOKEN_CHARS = String.raw`A-Za-z0-9\-._~+/`;
/**
 * A token value that is not a lone word or `auth_param=` name, an ALL_CAPS_NAME, or a dotted
 * code reference (`parsedBody.refresh_token`, `this.getToken(…)`).
 */
const NOT_WORD =
  String.raw`(?![A-Za-z_-]{1,60}(?![A-Za-z0-9._~+/-]))` +
  String.raw`(?![A-Z][A-Z0-9_]{1,80}(?![${TOKEN_CHARS}=]))` +
  String.raw`(?![a-z_$][A-Za-z_$]{0,60}(?:\.[A-Za-z_$][A-Za-z_$]{0,60}){1,8}(?![${TOKEN_CHARS}=]))`;

export const RULES_STRUCTURED: RuleSpec[] = [
  // ------------------------------------------------------------------------------------------
  // Kubeconfig / Kubernetes (before `jwt` so they win ties on the same range)
  {
    id: 'kubeconfig-token',
    issuer: 'kubernetes',
    name: 'Kubernetes bearer token in a kubeconfig',
    pattern:
      String.raw`(?<![A-Za-z0-9_-])user:[ \t]{0,8}\r?\n[\s\S]{0,300}?(?<![A-Za-z0-9_-])token:[ \t]{1,8}["']?` +
      `(?<secret>${NOT_WORD}[${TOKEN_CHARS}]{16,4096}={0,2})(?![${TOKEN_CHARS}=])`,
    secretGroup: 'secret',
    keywords: ['user:'],
    window: { before: 0, after: 4500 },
    entropy: 3,
    confidence: 'high',
    severity: 'critical',
    kind: 'session-token',
    revocation: 'manual',
    description: '`token:` under a `user:` entry of a kubeconfig (service-account, bootstrap or OIDC bearer token).',
    fixtures: {
      positive: [
        'users:\n- name: ci-deployer\n  user:\n    token: {{opaque:64}}\n',
        'users:\n  - name: admin\n    user:\n      client-certificate: /etc/kube/admin.crt\n      token: "{{opaque:40}}"\n',
        'users:\n- name: kubeadm\n  user:\n    token: {{alnum_lower:6}}.{{alnum_lower:16}}\n',
      ],
      negative: [
        'steps:\n  - uses: actions/checkout@v4\n    with:\n      token: ${{ secrets.GITHUB_TOKEN }}\n',
        'users:\n- name: ci\n  user:\n    token: $(KUBE_TOKEN)\n',
        'users:\n- name: ci\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n',
        'spec:\n  template:\n    token: {{opaque:40}}\n',
      ],
    },
  },
  {
    id: 'kubeconfig-client-key-data',
    issuer: 'kubernetes',
    name: 'Kubernetes client private key in a kubeconfig',
    pattern: String.raw`(?<![A-Za-z0-9_-])client-key-data:[ \t]{0,8}["']?(?<secret>LS0tLS1CRUdJTi(?!BDRVJUSUZJQ0FURS)[A-Za-z0-9+/]{60,16384}={0,2})(?![A-Za-z0-9+/=])`,
    secretGroup: 'secret',
    keywords: ['client-key-data'],
    entropy: 4.5,
    prefix: 'LS0tLS1CRUdJTi',
    skipPlaceholderFilter: true,
    confidence: 'high',
    severity: 'critical',
    kind: 'private-key',
    revocation: 'manual',
    description: '`client-key-data:` holding a base64-encoded PEM private key (a client certificate key for the cluster).',
    fixtures: {
      positive: ['users:\n- name: kind-admin\n  user:\n    client-certificate-data: {{b64:800}}\n    client-key-data: {{pem-b64:rsa}}\n', '    client-key-data: "{{pem-b64:ec}}"'],
      negative: [
        '    client-certificate-data: {{pem-b64:cert}}',
        '    client-key-data: {{pem-b64:cert}}',
        '    client-key: /home/dev/.minikube/profiles/minikube/client.key',
      ],
    },
  },
  {
    id: 'kubernetes-secret-data',
    issuer: 'kubernetes',
    name: 'Kubernetes Secret data value',
    pattern:
      String.raw`^[ \t]{1,8}["']?${ID}{0,60}?(?:token|passw(?:or)?d|secret|key|auth|credential|pass|pwd|dockerconfigjson|dockercfg|jwt|apikey)${ID}{0,60}["']?:[ \t]{1,8}["']?` +
      String.raw`(?<secret>[A-Za-z0-9+/]{8,16384}={0,2})["']?[ \t]*\r?$`,
    flags: 'im',
    secretGroup: 'secret',
    keywords: ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
    window: { before: 8192, after: 8192 },
    decode: 'base64',
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    description: 'A base64 `data:` value with a secret-like key (token, password, key, auth…) in a Kubernetes `kind: Secret` manifest; decoded and checked.',
    fixtures: {
      positive: [
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\ntype: Opaque\ndata:\n  db-password: {{b64-secret:24}}\n  username: {{b64-text:app}}\n',
        'apiVersion: v1\ndata:\n  api_token: {{b64-secret:40}}\nkind: Secret\nmetadata:\n  name: api\n',
      ],
      negative: [
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\ndata:\n  username: {{b64-text:app-user-01}}\n  db-password: {{b64-text:password}}\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  api_token: {{b64-secret:40}}\n',
        'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: {{b64:300}}\n',
      ],
    },
  },

  // ------------------------------------------------------------------------------------------
  // Docker config `auths`
  {
    id: 'docker-config-auth',
    issuer: 'generic',
    name: 'Registry credentials in a Docker config (`auths`)',
    pattern: String.raw`"auth"\s{0,3}:\s{0,3}"(?<secret>[A-Za-z0-9+/]{8,4096}={0,2})"`,
    secretGroup: 'secret',
    // The regex only runs in the 8 KB after an `"auths"` key, so a lone `"auth"` field elsewhere is not read.
    keywords: ['"auths"'],
    window: { before: 0, after: 8192 },
    decode: 'base64',
    validator: 'base64-credential',
    confidence: 'high',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: 'The base64 `user:password` (or `user:token`) of an `auths` entry in `~/.docker/config.json` or a `.dockerconfigjson`.',
    fixtures: {
      positive: [
        '{\n  "auths": {\n    "registry.example.test": {\n      "auth": "{{b64-cred:deploy}}"\n    }\n  }\n}',
        '{"auths":{"https://index.docker.io/v1/":{"auth":"{{b64-cred:octodev}}","email":"dev@example.test"}}}',
      ],
      negative: [
        '{\n  "auths": {\n    "registry.example.test": {\n      "auth": "{{b64-text:deploy:password}}"\n    }\n  }\n}',
        '{"auths":{"ghcr.io":{}},"credsStore":"desktop"}',
        '{"auth": "{{b64-cred:deploy}}", "comment": "not a docker config"}',
      ],
    },
  },
  {
    id: 'docker-config-identity-token',
    issuer: 'generic',
    name: 'Registry identity token in a Docker config',
    pattern: String.raw`"identitytoken"\s{0,3}:\s{0,3}"(?<secret>[${TOKEN_CHARS}]{16,4096}={0,2})"`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['"identitytoken"'],
    entropy: 3.5,
    confidence: 'high',
    severity: 'high',
    kind: 'oauth-refresh-token',
    revocation: 'manual',
    description: 'An `identitytoken` (OAuth refresh token for a registry) in a Docker config.',
    fixtures: {
      positive: ['{"auths":{"myregistry.azurecr.io":{"auth":"","identitytoken":"{{opaque:64}}"}}}'],
      negative: ['{"auths":{"myregistry.azurecr.io":{"identitytoken":""}}}', '{"identitytoken": "<token>"}'],
    },
  },

  // ------------------------------------------------------------------------------------------
  // JWT / OAuth
  {
    id: 'jwt',
    issuer: 'oauth',
    name: 'JSON Web Token',
    pattern: String.raw`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{4,16384}\.[A-Za-z0-9_-]{0,2048}(?![A-Za-z0-9_-]|\.[A-Za-z0-9_-])`,
    keywords: ['eyj'],
    validator: 'jwt',
    prefix: 'eyJ',
    confidence: 'medium',
    severity: 'high',
    kind: 'oauth-access-token',
    revocation: 'oauth-rfc7009',
    description: 'Three base64url parts `header.payload.signature` whose header and payload decode to JSON (OAuth access / ID tokens, API keys issued as JWTs).',
    fixtures: {
      positive: [
        'Authorization: Bearer {{jwt:iss=https://login.example-idp.test,aud=api}}',
        '{"access_token":"{{jwt}}","token_type":"Bearer","expires_in":3600}',
        'export ID_TOKEN={{jwt:sub=1234,name=Dev}}',
      ],
      negative: [
        'const header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";',
        'token = "eyJhbGciOiJIUzI1NiJ9.eyJ...truncated"',
        'eyJ{{b64url:30}}.eyJ{{b64url:60}}.{{b64url:43}}',
      ],
    },
  },
  {
    id: 'oauth-refresh-token',
    issuer: 'oauth',
    name: 'OAuth refresh token',
    pattern: String.raw`(?<![A-Za-z0-9])(?:[Rr]efresh[_-]?[Tt]oken|REFRESH[_-]?TOKEN)${OP}["']?(?<secret>${NOT_WORD}[${TOKEN_CHARS}]{20,2048}={0,2})(?![${TOKEN_CHARS}=])`,
    secretGroup: 'secret',
    keywords: ['refresh_token', 'refreshtoken', 'refresh-token'],
    entropy: 3.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'oauth-refresh-token',
    revocation: 'manual',
    description: 'A value assigned to `refresh_token` / `refreshToken` (long-lived: mints new access tokens until revoked).',
    fixtures: {
      positive: [
        '{"access_token":"{{opaque:40}}","refresh_token":"{{opaque:64}}","expires_in":3600}',
        'REFRESH_TOKEN={{opaque:48}}',
        "refreshToken: '{{opaque:44}}',",
      ],
      negative: [
        '{"refresh_token": null, "refresh_token_expires_in": 15897600}',
        'const refreshToken = await getRefreshToken(session);',
        'refreshToken: string;',
        'REFRESH_TOKEN=${REFRESH_TOKEN}',
        'refresh_token: refreshTokenFromTheStorageLayer',
      ],
    },
  },

  // ------------------------------------------------------------------------------------------
  // Authorization headers
  {
    id: 'bearer-token',
    issuer: 'oauth',
    name: 'Bearer token in an Authorization header',
    pattern: String.raw`(?<![A-Za-z0-9])(?:[Bb]earer|BEARER)[ \t]{1,3}(?<secret>${NOT_WORD}[${TOKEN_CHARS}]{16,4096}={0,2})(?![${TOKEN_CHARS}=])`,
    secretGroup: 'secret',
    keywords: ['bearer'],
    entropy: 3.2,
    confidence: 'medium',
    severity: 'high',
    kind: 'oauth-access-token',
    revocation: 'manual',
    description: 'The credential after `Bearer ` (an `Authorization: Bearer …` header value that no vendor rule recognised).',
    fixtures: {
      positive: [
        'curl -H "Authorization: Bearer {{opaque:48}}" https://api.example.test/v1/items',
        'Authorization: Bearer {{secret:40}}',
        "headers: { Authorization: 'Bearer {{secret:32:b64url}}' }",
      ],
      negative: [
        'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.test',
        'headers: { Authorization: `Bearer ${token}` }',
        'Authorization: Bearer <token>',
        'Authorization: Bearer YOUR_ACCESS_TOKEN',
        'WWW-Authenticate: Bearer realm="example", error="invalid_token"',
        'The Bearer authentication scheme is described in RFC 6750.',
      ],
    },
  },
  {
    id: 'basic-auth-header',
    issuer: 'generic',
    name: 'Basic authentication credentials',
    pattern: String.raw`(?<![A-Za-z0-9])basic[ \t]{1,3}(?<secret>[A-Za-z0-9+/]{6,1024}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['basic'],
    decode: 'base64',
    validator: 'base64-credential',
    confidence: 'high',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`Authorization: Basic <base64 of user:password>`; decoded and checked for a non-placeholder password.',
    fixtures: {
      positive: [
        'curl -H "Authorization: Basic {{b64-cred:admin}}" https://jenkins.example.test/api/json',
        'Authorization: Basic {{b64-cred:svc-ci}}',
      ],
      negative: [
        'Authorization: Basic {{b64-text:user:password}}',
        'Authorization: Basic {{b64-text:admin:$ADMIN_PASSWORD}}',
        'Use Basic authentication with your username and an API token.',
        'Authorization: Basic <base64(user:pass)>',
      ],
    },
  },
  {
    id: 'authorization-token-header',
    issuer: 'generic',
    name: 'Token in an Authorization header',
    pattern: String.raw`(?<![A-Za-z0-9-])(?:[Aa]uthorization|AUTHORIZATION)["']?\s{0,3}[:=]\s{0,3}["']?(?:[Tt]oken|TOKEN|[Bb]ot|BOT|SSWS|[Aa]pi-?[Kk]ey|API-?KEY|[Ss]plunk|[Kk]ey|KEY)[ \t]{1,3}(?<secret>${NOT_WORD}[${TOKEN_CHARS}]{16,4096}={0,2})(?![${TOKEN_CHARS}=])`,
    secretGroup: 'secret',
    keywords: ['authorization'],
    entropy: 3.2,
    confidence: 'medium',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: '`Authorization: token …` (and `Bot`, `SSWS`, `ApiKey`, `Splunk`, `Key` schemes) header values.',
    fixtures: {
      positive: [
        'curl -H "Authorization: token {{secret:40:hexmix}}" https://git.example.test/api/v1/user',
        'Authorization: SSWS {{opaque:42}}',
        "{'Authorization': 'Bot {{opaque:59}}'}",
      ],
      negative: [
        'curl -H "Authorization: token $GITEA_TOKEN" https://git.example.test/api/v1/user',
        'Authorization: token <personal-access-token>',
        'Authorization: token YOUR_PERSONAL_TOKEN',
      ],
    },
  },

  // ------------------------------------------------------------------------------------------
  // Private keys
  {
    id: 'private-key',
    issuer: 'generic',
    name: 'Private key (PEM / OpenSSH / PGP)',
    pattern: String.raw`-----BEGIN (?<kind>[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?)-----(?:[^-]|-(?!----)){32,16384}?-----END \k<kind>-----`,
    keywords: ['private key'],
    window: { before: 48, after: 16600 },
    entropy: 4.5,
    prefix: '-----BEGIN',
    skipPlaceholderFilter: true,
    confidence: 'high',
    severity: 'critical',
    kind: 'private-key',
    revocation: 'manual',
    description: 'A `-----BEGIN … PRIVATE KEY-----` block (RSA, EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH, PGP), also inside JSON with `\\n` escapes.',
    fixtures: {
      positive: [
        '{{pem:rsa}}',
        'key.pem:\n{{pem:pkcs8}}',
        '{{pem:ec}}',
        '{{pem:openssh}}',
        '{{pem:dsa}}',
        '{{pem:encrypted}}',
        '{{pem:pgp}}',
        '{"name": "deploy", "ssh_private_key": "{{pem:openssh:json}}", "tls_key": "{{pem:pkcs8:json}}"}',
      ],
      negative: [
        '{{pem:public}}',
        '{{pem:cert}}',
        '{{pem:rsa-public}}',
        'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{{b64:300}} dev@laptop',
        '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN OPENSSH PRIVATE KEY-----\n{{b64:70}}\n{{b64:70}}\n',
        '-----BEGIN PRIVATE KEY-----\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END PRIVATE KEY-----',
        'if (line.startsWith("-----BEGIN RSA PRIVATE KEY-----")) return parsePkcs1(lines);',
      ],
    },
  },
  {
    id: 'putty-private-key',
    issuer: 'generic',
    name: 'PuTTY private key (.ppk)',
    pattern: String.raw`PuTTY-User-Key-File-[23]: [A-Za-z0-9@.-]{3,64}\r?\n(?:[^P]|P(?!uTTY-User)){1,4096}?Private-Lines: [0-9]{1,3}\r?\n[A-Za-z0-9+/=\r\n]{16,8192}?Private-MAC: [0-9a-fA-F]{40,64}`,
    keywords: ['putty-user-key-file-'],
    window: { before: 0, after: 16384 },
    entropy: 4.5,
    prefix: 'PuTTY-User-Key-File-',
    skipPlaceholderFilter: true,
    confidence: 'high',
    severity: 'critical',
    kind: 'private-key',
    revocation: 'manual',
    description: 'A PuTTY `.ppk` key file (`PuTTY-User-Key-File-2/3:` … `Private-Lines:` … `Private-MAC:`).',
    fixtures: {
      positive: ['{{ppk}}'],
      negative: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: docs example\nPublic-Lines: 2\n', 'Load the PuTTY-User-Key-File-3 format with puttygen.'],
    },
  },

  // ------------------------------------------------------------------------------------------
  // Credentials in URLs
  {
    id: 'url-credentials',
    issuer: 'url',
    name: 'Password in a URL',
    pattern:
      String.raw`(?<![A-Za-z0-9+.-])(?:https?|s?ftps?|sftp|smtps?|imaps?|pop3s?|ldaps?|postgres(?:ql)?|mysql|mariadb|mssql|sqlserver|oracle|mongodb(?:\+srv)?|rediss?|amqps?|nats|kafka|clickhouse|cockroachdb|neo4j(?:\+s)?|bolt|couchbase|couchdbs?|elasticsearch|git|ssh|svn|jdbc:[a-z]{2,12})://` +
      String.raw`(?<user>[^\s:/?#@"'\x60<>]{0,128}):(?!\k<user>@)(?!\$|\{|<|%[A-Za-z_])(?!${VENDOR_PREFIXES})(?<secret>[^\s/?#@"'\x60<>]{4,256})@(?=[A-Za-z0-9\[])(?!(?:[A-Za-z0-9-]{1,63}\.){0,4}example\.(?:com|net|org)(?![A-Za-z0-9.-]))`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['://'],
    validator: 'url-credential',
    confidence: 'medium',
    severity: 'high',
    kind: 'connection-string',
    revocation: 'manual',
    description: '`scheme://user:password@host` for HTTP, FTP, SMTP, LDAP, databases (Postgres, MySQL, MongoDB, Redis…) and message brokers.',
    fixtures: {
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
  },

  {
    id: 'curl-user-credentials',
    issuer: 'generic',
    name: 'Password in a curl `-u user:password` option',
    pattern:
      String.raw`(?<![A-Za-z0-9_-])curl(?![A-Za-z0-9_-])[^\r\n]{0,512}?(?<![A-Za-z0-9_-])(?:-u|--user)(?:[ \t]{1,3}|=)["']?[^\s:"'$]{1,64}:` +
      String.raw`(?!\$|\{\{|<|\*{3})${PLACEHOLDER_PASSWORD}(?<secret>[^\s"']{4,256})(?![^\s"'])`,
    secretGroup: 'secret',
    keywords: ['curl'],
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: 'The password (or token) after `user:` in `curl -u` / `curl --user`.',
    fixtures: {
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
  },
  {
    id: 'netrc-password',
    issuer: 'generic',
    name: 'Password in a .netrc entry',
    pattern: String.raw`(?<![A-Za-z0-9_-])machine[ \t\r\n]{1,8}[^\s]{1,253}[ \t\r\n]{1,8}(?:login[ \t\r\n]{1,8}[^\s]{1,256}[ \t\r\n]{1,8})?password[ \t]{1,8}(?!\$|<)${PLACEHOLDER_PASSWORD}(?<secret>[^\s]{4,512})(?!\S)`,
    secretGroup: 'secret',
    keywords: ['machine'],
    window: { before: 0, after: 1200 },
    entropy: 2.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`machine HOST login USER password SECRET` in a .netrc (used by curl, git, Heroku and pip).',
    fixtures: {
      positive: [
        'machine git.example.test login ci-bot password {{secret:40}}',
        'machine api.example.test\n  login dev@example.test\n  password {{password:20}}\n',
      ],
      negative: ['machine api.example.test login dev password $NETRC_PASSWORD', 'machine learning models need a password manager', 'machine example.test login dev password password'],
    },
  },

  // ------------------------------------------------------------------------------------------
  // .npmrc
  {
    id: 'npmrc-auth-token',
    issuer: 'npm',
    name: 'Registry auth token in .npmrc',
    pattern: String.raw`(?<![A-Za-z0-9])_authToken\s{0,3}=\s{0,3}["']?(?<secret>[${TOKEN_CHARS}]{16,2048}={0,2})(?![${TOKEN_CHARS}=])`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['_authtoken'],
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'npm-token-delete',
    description: '`//registry/:_authToken=<token>` in an .npmrc (legacy UUID tokens and other registries\' tokens; `npm_` tokens are reported by the npm rule).',
    fixtures: {
      positive: [
        '//registry.npmjs.org/:_authToken={{uuid}}',
        '//npm.pkg.example.test/:_authToken="{{secret:40:b64url}}"',
        '//registry.example.test/api/npm/npm-virtual/:_authToken={{secret:64:b64url}}',
      ],
      negative: [
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
        '//registry.npmjs.org/:_authToken=',
        '//registry.npmjs.org/:_authToken=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
      ],
    },
  },
  {
    id: 'npmrc-auth-basic',
    issuer: 'npm',
    name: 'Registry user:password in .npmrc (`_auth`)',
    pattern: String.raw`(?<![A-Za-z0-9])_auth\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['_auth'],
    decode: 'base64',
    validator: 'base64-credential',
    confidence: 'high',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`_auth=<base64 of user:password>` in an .npmrc (global or per registry).',
    fixtures: {
      positive: ['_auth={{b64-cred:builder}}', '//artifactory.example.test/api/npm/npm/:_auth="{{b64-cred:ci}}"'],
      negative: ['_auth=${NPM_AUTH}', '_auth={{b64-text:user:changeme}}', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    },
  },
  {
    id: 'npmrc-password',
    issuer: 'npm',
    name: 'Registry password in .npmrc (`_password`)',
    pattern: String.raw`(?<![A-Za-z0-9])_password\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['_password'],
    decode: 'base64',
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`:_password=<base64 password>` in an .npmrc (Azure Artifacts, Nexus, Artifactory); decoded and rescanned.',
    fixtures: {
      positive: ['//pkgs.dev.azure.test/org/_packaging/feed/npm/registry/:_password={{b64-secret:52}}'],
      negative: ['//pkgs.dev.azure.test/org/_packaging/feed/npm/registry/:_password=${AZURE_NPM_PASSWORD}', ':_password={{b64-text:password}}'],
    },
  },

  // ------------------------------------------------------------------------------------------
  // Generic assignments (lowest confidence; a vendor or structured rule on the same range wins)
  {
    id: 'generic-cli-secret-flag',
    issuer: 'generic',
    name: 'Secret passed as a command-line flag',
    pattern: `(?<![A-Za-z0-9_-])--?(?:[A-Za-z0-9]{1,20}-){0,3}${ci('(?:token|password|passwd|secret|api-key|apikey|access-key|secret-key|auth-token|client-secret)')}(?:[ \\t]{1,3}|=)["']?(?!${VALUE_EXCLUDE})${HAS_DIGIT_AND_LETTER}${value(12, 1024)}`,
    secretGroup: 'secret',
    keywords: ['-token', '-password', '-passwd', '-secret', '-api-key', '-apikey', '-access-key', '-auth-token'],
    entropy: 2.7,
    confidence: 'low',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    description: 'A high-entropy value after a `--token`, `--password`, `--api-key`, `--client-secret`… command-line flag.',
    fixtures: {
      positive: [
        'some-cli deploy --token {{secret:32}} --env prod',
        'helm repo add acme https://charts.example.test --password={{password:20}}',
        'acme login --api-key "{{secret:40}}"',
      ],
      negative: [
        'some-cli deploy --token "$DEPLOY_TOKEN"',
        'some-cli deploy --token-file ~/.config/acme/token',
        'acme login --password-stdin < pw.txt',
        'acme login --api-key $(cat /run/secrets/acme)',
      ],
    },
  },
  {
    id: 'generic-password-assignment',
    issuer: 'generic',
    name: 'Password assigned in code or configuration',
    pattern: `${ID_START}${NAME_EXCLUDE}${ID}{0,40}?${PASSWORD_NAME}${ID}{0,40}${OP}["'\\x60]?(?!${VALUE_EXCLUDE})${HAS_DIGIT_AND_LETTER}${value(8, 200)}`,
    secretGroup: 'secret',
    anchor: 'identifier',
    keywords: ['passw', 'passphrase', 'pwd', 'pass'],
    entropy: 2.5,
    confidence: 'low',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: 'A password-like value (8+ characters with letters and digits, not a reference or placeholder) assigned to a password-like name.',
    fixtures: {
      positive: [
        'DB_PASSWORD={{password:16}}',
        '  "password": "{{password:14}}",',
        "spring.datasource.password='{{password:20}}'",
        'Server=sql.internal;Database=app;User Id=svc;Password={{password:18}};',
        'SMTP_PASS={{password:12}}',
        'password: {{secret:16}}',
      ],
      negative: [
        'password: string;',
        'const password = await prompt("Password: ");',
        'DB_PASSWORD=${DB_PASSWORD}',
        'password: process.env.DB_PASSWORD',
        '"password_hint": "Use at least 12 characters"',
        'PASSWORD_FILE=/run/secrets/db_password',
        '"passwordMinLength": 12,',
        'password = os.environ["DB_PASSWORD"]',
        'password: "<your-password>"',
        'DB_PASSWORD=changeme123',
        'compass = "N45E12W3"',
        'password = getpass.getpass(prompt="Password2: ")',
        '"password": "{{hex:32}}"',
        'hashed_password = "$2b$12$abcdefghijklmnopqrstuuN6kQ0y3s1e6pQ1mN4v7Xz8B9c0D1e2F"',
      ],
    },
  },
  {
    id: 'generic-secret-assignment',
    issuer: 'generic',
    name: 'Secret assigned in code or configuration',
    pattern: `${ID_START}${NAME_EXCLUDE}${ID}{0,40}?${SECRET_NAME}${ID}{0,40}${OP}["'\\x60]?(?!${VALUE_EXCLUDE})${HAS_DIGIT_AND_LETTER}${value(16, 1024)}`,
    secretGroup: 'secret',
    anchor: 'identifier',
    keywords: ['secret', 'token', 'key', 'credential', 'auth_code', 'authcode'],
    entropy: 3.2,
    confidence: 'low',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    description: 'A high-entropy value (16+ characters, ≥3.2 bits/char, letters and digits) assigned to a secret-like name (`API_KEY`, `client_secret`, `token`…).',
    fixtures: {
      positive: [
        'API_KEY={{secret:32}}',
        '  client_secret: "{{secret:40:b64url}}"',
        "SECRET_KEY = '{{secret:50}}'",
        'const apiKey = "{{secret:24}}";',
        '"x-api-key": "{{secret:32}}"',
        'https://api.example.test/v1/data?token={{secret:32}}&format=json',
        'export ACME_ACCESS_KEY={{secret:20}}',
        'webhook_secret={{secret:32}}',
      ],
      negative: [
        'const token = await getToken();',
        'secretKey: process.env.SECRET_KEY,',
        'api_key = os.environ["API_KEY"]',
        '"integrity": "sha512-{{b64:86}}==",',
        '"resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz", "integrity": "sha1-{{b64:27}}="',
        'next_page_token: "{{secret:40}}"',
        'SECRET_KEY_FILE=/etc/app/secret_key_2024.txt',
        'api_key: "{{uuid}}"',
        'commit_sha_token = "{{hex:40}}"',
        'token = "{{hex:64}}"',
        'client_secret: ${{ secrets.CLIENT_SECRET }}',
        'API_KEY=op://Engineering/acme/api-key-2024',
        'API_KEY=keychain://token-custody/ACME_API_KEY',
        'secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod-db-AbCdEf"',
        'TOKEN_URL=https://auth.example.test/oauth2/v1/token',
        '"token.expired": "Your session expired, please sign in again",',
        '.secret-panel_a1b2c3 { color: #1a2b3c; }',
        'it("rejects an expired token after 3600 seconds", async () => {',
        'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased-v2")',
        'max_tokens: 4096',
        'const secretName = "app-secret-2024-rotation";',
        'API_KEY={{secret:12}}',
        'API_KEY=AKIAxxxxxxxxxxxx1234',
        'sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbIm1haW4udHMiXX0=',
      ],
    },
  },
];
