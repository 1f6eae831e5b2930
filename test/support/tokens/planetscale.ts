// Fake PlanetScale tokens, generated at test time (see the rules in src/engine/rules/vendors/planetscale.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{planetscale:tkn}}, {{planetscale:oauth}}, {{planetscale:pw}}
  planetscale: ([kind = 'tkn']) => 'pscale' + '_' + kind + '_' + mixed(ALPHABETS.b62, 43),
};
