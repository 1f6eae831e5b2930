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
