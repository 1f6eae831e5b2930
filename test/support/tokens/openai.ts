// Fake OpenAI keys: project, service-account and admin keys, and the legacy user key.

import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{openai:proj}}, {{openai:svcacct}}, {{openai:admin}}, {{openai:legacy}}
  openai: (args) => {
    const [kind = 'proj'] = args;
    const marker = 'T3Blbk' + 'FJ';
    if (kind === 'legacy') return 's' + 'k-' + plausible(ALPHABETS.b62, 20) + marker + plausible(ALPHABETS.b62, 20);
    return `s${'k'}-${kind}-` + plausible(ALPHABETS.b64url, 74) + marker + plausible(ALPHABETS.b64url, 74);
  },
};
