// Small pushes wait for more text before the streaming scanner runs (`deferUpTo`): the findings must
// be those of a scan on every push and of a scan of the whole output, only reported later (by the
// push that reaches 4 KB, by `flush` or by `end`), each once.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, StreamScanner, stripEscapes } from '../../../src/engine';
import { DEFER_UP_TO } from '../../../src/engine/stream';
import { expandFixture, githubToken, npmToken } from '../../support/fakes';
import { pem, puttyKey } from '../../support/tokens/privateKeys';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

const { scanner } = createScanner();
const ESC = '\u001b';

/** The stream's findings (`rule:secret@rawStart`, sorted) when `pieces` are pushed in order. */
function streamedPieces(pieces: readonly string[], opts: { deferUpTo?: number } = {}): string[] {
  const s = new StreamScanner(scanner, opts);
  const found: string[] = [];
  for (const p of pieces) for (const f of s.push(p)) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}`);
  for (const f of s.end()) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}`);
  return found.sort();
}

/** The stream's findings when `raw` is pushed `size` characters at a time. */
function streamed(raw: string, size: number, opts: { deferUpTo?: number } = {}): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < raw.length; i += size) pieces.push(raw.slice(i, i + size));
  return streamedPieces(pieces, opts);
}

/** What a scan of the whole output finds (inputs without escapes: visible offsets are raw offsets). */
function whole(raw: string): string[] {
  return scanner
    .scan(stripEscapes(raw))
    .map((f) => `${f.ruleId}:${f.secret}@${f.range.start}`)
    .sort();
}

/** Ordinary output lines between the fixtures (no keyword of any rule). */
const filler = (i: number): string => `  compiled module ${i} in ${i % 17} ms (${(i * 7) % 100}%)`;

