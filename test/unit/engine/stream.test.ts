import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, EscapeStripper, StreamScanner, stripEscapes } from '../../../src/engine';
import { githubToken, npmToken } from '../../support/fakes';
import { pem } from '../../support/tokens/privateKeys';
import { random } from '../../support/seed';

const { scanner } = createScanner();
const ESC = '\u001b';
const OSC633 = (s: string): string => `${ESC}]633;${s}\u0007`;

function feed(chunks: string[]): ReturnType<StreamScanner['push']> {
  const s = new StreamScanner(scanner);
  const out = chunks.flatMap((c) => s.push(c));
  return [...out, ...s.end()];
}

/**
 * At least `length` characters of escapes (drawn with odds `escapeOdds`) between runs of
 * `wordsPerRun()` words: the raw stream, its visible text and the raw offset of each visible character.
 */
function mixedStream(escapes: readonly string[], words: readonly string[], length: number, escapeOdds: number, wordsPerRun: () => number): { raw: string; visible: string; visAt: number[] } {
  let raw = '';
  let visible = '';
  const visAt: number[] = [];
  while (raw.length < length) {
    if (random() < escapeOdds) raw += escapes[Math.floor(random() * escapes.length)];
    else {
      const n = wordsPerRun();
      for (let k = 0; k < n; k++) {
        const w = words[Math.floor(random() * words.length)]!;
        for (let j = 0; j < w.length; j++) visAt.push(raw.length + j);
        raw += w;
        visible += w;
      }
    }
  }
  return { raw, visible, visAt };
}

/**
 * Feeds `raw` to one EscapeStripper in chunks of 1 to `maxChunk` characters (cut at random), then
 * checks the visible text and that every `step`-th visible character maps back to its raw offset
 * (`visAt`).
 */
function assertStripsInChunks(raw: string, visible: string, visAt: readonly number[], maxChunk: number, step: number, round: number): void {
  const st = new EscapeStripper();
  let text = '';
  const segments: { vis: number; raw: number }[] = [];
  for (let i = 0; i < raw.length; ) {
    const n = 1 + Math.floor(random() * maxChunk);
    const r = st.feed(raw.slice(i, i + n));
    text += r.text;
    segments.push(...r.segments);
    i += n;
  }
  assert.equal(text, visible, `round ${round}`);
  for (let v = 0; v < visible.length; v += step) {
    const seg = segments.filter((s) => s.vis <= v).pop()!;
    assert.equal(seg.raw + (v - seg.vis), visAt[v], `round ${round}, visible offset ${v}`);
  }
}

