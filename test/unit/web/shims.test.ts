// The shared bundle's replacements for node:crypto, node:net and node:zlib (src/web/): Node's own
// functions under Node, pure JavaScript in a web worker (compared here with Node's); and the engine's
// Buffer-free byte helpers, against Node's own modules.
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import * as nodeNet from 'node:net';
import { describe, it } from 'node:test';
import { base64Bytes, latin1Text, utf8Bytes, utf8Text } from '../../../src/engine/bytes';
import { crc32, tableCrc32 } from '../../../src/engine/validators';
import * as webNet from '../../../src/web/nodeNet';
import * as webZlib from '../../../src/web/nodeZlib';
import { randomBytes, randomInt } from '../../support/seed';

const webCrypto = () => import('../../../src/web/nodeCrypto.mjs');

function randomText(n: number): string {
  const pool = ['a', 'Z', '0', ' ', '\n', 'é', '€', '😀', '\u0000', '\uFEFF', '/', '+', '='];
  let s = '';
  for (let i = 0; i < n; i++) s += pool[randomInt(pool.length)];
  return s;
}

describe('shared bundle: node replacements use Node\'s own modules under Node', () => {
  it('createHash, createHmac and isIP are Node\'s functions when process.getBuiltinModule exists, and crc32 calls Node\'s (loaded at its first call)', async () => {
    const web = await webCrypto();
    assert.equal(web.createHash, nodeCrypto.createHash);
    assert.equal(web.createHmac, nodeCrypto.createHmac);
    assert.equal(webNet.isIP, nodeNet.isIP);
    const zlib = (await import('node:zlib')) as unknown as { crc32: (data: Uint8Array | string) => number };
    assert.equal(typeof webZlib.crc32, 'function');
    for (const data of ['', 'ghp_', new Uint8Array(randomBytes(37))]) assert.equal(webZlib.crc32!(data), zlib.crc32(data));
  });

  it('exports Node\'s one-shot crypto.hash, so fingerprints in the shared bundle skip a Hash object per call', async () => {
    const web = await webCrypto();
    const native = (nodeCrypto as unknown as { hash?: unknown }).hash;
    assert.equal(typeof native, 'function', 'Node >= 20.12 has crypto.hash');
    assert.equal(web.hash, native);
  });
});

describe('browser build: node:crypto replacement (src/web/nodeCrypto.mts)', () => {
  it('createHash("sha256") gives the digests of node:crypto, in parts, as bytes and as hex', async () => {
    const { jsCreateHash: createHash } = await webCrypto();
    for (let n = 0; n < 300; n += 7) {
      const a = randomText(n);
      const b = new Uint8Array(randomBytes(n));
      const want = nodeCrypto.createHash('sha256').update(a, 'utf8').update(b).digest();
      assert.deepEqual(createHash('sha256').update(a, 'utf8').update(b).digest(), new Uint8Array(want));
      assert.equal(createHash('SHA256').update(a).update(b).digest('hex'), want.toString('hex'));
    }
  });

  it('createHmac("sha256", key) gives the MACs of node:crypto, for short and long keys', async () => {
    const { jsCreateHmac: createHmac } = await webCrypto();
    for (const keyLength of [0, 1, 32, 64, 65, 200]) {
      const key = randomBytes(keyLength).toString('hex');
      const msg = randomText(100);
      const want = nodeCrypto.createHmac('sha256', key).update(msg).digest('hex');
      assert.equal(createHmac('sha256', key).update(msg).digest('hex'), want);
      assert.equal(createHmac('sha256', new Uint8Array(Buffer.from(key))).update(msg).digest('hex'), want);
    }
  });

  it('refuses what it does not implement instead of hashing differently', async () => {
    const { jsCreateHash: createHash } = await webCrypto();
    assert.throws(() => createHash('sha1'), /only sha256/);
    assert.throws(() => createHash('sha256').update('x', 'base64'), /encoding base64/);
    const h = createHash('sha256');
    h.digest();
    assert.throws(() => h.digest(), /already/);
  });
});

