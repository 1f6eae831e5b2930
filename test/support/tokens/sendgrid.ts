// Fake SendGrid API keys: `SG.` + 22 + `.` + 43 base64url characters.

import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{sendgrid}}
  sendgrid: () => 'S' + 'G.' + plausible(ALPHABETS.b64url, 22) + '.' + plausible(ALPHABETS.b64url, 43),
};