describe('escape stripping', () => {
  it('removes CSI colours, OSC titles, VS Code 633 marks, DCS and charset escapes', () => {
    const raw = `${ESC}[1;31mred${ESC}[0m ${ESC}]0;title\u0007${OSC633('A')}$ ${OSC633('E;echo hi;nonce')}${ESC}(Bok${ESC}P1$r0m${ESC}\\!`;
    assert.equal(stripEscapes(raw), 'red $ ok!');
  });

  it('keeps state across chunk boundaries and maps offsets back to the raw stream', () => {
    const st = new EscapeStripper();
    const a = st.feed(`ab${ESC}[3`);
    const b = st.feed(`1mcd${ESC}]633;E;x`);
    const c = st.feed(`\u0007e`);
    assert.equal(a.text + b.text + c.text, 'abcde');
    assert.deepEqual([...a.segments, ...b.segments, ...c.segments], [{ vis: 0, raw: 0 }, { vis: 2, raw: 7 }, { vis: 4, raw: 19 }]);
  });

  it('random text and escapes, cut at random places: the visible text, and segments that map it back', () => {
    const escapes = [`${ESC}[32m`, `${ESC}[0m`, `${ESC}[1;31;48;5;200m`, OSC633('A'), `${ESC}]0;title${ESC}\\`, `${ESC}P1$r0m${ESC}\\`, `${ESC}(B`, `${ESC}=`, '\u0007', '\u0000', '\u007f', '\u009b2K'];
    const words = ['hello', ' ', '\r\n', 'GITHUB_TOKEN=x', '\u00e9t\u00e9', '\u4e2d', 'a'];
    for (let round = 0; round < 100; round++) {
      const { raw, visible, visAt } = mixedStream(escapes, words, 600, 0.3, () => 1);
      assertStripsInChunks(raw, visible, visAt, 40, 1, round);
    }
  });
  it('long plain runs (CRLF, wide characters) with every kind of control character between them, in chunks of up to 4 KB', () => {
    // Each C1 introducer and each dropped C0 character, so that the search for the next control
    // character meets every one of them, several times in one chunk and across chunk boundaries.
    const escapes = [`${ESC}[32m`, `${ESC}]0;title\u0007`, `${ESC}P1$r0m${ESC}\\`, '\u0007', '\u0000', '\u007f', '\u009b2K', '\u009d0;t\u009c', '\u0090q\u009c', '\u0098x\u009c', '\u009ey\u009c', '\u009fz\u009c'];
    const words = ['plain text ', '\r\n', '\u00e9t\u00e9 ', '\u4e2d\u6587', 'GITHUB_TOKEN=x ', '\ud83d\ude00'];
    for (let round = 0; round < 30; round++) {
      const { raw, visible, visAt } = mixedStream(escapes, words, 20000, 0.1, () => Math.floor(random() * 40));
      assertStripsInChunks(raw, visible, visAt, 4096, 7, round);
    }
  });

  it('passes a chunk without control characters through as it is, and finds one at any position of an otherwise plain chunk', () => {
    const controls = ['\u001b', '\u0007', '\u0000', '\u007f', '\u0090', '\u0098', '\u009b', '\u009d', '\u009e', '\u009f'];
    for (const wide of ['', '\u4e2d']) {
      const plain = `ls -la${wide}\r\ntotal 0\r\n`;
      const st = new EscapeStripper();
      const r = st.feed(plain);
      assert.equal(r.text, plain);
      assert.deepEqual(r.segments, [{ vis: 0, raw: 0 }]);
      for (const c of controls) {
        for (let at = 0; at <= plain.length; at++) {
          // BEL, NUL and DEL are dropped; the others start a sequence that the closing `m` / ST ends.
          const seq = c === '\u001b' ? `${c}[1m` : c === '\u009b' ? `${c}1m` : c < ' ' || c === '\u007f' ? c : `${c}x\u009c`;
          const raw = plain.slice(0, at) + seq + plain.slice(at);
          assert.equal(stripEscapes(raw), plain, `${JSON.stringify(c)} at ${at}${wide ? ' (two-byte text)' : ''}`);
        }
      }
    }
  });

  it('keeps wide characters whose low byte is a control character (box drawing, ideographic space), and drops a NUL among them', () => {
    // The NUL search reads the chunk's low bytes: U+2500 has a zero one, U+011B an ESC one, and so on.
    const lookalikes = '\u2500\u3000\u011b\u2007\u017f\u2190\u2198\u259b\u259d\u259e\u259f\u0100';
    const plain = `build ${lookalikes} done\r\n${lookalikes}`;
    assert.equal(stripEscapes(plain), plain);
    for (let at = 0; at <= plain.length; at++) {
      const raw = plain.slice(0, at) + '\u0000' + plain.slice(at);
      const st = new EscapeStripper();
      const r = st.feed(raw);
      assert.equal(r.text, plain, `NUL at ${at}`);
      assert.deepEqual(r.segments, [{ vis: 0, raw: 0 }, { vis: at, raw: at + 1 }].filter((_, k) => (k === 0 ? at > 0 : at < plain.length)), `NUL at ${at}`);
    }
    // Chunks of every size up to the whole text, some ending right before or after a NUL.
    const raw = `${plain}\u0000${plain}\u0000\u0000${plain}`;
    for (let size = 1; size <= raw.length; size++) {
      const st = new EscapeStripper();
      let text = '';
      for (let i = 0; i < raw.length; i += size) text += st.feed(raw.slice(i, i + size)).text;
      assert.equal(text, plain + plain + plain, `chunks of ${size}`);
    }
  });
});

