// Fake Stripe keys: `sk_live_`, `rk_live_`, `sk_test_` and webhook signing secrets.

import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{stripe:sk_live}}, {{stripe:rk_live}}, {{stripe:whsec}}
  stripe: (args) => {
    const [kind = 'sk_live'] = args;
    if (kind === 'whsec') return 'wh' + 'sec_' + plausible(ALPHABETS.b62, 32);
    return `${kind}_` + plausible(ALPHABETS.b62, 99);
  },
};
