// Private keys: PEM, OpenSSH, PGP and PuTTY `.ppk` key files.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: privateKeys.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';

export const privateKeysRules: RuleSpec[] = [
  {
    id: 'private-key',
    issuer: 'generic',
    name: 'Private key (PEM / OpenSSH / PGP)',
    pattern: String.raw`-----BEGIN (?<kind>[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?)-----(?:[^-]|-(?!----)){32,16384}?-----END \k<kind>-----`,
    keywords: ['private key'],
    window: { before: 48, after: 16600 },
    entropy: 4.5,
    prefix: '-----BEGIN',
    skipPlaceholderFilter: true,
    confidence: 'high',
    severity: 'critical',
    kind: 'private-key',
    revocation: 'manual',
    description: 'A `-----BEGIN … PRIVATE KEY-----` block (RSA, EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH, PGP), also inside JSON with `\\n` escapes.',
  },
  {
    id: 'putty-private-key',
    issuer: 'generic',
    name: 'PuTTY private key (.ppk)',
    pattern: String.raw`PuTTY-User-Key-File-[23]: [A-Za-z0-9@.-]{3,64}\r?\n(?:[^P]|P(?!uTTY-User)){1,4096}?Private-Lines: [0-9]{1,3}\r?\n[A-Za-z0-9+/=\r\n]{16,8192}?Private-MAC: [0-9a-fA-F]{40,64}`,
    keywords: ['putty-user-key-file-'],
    window: { before: 0, after: 16384 },
    entropy: 4.5,
    prefix: 'PuTTY-User-Key-File-',
    skipPlaceholderFilter: true,
    confidence: 'high',
    severity: 'critical',
    kind: 'private-key',
    revocation: 'manual',
    description: 'A PuTTY `.ppk` key file (`PuTTY-User-Key-File-2/3:` … `Private-Lines:` … `Private-MAC:`).',
  },
];