describe('streaming scanner', () => {
  it('finds a token split across two chunks, once', () => {
    const tok = githubToken();
    const line = `export GITHUB_TOKEN=${tok}\r\n`;
    for (let cut = 1; cut < line.length; cut += 3) {
      const found = feed([line.slice(0, cut), line.slice(cut), 'next line\r\n']);
      assert.equal(found.length, 1, `cut at ${cut}: ${found.map((f) => f.ruleId)}`);
      assert.equal(found[0]!.secret, tok);
    }
  });

  it('finds a token split at every position, in plain and in coloured chunks, after CRLF and wide characters', () => {
    const tok = githubToken();
    const lines = [
      `\u4e2d\u6587 build ok\r\nexport GITHUB_TOKEN=${tok}\r\n`,
      `${ESC}[32m\u00e9t\u00e9${ESC}[0m\r\nexport GITHUB_TOKEN=${ESC}[1m${tok}${ESC}[0m\r\n`,
    ];
    for (const line of lines) {
      for (let cut = 1; cut < line.length; cut++) {
        const found = feed([line.slice(0, cut), line.slice(cut), 'next line\r\n']);
        assert.equal(found.length, 1, `cut at ${cut} of ${JSON.stringify(line.slice(0, 12))}: ${found.map((f) => f.ruleId)}`);
        assert.equal(found[0]!.secret, tok);
        assert.equal(line.slice(found[0]!.rawStart, found[0]!.rawEnd), tok);
      }
    }
  });

  it('finds a token wrapped in colour codes and maps its raw offsets', () => {
    const tok = githubToken();
    const raw = `${OSC633('C')}${ESC}[32mtoken:${ESC}[0m ${ESC}[1m${tok}${ESC}[0m\r\n`;
    const found = feed([raw.slice(0, 20), raw.slice(20, 40), raw.slice(40)]);
    assert.equal(found.length, 1);
    const f = found[0]!;
    assert.equal(raw.slice(f.rawStart, f.rawEnd), tok);
  });

  it('does not invent a token out of escape sequences between two halves of text', () => {
    // Colour codes inside a token's characters are stripped: the visible text is the token.
    const tok = githubToken();
    const raw = `${tok.slice(0, 10)}${ESC}[0m${tok.slice(10)}\n`;
    assert.equal(feed([raw]).length, 1);
    // …but a token-like prefix followed by prose is not a token.
    assert.equal(feed([`ghp_${ESC}[31mnot a token at all\n`]).length, 0);
  });

  it('reports each occurrence once even when a loop prints the same token many times', () => {
    const tok = npmToken();
    const s = new StreamScanner(scanner);
    let n = 0;
    for (let i = 0; i < 300; i++) n += s.push(`line ${i} ${tok}\r\n`).length;
    n += s.end().length;
    assert.equal(n, 300);
  });

  it('holds a token at the end of the stream until more arrives, and flushes it on end()', () => {
    const tok = githubToken();
    const s = new StreamScanner(scanner);
    assert.equal(s.push(`$ echo ${tok}`).length, 0);
    assert.equal(s.end().length, 1);
  });

  it('finds what a scan of the whole output finds, at the same offsets, for any chunking; the buffer stays near `keep` per push', () => {
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const r = random();
      if (r < 0.02) lines.push(`export GITHUB_TOKEN=${githubToken()}`);
      else if (r < 0.04) lines.push(`  "npm": "${npmToken()}",`);
      else if (r < 0.06) lines.push(`${ESC}[33mwarn${ESC}[0m token: process.env.SESSION_KEY, client=${i}`);
      else lines.push(`  const result${i} = await client.getItems(request, { count: ${i} }); // \u00e9t\u00e9 \u4e2d`);
    }
    const raw = lines.join('\r\n') + '\r\n';
    const expected = scanner.scan(stripEscapes(raw)).map((f) => `${f.ruleId}:${f.secret}`).sort();
    assert.ok(expected.length > 10, `only ${expected.length} expected findings`);
    for (const maxChunk of [7, 300, 4096]) {
      const s = new StreamScanner(scanner);
      const internal = s as unknown as { buf: string; keep: number };
      const found: string[] = [];
      for (let i = 0; i < raw.length; ) {
        const n = 1 + Math.floor(random() * maxChunk);
        for (const f of s.push(raw.slice(i, i + n))) {
          found.push(`${f.ruleId}:${f.secret}`);
          assert.equal(stripEscapes(raw.slice(f.rawStart, f.rawEnd)), f.secret);
        }
        i += n;
        assert.ok(internal.buf.length <= internal.keep + maxChunk + 4608, `buffer ${internal.buf.length} after ${i} characters`);
      }
      found.push(...s.end().map((f) => `${f.ruleId}:${f.secret}`));
      assert.deepEqual(found.sort(), expected, `chunks of up to ${maxChunk}`);
    }
  });

  it('builds a reported finding once while its keyword hit stays open (a private key, then small pushes)', () => {
    const { scanner: counted } = createScanner();
    let built = 0;
    const scanDetailed = counted.scanDetailed.bind(counted);
    counted.scanDetailed = (text, opts) => {
      const detail = scanDetailed(text, opts);
      built += detail.findings.filter((f) => f.ruleId === 'private-key').length;
      return detail;
    };
    const key = pem('rsa');
    const after = Array.from({ length: 120 }, (_, i) => `  step ${i}: compiled module ${i} in ${i % 17} ms`).join('\r\n') + '\r\n';
    const raw = `$ cat id_rsa\r\n${key.replace(/\n/g, '\r\n')}${after}`;
    const s = new StreamScanner(counted);
    const found: string[] = [];
    for (let i = 0; i < raw.length; i += 256) for (const f of s.push(raw.slice(i, i + 256))) found.push(f.ruleId);
    for (const f of s.end()) found.push(f.ruleId);
    assert.deepEqual(found, ['private-key']);
    // The key's window (16,600 characters after its keyword) stays open for all of the output after
    // it; every push evaluates it again, and the scanner builds the finding only the first time.
    assert.equal(built, 1);
  });

  it('keeps memory bounded on a long stream without newlines', () => {
    const s = new StreamScanner(scanner, { keep: 1024, maxBuffer: 8192 });
    for (let i = 0; i < 2000; i++) s.push('x'.repeat(1000));
    const internal = s as unknown as { buf: string; segments: unknown[] };
    assert.ok(internal.buf.length < 20000, `buffer grew to ${internal.buf.length}`);
    assert.ok(internal.segments.length < 100, `segments grew to ${internal.segments.length}`);
  });
});
