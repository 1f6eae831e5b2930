// Fake RubyGems tokens, generated at test time (see the rules in src/engine/rules/vendors/rubygems.ts).

import { ALPHABETS, rand, type Generators } from './random';

export const generators: Generators = {
  // {{rubygems}}: `rubygems_` + 48 hex
  rubygems: () => 'rubygems' + '_' + rand(ALPHABETS.hex, 48),
};
