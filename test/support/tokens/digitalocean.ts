// Fake DigitalOcean tokens: `do[por]_v1_` + 64 hex.

import { ALPHABETS, rand, type Generators } from './random';

export const generators: Generators = {
  // {{digitalocean:dop}}, {{digitalocean:doo}}, {{digitalocean:dor:40}}
  digitalocean: ([kind = 'dop', len = '64']) => kind + '_v1_' + rand(ALPHABETS.hex, Number(len)),
};
