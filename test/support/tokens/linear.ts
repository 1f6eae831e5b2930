// Fake Linear tokens: `lin_api_` + 40 alphanumerics; `lin_oauth_` + 64 hex.

import { ALPHABETS, mixed, rand, type Generators } from './random';

export const generators: Generators = {
  // {{linear:api}}, {{linear:oauth}}
  linear: ([kind = 'api']) => (kind === 'oauth' ? 'lin' + '_oauth_' + rand(ALPHABETS.hex, 64) : 'lin' + '_api_' + mixed(ALPHABETS.b62, 40)),
};
