// Fixtures of the rules in generic.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'generic-cli-secret-flag': {
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
  'generic-password-assignment': {
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
  'generic-secret-assignment': {
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
};
