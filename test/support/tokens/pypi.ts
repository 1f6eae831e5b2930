// Fake PyPI upload tokens: structurally valid v2 macaroons with PyPI's location and caveats.

import { randomBytes } from '../seed';
import { ALPHABETS, plausible, type Generators } from './random';

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

function packet(type: number, data: Buffer | string): Buffer {
  const d = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([varint(type), varint(d.length), d]);
}

const EOS = Buffer.from([0]);

/** A structurally valid v2 macaroon with PyPI's location and caveats (random signature). */
export function pypiMacaroon(opts: { location?: string; caveats?: string[]; truncate?: boolean } = {}): string {
  const hex = (n: number): string => plausible(ALPHABETS.hex, n);
  const id = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const caveats = opts.caveats ?? [`[3,"${id.split('').reverse().join('')}"]`];
  const parts: Buffer[] = [Buffer.from([2]), packet(1, opts.location ?? 'pypi.org'), packet(2, id), EOS];
  for (const c of caveats) parts.push(packet(2, c), EOS);
  parts.push(EOS, packet(6, randomBytes(32)));
  let bytes = Buffer.concat(parts);
  if (opts.truncate) bytes = bytes.subarray(0, bytes.length - 10);
  return 'pypi-' + bytes.toString('base64url');
}

export const generators: Generators = {
  // {{pypi}}, {{pypi:test}}, {{pypi:project:name}}, {{pypi:legacy}}, {{pypi:otherloc:host}}, {{pypi:truncated}}
  pypi: (args) => {
    const [variant = 'user', arg = ''] = args;
    const future = Math.floor(Date.now() / 1000) + 86400 * 90;
    switch (variant) {
      case 'test':
        return pypiMacaroon({ location: 'test.pypi.org' });
      case 'project':
        return pypiMacaroon({ caveats: [`[1,["${arg || 'sampleproj'}"]]`, `[0,${future},${future - 86400 * 180}]`] });
      case 'legacy':
        return pypiMacaroon({ caveats: ['{"permissions": "user", "version": 1}'] });
      case 'otherloc':
        return pypiMacaroon({ location: arg || 'files.internal.invalid' });
      case 'truncated':
        return pypiMacaroon({ truncate: true });
      default:
        return pypiMacaroon();
    }
  },
};
