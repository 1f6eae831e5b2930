// Fake Cloudflare credentials: `cfut_` / `cfat_` / `cfk_` + 40 alphanumerics + 8 hex checksum;
// legacy 40-character API tokens, 37-hex global API keys, Origin CA keys.

import { ALPHABETS, mixed, rand, type Generators } from './random';

export const generators: Generators = {
  // {{cloudflare:user}}, {{cloudflare:account}}, {{cloudflare:global}}, {{cloudflare:legacy-token}}, {{cloudflare:legacy-global}}, {{cloudflare:origin-ca}}
  cloudflare: ([kind = 'user']) => {
    const scannable: Record<string, string> = { user: 'cfut_', account: 'cfat_', global: 'cfk_' };
    const p = scannable[kind];
    if (p) return p + mixed(ALPHABETS.b62, 40) + rand(ALPHABETS.hex, 8);
    if (kind === 'legacy-token') return mixed(ALPHABETS.b62 + '-_', 40);
    if (kind === 'legacy-global') return rand(ALPHABETS.hex, 37);
    return 'v1' + '.0-' + rand(ALPHABETS.hex, 24) + '-' + rand(ALPHABETS.hex, 146);
  },
};
