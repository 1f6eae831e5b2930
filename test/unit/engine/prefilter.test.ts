// The SIMD keyword prefilter (src/engine/prefilter.ts, module assembled by scripts/wasm-prefilter.mjs)
// against the reference automaton: the same keyword hits on random text and regions, and the same
// findings from the whole scanner on every rule's positive and negative fixtures, on the terminal
// stream, and on random text with keywords and tokens sprinkled in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, StreamScanner, type Finding } from '../../../src/engine';
import { KeywordMatcher } from '../../../src/engine/keywords';
import { prefilterTables, prefixHash, prefixHash4, prefixHashes, simdPrefilterAvailable } from '../../../src/engine/prefilter';
import { ALPHABETS, expandFixture, githubToken, jwt, npmToken, rand } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';
import { random } from '../../support/seed';

function hitsOf(m: KeywordMatcher, automaton: boolean, text: string, from: number, to: number, n: number): string[] {
  const hits: (number[] | undefined)[] = new Array(n);
  const touched: number[] = [];
  const any = automaton ? m.scanAutomaton(text, from, to, hits, touched) : m.scan(text, from, to, hits, touched);
  const out: string[] = [];
  for (const r of touched) for (const at of hits[r]!) out.push(`${r}@${at}`);
  assert.equal(any, out.length > 0);
  return out.sort();
}

/** Findings as comparable records (rule, range, fingerprint, validation, metadata). */
function shape(fs: readonly Finding[]): string[] {
  return fs.map((f) => JSON.stringify([f.ruleId, f.range, f.fingerprint, f.confidence, f.validation, f.metadata]));
}

