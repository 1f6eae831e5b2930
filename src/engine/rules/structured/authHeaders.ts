// `Authorization:` headers: Bearer tokens, Basic credentials and scheme-prefixed tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: authHeaders.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_CHARS, NOT_WORD } from '../parts';

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
    confidence: 'high',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`Authorization: Basic <base64 of user:password>`; decoded and checked for a non-placeholder password.',
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
  },
];
