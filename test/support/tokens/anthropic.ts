// Fake Anthropic keys: `sk-ant-api03-…AA` and admin keys.

import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{anthropic:api03}}, {{anthropic:admin01}}
  anthropic: (args) => {
    const [kind = 'api03'] = args;
    return `sk-${'ant'}-${kind}-` + plausible(ALPHABETS.b64url, 93) + 'AA';
  },
};
