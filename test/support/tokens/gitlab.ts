// Fake GitLab tokens: routable tokens (owner payload + base36 CRC32) and the legacy fixed-length forms.

import { randomBytes, randomInt } from '../seed';
import { base36Crc32 } from '../../../src/engine/validators';
import { ALPHABETS, corrupt, digits, plausible, type Generators } from './random';

/**
 * A routable GitLab token: `<prefix><b64url payload>.<version>.<len><crc>`. The routing payload
 * holds `o:` (organization), optional `u:` user id and the cell, 16 random bytes and their count.
 */
export function gitlabRoutable(prefix: string, opts: { userId?: number; org?: number; versioned?: boolean; badCrc?: boolean; badLength?: boolean } = {}): string {
  const routing: string[] = ['c:1', `o:${(opts.org ?? 1).toString(36)}`];
  if (opts.userId !== undefined) routing.push(`u:${opts.userId.toString(36)}`);
  const payload = Buffer.concat([Buffer.from(routing.sort().join('\n'), 'latin1'), randomBytes(16), Buffer.from([16])]).toString('base64url');
  const len = (opts.badLength ? payload.length + 1 : payload.length).toString(36).padStart(2, '0');
  const body = `${prefix}${payload}.${opts.versioned === false ? '' : '01.'}${len}`;
  const token = body + base36Crc32(body);
  return opts.badCrc ? corrupt(token, ALPHABETS.alnum_lower) : token;
}

export const generators: Generators = {
  // {{gitlab:glpat:routable}}, {{gitlab:glpat:routable:badcrc}}, {{gitlab:gldt:legacy}}, {{gitlab:glcbt:cbt}}…
  gitlab: (args) => {
    const [kind = 'glpat', variant = 'routable', flag = ''] = args;
    const prefix = kind === 'GR1348941' ? kind : `${kind}-`;
    switch (variant) {
      case 'legacy':
        return prefix + plausible(ALPHABETS.b64url, 20);
      case 'short':
        return prefix + plausible(ALPHABETS.b64url, 15);
      case 'hex40':
        return prefix + plausible(ALPHABETS.hex, 40);
      case 'n':
        return prefix + plausible(ALPHABETS.b64url, Number(flag) || 20);
      case 'cbt':
        return `${prefix}${digits(2, 3)}_${plausible(ALPHABETS.b64url, 20)}`;
      case 'runner':
        return `${prefix}t${randomInt(1, 4)}_${plausible(ALPHABETS.b64url, 20)}`;
      default:
        return gitlabRoutable(prefix, {
          userId: randomInt(1, 5_000_000),
          versioned: flag !== 'unversioned',
          badCrc: flag === 'badcrc',
          badLength: flag === 'badlen',
        });
    }
  },
};
