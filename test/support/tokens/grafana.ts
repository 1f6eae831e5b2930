// Fake Grafana tokens, generated at test time (see the rules in src/engine/rules/vendors/grafana.ts).

import { ALPHABETS, mixed, rand, type Generators } from './random';

export const generators: Generators = {
  // {{grafana:sa}}: `glsa_<32 alphanumerics>_<8 hex>`; {{grafana:cloud}}: `glc_` + base64 of a JSON
  grafana: ([kind = 'sa']) =>
    kind === 'cloud'
      ? 'gl' + 'c_' + Buffer.from(JSON.stringify({ o: rand(ALPHABETS.digits, 6), n: 'stack-' + rand(ALPHABETS.digits, 6) + '-hm-read', k: mixed(ALPHABETS.b62, 24), m: { r: 'prod-us-east-0' } })).toString('base64')
      : 'gl' + 'sa_' + mixed(ALPHABETS.b62, 32) + '_' + rand(ALPHABETS.hex, 8),
};
