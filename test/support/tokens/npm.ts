// Fake npm `npm_` tokens: 30 base62 + a 6-character base62 CRC32 (same scheme as GitHub).

import { base62Crc32 } from '../../../src/engine/validators';
import { ALPHABETS, breakBase62Checksum, rand, type Generators } from './random';

export function npmToken(opts: { badChecksum?: boolean } = {}): string {
  const body = rand(ALPHABETS.b62, 30);
  const token = 'np' + 'm_' + body + base62Crc32(body);
  return opts.badChecksum ? breakBase62Checksum(token) : token;
}

export const generators: Generators = {
  // {{npm}}, {{npm:badcrc}}
  npm: ([flag]) => npmToken({ badChecksum: flag === 'badcrc' }),
};