describe('SIMD keyword prefilter', () => {
  const { scanner: simd } = createScanner();
  const { scanner: reference } = createScanner([], { prefilter: 'automaton' });
  const keywords = new Map<string, number[]>();
  for (const r of simd.rules) {
    for (const k of r.keywords) {
      const list = keywords.get(k) ?? [];
      list.push(r.index);
      keywords.set(k, list);
    }
  }

  it('runs in Node (WebAssembly SIMD, module built in), and the automaton is used when asked', () => {
    assert.equal(simdPrefilterAvailable(), true);
    assert.equal(simd.prefilter, 'simd');
    assert.equal(reference.prefilter, 'automaton');
  });

  it('tables: every keyword prefix is accepted by some bucket, at every case variant', () => {
    const tables = prefilterTables(keywords.keys());
    const hashes = prefixHashes(keywords.keys());
    const accepts = (bytes: number[]): boolean => {
      let m0 = 0xff;
      let m1 = 0xff;
      for (let pos = 0; pos < 4; pos++) {
        const c = bytes[pos] ?? 0;
        m0 &= tables[(pos * 2) * 16 + (c & 15)]! & tables[(pos * 2 + 1) * 16 + (c >> 4)]!;
        m1 &= tables[((4 + pos) * 2) * 16 + (c & 15)]! & tables[((4 + pos) * 2 + 1) * 16 + (c >> 4)]!;
      }
      return (m0 | m1) !== 0;
    };
    for (const k of keywords.keys()) {
      for (const variant of [k, k.toUpperCase(), k.replace(/[a-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c))]) {
        const b = [...variant.slice(0, 4)].map((c) => c.charCodeAt(0));
        if (b.length === 2) b.push(0x7a, 0x20);
        if (b.length === 3) b.push(0x0a);
        assert.ok(accepts(b), `nibble tables reject ${JSON.stringify(variant)}`);
        // Keywords of 4 characters or more by the hash of 4 bytes, shorter ones by that of 3.
        const h = k.length >= 4 ? prefixHash4(b[0]!, b[1]!, b[2]!, b[3]!) : prefixHash(b[0]!, b[1]!, b[2]!);
        assert.ok(hashes[h >> 3]! & (1 << (h & 7)), `hash set lacks ${JSON.stringify(variant)}`);
      }
    }
  });

  it('finds the same keyword hits as the automaton on random text, in random regions', () => {
    const m = new KeywordMatcher(keywords);
    assert.equal(m.simd, true);
    const n = simd.rules.length;
    const kws = [...keywords.keys()];
    const noise = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-:./="\'\n\t{}\u00e9\u0161\u4e2d';
    for (let round = 0; round < 70; round++) {
      let text = '';
      const len = round < 60 ? 300 : 70_000; // the long ones cross the 32 KB block boundary
      while (text.length < len) {
        if (random() < 0.08) {
          const k = kws[Math.floor(random() * kws.length)]!;
          text += random() < 0.5 ? k.toUpperCase() : k;
        } else text += noise[Math.floor(random() * noise.length)];
      }
      const from = round % 3 === 0 ? 0 : Math.floor(random() * (text.length / 2));
      const to = round % 5 === 0 ? text.length + 10 : from + Math.floor(random() * (text.length - from + 1));
      assert.deepEqual(hitsOf(m, false, text, from, to, n), hitsOf(m, true, text, from, to, n), `round ${round}`);
    }
  });

  it('keyword at the very end, split by a non-ASCII character, and an empty region', () => {
    const m = new KeywordMatcher(keywords);
    const n = simd.rules.length;
    for (const text of ['x token', 'TOKEN', 'ac', 'tok\u00e9en', 'to\u0100ken', 'a'.repeat(32767) + 'token', 'a'.repeat(32766) + 'ghp_', '']) {
      for (const [from, to] of [[0, text.length], [1, text.length], [0, text.length - 1], [2, 2]] as const) {
        assert.deepEqual(hitsOf(m, false, text, from, to, n), hitsOf(m, true, text, from, to, n), `${JSON.stringify(text.slice(-12))} [${from}, ${to})`);
      }
    }
  });

  it('gives the same findings as the automaton on every rule fixture', () => {
    let compared = 0;
    for (const fixtures of Object.values(RULE_FIXTURE_FILES)) {
      for (const [id, f] of Object.entries(fixtures)) {
        for (const template of [...f.positive, ...f.negative]) {
          const { text } = expandFixture(template);
          assert.deepEqual(shape(simd.scan(text, { now: 0 })), shape(reference.scan(text, { now: 0 })), `${id}: ${template}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 200, `only ${compared} fixtures compared`);
  });

  it('gives the same findings on random text with tokens, scanned whole and as a terminal stream', () => {
    const lines = [
      () => `export GITHUB_TOKEN=${githubToken()}`,
      () => `//registry.npmjs.org/:_authToken=${npmToken()}`,
      () => `curl -H "Authorization: Bearer ${jwt({ iss: 'https://login.example.test' })}" https://api.example.test/v1/items`,
      () => `AWS_ACCESS_KEY_ID=AKIA${rand(ALPHABETS.upper + '234567', 16)}\nAWS_SECRET_ACCESS_KEY=${rand(ALPHABETS.b64, 40)}`,
      () => `DATABASE_URL=postgres://app:${rand(ALPHABETS.b62, 20)}@db.internal.example:5432/app`,
      () => `users:\n- name: ci\n  user:\n    token: ${rand(ALPHABETS.b62, 40)}`,
      () => `  const token = await client.getKey(options, { secret: ${rand(ALPHABETS.digits, 3)} });`,
      () => `password = "${rand(ALPHABETS.b62, 14)}"  # \u00e9t\u00e9`,
      () => rand(ALPHABETS.b64 + ' \n', 200),
    ];
    for (let round = 0; round < 8; round++) {
      let text = '';
      while (text.length < 20_000) text += lines[Math.floor(random() * lines.length)]!() + (random() < 0.5 ? '\n' : '\r\n');
      const a = simd.scan(text, { now: 0 });
      assert.deepEqual(shape(a), shape(reference.scan(text, { now: 0 })), `round ${round}`);
      const sa = new StreamScanner(simd, { now: 0 });
      const sb = new StreamScanner(reference, { now: 0 });
      const fa: Finding[] = [];
      const fb: Finding[] = [];
      for (let i = 0; i < text.length; i += 4096) {
        fa.push(...sa.push(text.slice(i, i + 4096)));
        fb.push(...sb.push(text.slice(i, i + 4096)));
      }
      fa.push(...sa.end());
      fb.push(...sb.end());
      assert.deepEqual(shape(fa), shape(fb), `stream round ${round}`);
      if (round === 0) assert.ok(a.length > 0, 'the random text holds findings');
    }
  });
});
