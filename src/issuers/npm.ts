// npm registry (`tokenCustody.endpoints.npm`, default https://registry.npmjs.org).
// The registry deletes tokens by key: `DELETE <root>/-/npm/v1/tokens/token/{key}`. The key is found
// with the token's own credentials in `GET <root>/-/npm/v1/tokens` (paginated: {objects, urls.next};
// each object has `key` and `token`, a truncated prefix such as `npm_ab`), as `npm token revoke` does.
// The full token is never put in a URL. Check: `GET <root>/-/whoami` → {"username"}.

import { joinUrl, last4, target } from './http';
import { bearer, body, issuerClient, settled, str, type Answer, type Exchanged, type RevokeVerdict, type Said } from './template';
import type { IssuerContext, ManualSteps, RevokeOutcome } from './types';

const MAX_PAGES = 100;

export interface NpmTokenObject {
  key: string;
  token: string;
  readonly?: boolean;
  cidr_whitelist?: string[] | null;
  created?: string;
  updated?: string;
}

const at = (path: string) => (ctx: IssuerContext) => target(joinUrl(ctx.endpoints.npm, path), 'GET');
const auth = (token: string) => ({ headers: bearer(token) });

/** Resolves `urls.next` like npm-registry-fetch: absolute URLs must stay on the registry's origin. */
function nextUrl(ctx: IssuerContext, next: string): string | undefined {
  if (/^https?:\/\//i.test(next)) {
    const root = new URL(ctx.endpoints.npm);
    const u = new URL(next);
    return u.origin === root.origin ? u.toString() : undefined;
  }
  return joinUrl(ctx.endpoints.npm, next);
}

function manualSteps({ ctx, token, redacted }: Said, candidates: readonly NpmTokenObject[]): ManualSteps {
  const consoleUrl = new URL(ctx.endpoints.npm).host === 'registry.npmjs.org' ? 'https://www.npmjs.com/settings/~/tokens' : ctx.endpoints.npm;
  const ids = candidates.map((c) => c.key.slice(0, 6));
  const id = last4(token);
  return {
    consoleUrl,
    identifier: id ? `ends with ${id}` : redacted,
    steps: [
      `Open ${consoleUrl} signed in as the token's owner (or run \`npm token list\` there).`,
      ids.length ? `Several tokens start like this one (ids ${ids.join(', ')}); pick the one created when this token was issued.` : 'Find the token by its creation date and permissions.',
      'Delete it (`npm token revoke <id>`, with `--otp` when two-factor authentication asks for one).',
    ],
  };
}

type Page = { objects: NpmTokenObject[]; next?: string };

const notAccepted = (_a: Answer, s: Said) => ({ state: 'already-revoked' as const, detail: `The npm registry no longer accepts ${s.redacted}.` });

export const npmClient = issuerClient({
  id: 'npm',
  displayName: 'npm',
  label: 'npm registry',
  capability: 'npm-token-delete',
  revoke: {
    target: at('/-/npm/v1/tokens'),
    async steps(t, s, x): Promise<RevokeOutcome> {
      // 1. Find the token's key across every page of the token list.
      const objects: NpmTokenObject[] = [];
      let url: string | undefined = t.url;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const r: Exchanged<'revoke', Page | RevokeOutcome> = await x<Page | RevokeOutcome>({ url, method: 'GET', ...auth(s.token) }, {
          on: {
            200: (a) => {
              const j = body<{ objects: unknown; urls: { next?: unknown } }>(a);
              const found = (Array.isArray(j.objects) ? j.objects : []).filter((o): o is NpmTokenObject => typeof o?.key === 'string' && typeof o?.token === 'string');
              return { objects: found, next: str(j.urls?.next) };
            },
            401: (a) => ({ state: 'already-revoked', issuer: 'npm', endpointHost: a.host, httpStatus: 401, detail: `The npm registry no longer accepts ${s.redacted} (already revoked, expired or never valid).` }),
            403: (a) => ({
              state: 'manual', issuer: 'npm', endpointHost: a.host, httpStatus: 403,
              detail: `${s.redacted} may not list tokens (granular tokens cannot); delete it on the website.`, manual: manualSteps(s, []),
            }),
          },
        });
        if (!r.ok) return r.result;
        if ('state' in r.value) return r.value;
        objects.push(...r.value.objects);
        url = r.value.next ? nextUrl(s.ctx, r.value.next) : undefined;
        if (r.value.next && !url) {
          return { state: 'failed', issuer: 'npm', endpointHost: r.answer.host, httpStatus: r.answer.status, retryable: false, detail: 'The npm registry pointed the token list at another host; stopped.' };
        }
      }
      const candidates = objects.filter((o) => {
        const p = o.token.replace(/(…|\.\.\.)$/, '');
        return p.length > 0 && s.token.startsWith(p);
      });
      if (candidates.length !== 1) {
        return {
          state: 'manual', issuer: 'npm', endpointHost: t.host, manual: manualSteps(s, candidates),
          detail: candidates.length === 0
            ? `No token in the account's list matches ${s.redacted}; delete it on the website.`
            : `${candidates.length} tokens in the account start like ${s.redacted}; choose the right one on the website.`,
        };
      }
      // 2. Delete by key (the key is not secret; the token stays in the Authorization header).
      const key = candidates[0]!.key;
      const del = target(joinUrl(s.ctx.endpoints.npm, `/-/npm/v1/tokens/token/${encodeURIComponent(key)}`), 'DELETE');
      return settled('revoke', 'npm', await x<RevokeVerdict>({ url: del.url, method: 'DELETE', ...auth(s.token) }, {
        on: {
          404: () => ({ state: 'already-revoked', detail: `The npm registry no longer has ${s.redacted}.` }),
          401: (a) => (/otp/i.test(a.headers.get('www-authenticate') ?? '')
            ? { state: 'manual', detail: `Deleting ${s.redacted} needs a one-time password; finish it with npm or on the website.`, manual: manualSteps(s, candidates) }
            : notAccepted(a, s)),
        },
        otherwise: (a) => (a.status >= 200 && a.status < 300 ? { state: 'revoked', detail: `The npm registry deleted ${s.redacted} (id ${key.slice(0, 6)}).` } : undefined),
      }));
    },
  },
  check: {
    target: at('/-/whoami'),
    request: auth,
    on: {
      200: (a, s) => {
        const login = str(body<{ username: unknown }>(a).username);
        return { state: 'live', login, detail: `${s.redacted} is live${login ? ` (user ${login})` : ''}.` };
      },
      401: (_a, s) => ({ state: 'invalid', detail: `The npm registry does not accept ${s.redacted} (revoked, expired or never valid).` }),
      403: (_a, s) => ({ state: 'invalid', detail: `The npm registry does not accept ${s.redacted} (revoked, expired or never valid).` }),
    },
  },
});
