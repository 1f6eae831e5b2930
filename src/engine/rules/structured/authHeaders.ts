// `Authorization:` headers: Bearer tokens, Basic credentials and scheme-prefixed tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: authHeaders.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_CHARS, NOT_WORD, anyCase } from '../parts';

export const authHeadersRules: RuleSpec[] = [
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
    keepUndecodable: true,
    confidence: 'high',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`Authorization: Basic <base64 of user:password>`; decoded and checked for a non-placeholder password. A long random value that does not decode to `user:password` is still what the client sends as its credential: kept at low confidence.',
  },
  // The two header-value rules differ only in the header they read (below); the value, its
  // checks and the finding's properties are shared (headerValueRule).
  headerValueRule({
    id: 'authorization-token-header',
    name: 'Token in an Authorization header',
    // Any scheme but Bearer and Basic (their own rules) and Digest (parameters, not a token):
    // `token`, `Bot`, `SSWS`, `ApiKey`, `Api-Token`, `Splunk`, `GenieKey`…, or no scheme at all
    // (`Authorization: <uuid>`). A UUID or hex value is the credential here, not an id or a hash; a
    // value followed by `(` or `[` is code (`authorization = base64.decodebytes(…)`).
    header:
      String.raw`(?<![A-Za-z0-9-])(?:[Aa]uthorization|AUTHORIZATION)["']?\s{0,3}[:=]\s{0,3}["']?` +
      String.raw`(?:(?!(?:[Bb]earer|BEARER|[Bb]asic|BASIC|[Dd]igest|DIGEST)[ \t])[A-Za-z][A-Za-z0-9_-]{1,30}[ \t]{1,3})?`,
    end: String.raw`(?![${TOKEN_CHARS}=(\[])(?![ \t]{1,3}[A-Za-z0-9])`,
    keywords: ['authorization'],
    description: '`Authorization: <scheme> <token>` for any scheme but Bearer and Basic (`token`, `Bot`, `SSWS`, `ApiKey`, `Api-Token`…), and `Authorization: <token>` with no scheme (a bare UUID or key).',
  }),
  headerValueRule({
    id: 'api-key-header',
    name: 'API key in a request header',
    // A curl / wget / HTTPie header option naming a key or token: `-H "X-Api-Key: <uuid>"`,
    // `--header "Api-Token: …"`, `-H "Token: …"`, `-H "apikey: …"`, `-H "PRIVATE-TOKEN: …"`; not
    // `Idempotency-Key`, `Sec-WebSocket-Key` and other keys that are not credentials.
    header:
      String.raw`(?<![A-Za-z0-9_-])(?:-H|--header)(?:[ \t]{1,3}|=)["']?(?!(?:${anyCase('idempotency|sec-websocket|cache|public|partition|routing|sort|primary|foreign')})-)(?:[A-Za-z0-9]{1,20}-){0,3}(?:${anyCase('api')}-?${anyCase('key')}|${anyCase('apikey')}|(?:${anyCase('api|auth|access|private|session|secret')})?-?${anyCase('token')}|${anyCase('secret')}|${anyCase('key')})` +
      String.raw`[ \t]{0,3}:[ \t]{0,3}`,
    end: String.raw`(?![${TOKEN_CHARS}=])`,
    keywords: ['-h ', '--header'],
    description: 'The value of a key or token header passed on the command line (`curl -H "X-Api-Key: …"`, `--header "Api-Token: …"`), also a UUID or hex key.',
  }),
];

/**
 * A credential as the value of a named request header: the header (`header`, up to the value), a
 * token of at least 12 characters (a UUID or hex value counts: in a header it is the key,
 * not an id or a hash), then `end`. Entropy, confidence and kind are the same for every such header.
 */
function headerValueRule(r: { id: string; name: string; header: string; end: string; keywords: string[]; description: string }): RuleSpec {
  return {
    id: r.id,
    issuer: 'generic',
    name: r.name,
    pattern: r.header + String.raw`(?<secret>${NOT_WORD}[${TOKEN_CHARS}]{12,4096}={0,2})` + r.end,
    secretGroup: 'secret',
    keywords: r.keywords,
    entropy: 3,
    hexOrUuidIsCredential: true,
    confidence: 'medium',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: r.description,
  };
}
