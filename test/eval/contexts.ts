// Our own realistic contexts: where users leak credentials (configs in every syntax, shell history,
// terminal captures with ANSI, chat exports, CI logs, source in many languages, wrapped terminal
// lines), with positives and negatives. Every value is generated at run time.

import { randomBytes, randomInt, randomUUID } from '../support/seed';
import { ALPHABETS, expandFixture, rand } from '../support/fakes';
import type { EvalCase } from './cases';

/** A credential to plant: kind, the variable name people give it, how to make one, and whether its format is distinctive enough to be found bare. */
interface TokenSpec {
  kind: string;
  name: string;
  make: () => string;
  bare: boolean;
  /** Used as a Bearer token / header value in curl and HTTP contexts. */
  bearer?: boolean;
}

const fx = (template: string) => (): string => expandFixture(template).text;

const PASSWORD_CHARS = ALPHABETS.b62 + '!%^&*()-_+=.,?~';
function password(): string {
  for (;;) {
    const v = rand(ALPHABETS.b62, 3) + rand(PASSWORD_CHARS, 9 + randomInt(8)) + rand(ALPHABETS.digits, 1);
    if (/[A-Z]/.test(v) && /[a-z]/.test(v)) return v;
  }
}
/** A passphrase with spaces and punctuation (only valid inside quotes). */
function passphrase(): string {
  const words = ['correct', 'horse', 'battery', 'staple', 'orbit', 'lantern', 'violet', 'granite', 'meadow', 'copper'];
  return `${words[randomInt(words.length)]} ${rand(ALPHABETS.b62, 4)}! ${words[randomInt(words.length)]}-${randomInt(100, 999)}`;
}

const TOKENS: TokenSpec[] = [
  { kind: 'github', name: 'GITHUB_TOKEN', make: fx('{{github:ghp}}'), bare: true, bearer: true },
  { kind: 'github', name: 'GH_PAT', make: fx('{{github:pat}}'), bare: true, bearer: true },
  { kind: 'github', name: 'GITHUB_OAUTH_TOKEN', make: fx('{{github:gho}}'), bare: true, bearer: true },
  { kind: 'gitlab', name: 'GITLAB_TOKEN', make: fx('{{gitlab:glpat}}'), bare: true, bearer: true },
  { kind: 'slack', name: 'SLACK_BOT_TOKEN', make: fx('{{slack:xoxb}}'), bare: true, bearer: true },
  { kind: 'slack', name: 'SLACK_WEBHOOK_URL', make: fx('{{slack:webhook}}'), bare: true },
  { kind: 'npm', name: 'NPM_TOKEN', make: fx('{{npm}}'), bare: true, bearer: true },
  { kind: 'pypi', name: 'PYPI_API_TOKEN', make: fx('{{pypi}}'), bare: true },
  { kind: 'aws', name: 'AWS_ACCESS_KEY_ID', make: fx('{{aws-key-id}}'), bare: true },
  { kind: 'google', name: 'GOOGLE_API_KEY', make: fx('{{google:api-key}}'), bare: true },
  { kind: 'google', name: 'GOOGLE_CLIENT_SECRET', make: fx('{{google:oauth-secret}}'), bare: true },
  { kind: 'stripe', name: 'STRIPE_SECRET_KEY', make: fx('{{stripe:sk_live}}'), bare: true, bearer: true },
  { kind: 'openai', name: 'OPENAI_API_KEY', make: fx('{{openai}}'), bare: true, bearer: true },
  { kind: 'anthropic', name: 'ANTHROPIC_API_KEY', make: fx('{{anthropic}}'), bare: true },
  { kind: 'huggingface', name: 'HF_TOKEN', make: fx('{{hf}}'), bare: true, bearer: true },
  { kind: 'twilio', name: 'TWILIO_AUTH_TOKEN', make: fx('{{twilio:auth-token}}'), bare: false },
  { kind: 'sendgrid', name: 'SENDGRID_API_KEY', make: fx('{{sendgrid}}'), bare: true, bearer: true },
  { kind: 'docker', name: 'DOCKERHUB_TOKEN', make: fx('{{docker}}'), bare: true },
  { kind: 'vault', name: 'VAULT_TOKEN', make: fx('{{vault}}'), bare: true },
  { kind: 'doppler', name: 'DOPPLER_TOKEN', make: fx('{{doppler}}'), bare: true, bearer: true },
  { kind: 'digitalocean', name: 'DIGITALOCEAN_ACCESS_TOKEN', make: fx('{{digitalocean}}'), bare: true, bearer: true },
  { kind: 'shopify', name: 'SHOPIFY_ACCESS_TOKEN', make: fx('{{shopify}}'), bare: true },
  { kind: 'databricks', name: 'DATABRICKS_TOKEN', make: fx('{{databricks}}'), bare: true, bearer: true },
  { kind: 'heroku', name: 'HEROKU_API_KEY', make: fx('{{heroku}}'), bare: true, bearer: true },
  { kind: 'postman', name: 'POSTMAN_API_KEY', make: fx('{{postman}}'), bare: true },
  { kind: 'linear', name: 'LINEAR_API_KEY', make: fx('{{linear}}'), bare: true },
  { kind: 'supabase', name: 'SUPABASE_ACCESS_TOKEN', make: fx('{{supabase}}'), bare: true, bearer: true },
  { kind: 'atlassian', name: 'ATLASSIAN_API_TOKEN', make: fx('{{atlassian}}'), bare: true },
  { kind: 'cloudflare', name: 'CLOUDFLARE_API_TOKEN', make: fx('{{cloudflare}}'), bare: true, bearer: true },
  { kind: 'jwt', name: 'ACCESS_TOKEN', make: fx('{{jwt:iss=https://auth.example-corp.test}}'), bare: true, bearer: true },
  { kind: 'password', name: 'DB_PASSWORD', make: password, bare: false },
  { kind: 'password', name: 'SMTP_PASSWORD', make: password, bare: false },
  { kind: 'generic', name: 'API_SECRET', make: fx('{{secret:40}}'), bare: false, bearer: true },
  { kind: 'generic', name: 'CLIENT_SECRET', make: fx('{{secret:32}}'), bare: false },
  { kind: 'generic', name: 'SIGNING_KEY', make: fx('{{secret:48:b64url}}'), bare: false },
];

