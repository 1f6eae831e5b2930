// Fake Postman API keys: `PMAK-<24 hex>-<34 hex>`.

import { ALPHABETS, rand, type Generators } from './random';

export const generators: Generators = {
  // {{postman}}, {{postman:20}}
  postman: ([len = '34']) => 'PM' + 'AK-' + rand(ALPHABETS.hex, 24) + '-' + rand(ALPHABETS.hex, Number(len)),
};
