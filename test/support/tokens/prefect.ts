// Fake Prefect tokens, generated at test time (see the rules in src/engine/rules/vendors/prefect.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{prefect}}: `pnu_` + 36 alphanumerics
  prefect: () => 'pn' + 'u_' + mixed(ALPHABETS.b62, 36),
};
