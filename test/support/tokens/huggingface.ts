// Fake Hugging Face tokens: user access tokens (`hf_`) and organization tokens (`api_org_`).

import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{hf}}, {{hf:org}}
  hf: (args) => {
    const [kind = 'user'] = args;
    return (kind === 'org' ? 'api' + '_org_' : 'h' + 'f_') + plausible(ALPHABETS.alpha, 34);
  },
};
