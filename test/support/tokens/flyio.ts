// Fake Fly.io tokens, generated at test time (see the rules in src/engine/rules/vendors/flyio.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{flyio:access}}: `fo1_` + 43 base64url; {{flyio:macaroon}}: `fm2_` + a base64 macaroon
  flyio: ([kind = 'access']) => (kind === 'macaroon' ? 'fm' + '2_lJPE' + mixed(ALPHABETS.b64, 180) : 'fo' + '1_' + mixed(ALPHABETS.b64url, 43)),
};
