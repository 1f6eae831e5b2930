// Fake Atlassian tokens: `ATATT3xFfGF0` / `ATCTT3xFfGN0` header, 171-character body, `=`, CRC32 (8 upper hex).

import { crc32 } from '../../../src/engine/validators';
import { ALPHABETS, mixed, type Generators } from './random';

export function atlassianToken(kind: 'api' | 'container' = 'api', badCrc = false): string {
  const head = kind === 'api' ? 'ATA' + 'TT3xFfGF0' : 'ATC' + 'TT3xFfGN0';
  const body = head + mixed(ALPHABETS.b64url.replace(/[-_]/g, '') + '-_', 171) + '=';
  let crc = crc32(body);
  if (badCrc) crc = (crc ^ 0x1) >>> 0;
  return body + crc.toString(16).toUpperCase().padStart(8, '0');
}

export const generators: Generators = {
  // {{atlassian:api}}, {{atlassian:container}}, {{atlassian:api:badcrc}}
  atlassian: ([kind = 'api', flag]) => atlassianToken(kind === 'container' ? 'container' : 'api', flag === 'badcrc'),
};
