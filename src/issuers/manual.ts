// Issuers without a public revocation API: the exact console page and concrete steps, naming the
// key by its identifying part (AWS: the access key id; others: the last 4 characters only).
// Where a documented read-only call exists, `check` uses it (no side effect on the account).

import { apiRoot } from './endpoints';
import { joinUrl, last4, redactedOf, target } from './http';
import { bearer, body, invalid, isoDate, issuerClient, str, strings, type Answer, type HttpOp } from './template';
import type { EndpointTarget, IssuerClient, IssuerContext, ManualSteps, TokenInfo } from './types';

interface SafeCheck {
  /** Key of `Endpoints.apiRoots`. */
  root: string;
  path: string;
  method: 'GET';
  headers(token: string): Record<string, string>;
  /** Reads the 200 answer: login/scopes, or `dead` when the body says the token is not active. */
  read?(a: Answer): { login?: string; scopes?: string[]; expiresAt?: string; dead?: string };
}

interface ManualIssuer {
  id: string;
  displayName: string;
  consoleUrl(info: TokenInfo): string;
  /** Steps; `key` is how the key is named (id or "ending in 1a2b"). */
  steps(key: string, consoleUrl: string, info: TokenInfo): string[];
  identifier?(token: string, info: TokenInfo): string | undefined;
  check?: SafeCheck;
}

const meta = (info: TokenInfo, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = info.metadata?.[k];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
};

const AWS_KEY_ID = /^(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ASCA)[A-Z0-9]{16}$/;

function generic(id: string, displayName: string, url: string, noun = 'key', extra: Partial<ManualIssuer> = {}): ManualIssuer {
  return {
    id,
    displayName,
    consoleUrl: () => url,
    steps: (key, consoleUrl) => [
      `Open ${consoleUrl} signed in as the ${noun}'s owner.`,
      `Find the ${noun} ${key} and revoke or delete it (roll it where ${displayName} offers rolling, so you get a replacement at once).`,
      `Update every place that used it with the replacement, then check that the old ${noun} no longer works.`,
    ],
    ...extra,
  };
}

