// Fake Twilio credentials: auth tokens, API key secrets, account and API key SIDs.

import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{twilio:auth-token}}, {{twilio:api-secret}}, {{twilio:account-sid}}, {{twilio:api-key-sid}}
  twilio: (args) => {
    const [kind = 'auth-token'] = args;
    switch (kind) {
      case 'auth-token':
        return plausible(ALPHABETS.hex, 32);
      case 'api-secret':
        return plausible(ALPHABETS.b62, 32);
      case 'account-sid':
        return 'A' + 'C' + plausible(ALPHABETS.hex, 32);
      case 'api-key-sid':
        return 'S' + 'K' + plausible(ALPHABETS.hex, 32);
      default:
        throw new Error(`twilio: unknown kind ${kind}`);
    }
  },
};
