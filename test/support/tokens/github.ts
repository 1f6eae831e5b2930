// Fake GitHub tokens: `ghp_/gho_/ghu_/ghs_/ghr_` with a valid (or broken) CRC32 checksum, and
// fine-grained `github_pat_` tokens.

import { base62Crc32 } from '../../../src/engine/validators';
import { ALPHABETS, breakBase62Checksum, rand, type Generators } from './random';

/** GitHub `ghp_/gho_/ghu_/ghs_/ghr_`: 30 base62 chars + base62(CRC32 of them), 6 chars. */
export function githubToken(kind: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr' = 'ghp', opts: { badChecksum?: boolean } = {}): string {
  const body = rand(ALPHABETS.b62, 30);
  const token = `${kind}_${body}${base62Crc32(body)}`;
  return opts.badChecksum ? breakBase62Checksum(token) : token;
}

/** GitHub fine-grained PAT: `github_pat_` + 22 + `_` + 59 base62 chars. */
export function githubFineGrained(): string {
  return 'github' + '_pat_' + rand(ALPHABETS.b62, 22) + '_' + rand(ALPHABETS.b62, 59);
}

export const generators: Generators = {
  // {{github:ghp}}, {{github:gho:badcrc}}, {{github:pat}}
  github: ([kind, flag]) => {
    if (kind === 'pat') return githubFineGrained();
    return githubToken((kind ?? 'ghp') as 'ghp', { badChecksum: flag === 'badcrc' });
  },
};
