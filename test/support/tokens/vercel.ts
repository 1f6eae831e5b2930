// Fake Vercel tokens, generated at test time (see the rules in src/engine/rules/vendors/vercel.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{vercel:p}}, {{vercel:a}}…: `vc<type>_` + 56 alphanumerics
  vercel: ([kind = 'p']) => 'vc' + kind + '_' + mixed(ALPHABETS.b62, 56),
};
