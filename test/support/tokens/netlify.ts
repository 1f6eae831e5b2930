// Fake Netlify tokens, generated at test time (see the rules in src/engine/rules/vendors/netlify.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{netlify}}: `nfp_` + 36 alphanumerics
  netlify: () => 'nf' + 'p_' + mixed(ALPHABETS.b62, 36),
};
