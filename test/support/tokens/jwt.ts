// Fake JWTs with chosen claims (HS256 header, random signature).

import { ALPHABETS, base64url, rand, type Generators } from './random';

/** A JWT with the given claims (HS256, random signature). */
export function jwt(claims: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: 'https://login.example-issuer.test', sub: 'user-' + rand(ALPHABETS.digits, 6), iat: now, exp: now + 3600, ...claims };
  return base64url(JSON.stringify(header)) + '.' + base64url(JSON.stringify(payload)) + '.' + rand(ALPHABETS.b64url, 43);
}

export const generators: Generators = {
  // {{jwt:iss=https://x,aud=api,exp=0}}: claims from `k=v` pairs; numbers stay numbers.
  jwt: ([spec]) => {
    const claims: Record<string, unknown> = {};
    for (const kv of (spec ?? '').split(',').filter(Boolean)) {
      const eq = kv.indexOf('=');
      const k = kv.slice(0, eq);
      const v = kv.slice(eq + 1);
      claims[k] = /^-?\d+$/.test(v) ? Number(v) : v;
    }
    return jwt(claims);
  },
  // {{jwt-b64}}: a JWT wrapped in base64 (`ZXlK…`).
  'jwt-b64': () => Buffer.from(jwt()).toString('base64'),
};
