// Fake Tailscale tokens, generated at test time (see the rules in src/engine/rules/vendors/tailscale.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{tailscale:api}}, {{tailscale:auth}}, {{tailscale:client}}: `tskey-<type>-<id>CNTRL-<secret>`
  tailscale: ([kind = 'api']) => 'ts' + 'key-' + kind + '-' + mixed(ALPHABETS.b62, 12) + 'CNTRL-' + mixed(ALPHABETS.b62, 32),
};
