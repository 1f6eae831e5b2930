// Fake HashiCorp Terraform Cloud tokens, generated at test time (see the rules in src/engine/rules/vendors/terraform.ts).

import { ALPHABETS, mixed, type Generators } from './random';

export const generators: Generators = {
  // {{terraform}}: `<14 alphanumerics>.atlasv1.<67 base64url>`
  terraform: () => mixed(ALPHABETS.b62, 14) + '.atlas' + 'v1.' + mixed(ALPHABETS.b64url, 67),
};
