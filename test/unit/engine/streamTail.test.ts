// The streaming scanner's short tail: between pushes it keeps only the lines new text can read
// (the line being written, the one before it, a little more), and joins the longer history back
// only when a rule that looks far back (a Kubernetes Secret's `data:` before `kind: Secret`) is hit.
// Each test here fails if the tail were cut shorter than what a rule or a filter reads.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, StreamScanner, stripEscapes } from '../../../src/engine';
import { expandFixture, githubToken } from '../../support/fakes';

const { scanner } = createScanner();
const ESC = '\u001b';

type Internal = { buf: string; keep: number };

/** Findings of the stream fed in pieces of `size` (as `rule:secret@rawStart`), and the longest buffer after a scan (text a push left waiting for more is not counted). */
function stream(raw: string, size: number): { found: string[]; maxBuf: number } {
  const s = new StreamScanner(scanner);
  const found: string[] = [];
  let maxBuf = 0;
  for (let i = 0; i < raw.length; i += size) {
    for (const f of s.push(raw.slice(i, i + size))) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}`);
    if (!s.pending) maxBuf = Math.max(maxBuf, (s as unknown as Internal).buf.length);
  }
  for (const f of s.end()) found.push(`${f.ruleId}:${f.secret}@${f.rawStart}`);
  return { found: found.sort(), maxBuf };
}

/** What a scan of the whole output finds (no escapes in these inputs: visible offsets are raw offsets). */
function whole(raw: string): string[] {
  return scanner.scan(stripEscapes(raw)).map((f) => `${f.ruleId}:${f.secret}@${f.range.start}`).sort();
}

const ordinary = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `  const result${i} = await client.getItems(request, { count: ${i} }); // build step ${i % 7}`);

describe('streaming scanner: short tail', () => {
  it('keeps a short tail on ordinary output: a few lines, not the 8 KiB far-looking rules need', () => {
    const raw = ordinary(400).join('\r\n') + '\r\n';
    const { found, maxBuf } = stream(raw, 4096);
    assert.deepEqual(found, []);
    // Before: keep (8,256) + a chunk. Now: a chunk, two lines and CONTEXT_BEFORE.
    assert.ok(maxBuf < 4096 + 600, `buffer reached ${maxBuf}`);
  });

  it('an inline ignore on the line before a token is still seen when the token arrives in a later push, cut at every position', () => {
    const tok = githubToken();
    const before = ordinary(50).join('\n') + '\n';
    for (const comment of ['# token-custody: ignore', '# build step']) {
      // A long token line: cuts late in it leave the comment more than a line behind the new text.
      const tail = `${comment}\n${'echo step; '.repeat(12)}export GITHUB_TOKEN=${tok}\nnext line\n`;
      const expected = comment.includes('ignore') ? 0 : 1;
      for (let cut = 1; cut < tail.length; cut++) {
        const s = new StreamScanner(scanner);
        let n = s.push(before + tail.slice(0, cut)).length;
        n += s.push(tail.slice(cut)).length + s.end().length;
        assert.equal(n, expected, `${comment}, cut at ${cut}`);
      }
    }
  });

  it('a token after a long escape sequence and many short lines, split at every position', () => {
    const tok = githubToken();
    const head = ordinary(40).join('\r\n') + `\r\n${ESC}]633;E;${'x'.repeat(3000)}\u0007${ESC}[32m`;
    const line = `export GITHUB_TOKEN=${tok}${ESC}[0m\r\n`;
    for (let cut = 0; cut < line.length; cut++) {
      const s = new StreamScanner(scanner);
      const found = [...s.push(head + line.slice(0, cut)), ...s.push(line.slice(cut)), ...s.push('done\r\n'), ...s.end()];
      assert.equal(found.length, 1, `cut at ${cut}`);
      assert.equal(found[0]!.secret, tok);
    }
  });

  it('finds a Kubernetes Secret whose `kind: Secret` comes kilobytes after its `data:` (the long tail is joined back)', () => {
    const filler = Array.from({ length: 80 }, (_, i) => `  note-${i}: {{b64-text:plain note ${i}}}`).join('\n');
    const { text } = expandFixture(`apiVersion: v1\ndata:\n  api_token: {{b64-secret:40}}\n${filler}\nkind: Secret\nmetadata:\n  name: api\n`);
    const raw = ordinary(30).join('\n') + '\n' + text + ordinary(30).join('\n') + '\n';
    const expected = whole(raw);
    assert.ok(expected.some((f) => f.startsWith('kubernetes-secret-data:')), `the whole scan finds the value: ${expected.join(', ')}`);
    // The stream also reports the value as a generic secret when its line completes, before `kind:
    // Secret` arrives (as it always did): every finding of the whole scan must be among its findings.
    for (const size of [64, 512, 4096]) {
      const { found } = stream(raw, size);
      for (const f of expected) assert.ok(found.includes(f), `pushes of ${size}: ${f} missing from ${found.join(', ')}`);
    }
  });

  it('lines longer than LINE_CAP: a token at the end of a 6,000-character line, any chunking', () => {
    const tok = githubToken();
    const raw = `${'word '.repeat(1200)}GITHUB_TOKEN=${tok}\n${ordinary(5).join('\n')}\n`;
    const expected = whole(raw);
    assert.equal(expected.length, 1);
    for (const size of [100, 1000, 4096]) assert.deepEqual(stream(raw, size).found, expected, `pushes of ${size}`);
  });

  it('finds what a scan of the whole output finds for short lines, long lines and far-looking rules mixed, for any chunking', () => {
    const parts: string[] = [];
    for (let i = 0; i < 300; i++) {
      const r = (i * 7919) % 100;
      if (r < 4) parts.push(`export GITHUB_TOKEN=${githubToken()}`);
      else if (r < 6) parts.push(expandFixture('apiVersion: v1\ndata:\n  api_token: {{b64-secret:40}}\nkind: Secret\n').text.trimEnd());
      else if (r < 8) parts.push(`${'x'.repeat(4200)} token: ${githubToken()}`);
      else if (r < 10) parts.push('# token-custody: ignore');
      else parts.push(ordinary(1)[0]!);
    }
    const raw = parts.join('\n') + '\n';
    const expected = whole(raw);
    assert.ok(expected.length > 10, `only ${expected.length} expected findings`);
    for (const size of [97, 1000, 4096]) assert.deepEqual(stream(raw, size).found, expected, `pushes of ${size}`);
  });
  it('lets go of a kubeconfig `user:` hit that no line end follows: ordinary output with `user:` keeps a short tail', () => {
    // Before: each `user:` kept the buffer 4,500 characters long (the rule's window) and was evaluated again on every push.
    const lines = ordinary(400).map((l, i) => (i % 9 === 0 ? `  user: process.env.USER_NAME, // step ${i}` : l));
    const { found, maxBuf } = stream(lines.join('\r\n') + '\r\n', 4096);
    assert.deepEqual(found, []);
    // Between pushes: the last line, the one before it and CONTEXT_BEFORE (it was 4,538 characters).
    assert.ok(maxBuf < 1024, `buffer reached ${maxBuf}`);
  });

  it('a kubeconfig token and a Twilio SID and token, split at every position: what the whole scan finds', () => {
    const raws = [
      expandFixture('users:\n- name: ci-deployer\n  user:\n    token: {{opaque:64}}\n').text,
      expandFixture('client = Client("{{twilio:account-sid}}", "{{twilio:auth-token}}")\n').text,
      // A generic `auth_token=` hit on the same value: the Twilio finding wins the dedupe in every push.
      expandFixture('sid={{twilio:account-sid}} auth_token={{twilio:auth-token}}\n').text,
      // Hits that can never start a match, then the real one.
      expandFixture('user: alice\nuser:  \n  name: x\nuser:\n    token: {{opaque:48}}\nnote: each ACME account\n').text,
    ];
    for (const raw of raws) {
      const text = ordinary(3).join('\n') + '\n' + raw + 'done\n';
      const expected = whole(text);
      assert.ok(expected.length > 0, raw);
      for (let cut = 1; cut < text.length; cut++) {
        const s = new StreamScanner(scanner);
        const found = [...s.push(text.slice(0, cut)), ...s.push(text.slice(cut)), ...s.end()].map((f) => `${f.ruleId}:${f.secret}@${f.rawStart}`).sort();
        assert.deepEqual(found, expected, `cut at ${cut} of ${JSON.stringify(raw.slice(0, 20))}`);
      }
      // …and in pushes of one to seven characters.
      for (const size of [1, 3, 7]) assert.deepEqual(stream(text, size).found, expected, `pushes of ${size}`);
    }
  });
});
