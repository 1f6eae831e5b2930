// Fake Doppler tokens: `dp.<type>.<40-44 alphanumerics>`; service tokens may carry an environment slug.

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{doppler:pt}}, {{doppler:st}}, {{doppler:st-env}}, {{doppler:ct:40}}…
  doppler: ([kind = 'pt', len = '43']) => {
    const slug = kind === 'st-env' ? 'st.prd.' : `${kind}.`;
    return 'dp' + '.' + slug + mixed(ALPHABETS.b62, Number(len));
  },
};
