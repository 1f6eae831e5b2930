// Fake Supabase credentials: `sbp_` + 40 hex (management token), `sb_secret_` / `sb_publishable_`
// + 22 + `_` + 8 (API keys), and legacy project-key JWTs (`service_role`, `anon`).

import { ALPHABETS, base64url, mixed, rand, type Generators } from './random';

/** A Supabase-style project-key JWT (legacy `service_role` or `anon` key). */
export function supabaseServiceRoleJwt(role = 'service_role'): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ iss: 'supabase', ref: rand(ALPHABETS.lower, 20), role, iat: now, exp: now + 10 * 365 * 86400 }));
  return `${header}.${payload}.${rand(ALPHABETS.b64url, 43)}`;
}

export const generators: Generators = {
  // {{supabase:sbp}}, {{supabase:secret}}, {{supabase:publishable}}, {{supabase:service_role}}, {{supabase:anon}}
  supabase: ([kind = 'sbp']) => {
    if (kind === 'secret') return 'sb' + '_secret_' + mixed(ALPHABETS.b62, 22) + '_' + rand(ALPHABETS.b62, 8);
    if (kind === 'publishable') return 'sb' + '_publishable_' + mixed(ALPHABETS.b62, 22) + '_' + rand(ALPHABETS.b62, 8);
    if (kind === 'service_role') return supabaseServiceRoleJwt();
    if (kind === 'anon') return supabaseServiceRoleJwt('anon');
    return 'sb' + 'p_' + rand(ALPHABETS.hex, 40);
  },
};
