// Fake Buildkite tokens, generated at test time (see the rules in src/engine/rules/vendors/buildkite.ts).

import { ALPHABETS, rand, type Generators } from './random';

export const generators: Generators = {
  // {{buildkite}}: `bkua_` + 40 hex
  buildkite: () => 'bk' + 'ua_' + rand(ALPHABETS.hex, 40),
};