/** Values that are not credentials, in the same places. */
const NON_SECRETS: { why: string; name: string; make: () => string }[] = [
  { why: 'env reference', name: 'API_TOKEN', make: () => '${API_TOKEN}' },
  { why: 'shell variable', name: 'DB_PASSWORD', make: () => '$DB_PASSWORD' },
  { why: 'CI secret reference', name: 'NPM_TOKEN', make: () => '${{ secrets.NPM_TOKEN }}' },
  { why: 'keychain reference', name: 'GITHUB_TOKEN', make: () => 'keychain://token-custody/GITHUB_TOKEN' },
  { why: '1Password reference', name: 'STRIPE_SECRET_KEY', make: () => 'op://Engineering/Stripe/credential' },
  { why: 'placeholder', name: 'API_KEY', make: () => '<your-api-key>' },
  { why: 'placeholder', name: 'DB_PASSWORD', make: () => 'changeme' },
  { why: 'placeholder', name: 'AUTH_TOKEN', make: () => 'xxxxxxxxxxxxxxxxxxxxxxxx' },
  { why: 'placeholder', name: 'CLIENT_SECRET', make: () => 'your_client_secret_here' },
  { why: 'git sha', name: 'GIT_COMMIT', make: () => rand(ALPHABETS.hex, 40) },
  { why: 'sha256', name: 'ARTIFACT_SHA256', make: () => rand(ALPHABETS.hex, 64) },
  { why: 'uuid', name: 'REQUEST_ID', make: () => randomUUID() },
  { why: 'uuid in secret-like name', name: 'SECRET_ID', make: () => randomUUID() },
  { why: 'integrity', name: 'integrity', make: () => 'sha512-' + randomBytes(64).toString('base64') },
  { why: 'checksum-invalid token', name: 'GITHUB_TOKEN', make: fx('{{github:ghp:badcrc}}') },
  { why: 'checksum-invalid token', name: 'NPM_TOKEN', make: fx('{{npm:badcrc}}') },
  { why: 'documented example key', name: 'AWS_ACCESS_KEY_ID', make: fx('{{aws:doc-id}}') },
  { why: 'documented example key', name: 'AWS_SECRET_ACCESS_KEY', make: fx('{{aws:doc-secret}}') },
  { why: 'secret name, not value', name: 'SECRET_NAME', make: () => 'prod/db/password' },
  { why: 'path', name: 'TOKEN_FILE', make: () => '/var/run/secrets/kubernetes.io/serviceaccount/token' },
  { why: 'identifier', name: 'password_field', make: () => 'passwordInput' },
  { why: 'type name', name: 'secret', make: () => 'V1SecretVolumeSource' },
  { why: 'storage slot', name: '_CREDENTIALS_KEY', make: () => 'google_oauth2_credentials' },
  { why: 'metavar', name: 'client-secret', make: () => 'CLIENT_SECRET' },
  { why: 'number', name: 'TOKEN_TTL', make: () => String(randomInt(60, 86400)) },
  { why: 'boolean', name: 'USE_PASSWORD', make: () => 'true' },
  { why: 'public key id', name: 'STRIPE_PUBLISHABLE_KEY', make: () => 'pk_' + 'live_' + rand(ALPHABETS.b62, 24) },
];

