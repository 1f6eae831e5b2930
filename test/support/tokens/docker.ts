// Fake Docker Hub tokens: `dckr_pat_` / `dckr_oat_` + base64url characters.

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{docker:pat}}, {{docker:oat:32}}
  docker: ([kind = 'pat', len = '27']) => 'dckr' + `_${kind}_` + mixed(ALPHABETS.b64url, Number(len)),
};
