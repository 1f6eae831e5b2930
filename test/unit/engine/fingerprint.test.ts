// Keyed fingerprints for low-entropy secrets (issue 11 item 4). Passwords are assembled at run time
// from dictionary words and digits: the point is that they are guessable.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { createScanner, fingerprint, fingerprintsOf, isLowEntropySecret, keyedFingerprint, LOW_ENTROPY_BITS, type Finding } from '../../../src/engine';
import { HmacSha256, hmacSha256 } from '../../../src/engine/fingerprint';
import { sha256, sha256Hex, toHex } from '../../../src/engine/hash';
import { IgnoreMatcher, parseIgnoreFile } from '../../../src/engine/ignore';
import { ALPHABETS, expandFixture, githubToken, npmToken, rand } from '../../support/fakes';
import { shannonEntropy } from '../../../src/engine/entropy';

/** A small password dictionary: words, capitalised words, with the usual suffixes (what an attacker tries first). */
const WORDS = ['summer', 'winter', 'dragon', 'monkey', 'sunshine', 'letmein', 'shadow', 'master', 'football', 'welcome', 'company', 'admin', 'secret', 'postgres', 'changeme', 'qwerty'];
const SUFFIXES = ['', '1', '12', '123', '1234', '!', '1!', ...Array.from({ length: 41 }, (_, i) => String(1990 + i)), ...Array.from({ length: 41 }, (_, i) => `${1990 + i}!`)];
function dictionary(): string[] {
  const out: string[] = [];
  for (const w of WORDS) for (const v of [w, w[0]!.toUpperCase() + w.slice(1)]) for (const s of SUFFIXES) out.push(v + s);
  return out;
}
/** The attack of the issue: hash every candidate with the public salt and look the fingerprint up. */
function publicSaltTable(): Map<string, string> {
  return new Map(dictionary().map((c) => [fingerprint(c), c]));
}

/** Seven guessable passwords in the places passwords live, each found by a different rule. */
function leakyConfig(): { text: string; passwords: string[] } {
  const pw = ['Summer' + '2024!', 'dragon' + '1234', 'Welcome' + '2023', 'postgres' + '123', 'Company' + '2020!', 'shadow' + '2019', 'letmein' + '2022'];
  const text = [
    `DB_PASSWORD="${pw[0]}"`,
    `db_url = "postgres://app:${pw[1]}@db.internal:5432/app"`,
    `curl -u deploy:${pw[2]} https://ci.internal/api`,
    `machine ftp.internal login backup password ${pw[3]}`,
    `smtp_password: ${pw[4]}`,
    `redis_url = "redis://default:${pw[5]}@cache.internal:6379"`,
    `Authorization: Basic ${Buffer.from(`ops:${pw[6]}`).toString('base64')}`,
  ].join('\n') + '\n';
  return { text, passwords: pw };
}