const lowerSnake = (n: string): string => n.toLowerCase();
const camel = (n: string): string => n.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const dotted = (n: string): string => n.toLowerCase().replace(/_/g, '.');
const kebab = (n: string): string => n.toLowerCase().replace(/_/g, '-');
const pascal = (n: string): string => camel(n).replace(/^./, (c) => c.toUpperCase());

const V = '\u0001';
const ESC = '\u001b';
const ts = (): string => new Date(1.7e12 + randomInt(1e9) * 1000).toISOString();

/**
 * Context templates: (variable name) → text with V where the value goes. `quoted` contexts accept any
 * value (passphrases with spaces); `bare` contexts show the value alone (only distinctive formats).
 */
interface Ctx {
  name: string;
  group: string;
  make: (n: string) => string;
  bare?: boolean;
  /** Works only for values used as bearer tokens. */
  bearer?: boolean;
  quoted?: boolean;
}

const CONTEXTS: Ctx[] = [
  // Configs
  { name: '.env', group: 'config', make: (n) => `# local settings\nNODE_ENV=development\n${n}=${V}\nPORT=8080\n` },
  { name: '.env quoted', group: 'config', quoted: true, make: (n) => `${n}="${V}"\n` },
  { name: 'yaml', group: 'config', make: (n) => `app:\n  name: billing\n  ${lowerSnake(n)}: ${V}\n  retries: 3\n` },
  { name: 'yaml quoted', group: 'config', quoted: true, make: (n) => `${lowerSnake(n)}: "${V}"\n` },
  { name: 'yaml block scalar', group: 'config', make: (n) => `${lowerSnake(n)}: |\n  ${V}\nother: 1\n` },
  { name: 'k8s env list', group: 'config', make: (n) => `env:\n  - name: ${n}\n    value: "${V}"\n  - name: LOG_LEVEL\n    value: info\n` },
  { name: 'docker-compose env', group: 'config', make: (n) => `services:\n  api:\n    image: api:1.4\n    environment:\n      - ${n}=${V}\n      - TZ=UTC\n` },
  { name: 'helm values', group: 'config', make: (n) => `secrets:\n  ${camel(n)}: ${V}\nreplicaCount: 2\n` },
  { name: 'json', group: 'config', quoted: true, make: (n) => `{\n  "name": "svc",\n  "${camel(n)}": "${V}",\n  "debug": false\n}\n` },
  { name: 'appsettings.json', group: 'config', quoted: true, make: (n) => `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "Auth": {\n    "${pascal(n)}": "${V}"\n  }\n}\n` },
  { name: 'json escaped env', group: 'config', make: (n) => `{"config.env": "${n}=${V}\\nBACKUP_ENABLED=true"}\n` },
  { name: 'hcl', group: 'config', quoted: true, make: (n) => `resource "app_config" "main" {\n  ${lowerSnake(n)} = "${V}"\n  region = "eu-west-1"\n}\n` },
  { name: 'properties', group: 'config', make: (n) => `app.name=billing\napp.${dotted(n)}=${V}\n` },
  { name: 'gradle.properties', group: 'config', make: (n) => `org.gradle.jvmargs=-Xmx2g\n${camel(n)}=${V}\n` },
  { name: 'xml element', group: 'config', make: (n) => `<config>\n  <${camel(n)}>${V}</${camel(n)}>\n</config>\n` },
  { name: 'xml element multiline', group: 'config', make: (n) => `<settings>\n  <${camel(n)}>\n    ${V}\n  </${camel(n)}>\n</settings>\n` },
  { name: 'web.config appSettings', group: 'config', quoted: true, make: (n) => `<appSettings>\n  <add key="${pascal(n)}" value="${V}" />\n</appSettings>\n` },
  { name: 'ini', group: 'config', make: (n) => `[service]\nhost = api.internal\n${lowerSnake(n)} = ${V}\n` },
  { name: 'toml', group: 'config', quoted: true, make: (n) => `[service]\n${lowerSnake(n)} = "${V}"\n` },
  { name: 'Makefile ::=', group: 'config', make: (n) => `${n} ::= ${V}\nall:\n\t./deploy.sh\n` },
  // Shell
  { name: 'shell export', group: 'shell', make: (n) => `export ${n}=${V}\n` },
  { name: 'shell export quoted', group: 'shell', quoted: true, make: (n) => `export ${n}='${V}'\n` },
  { name: 'zsh history', group: 'shell', make: (n) => `: 1712000000:0;cd ~/src/api\n: 1712000042:0;${n}=${V} npm run deploy\n: 1712000050:0;git status\n` },
  { name: 'bash history curl bearer', group: 'shell', bearer: true, make: () => `ls -la\ncurl -sS -H "Authorization: Bearer ${V}" https://api.internal.example/v1/me\n` },
  { name: 'curl -u continuation', group: 'shell', make: () => `curl -X POST \\\n  -u deploy:${V} \\\n  https://ci.internal.example/job/build\n` },
  // Terminal captures
  { name: 'terminal ANSI', group: 'terminal', bare: true, make: () => `${ESC}[1;32muser@host${ESC}[0m:${ESC}[1;34m~/api${ESC}[0m$ gh auth token\n${ESC}[33m${V}${ESC}[0m\n` },
  { name: 'terminal env dump', group: 'terminal', make: (n) => `$ env | sort\nHOME=/home/dev\n${ESC}[2m${n}${ESC}[0m=${V}\nPATH=/usr/bin\n` },
  { name: 'terminal wrapped line', group: 'terminal', make: (n) => wrapped(`[deploy] using ${n}=${V} for upload`, 80) },
  // Chat exports
  { name: 'slack export json', group: 'chat', bare: true, make: () => `[{"type":"message","user":"U02ABCD","text":"here you go: ${V} (rotate after the demo)","ts":"1712000000.000100"}]\n` },
  { name: 'chat markdown', group: 'chat', bare: true, make: () => `**alice** 10:42\ncan you try with this one?\n\`${V}\`\n**bob** 10:43\nworks, thanks\n` },
  { name: 'chat assignment', group: 'chat', make: (n) => `**alice** 10:42\nset ${n}=${V} in your .env and restart\n` },
  // CI logs
  { name: 'CI log', group: 'ci', make: (n) => `${ts()} ##[group]Run ./scripts/publish.sh\n${ts()} ${n}=${V}\n${ts()} ##[endgroup]\n` },
  { name: 'CI log bare', group: 'ci', bare: true, make: () => `${ts()} [publish] token ${V} accepted by registry\n` },
  // Source
  { name: 'python', group: 'source', quoted: true, make: (n) => `import os\n\n${n} = "${V}"\n` },
  { name: 'python kwargs', group: 'source', quoted: true, make: (n) => `client = Client(base_url="https://api.internal", ${lowerSnake(n)}='${V}')\n` },
  { name: 'python dict', group: 'source', quoted: true, make: (n) => `CONFIG = {\n    "${lowerSnake(n)}": "${V}",\n    "timeout": 30,\n}\n` },
  { name: 'javascript', group: 'source', quoted: true, make: (n) => `const ${camel(n)} = '${V}';\n` },
  { name: 'javascript object', group: 'source', quoted: true, make: (n) => `export default {\n  ${camel(n)}: "${V}",\n  retries: 2,\n};\n` },
  { name: 'go short', group: 'source', quoted: true, make: (n) => `func main() {\n\t${camel(n)} := "${V}"\n\t_ = ${camel(n)}\n}\n` },
  { name: 'go var', group: 'source', quoted: true, make: (n) => `var ${camel(n)} string = "${V}"\n` },
  { name: 'java', group: 'source', quoted: true, make: (n) => `private static final String ${n} = "${V}";\n` },
  { name: 'java setProperty', group: 'source', quoted: true, make: (n) => `System.setProperty("${n}", "${V}");\n` },
  { name: 'kotlin', group: 'source', quoted: true, make: (n) => `val ${camel(n)}: String = "${V}"\n` },
  { name: 'csharp', group: 'source', quoted: true, make: (n) => `var ${camel(n)} = "${V}";\n` },
  { name: 'php', group: 'source', quoted: true, make: (n) => `<?php\n$${camel(n)} = '${V}';\n` },
  { name: 'php define', group: 'source', quoted: true, make: (n) => `<?php\ndefine('${n}', '${V}');\n` },
  { name: 'php array', group: 'source', quoted: true, make: (n) => `<?php\nreturn [\n    '${lowerSnake(n)}' => '${V}',\n];\n` },
  { name: 'ruby', group: 'source', quoted: true, make: (n) => `ENV['${n}'] ||= '${V}'\n` },
  { name: 'rust', group: 'source', quoted: true, make: (n) => `let ${lowerSnake(n)} = "${V}";\n` },
  { name: 'shell script', group: 'source', quoted: true, make: (n) => `#!/bin/sh\n${n}="${V}"\n./run.sh\n` },
  { name: 'kebab cli flag', group: 'shell', make: (n) => `./deploy --${kebab(n)}=${V} --region eu-west-1\n` },
];

