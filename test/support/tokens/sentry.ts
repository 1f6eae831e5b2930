// Fake Sentry tokens, generated at test time (see the rules in src/engine/rules/vendors/sentry.ts).

import { ALPHABETS, mixed, rand, type Generators } from './random';

export const generators: Generators = {
  // {{sentry:org}}: `sntrys_` + base64 JSON + `_` + 43 base64; {{sentry:user}}: `sntryu_` + 64 hex
  sentry: ([kind = 'user']) =>
    kind === 'org'
      ? 'sntr' + 'ys_' + Buffer.from(JSON.stringify({ iat: 1700000000, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme-' + rand(ALPHABETS.lower, 6) })).toString('base64').replace(/=+$/, '') + '_' + mixed(ALPHABETS.b64.replace(/[+/]/g, ''), 43)
      : 'sntr' + 'yu_' + rand(ALPHABETS.hex, 64),
};
