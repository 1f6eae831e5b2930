// The streaming scanner's per-push shortcuts: colour sequences read in one step, segments kept as
// numbers and dropped without shifting, findings that touch the end of the buffer not built until
// they are reported. Each test compares with a scan of the whole output or counts the work.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, StreamScanner, stripEscapes } from '../../../src/engine';
import { githubToken, npmToken } from '../../support/fakes';

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
    const s = new StreamScanner(counted);
    // The token ends the chunk: it may go on in the next one, so it is neither reported nor built.
    assert.deepEqual(s.push(`build ok\r\nexport GITHUB_TOKEN=${tok}`), []);
    assert.equal(built, 0);
    const found = s.push(' # done\r\n');
    assert.deepEqual(found.map((f) => f.secret), [tok]);
    assert.equal(built, 1);
    // At the end of the stream it is built and reported.
    const t = new StreamScanner(counted);
    assert.deepEqual(t.push(`export GITHUB_TOKEN=${tok}`), []);
    assert.deepEqual(t.end().map((f) => f.secret), [tok]);
    assert.equal(built, 2);
  });
});