/** A terminal capture where the line wraps at `width` columns (the value may be split). */
function wrapped(line: string, width: number): string {
  const full = `${ts()} ${line}`;
  let out = '';
  for (let i = 0; i < full.length; i += width) out += full.slice(i, i + width) + '\n';
  return out;
}

/** Connection strings and URLs: (template with V for the password) — the password is the secret. */
const URLS: { kind: string; name: string; make: () => string }[] = [
  { kind: 'url-credentials', name: 'postgres', make: () => `DATABASE_URL=postgres://app:${V}@db.internal.example:5432/app` },
  { kind: 'url-credentials', name: 'mysql', make: () => `mysql://root:${V}@10.0.3.7:3306/shop` },
  { kind: 'url-credentials', name: 'mongodb+srv', make: () => `MONGO_URI="mongodb+srv://svc:${V}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true"` },
  { kind: 'url-credentials', name: 'mongodb multi-host', make: () => `mongodb://svc:${V}@db1.internal:27017,db2.internal:27017/app?replicaSet=rs0` },
  { kind: 'url-credentials', name: 'redis', make: () => `REDIS_URL=redis://default:${V}@cache.internal:6379/0` },
  { kind: 'url-credentials', name: 'rediss', make: () => `rediss://:${V}@cache.internal:6380` },
  { kind: 'url-credentials', name: 'amqp', make: () => `amqp://worker:${V}@mq.internal:5672/%2F` },
  { kind: 'url-credentials', name: 'ftp', make: () => `ftp://upload:${V}@ftp.internal.example/incoming` },
  { kind: 'url-credentials', name: 'sftp', make: () => `sftp://deploy:${V}@files.internal.example:22/` },
  { kind: 'url-credentials', name: 'ldap', make: () => `ldaps://cn=admin,dc=corp:${V}@ldap.internal:636` },
  { kind: 'url-credentials', name: 'smtp', make: () => `SMTP_URL=smtp://mailer:${V}@smtp.internal.example:587` },
  { kind: 'url-credentials', name: 'https git remote', make: () => `git remote add origin https://dev:${V}@git.internal.example/team/app.git` },
  { kind: 'url-credentials', name: 'pip index', make: () => `pip install --index-url https://ci:${V}@pypi.internal.example/simple/ app` },
  { kind: 'connection-string', name: 'jdbc query', make: () => `jdbc:postgresql://db.internal:5432/app?user=app&password=${V}&ssl=true` },
  { kind: 'connection-string', name: 'jdbc semicolon', make: () => `jdbc:sqlserver://db.internal:1433;databaseName=app;user=sa;password=${V};encrypt=true` },
  { kind: 'connection-string', name: 'ADO.NET', make: () => `"Server=tcp:sql.internal,1433;Database=app;User ID=app;Password=${V};Encrypt=True;"` },
  { kind: 'connection-string', name: 'ODBC Pwd', make: () => `Driver={ODBC Driver 18 for SQL Server};Server=sql.internal;Uid=app;Pwd=${V};` },
  { kind: 'connection-string', name: '.pgpass', make: () => `db.internal.example:5432:app:app:${V}` },
  { kind: 'connection-string', name: 'pypirc', make: () => `[pypi]\nusername = __token__\npassword = ${V}\n` },
  { kind: 'url-credentials', name: 'sqlalchemy driver', make: () => `SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://app:${V}@db.internal:5432/app"` },
  { kind: 'url-credentials', name: 'jdbc userinfo', make: () => `spring.datasource.url=jdbc:mysql://app:${V}@db.internal:3306/shop` },
  { kind: 'url-credentials', name: 'pip.conf', make: () => `[global]\nextra-index-url = https://ci:${V}@pypi.internal.example/simple\n` },
  { kind: 'connection-string', name: 'ADO.NET reordered', make: () => `Password=${V};User ID=app;Initial Catalog=orders;Data Source=sql01` },
  { kind: 'connection-string', name: '.pgpass wildcard', make: () => `*:*:*:postgres:${V}` },
  { kind: 'authorization-header', name: 'curl -u after continuation', make: () => `curl -sS \\\n  -X POST \\\n  --user "deploy:${V}" \\\n  https://ci.internal.example/job/build\n` },
];

