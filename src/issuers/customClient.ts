// The client of a custom issuer (src/issuers/custom.ts parses the setting): revocation through an
// RFC 7009 endpoint or a described HTTP call, the check through RFC 7662 or an HTTP call. Apart from
// custom.ts so that the browser build, which detects custom issuers' tokens but revokes nothing, does
// not carry the HTTP clients.

import { target } from './http';
import { PLACEHOLDER } from './custom';
import { rfc7009, rfc7662 } from './oauth';
import { issuerClient, type Answer, type CheckVerdict, type Handler, type HttpOp, type RevokeVerdict, type Said } from './template';
import type { CustomHttpCall, CustomIssuer, IssuerClient } from './types';

/** The first custom issuer whose pattern matches the whole token. */
export function matchCustomIssuer(token: string, issuers: readonly CustomIssuer[]): CustomIssuer | undefined {
  return issuers.find((c) => {
    const m = new RegExp(`^(?:${c.pattern})$`, 'u').exec(token);
    return m !== null;
  });
}

function substitute(template: string, token: string, mode: 'raw' | 'json' | 'form'): string {
  const value = mode === 'json' ? JSON.stringify(token).slice(1, -1) : mode === 'form' ? encodeURIComponent(token) : token;
  return template.split(PLACEHOLDER).join(value);
}

/** Headers and body of a described HTTP call, with the token in place of `${token}`. */
function buildRequest(call: CustomHttpCall, token: string): { headers: Record<string, string>; body?: string } {
  if (/[\r\n\0]/.test(token)) throw new Error('The token contains line breaks and cannot be sent in a header.');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.headers)) headers[k] = substitute(v, token, 'raw');
  const ct = (call.headers['content-type'] ?? '').toLowerCase();
  const mode = ct.includes('json') ? 'json' : ct.includes('x-www-form-urlencoded') ? 'form' : 'raw';
  return { headers, body: call.body !== undefined ? substitute(call.body, token, mode) : undefined };
}

/** A described HTTP call as a template operation: its own success and invalid statuses. */
function httpCall<K extends 'revoke' | 'check'>(call: CustomHttpCall, ok: (a: Answer, s: Said) => Verdict<K>, gone: (a: Answer, s: Said) => Verdict<K>): HttpOp<K> {
  const on: Record<number, Handler<Verdict<K>>> = {};
  for (const st of call.invalidStatus) on[st] = gone;
  for (const st of call.successStatus) on[st] = ok;
  return { target: () => target(call.url, call.method), request: (token) => buildRequest(call, token), on };
}

type Verdict<K extends 'revoke' | 'check'> = K extends 'revoke' ? RevokeVerdict : CheckVerdict;

function ownerNote(c: CustomIssuer): string {
  const parts = [c.owner?.team, c.owner?.contact].filter(Boolean);
  return parts.length ? ` Owner: ${parts.join(', ')}.` : '';
}

export function customClient(c: CustomIssuer): IssuerClient {
  const r = c.revoke;
  const k = c.check;
  return issuerClient({
    id: c.name,
    displayName: c.name,
    capability: r.type === 'rfc7009' ? 'oauth-rfc7009' : 'custom-http',
    revoke: r.type === 'rfc7009'
      ? rfc7009(() => target(r.endpoint, 'POST'), r.clientId)
      : httpCall<'revoke'>(r,
        (a, s) => ({ state: 'revoked', detail: `${s.name} revoked ${s.redacted} (HTTP ${a.status}).` }),
        (a, s) => ({ state: 'already-revoked', detail: `${s.name} no longer accepts ${s.redacted} (HTTP ${a.status}).` })),
    check: !k ? undefined : k.type === 'rfc7662'
      ? rfc7662(() => target(k.endpoint, 'POST'), k.clientId)
      : httpCall<'check'>(k,
        (_a, s) => ({ state: 'live', detail: `${s.name} accepts ${s.redacted}.` }),
        (_a, s) => ({ state: 'invalid', detail: `${s.name} does not accept ${s.redacted}.` })),
    onFailed: (f) => ({ ...f, detail: f.detail + ownerNote(c) }),
  });
}
