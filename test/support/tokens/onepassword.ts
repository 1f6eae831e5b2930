// Fake 1Password tokens, generated at test time (see the rules in src/engine/rules/vendors/onepassword.ts).

import { ALPHABETS, mixed, rand, type Generators } from './random';

export const generators: Generators = {
  // {{onepassword}}: `ops_` + base64 of a JSON (sign-in address, user, secret key material)
  onepassword: () =>
    'op' + 's_' + Buffer.from(JSON.stringify({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: mixed(ALPHABETS.b64url, 22) }, email: rand(ALPHABETS.lower, 12) + '@1passwordserviceaccounts.com', srpX: rand(ALPHABETS.hex, 64), muk: { alg: 'A256GCM', ext: true, k: mixed(ALPHABETS.b64url, 43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: 'A3-' + rand(ALPHABETS.upper_num, 6), deviceUuid: rand(ALPHABETS.alnum_lower, 26) })).toString('base64'),
};
