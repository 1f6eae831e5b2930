// Fake AWS credentials: access key ids that encode an account, secret keys and session tokens.

import { randomInt } from '../seed';
import { ALPHABETS, plausible, type Generators } from './random';

/** An AWS access key id whose characters 5-12 encode `account` (inverse of the documented decode). */
export function awsKeyId(prefix: string, account: string): string {
  // 48 bits: top bit set (current scheme), account in bits 7..46, 7 random low bits.
  const value = (1n << 47n) | (BigInt(account) << 7n) | BigInt(randomInt(128));
  // 10 base32 chars = 50 bits: the 48 bits then 2 random bits.
  let v = (value << 2n) | BigInt(randomInt(4));
  let chunk = '';
  for (let i = 0; i < 10; i++) {
    chunk = ALPHABETS.b32[Number(v & 31n)] + chunk;
    v >>= 5n;
  }
  return prefix + chunk + plausible(ALPHABETS.b32, 6);
}

export const generators: Generators = {
  // {{aws-key-id}}, {{aws-key-id:ASIA:123456789012}}
  'aws-key-id': (args) => {
    const [prefix = 'AKIA', account = String(randomInt(100000, 999999)) + String(randomInt(100000, 999999))] = args;
    return awsKeyId(prefix, account);
  },
  // {{aws:secret}}, {{aws:session}}, {{aws:doc-id}}, {{aws:doc-secret}}
  aws: (args) => {
    const [what = 'secret'] = args;
    switch (what) {
      case 'secret':
        return plausible(ALPHABETS.b64, 40);
      case 'session':
        return 'IQoJb3JpZ2luX2Vj' + plausible(ALPHABETS.b64, 300);
      // AWS's documentation example pair (IAM user guide), assembled from parts.
      case 'doc-id':
        return 'AKIA' + 'IOSFODNN7' + 'EXAMPLE';
      case 'doc-secret':
        return 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCY' + 'EXAMPLEKEY';
      default:
        throw new Error(`aws: unknown variant ${what}`);
    }
  },
};
