// Fake Render tokens, generated at test time (see the rules in src/engine/rules/vendors/render.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{render}}: `rnd_` + 32 alphanumerics
  render: () => 'rn' + 'd_' + mixed(ALPHABETS.b62, 32),
};
