// Issue 11 item 5b: publishing a large document's findings (ignore filter, diagnostics, custody
// `detected` entries) costs time linear in the findings, runs in bounded slices, and a newer publish
// of the same document cancels an older one.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingFields, parseEntry } from '../../../src/custody/log';
import { CustodyLog } from '../../../src/custody/logFile';
import { containsSecret, SecretIndex } from '../../../src/custody/redact';
import { pick, randomInt } from '../../support/seed';
import { capDiagnostics, filterInSlices, forEachBatchInSlices, LatestJobs, MAX_DIAGNOSTICS_PER_DOCUMENT, moreDiagnosticsMessage } from '../../../src/editor/publish';
import { fakeGithubToken, findingIn } from '../custody/fakes';

describe('editor publish: diagnostics cap', () => {
  it('lists every finding up to the cap, then the first MAX and a count of the rest', () => {
    const few = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(capDiagnostics(few), { listed: few, more: 0 });
    const exact = Array.from({ length: MAX_DIAGNOSTICS_PER_DOCUMENT }, (_, i) => i);
    assert.equal(capDiagnostics(exact).more, 0);
    const many = Array.from({ length: 25_000 }, (_, i) => i);
    const { listed, more } = capDiagnostics(many);
    assert.equal(listed.length, MAX_DIAGNOSTICS_PER_DOCUMENT);
    assert.equal(listed[listed.length - 1], MAX_DIAGNOSTICS_PER_DOCUMENT - 1);
    assert.equal(more, 25_000 - MAX_DIAGNOSTICS_PER_DOCUMENT);
    assert.match(moreDiagnosticsMessage(more), /24,000 more tokens in this file are not listed/);
    assert.match(moreDiagnosticsMessage(1), /1 more token in this file is not listed/);
  });
});

describe('editor publish: slices', () => {
  it('hands every item to fn once, in order, in batches within the budget of a slice', async () => {
    let t = 0;
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const seen: number[] = [];
    const stats = { sliceMs: [] as number[], sliceChars: [] as number[], calls: 0 };
    let yields = 0;
    // Each clock reading advances 4 ms: a 20 ms slice runs a few batches, then yields.
    const done = await forEachBatchInSlices(items, (b) => {
      assert.ok(b.length <= 64);
      seen.push(...b);
    }, { yieldNow: () => { yields++; return Promise.resolve(); }, now: () => (t += 4), stats, batch: 64 });
    assert.equal(done, true);
    assert.deepEqual(seen, items);
    assert.ok(yields > 10, `${yields} yields`);
    for (const ms of stats.sliceMs) assert.ok(ms <= 20 + 8, `slice of ${ms} ms`);
  });

  it('stops at the first yield after cancellation', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    let cancelled = false;
    const seen: number[] = [];
    let t = 0;
    const done = await forEachBatchInSlices(items, (b) => {
      seen.push(...b);
      if (seen.length >= 100) cancelled = true;
    }, { yieldNow: () => Promise.resolve(), now: () => (t += 30), cancelled: () => cancelled, batch: 50 });
    assert.equal(done, false);
    assert.equal(seen.length, 100);
    assert.equal(await filterInSlices(items, () => false, { yieldNow: () => Promise.resolve(), cancelled: () => true }), undefined);
  });

  it('filterInSlices keeps what the predicate does not drop, in order', async () => {
    const kept = await filterInSlices(Array.from({ length: 5000 }, (_, i) => i), (n) => n % 3 === 0, { yieldNow: () => Promise.resolve() });
    assert.equal(kept?.length, 3333);
    assert.equal(kept?.[0], 1);
    assert.ok(kept?.every((n) => n % 3 !== 0));
  });

  it('LatestJobs: a newer job of a document cancels the older one, not another document\'s', () => {
    const jobs = new LatestJobs();
    const a1 = jobs.start('a');
    const b = jobs.start('b');
    assert.equal(a1.cancelled(), false);
    const a2 = jobs.start('a');
    assert.equal(a1.cancelled(), true);
    assert.equal(a2.cancelled(), false);
    assert.equal(b.cancelled(), false);
    a1.done(); // an old job finishing does not end the newer one
    assert.equal(a2.cancelled(), false);
    a2.done();
    b.done();
    assert.equal(jobs.size, 0);
    const c = jobs.start('c');
    jobs.cancel('c');
    assert.equal(c.cancelled(), true);
  });
});

