// Fake Heroku API keys: `HRKU-AA` + 58 base64url (current), `HRKU-<uuid>` (transitional), bare UUID (legacy).

import { ALPHABETS, mixed, rand, type Generators } from './random';

function uuidLike(): string {
  const h = rand(ALPHABETS.hex, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

export const generators: Generators = {
  // {{heroku}}, {{heroku:uuid}}, {{heroku:legacy}}
  heroku: ([kind = 'new']) => {
    if (kind === 'uuid') return 'HR' + 'KU-' + uuidLike();
    if (kind === 'legacy') return uuidLike();
    return 'HR' + 'KU-AA' + mixed(ALPHABETS.b64url, 58);
  },
};