/** Header contexts: (template with V for the token) — a UUID or an opaque key, never a password. */
const HEADERS: { name: string; make: () => string; value: () => string }[] = [
  { name: 'Authorization bare uuid', make: () => `curl --header 'Authorization: ${V}' https://api.internal.example/v1/me`, value: () => randomUUID() },
  { name: 'Authorization Token hex', make: () => `Authorization: Token ${V}`, value: () => rand(ALPHABETS.hex, 40) },
  { name: 'Authorization Bearer uuid', make: () => `curl -H "Authorization: Bearer ${V}" https://api.internal.example/v1/me`, value: () => randomUUID() },
  { name: 'curl -H X-Api-Key uuid', make: () => `curl -X GET https://api.internal.example/v1 \\\n  -H "X-Api-Key: ${V}"`, value: () => randomUUID() },
  { name: 'curl -u empty user', make: () => `curl -u :${V} https://api.internal.example/v1/charges`, value: () => expandFixture('{{secret:32}}').text },
  { name: 'curl -u token as user', make: () => `curl -u ${V}: https://api.internal.example/v1/charges`, value: () => expandFixture('{{secret:32}}').text },
];

function fill(template: string, value: string): { text: string; span: [number, number] } {
  const at = template.indexOf(V);
  return { text: template.replace(V, value), span: [at, at + value.length] };
}