describe('custody log guard: SecretIndex', () => {
  it('finds a known secret verbatim or JSON-escaped, forgets a secret once its finding drops it or is deleted', () => {
    const token = fakeGithubToken();
    const f = findingIn(token, token) as { secret?: string };
    const quoted = { secret: 'pa"ss\\word-' + fakeGithubToken().slice(4, 20) };
    const index = new SecretIndex();
    index.add(f);
    index.add(quoted);
    index.add({ secret: 'short' }); // under the minimum length: not looked for
    assert.equal(index.containedIn(`{"reason":"x ${token} y"}`), true);
    assert.equal(index.containedIn(JSON.stringify({ reason: `was ${quoted.secret}` })), true);
    assert.equal(index.containedIn('{"reason":"short"}'), false);
    assert.equal(index.containedIn(`{"redacted":"${token.slice(0, 8)}…"}`), false);
    index.delete(f);
    assert.equal(index.containedIn(`{"reason":"x ${token} y"}`), false);
    assert.equal(index.size, 2, 'the escaped form and the verbatim form of the quoted secret');
  });

  it('answers as a substring search of every secret does, with its rolling hash and bit table (seeded draws, deletions, escapes, non-ASCII)', () => {
    const alphabet = [...'abcdefghijkLMNOP0123456789"\\\n\t-_é€😀'];
    const text = (n: number): string => {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet[randomInt(0, alphabet.length)];
      return out;
    };
    let hits = 0;
    for (let round = 0; round < 24; round++) {
      const index = new SecretIndex();
      // Up to 2,000 secrets (the bit table is rebuilt larger past 1,024 keys), some deleted, more added.
      const holders = Array.from({ length: randomInt(1, 2000) }, () => ({ secret: text(randomInt(4, 40)) }));
      for (const h of holders) index.add(h);
      const gone = new Set(holders.slice(0, randomInt(0, holders.length)));
      for (const h of gone) index.delete(h);
      const added = Array.from({ length: randomInt(0, 200) }, () => ({ secret: text(randomInt(8, 30)) }));
      for (const h of added) index.add(h);
      holders.push(...added);
      const live = holders.filter((h) => !gone.has(h)).map((h) => h.secret);
      for (let k = 0; k < 60; k++) {
        let line = text(randomInt(0, 300));
        if (k % 2 === 0) {
          // A live secret verbatim (always found), or any secret JSON-escaped (found unless deleted).
          const form = k % 4 === 0 ? pick(live) : JSON.stringify(pick(holders).secret).slice(1, -1);
          const at = randomInt(0, line.length + 1);
          line = line.slice(0, at) + form + line.slice(at);
        }
        const expected = containsSecret(line, live);
        if (expected) hits++;
        assert.equal(index.containedIn(line), expected, JSON.stringify(line));
      }
    }
    assert.ok(hits >= 24 * 15, `every live secret inserted verbatim was found (${hits})`);
    // Churn: keys added and deleted many times over (the bit table is rebuilt without their bits).
    const index = new SecretIndex();
    const keep = { secret: fakeGithubToken() };
    index.add(keep);
    for (let round = 0; round < 4; round++) {
      const batch = Array.from({ length: 1500 }, () => ({ secret: fakeGithubToken() }));
      for (const h of batch) index.add(h);
      for (const h of batch) index.delete(h);
      assert.equal(index.containedIn(`{"x":"${batch[7]!.secret}"}`), false);
    }
    assert.equal(index.size, 1);
    assert.equal(index.containedIn(`{"x":"${keep.secret}"}`), true);
  });

  it('checks 20,000 entries against 20,000 known secrets through the prefix index (the old guard searched every secret per entry)', () => {
    const index = new SecretIndex();
    const tokens = Array.from({ length: 20_000 }, () => fakeGithubToken());
    for (const t of tokens) index.add({ secret: t });
    const t0 = performance.now();
    let hits = 0;
    for (const t of tokens) if (index.containedIn(`{"event":"detected","redacted":"${t.slice(0, 8)}…${t.slice(-4)}","where":{"kind":"file","uri":"file:///a/b.env","range":{"line":1,"col":14}}}`)) hits++;
    const ms = performance.now() - t0;
    assert.equal(hits, 0);
    // 20,000 × 20,000 substring searches took seconds; the index takes tens of milliseconds. Measured, never asserted.
    console.log(`      20,000 entries against 20,000 secrets: ${ms.toFixed(0)} ms`);
    assert.equal(index.containedIn(`{"leak":"${tokens[12_345]}"}`), true);
  });

  it('appendMany writes a batch in one go, refusing only the entries that hold a known secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tc-publish-'));
    try {
      const index = new SecretIndex();
      const log = new CustodyLog({ path: join(dir, 'c.jsonl'), knownSecretIndex: index, onError: () => undefined });
      const findings = Array.from({ length: 300 }, () => {
        const t = fakeGithubToken();
        return findingIn(t, t);
      });
      for (const f of findings) index.add(f);
      const inputs = findings.map((f, i) => ({ event: 'ignored' as const, ...findingFields(f), detail: { how: 'everywhere' as const, reason: i === 7 ? `leak ${f.secret}` : 'fixture' } }));
      assert.equal(await log.appendMany(inputs), 299);
      const text = await readFile(join(dir, 'c.jsonl'), 'utf8');
      assert.equal(text.split('\n').filter((l) => l && parseEntry(l)).length, 299);
      assert.ok(!text.includes(findings[7]!.secret!));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
