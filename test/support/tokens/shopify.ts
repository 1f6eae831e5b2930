// Fake Shopify tokens: `shp{at,ca,pa,ss}_` + 32 hex.

import { ALPHABETS, rand, type Generators } from './random';

export const generators: Generators = {
  // {{shopify:shpat}}, {{shopify:shpss:16}}…
  shopify: ([kind = 'shpat', len = '32']) => kind + '_' + rand(ALPHABETS.hex, Number(len)),
};