describe('browser build: node:net replacement (src/web/nodeNet.ts)', () => {
  it('isIP agrees with node:net on addresses, near-misses and host names', () => {
    const samples = [
      '127.0.0.1', '0.0.0.0', '255.255.255.255', '256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '127.1', ' 127.0.0.1',
      '::1', '::', '0:0:0:0:0:0:0:1', 'fe80::1%eth0', '::ffff:127.0.0.1', '2001:db8::8a2e:370:7334', '2001:db8:::1',
      '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '[::1]', 'localhost', 'example.com', '', 'g::1', '1::2::3', '::ffff:1.2.3',
    ];
    for (let i = 0; i < 200; i++) {
      const b = randomBytes(16);
      samples.push([...b.subarray(0, 4)].join('.'));
      const groups = Array.from({ length: 8 }, (_, k) => b.readUInt16BE(k * 2).toString(16));
      samples.push(groups.join(':'), groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::'));
    }
    for (const s of samples) assert.equal(webNet.jsIsIP(s), nodeNet.isIP(s), JSON.stringify(s));
  });
});

describe('browser build: node:zlib replacement (src/web/nodeZlib.ts)', () => {
  it('has no crc32 in a web worker, so the engine uses its table CRC-32 there, which equals zlib’s', () => {
    for (let n = 0; n < 200; n += 13) {
      const bytes = new Uint8Array(randomBytes(n));
      assert.equal(tableCrc32(bytes), crc32(bytes));
    }
  });

  it('in Node, crc32 is zlib’s, loaded at its first call (bytes and strings)', () => {
    assert.equal(typeof webZlib.crc32, 'function');
    for (let n = 0; n < 200; n += 13) {
      const bytes = new Uint8Array(randomBytes(n));
      assert.equal(webZlib.crc32!(bytes), crc32(bytes));
      const text = randomBytes(n).toString('base64');
      assert.equal(webZlib.crc32!(text), crc32(text));
    }
  });
});

describe('engine bytes without Buffer (src/engine/bytes.ts)', () => {
  it('base64Bytes decodes standard and URL-safe base64, padded or not, as Buffer does', () => {
    for (let n = 0; n < 100; n++) {
      const bytes = randomBytes(n);
      const std = bytes.toString('base64');
      const url = bytes.toString('base64url');
      assert.deepEqual(base64Bytes(std), new Uint8Array(bytes));
      assert.deepEqual(base64Bytes(std.replace(/=+$/, '')), new Uint8Array(Buffer.from(std.replace(/=+$/, ''), 'base64')));
      assert.deepEqual(base64Bytes(url), new Uint8Array(Buffer.from(url, 'base64url')));
    }
    for (const odd of ['QUJD', 'QUJDRA', 'QUJDRE', 'QUJDREV', 'Q', 'QQ', 'QUJ=Q']) {
      assert.deepEqual(base64Bytes(odd), new Uint8Array(Buffer.from(odd, 'base64')), odd);
    }
  });

  it('utf8Text and latin1Text read bytes as Buffer#toString does, BOM and invalid sequences included', () => {
    for (let n = 0; n < 60; n++) {
      const s = randomText(n);
      assert.deepEqual(utf8Bytes(s), new Uint8Array(Buffer.from(s, 'utf8')));
      assert.equal(utf8Text(utf8Bytes(s)), Buffer.from(s, 'utf8').toString('utf8'));
      const raw = randomBytes(n);
      assert.equal(utf8Text(new Uint8Array(raw)).includes('\uFFFD'), raw.toString('utf8').includes('\uFFFD'));
      assert.equal(latin1Text(new Uint8Array(raw)), raw.toString('latin1'));
    }
    assert.equal(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), '\uFEFFA');
  });
});
