// Fake private keys: PEM (RSA, EC, DSA, PKCS#8, encrypted, OpenSSH, PGP), public keys and
// certificates for near misses, and PuTTY `.ppk` files. A realistic DER-ish prefix (so the body
// starts the way real keys do, e.g. `MIIEpAIBAAKCAQEA`) followed by random bytes of a realistic length.

import { randomBytes } from '../seed';
import { ALPHABETS, rand, wrap, type Generators } from './random';

type PemKind = 'rsa' | 'ec' | 'dsa' | 'openssh' | 'pkcs8' | 'encrypted' | 'pgp' | 'public' | 'cert' | 'rsa-public';

const PEM_SHAPES: Record<PemKind, { label: string; prefix: number[] | string; bytes: number; headers?: string[] }> = {
  rsa: { label: 'RSA PRIVATE KEY', prefix: [0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00], bytes: 1192 },
  ec: { label: 'EC PRIVATE KEY', prefix: [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20], bytes: 121 },
  dsa: { label: 'DSA PRIVATE KEY', prefix: [0x30, 0x82, 0x01, 0xbb, 0x02, 0x01, 0x00, 0x02, 0x81, 0x81, 0x00], bytes: 447 },
  openssh: { label: 'OPENSSH PRIVATE KEY', prefix: 'openssh-key-v1\u0000\u0000\u0000\u0000\u0004none\u0000\u0000\u0000\u0004none', bytes: 399 },
  pkcs8: {
    label: 'PRIVATE KEY',
    prefix: [0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x04, 0x82, 0x04, 0xa8],
    bytes: 1218,
  },
  encrypted: { label: 'ENCRYPTED PRIVATE KEY', prefix: [0x30, 0x82, 0x05, 0x0c, 0x30, 0x3e, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d], bytes: 1296 },
  pgp: { label: 'PGP PRIVATE KEY BLOCK', prefix: [0x95, 0x03, 0xc6, 0x04], bytes: 966, headers: ['Comment: fixture key <dev@fixture.test>', ''] },
  public: { label: 'PUBLIC KEY', prefix: [0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01], bytes: 294 },
  'rsa-public': { label: 'RSA PUBLIC KEY', prefix: [0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00], bytes: 270 },
  cert: { label: 'CERTIFICATE', prefix: [0x30, 0x82, 0x03, 0x5d, 0x30, 0x82, 0x02, 0x45, 0xa0, 0x03, 0x02, 0x01, 0x02], bytes: 865 },
};

/** A PEM block of the given kind; `json` joins the lines with a literal `\n` (service-account JSON style). */
export function pem(kind: PemKind = 'rsa', opts: { json?: boolean } = {}): string {
  const shape = PEM_SHAPES[kind];
  const head = typeof shape.prefix === 'string' ? Buffer.from(shape.prefix, 'latin1') : Buffer.from(shape.prefix);
  const der = Buffer.concat([head, randomBytes(Math.max(0, shape.bytes - head.length))]);
  const body = der.toString('base64');
  const lines = [`-----BEGIN ${shape.label}-----`, ...(shape.headers ?? []), ...wrap(body, kind === 'openssh' ? 70 : 64)];
  if (kind === 'pgp') lines.push('=' + Buffer.from(randomBytes(3)).toString('base64'));
  lines.push(`-----END ${shape.label}-----`);
  return opts.json ? lines.join('\\n') + '\\n' : lines.join('\n') + '\n';
}

/** A PuTTY `.ppk` (version 3) private key file with an unencrypted random key. */
export function puttyKey(): string {
  const pub = Buffer.concat([Buffer.from('\u0000\u0000\u0000\u000bssh-ed25519\u0000\u0000\u0000 ', 'latin1'), randomBytes(32)]).toString('base64');
  const priv = Buffer.concat([Buffer.from('\u0000\u0000\u0000 ', 'latin1'), randomBytes(32)]).toString('base64');
  return [
    'PuTTY-User-Key-File-3: ssh-ed25519',
    'Encryption: none',
    'Comment: eddsa-key-fixture',
    'Public-Lines: 2',
    ...wrap(pub, 64),
    'Private-Lines: 1',
    priv,
    'Private-MAC: ' + rand(ALPHABETS.hex, 64),
    '',
  ].join('\n');
}

export const generators: Generators = {
  // {{pem:rsa}}, {{pem:pkcs8:json}} …
  pem: ([kind = 'rsa', mode]) => pem(kind as PemKind, { json: mode === 'json' }),
  // base64 of a PEM block (kubeconfig client-key-data, Kubernetes tls.key).
  'pem-b64': ([kind = 'rsa']) => Buffer.from(pem(kind as PemKind)).toString('base64'),
  ppk: () => puttyKey(),
};