describe('keyed fingerprints (issue 11 item 4)', () => {
  it('a dictionary hashed with the public salt no longer reverses a password fingerprint', () => {
    const table = publicSaltTable();
    const { text, passwords } = leakyConfig();
    const findings = createScanner([], { fingerprintKey: 'install-key-' + rand(ALPHABETS.hex, 64) }).scanner.scan(text);
    const found = findings.filter((f) => passwords.includes(f.secret ?? ''));
    assert.equal(found.length, passwords.length, JSON.stringify(findings.map((f) => f.ruleId)));
    for (const f of found) {
      // What earlier versions published is in the table: the attack worked (6 of 7 in the issue).
      assert.equal(table.get(f.legacyFingerprint ?? ''), f.secret, `${f.ruleId}: the dictionary should cover the test password`);
      // What is published now is not.
      assert.equal(table.get(f.fingerprint), undefined, `${f.ruleId}: reversed with the public salt`);
      assert.notEqual(f.fingerprint, fingerprint(f.secret!));
      assert.match(f.fingerprint, /^sha256:[0-9a-f]{32}$/);
    }
  });

  it('the same password under two keys differs; one key gives the same fingerprint in every scanner', () => {
    const { text } = leakyConfig();
    const a = createScanner([], { fingerprintKey: 'team-key-a-' + rand(ALPHABETS.b62, 24) }).scanner;
    const b = createScanner([], { fingerprintKey: 'team-key-b-' + rand(ALPHABETS.b62, 24) }).scanner;
    const keyA = 'team-key-c-' + rand(ALPHABETS.b62, 24);
    const [fa, fb, fc, fd] = [a, b, createScanner([], { fingerprintKey: keyA }).scanner, createScanner([], { fingerprintKey: () => keyA }).scanner].map((s) => s.scan(text).find((f) => f.ruleId === 'generic-password-assignment')!);
    assert.ok(fa && fb && fc && fd);
    assert.notEqual(fa.fingerprint, fb.fingerprint);
    assert.equal(fc.fingerprint, fd.fingerprint);
    assert.equal(fc.fingerprint, keyedFingerprint(fc.secret!, keyA));
  });

  it('high-entropy tokens keep the salted SHA-256 under any key (editor, CLI and CI agree without setup)', () => {
    const gh = githubToken('ghp');
    const npm = npmToken();
    const random40 = rand(ALPHABETS.b62, 38) + "7q";
    const text = `GITHUB_TOKEN=${gh}\n//registry.npmjs.org/:_authToken=${npm}\nclient_secret = "${random40}"\n`;
    for (const key of ['key-one-' + rand(ALPHABETS.b62, 20), 'key-two-' + rand(ALPHABETS.b62, 20), undefined]) {
      const fs = createScanner([], { fingerprintKey: key }).scanner.scan(text);
      for (const secret of [gh, npm, random40]) {
        const f = fs.find((x) => x.secret === secret);
        assert.ok(f, `${secret.slice(0, 4)}… not found: ${JSON.stringify(fs.map((x) => x.ruleId))}`);
        assert.equal(f.fingerprint, fingerprint(secret), f.ruleId);
        assert.equal(f.legacyFingerprint, undefined);
      }
    }
  });

  it('the criterion: rule kind password always, vendor formats never, the rest by measured entropy', () => {
    const password = { kind: 'password', issuer: 'generic', builtin: true } as const;
    const vendor = { kind: 'connection-string', issuer: 'azure', builtin: true } as const;
    const generic = { kind: 'generic-secret', issuer: 'generic', builtin: true } as const;
    const longRandom = rand(ALPHABETS.b64url, 40);
    assert.equal(isLowEntropySecret(longRandom, password), true);
    assert.equal(isLowEntropySecret('shadow' + '2019', vendor), false);
    assert.equal(isLowEntropySecret(longRandom, generic), false);
    assert.equal(isLowEntropySecret('correct-horse-' + 'battery-staple', generic), true);
    assert.equal(isLowEntropySecret('correct-horse-' + 'battery-staple', { ...vendor, builtin: false }), true, 'a custom rule is measured');
    assert.equal(isLowEntropySecret(longRandom), false, 'a value with no rule is measured');
    assert.equal(LOW_ENTROPY_BITS, 128);
  });

  it('a measured entropy given to the criterion decides as the criterion measuring itself, for every subject', () => {
    const subjects = [undefined, { kind: 'password', issuer: 'generic', builtin: true }, { kind: 'private-key', issuer: 'generic', builtin: true }, { kind: 'generic-secret', issuer: 'generic', builtin: true }, { kind: 'app-token', issuer: 'url', builtin: true }, { kind: 'app-token', issuer: 'acme', builtin: false }] as const;
    let low = 0;
    for (let i = 0; i < 400; i++) {
      const s = rand(i % 2 ? ALPHABETS.b64url : ALPHABETS.lower.slice(0, 1 + (i % 26)), 4 + (i % 60));
      for (const subject of subjects) {
        const measured = isLowEntropySecret(s, subject);
        assert.equal(isLowEntropySecret(s, subject, shannonEntropy(s)), measured, `${s} ${JSON.stringify(subject)}`);
        if (measured) low++;
      }
    }
    assert.ok(low > 400 && low < 2000, `${low} low-entropy decisions: both outcomes must occur`);
  });

  it('the scanner gives the fingerprint the entropy its rule measured (a private key is measured once), and the same fingerprints', () => {
    const { text } = expandFixture('{{pem:rsa}}\nDB_PASSWORD="{{punct-password:16}}"\napi_key = "{{secret:32}}"\n');
    const { scanner } = createScanner([], { fingerprintKey: 'measured-once-key-0123456789' });
    const fp = (scanner as unknown as { fingerprinter: { of: (secret: string, subject?: unknown, unkeyed?: string, entropy?: number) => unknown } }).fingerprinter;
    const orig = fp.of;
    const given: { secret: string; entropy: number | undefined }[] = [];
    fp.of = function (this: unknown, secret, subject, unkeyed, entropy) {
      given.push({ secret, entropy });
      return orig.call(this, secret, subject, unkeyed, entropy);
    };
    let found: Finding[];
    try {
      found = scanner.scan(text);
    } finally {
      delete (fp as { of?: unknown }).of;
    }
    const key = found.find((f) => f.ruleId === 'private-key');
    assert.ok(key, 'the private key is found');
    const atKey = given.find((g) => g.secret === (key as { secret?: string }).secret);
    assert.ok(atKey && atKey.entropy !== undefined, 'the private key\'s fingerprint is given the entropy measured for its rule');
    assert.equal(atKey.entropy, shannonEntropy(atKey.secret));
    const fresh = createScanner([], { fingerprintKey: 'measured-once-key-0123456789' }).scanner;
    assert.deepEqual(found.map((f) => [f.ruleId, f.fingerprint, f.legacyFingerprint]), fresh.scan(text).map((f) => [f.ruleId, fresh.fingerprintOf((f as { secret?: string }).secret!, f.ruleId), f.legacyFingerprint]));
  });

  it('HMAC-SHA-256 built on sha256 matches node:crypto (RFC 4231 cases 1 and 6)', () => {
    const k1 = new Uint8Array(20).fill(0x0b);
    assert.equal(toHex(hmacSha256(k1, 'Hi There')), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    const k6 = new Uint8Array(131).fill(0xaa);
    const m6 = 'Test Using Larger Than Block-Size Key - Hash Key First';
    assert.equal(toHex(hmacSha256(k6, m6)), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
    const key = rand(ALPHABETS.b62, 33);
    assert.equal(toHex(hmacSha256(key, 'x')), createHmac('sha256', key).update('x').digest('hex'));
  });

  it('HMAC with the key padded once (HmacSha256) equals the straightforward HMAC for random keys and messages around the 64-byte block', () => {
    const keyLengths = [1, 16, 32, 55, 56, 63, 64, 65, 100, 131];
    const messageLengths = [0, 1, 2, 31, 32, 33, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 127, 128, 129, 200];
    for (const kn of keyLengths) {
      const keys: (string | Uint8Array)[] = [new Uint8Array(randomBytes(kn)), rand(ALPHABETS.b62, kn), rand(ALPHABETS.b62, Math.max(0, kn - 2)) + 'é'];
      for (const key of keys) {
        const mac = new HmacSha256(key);
        const nodeKey = typeof key === 'string' ? key : Buffer.from(key);
        for (const mn of messageLengths) {
          // bytes, an ASCII string and a string with 2-, 3- and 4-byte UTF-8 characters and a lone surrogate
          const messages: (string | Uint8Array)[] = [new Uint8Array(randomBytes(mn)), rand(ALPHABETS.b62, mn), (rand(ALPHABETS.b62, mn) + 'ü€𝄞\ud800').slice(mn > 0 ? 6 : 0)];
          for (const m of messages) {
            const want = createHmac('sha256', nodeKey).update(typeof m === 'string' ? m : Buffer.from(m)).digest('hex');
            assert.equal(toHex(mac.mac(m)), want, `key ${kn} ${typeof key}, message ${mn} ${typeof m}`);
            assert.equal(toHex(hmacSha256(key, m)), want);
          }
        }
      }
    }
  });

  it('keyedFingerprint gives each key its own HMAC when keys alternate', () => {
    const [keyA, keyB] = [rand(ALPHABETS.b62, 24), rand(ALPHABETS.b62, 70)];
    const domain = 'token-custody/fingerprint/keyed/v1\u0000';
    const expected = (s: string, k: string) => 'sha256:' + createHmac('sha256', k).update(domain + s).digest('hex').slice(0, 32);
    for (const s of ['Summer2024!', 'pässwörd-€-𝄞', 'x'.repeat(100)]) {
      for (const k of [keyA, keyB, keyA, keyA, keyB]) assert.equal(keyedFingerprint(s, k), expected(s, k));
    }
  });

  it('the one-shot SHA-256 (crypto.hash) gives the digest of createHash, for ASCII, non-ASCII and lone surrogates', () => {
    const salt = 'token-custody/fingerprint/v1\u0000';
    for (const s of ['', 'abc', rand(ALPHABETS.b62, 40), 'pässwörd-€-𝄞', 'lone \ud800 surrogate \udc00', 'x'.repeat(1000)]) {
      const want = createHash('sha256').update(s).digest('hex');
      assert.equal(sha256Hex(s), want);
      assert.equal(toHex(sha256(s)), want);
      // The unkeyed fingerprint: salt and secret hashed as one string equal the two parts hashed in turn.
      assert.equal(fingerprint(s), 'sha256:' + createHash('sha256').update(salt).update(s).digest('hex').slice(0, 32));
    }
  });

  it('old ignore entries and baselines with the unkeyed fingerprint still match, and it is never printed', () => {
    const { text, passwords } = leakyConfig();
    const f = createScanner([], { fingerprintKey: 'k-' + rand(ALPHABETS.b62, 30) }).scanner.scan(text).find((x) => x.secret === passwords[0]) as Finding;
    const old = fingerprint(passwords[0]!);
    assert.deepEqual(fingerprintsOf(f), [f.fingerprint, old]);
    assert.ok(new IgnoreMatcher(parseIgnoreFile(`${old}  # ignored by an earlier version\n`).entries).isIgnored(f));
    assert.ok(new IgnoreMatcher(parseIgnoreFile(`${f.fingerprint}\n`).entries).isIgnored(f));
    assert.ok(!new IgnoreMatcher(parseIgnoreFile(`${fingerprint('other')}\n`).entries).isIgnored(f));
    for (const shown of [JSON.stringify(f), inspect(f, { showHidden: true, depth: 5 }), JSON.stringify({ ...f })]) {
      assert.ok(!shown.includes(old.slice(7)), 'the reversible fingerprint was printed');
    }
  });
});