/** All our own cases, fresh values each call. */
export function ownCases(): EvalCase[] {
  const out: EvalCase[] = [];
  const base = { source: 'own', licence: 'MIT (this repository)', origin: 'test/eval/contexts.ts' };
  for (const ctx of CONTEXTS) {
    for (const tok of TOKENS) {
      if (ctx.bare && !tok.bare) continue;
      if (ctx.bearer && !tok.bearer) continue;
      if (ctx.name === 'curl -u continuation' && tok.kind !== 'password') continue;
      const { text, span } = fill(ctx.make(tok.name), tok.make());
      out.push({ ...base, peerRule: `${tok.kind}:${tok.name}`, kind: tok.kind, label: 'pos', context: `${ctx.group}: ${ctx.name}`, text, span });
    }
    if (ctx.quoted) {
      const { text, span } = fill(ctx.make('DB_PASSWORD'), passphrase());
      out.push({ ...base, peerRule: 'password:passphrase', kind: 'password', label: 'pos', context: `${ctx.group}: ${ctx.name}`, text, span });
    }
    if (ctx.bare || ctx.bearer) continue;
    for (const neg of NON_SECRETS) {
      if (!ctx.quoted && /\s/.test(neg.make())) continue;
      const { text, span } = fill(ctx.make(neg.name), neg.make());
      out.push({ ...base, peerRule: `non-secret:${neg.why}`, kind: 'non-secret', label: 'neg', context: `${ctx.group}: ${ctx.name}`, text, span });
    }
  }
  for (const u of URLS) {
    const { text, span } = fill(u.make(), password());
    out.push({ ...base, peerRule: `${u.kind}:${u.name}`, kind: u.kind, label: 'pos', context: `url: ${u.name}`, text, span });
    // The same with a placeholder or reference password: not a credential.
    for (const p of ['${DB_PASSWORD}', '<password>', '****']) {
      const n = fill(u.make(), p);
      out.push({ ...base, peerRule: `non-secret:${u.name} placeholder`, kind: 'non-secret', label: 'neg', context: `url: ${u.name}`, text: n.text, span: n.span });
    }
  }
  for (const h of HEADERS) {
    const { text, span } = fill(h.make(), h.value());
    out.push({ ...base, peerRule: `authorization-header:${h.name}`, kind: 'authorization-header', label: 'pos', context: `header: ${h.name}`, text, span });
    for (const p of ['$API_TOKEN', '<api-key>', 'YOUR_API_KEY']) {
      const n = fill(h.make(), p);
      out.push({ ...base, peerRule: `non-secret:${h.name} placeholder`, kind: 'non-secret', label: 'neg', context: `header: ${h.name}`, text: n.text, span: n.span });
    }
  }
  // Azure storage connection strings in any key order, and Cosmos DB.
  const key = (): string => expandFixture('{{azure:storage-key}}').text;
  for (const [name, make] of [
    ['azure storage', (k: string) => `DefaultEndpointsProtocol=https;AccountName=stprodlogs;AccountKey=${k};EndpointSuffix=core.windows.net`],
    ['azure storage reordered', (k: string) => `AccountKey=${k};AccountName=stprodlogs;DefaultEndpointsProtocol=https`],
    ['azure storage json', (k: string) => `{ "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=fnapp;AccountKey=${k}" }`],
    ['cosmos db', (k: string) => `AccountEndpoint=https://orders.documents.azure.com:443/;AccountKey=${k};`],
  ] as const) {
    const k = key();
    const text = make(k);
    const at = text.indexOf(k);
    out.push({ ...base, peerRule: `azure:${name}`, kind: 'azure', label: 'pos', context: `url: ${name}`, text, span: [at, at + k.length] });
  }
  // Code that looks like an assignment of a secret but is not one (issue 12 item 5).
  // Built from pieces so that this file itself reads as code, not as the near misses it generates.
  const q = (...xs: string[]): string => xs.join('');
  const code: [string, string][] = [
    ['python self', 'self.password = password\nself.api_key = api_key\n'],
    ['python kwargs identifier', 'client = Client(token=token, secret=secret_value)\n'],
    ['python type name', q("KINDS = {'secret': 'V1Secret", "VolumeSource', 'token': 'V1Token", "RequestSpec'}\n")],
    ['python storage slot', q("_CREDENTIALS_KEY = 'google_oauth2", "_credentials'\n")],
    ['help text metavar', q('  --client-secret=', 'CLIENT_SECRET   OAuth client secret (or set $CLIENT_SECRET)\n')],
    ['closure compiled', 'var a=b.$secretKey$,c=a.$token$;d.$password$=e.$f$;\n'],
    ['curl placeholder', q('curl -u <user:', 'password> https://api.example.com/v1/items\ncurl -u [USERNAME]:', '[PASSWORD] https://api.example.com\n')],
    ['js destructure', 'const { password, apiKey } = options;\nconst token = await getToken(user);\n'],
    ['template ref', 'password: "${DB_PASSWORD}"\napi_key: "${{ secrets.API_KEY }}"\n'],
    ['go struct tag', 'type Config struct {\n\tPassword string `json:"password" env:"DB_PASSWORD"`\n}\n'],
    ['java getter', 'String password = config.getPassword();\nString token = request.getHeader("X-Token");\n'],
    ['lockfile', `"resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz",\n"integrity": "sha512-${randomBytes(64).toString('base64')}"\n`],
    ['data uri', `background: url("data:image/png;base64,${randomBytes(120).toString('base64')}");\n`],
    ['public key', expandFixture('{{pem:public}}').text + '\n'],
    ['git log', `commit ${rand(ALPHABETS.hex, 40)}\nAuthor: Dev <dev@example.com>\n\n    Rotate token handling (${rand(ALPHABETS.hex, 7)})\n`],
  ];
  for (const [name, text] of code) out.push({ ...base, peerRule: `non-secret:${name}`, kind: 'non-secret', label: 'neg', context: `code: ${name}`, text, span: [0, text.length] });
  // Base64-wrapped JWT (issue 12 item 4) and a JWKS private key.
  const jwt = expandFixture('{{jwt:iss=https://auth.example-corp.test}}').text;
  const wrappedJwt = Buffer.from(jwt).toString('base64');
  out.push({ ...base, peerRule: 'jwt:base64', kind: 'jwt', label: 'pos', context: 'config: base64 value', text: `auth_header_b64: ${wrappedJwt}\n`, span: [17, 17 + wrappedJwt.length] });
  return out;
}