describe('streaming scanner: small pushes wait for more text', () => {
  it('every rule\'s positive fixtures, private keys and tokens, pushed 1, 7 and 256 characters at a time, deferred or scanned on every push, and in 4 KB pieces: exactly what a scan of the whole output finds', () => {
    const parts: string[] = [];
    let i = 0;
    for (const file of Object.values(RULE_FIXTURE_FILES)) {
      for (const f of Object.values(file)) {
        for (const tpl of f.positive) {
          parts.push(expandFixture(tpl).text, filler(i++), filler(i++));
        }
      }
    }
    parts.push(`$ cat id_rsa`, pem('rsa'), filler(i++), pem('ec'), filler(i++), puttyKey(), filler(i++));
    parts.push(`export GITHUB_TOKEN=${githubToken()}`, `  "npm": "${npmToken()}",`, filler(i));
    // Some fixtures hold control characters the stream drops: stripped here, so raw offsets are visible ones.
    const raw = stripEscapes(parts.join('\n') + '\n');
    const expected = whole(raw);
    assert.ok(expected.length > 50, `only ${expected.length} expected findings`);
    assert.ok(raw.length > 4 * DEFER_UP_TO, `the output (${raw.length} characters) holds several deferred scans`);
    for (const size of [1, 7, 256, DEFER_UP_TO, raw.length]) {
      assert.deepEqual(streamed(raw, size), expected, `pushes of ${size}, deferred`);
    }
    for (const size of [7, 256, DEFER_UP_TO]) {
      assert.deepEqual(streamed(raw, size, { deferUpTo: 0 }), expected, `pushes of ${size}, scanned on every push`);
    }
  });

  it('a token split at every offset, in coloured output: flushed between the two halves, or left to the next pushes, found once at its raw offsets', () => {
    const tok = githubToken();
    const line = `${ESC}[32mok${ESC}[0m\r\nexport GITHUB_TOKEN=${ESC}[1m${tok}${ESC}[0m\r\n`;
    for (let cut = 1; cut < line.length; cut++) {
      for (const flushAtCut of [true, false]) {
        const s = new StreamScanner(scanner);
        const found = [...s.push(line.slice(0, cut)), ...(flushAtCut ? s.flush() : []), ...s.push(line.slice(cut)), ...s.push('next line\r\n'), ...s.end()];
        assert.equal(found.length, 1, `cut at ${cut}, flush ${flushAtCut}: ${found.map((f) => f.ruleId)}`);
        assert.equal(found[0]!.secret, tok);
        assert.equal(line.slice(found[0]!.rawStart, found[0]!.rawEnd), tok);
      }
    }
  });

  it('a small push holds its finding until flush(), which reports it once; the push that reaches the threshold reports without one', () => {
    const tok = githubToken();
    const s = new StreamScanner(scanner);
    assert.equal(s.pending, false);
    assert.deepEqual(s.push(`export GITHUB_TOKEN=${tok}\r\n`), []);
    assert.equal(s.pending, true);
    assert.deepEqual(
      s.flush().map((f) => f.secret),
      [tok],
    );
    assert.equal(s.pending, false);
    assert.deepEqual(s.flush(), []);
    assert.deepEqual(s.end(), []);

    // Pieces of 100 characters: the finding comes with the push that brings the pending text to DEFER_UP_TO.
    const t = new StreamScanner(scanner);
    const raw = `export GITHUB_TOKEN=${tok}\r\n` + Array.from({ length: 200 }, (_, i) => filler(i)).join('\r\n');
    let reportedAt = -1;
    for (let at = 0; at < raw.length; at += 100) {
      if (t.push(raw.slice(at, at + 100)).length > 0) {
        assert.equal(reportedAt, -1, 'reported once');
        reportedAt = at + 100;
      }
    }
    assert.equal(reportedAt, Math.ceil(DEFER_UP_TO / 100) * 100);
    assert.deepEqual(t.end(), []);
  });

  it('a private key cut off before its END line, then a whole one: exactly what a scan of the whole output finds, pushed in pieces of any size', () => {
    const key = pem('rsa').replace(/\n/g, '\r\n');
    const cutKey = key.slice(0, key.indexOf('-----END'));
    const raw = `$ cat broken\r\n${cutKey}` + Array.from({ length: 80 }, (_, i) => filler(i)).join('\r\n') + `\r\n$ cat id_rsa\r\n${key}\r\n` + Array.from({ length: 40 }, (_, i) => filler(i)).join('\r\n');
    const want = whole(raw);
    assert.deepEqual(want.map((f) => f.slice(0, f.indexOf(':'))), ['private-key']);
    for (const size of [64, 1000, DEFER_UP_TO, 7000]) {
      assert.deepEqual(streamed(raw, size), want, `pushed ${size} at a time`);
      assert.deepEqual(streamed(raw, size, { deferUpTo: 0 }), want, `pushed ${size} at a time, scanned on every push`);
    }
  });

  it('a reported private key whose hit stays open is not read again by its pattern on the next runs (ScanOptions.reportedMatch), and the stream reports what a whole scan does', () => {
    const { scanner: counted } = createScanner();
    const inner = counted as unknown as { settledMatch: Uint8Array; stickyByRule: (RegExp | undefined)[] };
    const ids = counted.rules.filter((r) => inner.settledMatch[r.index] === 1).map((r) => r.spec.id);
    assert.deepEqual(ids.sort(), ['private-key', 'putty-private-key']);
    const ri = counted.rule('private-key')!.index;
    const raw = `$ cat id_rsa\r\n${pem('rsa').replace(/\n/g, '\r\n')}\r\n` + Array.from({ length: 500 }, (_, i) => filler(i)).join('\r\n') + '\r\n';
    const s = new StreamScanner(counted);
    const found: string[] = [];
    let execs = 0;
    let runsAfter = 0;
    for (let i = 0; i < raw.length; i += DEFER_UP_TO) {
      const got = s.push(raw.slice(i, i + DEFER_UP_TO));
      for (const f of got) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}`);
      if (i === 0) {
        assert.equal(got.length, 1, 'the first run reports the key');
        const re = inner.stickyByRule[ri]!;
        const exec = re.exec.bind(re);
        re.exec = (str: string) => {
          execs++;
          return exec(str);
        };
      } else runsAfter++;
    }
    for (const f of s.end()) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}`);
    assert.ok(runsAfter >= 4);
    assert.equal(execs, 0, 'the key was matched again');
    assert.deepEqual(found.sort(), whole(raw));
    // The reference scanner has no such shortcut.
    const { scanner: reference } = createScanner([], { hitChecks: false });
    assert.equal((reference as unknown as { settledMatch: Uint8Array }).settledMatch[ri], 0);
  });

  it('a private key pushed 64 characters at a time: scanned once per 4 KB, not once per push, and reported once', () => {
    const { scanner: counted } = createScanner();
    let runs = 0;
    const scanDetailed = counted.scanDetailed.bind(counted);
    counted.scanDetailed = (text, opts) => {
      runs++;
      return scanDetailed(text, opts);
    };
    const raw = `$ cat id_rsa\r\n${pem('rsa').replace(/\n/g, '\r\n')}` + Array.from({ length: 100 }, (_, i) => filler(i)).join('\r\n') + '\r\n';
    const s = new StreamScanner(counted);
    const found: string[] = [];
    let pushes = 0;
    for (let i = 0; i < raw.length; i += 64, pushes++) for (const f of s.push(raw.slice(i, i + 64))) found.push(f.ruleId);
    for (const f of s.end()) found.push(f.ruleId);
    assert.deepEqual(found, ['private-key']);
    assert.ok(runs <= Math.ceil(raw.length / DEFER_UP_TO) + 1, `${runs} scans for ${pushes} pushes of ${raw.length} characters`);
  });

  it('a reported private key whose hit stays open is built again by the next runs without hashing its secret again (ScanOptions.known)', () => {
    const { scanner: counted } = createScanner();
    const raw = `$ cat id_rsa\r\n${pem('rsa').replace(/\n/g, '\r\n')}` + Array.from({ length: 500 }, (_, i) => filler(i)).join('\r\n') + '\r\n';
    const s = new StreamScanner(counted);
    let reportedAt = -1;
    let checksThen = 0;
    let runsAfter = 0;
    for (let i = 0; i < raw.length; i += DEFER_UP_TO) {
      const found = s.push(raw.slice(i, i + DEFER_UP_TO));
      if (reportedAt >= 0) runsAfter++;
      if (found.some((f) => f.ruleId === 'private-key')) {
        reportedAt = i;
        checksThen = counted.stats.exampleChecks;
      }
    }
    assert.deepEqual(s.end(), []);
    assert.equal(reportedAt, 0);
    // The key's hit stays open for its window (16,600 characters): the runs after the one that reported it build it again.
    assert.ok(runsAfter >= 4, `${runsAfter} runs after the report`);
    assert.equal(counted.stats.exampleChecks, checksThen, 'the reported key was hashed again');
  });
});