export const MANUAL_ISSUERS: readonly ManualIssuer[] = [
  {
    id: 'aws',
    displayName: 'AWS',
    consoleUrl: () => 'https://console.aws.amazon.com/iam/home#/users',
    identifier: (token, info) => meta(info, 'accessKeyId', 'keyId', 'access_key_id') ?? (AWS_KEY_ID.test(token) ? token : undefined),
    steps: (key, consoleUrl, info) => {
      const account = meta(info, 'account', 'accountId', 'awsAccount');
      if (key.startsWith('ASIA')) {
        return [
          `${key} is a temporary (STS) key${account ? ` of account ${account}` : ''}: it expires by itself, but its session stays valid until then.`,
          `Open https://console.aws.amazon.com/iam/home#/roles, open the role that issued it and use "Revoke active sessions".`,
        ];
      }
      return [
        `Open ${consoleUrl}${account ? ` in account ${account}` : ''} (or run \`aws iam get-access-key-last-used --access-key-id ${key}\` to see its user).`,
        `Open the user that owns access key ${key}, tab "Security credentials".`,
        `Deactivate key ${key} ("Actions" → "Deactivate"; CLI: \`aws iam update-access-key --access-key-id ${key} --status Inactive\`), create a replacement, update its users.`,
        `Delete key ${key} (\`aws iam delete-access-key --access-key-id ${key}\`) and check CloudTrail for its use.`,
      ];
    },
  },
  generic('stripe', 'Stripe', 'https://dashboard.stripe.com/apikeys', 'key', {
    check: { root: 'stripe', path: '/v1/balance', method: 'GET', headers: bearer },
  }),
  generic('openai', 'OpenAI', 'https://platform.openai.com/api-keys', 'key', {
    check: { root: 'openai', path: '/v1/models', method: 'GET', headers: bearer },
  }),
  generic('anthropic', 'Anthropic', 'https://console.anthropic.com/settings/keys', 'key', {
    check: {
      root: 'anthropic', path: '/v1/models', method: 'GET',
      headers: (t) => ({ 'x-api-key': t, 'anthropic-version': '2023-06-01', accept: 'application/json' }),
    },
  }),
  generic('huggingface', 'Hugging Face', 'https://huggingface.co/settings/tokens', 'token', {
    check: {
      root: 'huggingface', path: '/api/whoami-v2', method: 'GET', headers: bearer,
      read: (a) => {
        const j = body<{ name: unknown; auth: { accessToken?: { role?: unknown } } }>(a);
        const role = str(j.auth?.accessToken?.role);
        return { login: str(j.name), scopes: role ? [role] : undefined };
      },
    },
  }),
  generic('sendgrid', 'SendGrid', 'https://app.sendgrid.com/settings/api_keys', 'key', {
    check: {
      root: 'sendgrid', path: '/v3/scopes', method: 'GET', headers: bearer,
      read: (a) => ({ scopes: strings(body<{ scopes: unknown }>(a).scopes) }),
    },
  }),
  generic('cloudflare', 'Cloudflare', 'https://dash.cloudflare.com/profile/api-tokens', 'token', {
    check: {
      root: 'cloudflare', path: '/client/v4/user/tokens/verify', method: 'GET', headers: bearer,
      read: (a) => {
        const r = body<{ result: { status?: unknown; expires_on?: unknown } }>(a).result;
        const status = str(r?.status);
        const exp = str(r?.expires_on);
        return { dead: status && status !== 'active' ? `status ${status}` : undefined, expiresAt: exp ? isoDate(exp) : undefined };
      },
    },
  }),
  generic('digitalocean', 'DigitalOcean', 'https://cloud.digitalocean.com/account/api/tokens', 'token', {
    check: {
      root: 'digitalocean', path: '/v2/account', method: 'GET', headers: bearer,
      read: (a) => ({ login: str(body<{ account: { email?: unknown } }>(a).account?.email) }),
    },
  }),
  generic('atlassian', 'Atlassian', 'https://id.atlassian.com/manage-profile/security/api-tokens', 'API token'),
  {
    ...generic('twilio', 'Twilio', 'https://console.twilio.com/us1/account/keys-credentials/api-keys', 'key'),
    steps: (key, consoleUrl) => [
      `Open ${consoleUrl} in the account that owns the key (an auth token is rotated under Account → API keys & tokens → "Auth tokens").`,
      `Delete the API key ${key} (or request a secondary auth token, promote it, and so retire the leaked one).`,
      'Update every place that used it with the replacement.',
    ],
  },
  {
    ...generic('google', 'Google Cloud', 'https://console.cloud.google.com/apis/credentials', 'key'),
    consoleUrl: (info) => (meta(info, 'client_email', 'clientEmail') ? 'https://console.cloud.google.com/iam-admin/serviceaccounts' : 'https://console.cloud.google.com/apis/credentials'),
    steps: (key, consoleUrl, info) => {
      const sa = meta(info, 'client_email', 'clientEmail');
      const keyId = meta(info, 'private_key_id', 'privateKeyId');
      if (sa) {
        return [
          `Open ${consoleUrl}${meta(info, 'project_id', 'projectId') ? ` in project ${meta(info, 'project_id', 'projectId')}` : ''} and select service account ${sa}.`,
          `Tab "Keys": delete key ${keyId ?? key} (CLI: \`gcloud iam service-accounts keys delete ${keyId ?? 'KEY_ID'} --iam-account=${sa}\`).`,
          'Create a replacement only if still needed, and prefer workload identity over key files.',
        ];
      }
      return [
        `Open ${consoleUrl} in the project that owns the key.`,
        `Under "API keys", open the key ${key} ("Show key" to compare) and choose "Regenerate key" (or delete it).`,
        'Add application and API restrictions to the replacement.',
      ];
    },
  },
  {
    ...generic('azure', 'Azure', 'https://portal.azure.com/#browse/Microsoft.Storage%2FStorageAccounts', 'key'),
    consoleUrl: (info) => (meta(info, 'accountName', 'AccountName') ? 'https://portal.azure.com/#browse/Microsoft.Storage%2FStorageAccounts' : 'https://portal.azure.com/'),
    steps: (key, consoleUrl, info) => {
      const account = meta(info, 'accountName', 'AccountName');
      return [
        `Open ${consoleUrl}${account ? ` and select storage account ${account}` : ' and find the resource the key belongs to'}.`,
        `Security + networking → "Access keys": rotate the key ${key} ("Rotate key"); for a SAS, rotate the key that signed it or revoke its stored access policy.`,
        'Update connection strings that used it, then prefer Microsoft Entra ID over shared keys.',
      ];
    },
  },
  {
    ...generic('shopify', 'Shopify', 'https://admin.shopify.com/', 'access token'),
    consoleUrl: (info) => (meta(info, 'shop', 'store') ? `https://admin.shopify.com/store/${meta(info, 'shop', 'store')}/settings/apps/development` : 'https://admin.shopify.com/'),
    steps: (key, consoleUrl) => [
      `Open ${consoleUrl} → Settings → "Apps and sales channels" → "Develop apps".`,
      `Open the custom app whose Admin API access token is ${key} and uninstall it (Shopify has no per-token revoke; reinstalling issues a new token).`,
    ],
  },
  {
    ...generic('databricks', 'Databricks', 'https://docs.databricks.com/en/dev-tools/auth/pat.html', 'token'),
    consoleUrl: (info) => (meta(info, 'host', 'workspace') ? `https://${meta(info, 'host', 'workspace')}/settings/user/developer/access-tokens` : 'https://docs.databricks.com/en/dev-tools/auth/pat.html'),
    steps: (key, consoleUrl) => [
      `Open ${consoleUrl} (your workspace → avatar → Settings → Developer → "Access tokens").`,
      `Revoke the token ${key} (or, as a workspace admin, through the token management API).`,
    ],
  },
  generic('heroku', 'Heroku', 'https://dashboard.heroku.com/account/applications', 'authorization'),
  generic('postman', 'Postman', 'https://go.postman.co/settings/me/api-keys', 'key'),
  generic('linear', 'Linear', 'https://linear.app/settings/account/security', 'key'),
  generic('supabase', 'Supabase', 'https://supabase.com/dashboard/account/tokens', 'token'),
  generic('docker', 'Docker Hub', 'https://app.docker.com/settings/personal-access-tokens', 'token'),
  generic('pypi', 'PyPI', 'https://pypi.org/manage/account/', 'API token'),
  generic('terraform', 'HCP Terraform', 'https://app.terraform.io/app/settings/tokens', 'API token', {
    steps: (key, consoleUrl) => [
      `Open ${consoleUrl} (user tokens; team and organization tokens are under the organization's settings → "API tokens"; on Terraform Enterprise, the same pages on your own host).`,
      `Delete the API token ${key}.`,
      'Create a replacement only if still needed, update every place that used the old one, then check that it no longer works.',
    ],
  }),
  {
    ...generic('grafana', 'Grafana', 'https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/', 'token'),
    consoleUrl: (info) => (info.ruleId === 'grafana-service-account-token'
      ? 'https://grafana.com/docs/grafana/latest/administration/service-accounts/'
      : 'https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/'),
    steps: (key, consoleUrl, info) => (info.ruleId === 'grafana-service-account-token'
      ? [
          `In the Grafana instance that issued it: Administration → Users and access → "Service accounts" (how: ${consoleUrl}).`,
          `Open the service account that owns the token ${key} and delete that token.`,
          'Add a new token to the service account only if still needed, and update every place that used the old one.',
        ]
      : [
          `In the Grafana Cloud Portal: Security → "Access Policies" (or in Grafana: Administration → Users and access → "Cloud access policies"; how: ${consoleUrl}).`,
          `Find the token ${key} under its access policy and delete it.`,
          'Create a replacement token on the same policy only if still needed, and update every place that used the old one.',
        ]),
  },
  generic('tailscale', 'Tailscale', 'https://login.tailscale.com/admin/settings/keys', 'key'),
  {
    ...generic('sentry', 'Sentry', 'https://sentry.io/settings/account/api/auth-tokens/', 'auth token'),
    consoleUrl: (info) => (info.ruleId === 'sentry-org-token' ? 'https://sentry.io/settings/auth-tokens/' : 'https://sentry.io/settings/account/api/auth-tokens/'),
    steps: (key, consoleUrl, info) => [
      `Open ${consoleUrl} (${info.ruleId === 'sentry-org-token' ? 'organization settings → "Auth Tokens"' : 'User settings → "Personal Tokens"'}; on a self-hosted Sentry, the same page on your own host).`,
      `Revoke the token ${key}.`,
      'Create a replacement with the fewest scopes needed, and update every place that used the old one (CI secrets, `.sentryclirc`, build plugins).',
    ],
  },
  {
    ...generic('flyio', 'Fly.io', 'https://fly.io/docs/security/tokens/', 'token'),
    steps: (key, consoleUrl) => [
      `List the tokens with \`fly tokens list\` (or the dashboard's "Tokens" page of the organization or app; see ${consoleUrl}) and find the token ${key}.`,
      'Revoke it with `fly tokens revoke <ID>` (or from the same page); a personal access token is listed in the dashboard under your account\'s "Access Tokens".',
      'Create a replacement scoped to one app or organization only if still needed (`fly tokens create deploy`), and update every place that used the old one.',
    ],
  },
  {
    ...generic('onepassword', '1Password', 'https://developer.1password.com/docs/service-accounts/manage-service-accounts/', 'service account token'),
    steps: (key, consoleUrl) => [
      `Sign in to your account on 1Password.com and open Developer → "Directory" → the service account whose token is ${key} (how: ${consoleUrl}).`,
      'Revoke the token (or delete the service account); anyone holding it can read every vault the account can read, so review the vault access log.',
      'Create a new token only if still needed, and update every place that used the old one.',
    ],
  },
  generic('pulumi', 'Pulumi', 'https://app.pulumi.com/account/tokens', 'access token'),
  generic('vercel', 'Vercel', 'https://vercel.com/account/tokens', 'token'),
  generic('netlify', 'Netlify', 'https://app.netlify.com/user/applications#personal-access-tokens', 'personal access token'),
  generic('render', 'Render', 'https://dashboard.render.com/u/settings#api-keys', 'API key'),
  generic('buildkite', 'Buildkite', 'https://buildkite.com/user/api-access-tokens', 'API access token'),
  generic('rubygems', 'RubyGems.org', 'https://rubygems.org/profile/api_keys', 'API key'),
  {
    ...generic('planetscale', 'PlanetScale', 'https://app.planetscale.com/', 'token'),
    steps: (key, consoleUrl) => [
      `Open ${consoleUrl} and find where the credential ${key} was issued: a service token (\`pscale_tkn_\`) under the organization's Settings → "Service tokens"; a database password (\`pscale_pw_\`) under the database's Settings → "Passwords"; an OAuth token (\`pscale_oauth_\`) is ended with \`pscale auth logout\` on the machine that holds it.`,
      'Delete the service token or the password (PlanetScale shows neither again; create a new one if still needed).',
      'Update every place that used it, then check that the old one no longer works.',
    ],
  },
  generic('prefect', 'Prefect Cloud', 'https://app.prefect.cloud/my/api-keys', 'API key'),
  {
    ...generic('kubernetes', 'Kubernetes', 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/', 'credential'),
    steps: (key, consoleUrl) => [
      `Find what the credential ${key} belongs to: a kubeconfig user's token or client key, or a value of a \`kind: Secret\` manifest (see ${consoleUrl}).`,
      'A service-account token: delete its Secret (`kubectl delete secret <name> -n <namespace>`), or rotate the service account; a client key: revoke its certificate (or rotate the cluster CA); an OIDC token: revoke the session at the identity provider.',
      'A value of a Secret manifest: rotate the credential at its source, update the Secret in the cluster, and keep manifests with real values out of the repository (sealed or external secrets).',
    ],
  },
  {
    // GitLab credentials its API cannot revoke with themselves (the API client handles PATs).
    ...generic('gitlab', 'GitLab', 'https://gitlab.com/', 'token'),
    consoleUrl: (info) => `https://${meta(info, 'host', 'instance') ?? 'gitlab.com'}/`,
    steps: (key, consoleUrl, info) => {
      const where: Record<string, string> = {
        'gitlab-deploy-token': 'the project or group → Settings → Repository → "Deploy tokens": revoke',
        'gitlab-pipeline-trigger-token': 'the project → Settings → CI/CD → "Pipeline trigger tokens": revoke',
        'gitlab-runner-token': 'the project, group or Admin area → CI/CD → "Runners": delete the runner that uses',
        'gitlab-runner-registration-token': 'the project or group → Settings → CI/CD → "Runners": reset the registration token that was',
        'gitlab-ci-build-token': 'the pipeline that ran the job: a CI job token ends with its job, so cancel the job if it still runs; it identified itself as',
        'gitlab-feed-token': 'your avatar → Preferences/Edit profile → "Access tokens" → "Feed token": reset',
        'gitlab-incoming-mail-token': 'your avatar → Preferences/Edit profile → "Access tokens" → "Incoming email token": reset',
        'gitlab-oauth-app-secret': 'the application\'s owner (user settings, group settings or Admin area) → "Applications" → the application: renew the secret of',
        'gitlab-scim-token': 'the top-level group → Settings → "SAML SSO": reset the SCIM token',
        'gitlab-agent-token': 'the project → Operate → "Kubernetes clusters" → the agent → "Access tokens": revoke',
      };
      return [
        `Open ${consoleUrl} signed in as an owner of the resource, then go to ${where[info.ruleId ?? ''] ?? 'where the token was created and revoke'} the token ${key}.`,
        'Update every place that used it with a replacement (CI/CD variables, runner config, mail or feed readers), then check that the old one no longer works.',
      ];
    },
  },
  {
    // Slack secrets that `auth.revoke` cannot end (app credentials, app-level and configuration tokens).
    ...generic('slack', 'Slack', 'https://api.slack.com/apps', 'credential'),
    steps: (key, consoleUrl, info) => {
      const where: Record<string, string> = {
        'slack-signing-secret': 'open the app → "Basic Information" → "App Credentials" and regenerate the Signing Secret',
        'slack-config-refresh-token': 'under "Your App Configuration Tokens" at the bottom of the page, revoke the configuration token pair that includes',
        'slack-app-token': 'open the app → "Basic Information" → "App-Level Tokens" and revoke the token',
        'slack-webhook': 'open the app → "Incoming Webhooks" and remove (or regenerate) the webhook URL',
        'slack-workflow-webhook': 'in Slack\'s Workflow Builder, open the workflow whose webhook trigger is this URL and delete the trigger or the workflow (a new trigger gets a new URL); the URL is',
      };
      return [
        `Open ${consoleUrl} signed in as a collaborator of the app, then ${where[info.ruleId ?? ''] ?? 'find and revoke the credential'} ${key}.`,
        'Update every place that used it with the replacement, then check that the old value no longer works.',
      ];
    },
  },
  {
    // Vault tokens that `token/revoke-self` cannot end.
    ...generic('vault', 'HashiCorp Vault', 'https://developer.hashicorp.com/vault/docs/concepts/tokens', 'token'),
    steps: (key, consoleUrl, info) => (info.ruleId === 'vault-recovery-token'
      ? [
          `The recovery token ${key} works only while the Vault server runs in recovery mode (${consoleUrl}): restart it normally to end the mode.`,
          'If the recovery keys that produced it may be exposed, rekey them (`vault operator rekey -target=recovery`).',
        ]
      : [
          `A batch token such as ${key} cannot be revoked on its own (${consoleUrl}): it ends at its TTL or with its parent token.`,
          'Revoke the parent token or its accessor (`vault token revoke -accessor <accessor>`), or, for an orphan, shorten the role\'s TTL and rotate what the token could read.',
        ]),
  },
  {
    // Doppler tokens that `/v3/auth/revoke` does not cover.
    ...generic('doppler', 'Doppler', 'https://dashboard.doppler.com/', 'token'),
    steps: (key, consoleUrl, info) => [
      `Open ${consoleUrl} as a workplace admin → Settings → ${info.ruleId === 'doppler-scim-token' ? '"SCIM" (user provisioning): regenerate the SCIM token' : '"Audit" log access tokens: revoke'} ${key}.`,
      'Update the identity provider or log pipeline that used it, then check that the old one no longer works.',
    ],
  },
  {
    // Registry passwords in `.npmrc` (`_password`, `_auth`): the account's password, not a token.
    ...generic('npm', 'npm registry', 'https://www.npmjs.com/settings/~/profile', 'password'),
    steps: (key) => [
      `Change the password of the registry account whose password is ${key} (npmjs.com: your profile → "Change password"; a private registry: its own account settings or administrator).`,
      'Replace the `_auth`/`_password` line with a granular access token read from the environment (`//host/:_authToken=${NPM_TOKEN}`), kept out of the repository.',
    ],
  },
  {
    ...generic('slack-webhook', 'Slack', 'https://api.slack.com/apps', 'webhook'),
    steps: (key, consoleUrl) => [
      `Open ${consoleUrl} and open the app that owns the incoming webhook ${key}.`,
      '"Incoming Webhooks": remove the webhook URL (or regenerate it), then update its senders.',
    ],
  },
];

const BY_ID = new Map(MANUAL_ISSUERS.map((m) => [m.id, m]));

export function manualSteps(m: ManualIssuer, token: string, info: TokenInfo): ManualSteps {
  const id = m.identifier?.(token, info);
  const l4 = last4(token);
  const key = id ?? (l4 ? `ending in ${l4}` : redactedOf(token, info));
  const consoleUrl = m.consoleUrl(info);
  return { consoleUrl, identifier: id ?? (l4 ? `ends with ${l4}` : redactedOf(token, info)), steps: m.steps(key, consoleUrl, info) };
}

function checkTarget(c: SafeCheck, ctx: IssuerContext): EndpointTarget {
  return target(joinUrl(apiRoot(ctx.endpoints, c.root), c.path), c.method);
}

/** A documented read-only call: 200 is live (unless the body says otherwise), 401 is not accepted. */
function safeCheck(c: SafeCheck): HttpOp<'check'> {
  return {
    target: (ctx) => checkTarget(c, ctx),
    request: (token) => ({ headers: c.headers(token) }),
    on: {
      200: (a, s) => {
        const r = c.read?.(a) ?? {};
        if (r.dead) return { state: 'invalid', detail: `${s.name} reports ${s.redacted} as not active (${r.dead}).` };
        return { state: 'live', login: r.login, scopes: r.scopes, expiresAt: r.expiresAt, detail: `${s.redacted} is live${r.login ? ` (${r.login})` : ''}.` };
      },
      401: invalid,
    },
  };
}

export function manualClient(m: ManualIssuer): IssuerClient {
  return issuerClient({
    id: m.id,
    displayName: m.displayName,
    capability: 'manual',
    revoke: {
      // No revocation API: nothing is sent; the result is the console page and the steps.
      target: () => undefined,
      none: (s) => {
        const manual = manualSteps(m, s.token, s.info);
        return { state: 'manual', manual, detail: `${m.displayName} has no public API to revoke ${s.redacted}: revoke it at ${manual.consoleUrl}.` };
      },
    },
    check: m.check ? safeCheck(m.check) : undefined,
  });
}

export function manualIssuer(id: string): ManualIssuer | undefined {
  return BY_ID.get(id);
}

/** Fallback for an issuer nobody described: steps without a console page of its own. */
export function unknownManualClient(id: string, displayName = id): IssuerClient {
  return manualClient({
    id,
    displayName,
    consoleUrl: () => '',
    steps: (key) => [
      `Find where this credential (${key}) was issued and revoke or rotate it there.`,
      'Replace it where it is used, then check that the old value no longer works.',
    ],
  });
}
