// The streaming scanner's per-push shortcuts: colour sequences read in one step, segments kept as
// numbers and dropped without shifting, findings that touch the end of the buffer not built until
// they are reported. Each test compares with a scan of the whole output or counts the work.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, EscapeStripper, hasSecret, StreamScanner, stripEscapes, sweepExpiredSecrets } from '../../../src/engine';
import { expandFixture, githubToken, npmToken } from '../../support/fakes';

const { scanner } = createScanner();
const ESC = '\u001b';

/** Findings of `chunks` pushed one after the other, then `end()`: `rule:secret@rawStart-rawEnd`. */
function streamed(chunks: readonly string[]): string[] {
  const s = new StreamScanner(scanner);
  const out: string[] = [];
  for (const c of chunks) for (const f of s.push(c)) out.push(`${f.ruleId}:${f.secret}@${f.rawStart}-${f.rawEnd}`);
  for (const f of s.end()) out.push(`${f.ruleId}:${f.secret}@${f.rawStart}-${f.rawEnd}`);
  return out;
}

describe('streaming scanner: per-push shortcuts', () => {
  it('a colour sequence inside a token, cut at every position across two chunks: the token once, at its raw offsets', () => {
    const tok = githubToken();
    for (const seq of [`${ESC}[1m`, `${ESC}[38;5;208m`, `${ESC}[0m`, `${ESC}[${ESC}[32m`]) {
      for (const inside of [4, 11, tok.length - 1]) {
        const raw = `$ echo \u00e9\r\nexport GITHUB_TOKEN=${tok.slice(0, inside)}${seq}${tok.slice(inside)}\r\nok\r\n`;
        const at = raw.indexOf(tok.slice(0, inside));
        const end = at + tok.length + seq.length;
        for (let cut = at; cut <= end; cut++) {
          const found = streamed([raw.slice(0, cut), raw.slice(cut)]);
          assert.deepEqual(found, [`github-pat-classic:${tok}@${at}-${end}`], `${JSON.stringify(seq)} at ${inside}, cut at ${cut}`);
        }
      }
    }
  });

  it('a CSI sequence left open at the end of a chunk (ESC, ESC [, parameters) ends in the next one', () => {
    const tok = npmToken();
    const raw = `${ESC}[1;31mnpm${ESC}[39m ${ESC}[93mwarn${ESC}[39m token ${tok} done\r\n`;
    const expected = scanner.scan(stripEscapes(raw)).map((f) => f.secret);
    assert.deepEqual(expected, [tok]);
    for (let cut = 0; cut <= raw.length; cut++) {
      for (let cut2 = cut; cut2 <= Math.min(raw.length, cut + 6); cut2++) {
        const s = new StreamScanner(scanner);
        const found = [raw.slice(0, cut), raw.slice(cut, cut2), raw.slice(cut2)].flatMap((c) => s.push(c)).concat(s.end());
        assert.deepEqual(found.map((f) => f.secret), [tok], `cuts at ${cut}, ${cut2}`);
        assert.equal(stripEscapes(raw.slice(found[0]!.rawStart, found[0]!.rawEnd)), tok);
      }
    }
  });

  it('maps raw offsets right after thousands of coloured runs were dropped from the front of the segments', () => {
    const lines: string[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 700 === 699) {
        const t = githubToken();
        tokens.push(t);
        lines.push(`${ESC}[32mGITHUB_TOKEN=${ESC}[1m${t}${ESC}[0m`);
      } else lines.push(`${ESC}[2m${i}${ESC}[0m ${ESC}[32m\u2714${ESC}[39m step ${ESC}[90m(${i} ms)${ESC}[39m`);
    }
    const raw = lines.join('\r\n') + '\r\n';
    for (const size of [61, 1000, 4096]) {
      const s = new StreamScanner(scanner);
      const found: string[] = [];
      for (let i = 0; i < raw.length; i += size) {
        for (const f of s.push(raw.slice(i, i + size))) {
          assert.equal(raw.slice(f.rawStart, f.rawEnd), f.secret, `chunks of ${size}`);
          found.push(f.secret!);
        }
        assert.ok((s as unknown as { segments: { length: number } }).segments.length < 4000, `segments grew to ${(s as unknown as { segments: { length: number } }).segments.length}`);
      }
      for (const f of s.end()) found.push(f.secret!);
      assert.deepEqual(found, tokens, `chunks of ${size}`);
    }
  });

  it('builds a finding that touches the end of the buffer only once it is reported', () => {
    const { scanner: counted } = createScanner();
    let built = 0;
    const scanDetailed = counted.scanDetailed.bind(counted);
    counted.scanDetailed = (text, opts) => {
      const detail = scanDetailed(text, opts);
      built += detail.findings.length;
      return detail;
    };
    const tok = githubToken();
    // A scan on every push (no deferral): each push is one run.
    const s = new StreamScanner(counted, { deferUpTo: 0 });
    // The token ends the chunk: it may go on in the next one, so it is neither reported nor built.
    assert.deepEqual(s.push(`build ok\r\nexport GITHUB_TOKEN=${tok}`), []);
    assert.equal(built, 0);
    const found = s.push(' # done\r\n');
    assert.deepEqual(found.map((f) => f.secret), [tok]);
    assert.equal(built, 1);
    // At the end of the stream it is built and reported.
    const t = new StreamScanner(counted, { deferUpTo: 0 });
    assert.deepEqual(t.push(`export GITHUB_TOKEN=${tok}`), []);
    assert.deepEqual(t.end().map((f) => f.secret), [tok]);
    assert.equal(built, 2);
  });

  it('a NUL among wide characters with a zero low byte, in chunks just under and over the size whose NUL search reads bytes', () => {
    // U+2500 and U+3000 have a zero low byte: the byte search must check each zero it finds.
    for (const n of [1, 2, 200, 255, 256, 257, 300, 4096]) {
      const plain = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? '\u2500' : i % 3 === 1 ? 'a' : '\u3000')).join('');
      for (const at of [0, 1, n >> 1, n - 1, n]) {
        const raw = plain.slice(0, at) + '\u0000' + plain.slice(at);
        const r = new EscapeStripper().feed(raw);
        assert.equal(r.text, plain, `${n} characters, NUL at ${at}`);
        assert.deepEqual(r.segments, [{ vis: 0, raw: 0 }, { vis: at, raw: at + 1 }].filter((_, k) => (k === 0 ? at > 0 : at < plain.length)), `${n} characters, NUL at ${at}`);
      }
      assert.equal(stripEscapes(plain), plain, `${n} characters, no NUL`);
    }
  });

  it('small pushes: a Kubernetes Secret whose `kind: Secret` comes kilobytes after its `data:`, after hundreds of trimmed pieces were dropped', () => {
    const ordinary = (n: number, from: number): string => Array.from({ length: n }, (_, i) => `  const result${from + i} = await client.getItems(request, { count: ${i} }); // step ${i % 7}`).join('\n');
    const filler = Array.from({ length: 60 }, (_, i) => `  note-${i}: {{b64-text:plain note ${i}}}`).join('\n');
    const { text } = expandFixture(`apiVersion: v1\ndata:\n  api_token: {{b64-secret:40}}\n${filler}\nkind: Secret\nmetadata:\n  name: api\n`);
    const raw = `${ordinary(250, 0)}\n${text}${ordinary(20, 300)}\n`;
    const expected = scanner.scan(raw).map((f) => `${f.ruleId}:${f.secret}@${f.range.start}-${f.range.end}`);
    assert.ok(expected.some((f) => f.startsWith('kubernetes-secret-data:')), `the whole scan finds the value: ${expected.join(', ')}`);
    for (const size of [7, 16, 61]) {
      const s = new StreamScanner(scanner);
      const found: string[] = [];
      let most = 0;
      for (let i = 0; i < raw.length; i += size) {
        for (const f of s.push(raw.slice(i, i + size))) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}-${f.rawEnd}`);
        most = Math.max(most, (s as unknown as { older: string[] }).older.length);
      }
      for (const f of s.end()) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}-${f.rawEnd}`);
      // The stream also reports the value as a generic secret when its line completes (before `kind: Secret` arrives).
      for (const f of expected) assert.ok(found.includes(f), `pushes of ${size}: ${f} missing from ${found.join(', ')}`);
      // Pieces of `keep` characters in pushes of `size`, and up to as many dropped ones before compaction.
      assert.ok(most <= 2 * Math.ceil(9000 / size) + 64, `pushes of ${size}: ${most} pieces kept`);
    }
  });

  it('a streamed finding is the one the scanner built, with its raw offsets: its secret hidden from copies and printing, forgotten after the stream\'s lifetime', () => {
    const tok = githubToken();
    const raw = `${ESC}[32mexport GITHUB_TOKEN=${ESC}[1m${tok}${ESC}[0m\r\n`;
    const s = new StreamScanner(scanner, { secretTtlMs: 60_000 });
    const [f, ...rest] = [...s.push(raw), ...s.end()];
    assert.equal(rest.length, 0);
    assert.ok(f && hasSecret(f));
    assert.equal(f.secret, tok);
    assert.equal(raw.slice(f.rawStart, f.rawEnd), tok);
    // The raw offsets are fields like the others (the host reports them); the secret is in none of them.
    const json = JSON.stringify(f);
    assert.ok(json.includes(`"rawStart":${f.rawStart},"rawEnd":${f.rawEnd}`), json);
    assert.ok(!json.includes(tok) && !JSON.stringify({ ...f }).includes(tok));
    assert.equal(Object.keys(f).slice(-2).join(), 'rawStart,rawEnd');
    sweepExpiredSecrets(Date.now() + 30_000);
    assert.equal(f.secret, tok);
    sweepExpiredSecrets(Date.now() + 60_001);
    assert.ok(!hasSecret(f), 'the secret outlived the stream\'s lifetime');
    // Without a lifetime the secret stays until dropped.
    const t = new StreamScanner(scanner);
    const [g] = [...t.push(raw), ...t.end()];
    sweepExpiredSecrets(Date.now() + 24 * 3600_000);
    assert.equal(g?.secret, tok);
  });
});
