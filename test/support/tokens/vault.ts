// Fake HashiCorp Vault tokens: `hvs.` service (~95 chars), `hvb.` batch (~140), `hvr.` recovery,
// legacy `s.` + 24.

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{vault:hvs}}, {{vault:hvb}}, {{vault:hvr}}, {{vault:hvs-short}}, {{vault:legacy}}
  vault: ([kind = 'hvs']) => {
    if (kind === 'legacy') return 's.' + mixed(ALPHABETS.b62, 24);
    if (kind === 'hvb') return 'hv' + 'b.AAAAAQ' + mixed(ALPHABETS.b64url, 132);
    if (kind === 'hvr') return 'hv' + 'r.' + mixed(ALPHABETS.b64url, 24);
    if (kind === 'hvs-short') return 'hv' + 's.' + mixed(ALPHABETS.b62, 24);
    return 'hv' + 's.CAESI' + mixed(ALPHABETS.b64url, 86);
  },
};
