// Fake Pulumi tokens, generated at test time (see the rules in src/engine/rules/vendors/pulumi.ts).

import { ALPHABETS, rand, type Generators } from './random';

export const generators: Generators = {
  // {{pulumi}}: `pul-` + 40 hex
  pulumi: () => 'pu' + 'l-' + rand(ALPHABETS.hex, 40),
};
