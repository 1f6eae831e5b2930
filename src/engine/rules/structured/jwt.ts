// JWTs (decoded offline to `iss`, `aud`, `exp`; also wrapped in base64) and OAuth refresh tokens assigned to a refresh-token name.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: jwt.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { ASSIGN_OPERATOR, TOKEN_CHARS, NOT_WORD, AFTER_ANSI_COLOUR } from '../parts';

export const jwtRules: RuleSpec[] = [
  {
    id: 'jwt',
    issuer: 'oauth',
    name: 'JSON Web Token',
    pattern: String.raw`(?:(?<![A-Za-z0-9_-])|${AFTER_ANSI_COLOUR})eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{4,16384}\.[A-Za-z0-9_-]{0,2048}(?![A-Za-z0-9_-]|\.[A-Za-z0-9_-])`,
    keywords: ['eyj'],
    validator: 'jwt',
    prefix: 'eyJ',
    confidence: 'medium',
    severity: 'high',
    kind: 'oauth-access-token',
    revocation: 'oauth-rfc7009',
    description: 'Three base64url parts `header.payload.signature` whose header and payload decode to JSON (OAuth access / ID tokens, API keys issued as JWTs).',
  },
  {
    id: 'jwt-base64',
    issuer: 'oauth',
    name: 'Base64-encoded JSON Web Token',
    // base64("eyJ") = "ZXlK": a JWT wrapped once more in base64 (Helm values, Kubernetes data, CI variables).
    pattern: String.raw`(?<![A-Za-z0-9+/])ZXlK[A-Za-z0-9+/]{60,16384}={0,2}(?![A-Za-z0-9+/=])`,
    keywords: ['zxlk'],
    decode: 'base64',
    validator: 'jwt',
    confidence: 'medium',
    severity: 'high',
    kind: 'oauth-access-token',
    revocation: 'oauth-rfc7009',
    description: 'A JWT encoded in base64 (`ZXlK…`): decoded and reported as the JWT it holds, at the encoded range.',
  },
  {
    id: 'oauth-refresh-token',
    issuer: 'oauth',
    name: 'OAuth refresh token',
    pattern: String.raw`(?<![A-Za-z0-9])(?:[Rr]efresh[_-]?[Tt]oken|REFRESH[_-]?TOKEN)${ASSIGN_OPERATOR}["']?(?<secret>${NOT_WORD}[${TOKEN_CHARS}]{20,2048}={0,2})(?![${TOKEN_CHARS}=])`,
    secretGroup: 'secret',
    keywords: ['refresh_token', 'refreshtoken', 'refresh-token'],
    entropy: 3.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'oauth-refresh-token',
    revocation: 'manual',
    description: 'A value assigned to `refresh_token` / `refreshToken` (long-lived: mints new access tokens until revoked).',
  },
];
