// Fake Microsoft Azure credentials: storage and Service Bus keys, SAS signatures, client secrets.

import { randomBytes, randomInt } from '../seed';
import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{azure:storage-key}}, {{azure:sb-key}}, {{azure:sas-sig}}, {{azure:client-secret}}
  azure: (args) => {
    const [kind = 'storage-key'] = args;
    switch (kind) {
      case 'storage-key':
        return plausible(ALPHABETS.b64, 86) + '==';
      case 'sb-key':
        return plausible(ALPHABETS.b64, 43) + '=';
      case 'sas-sig':
        return encodeURIComponent(randomBytes(32).toString('base64'));
      case 'client-secret':
        return `${plausible(ALPHABETS.b62, 3)}${randomInt(10)}Q~${plausible(ALPHABETS.b62 + '_~.-', 34).replace(/[-.]$/, 'a')}`;
      default:
        throw new Error(`azure: unknown kind ${kind}`);
    }
  },
};
