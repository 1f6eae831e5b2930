// The custody log's write-behind (issue 16 item 4): a producer of many entries (a workspace scan of a
// 1 GB tree left 29,940 lines, 65.6 MB, waiting for one locked append per batch) that honours
// `writable()` keeps the backlog under the cap, batches arriving meanwhile share one write, and every
// entry reaches the file in order.
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustodyLog, type CustodyLogOptions } from '../../../src/custody/logFile';
import type { CustodyInput, DetectedDetail } from '../../../src/custody/log';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tc-backlog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Counts the writes that reach the file. */
class CountingLog extends CustodyLog {
  writes = 0;
  constructor(options: CustodyLogOptions) {
    super(options);
  }
  protected override writeLines(text: string): Promise<void> {
    this.writes++;
    return super.writeLines(text);
  }
}

function entry(i: number): CustodyInput {
  const detail: DetectedDetail = { name: 'GitHub personal access token (classic)', kind: 'personal-token', severity: 'critical', confidence: 'high', validation: 'valid' };
  return {
    event: 'detected', fingerprint: `sha256:${i.toString(16).padStart(12, '0')}`, redacted: 'ghp_••••abcd', ruleId: 'github-pat-classic', issuer: 'github',
    where: { kind: 'file', uri: `file:///w/group${i % 20}/pkg${i % 50}/src/f${i}.ts`, path: `group${i % 20}/pkg${i % 50}/src/f${i}.ts`, range: { line: 3, col: 20, endLine: 3, endCol: 60 } },
    detail,
  };
}

describe('custody log: bounded write-behind', () => {
  it('keeps the backlog under its cap while 100,000 entries are appended, and writes them all in order', async () => {
    const cap = 256 * 1024;
    const errors: Error[] = [];
    const log = new CountingLog({ path: join(dir, 'custody.jsonl'), backlogCap: cap, onError: (e) => errors.push(e) });
    const total = 100_000;
    const per = 50;
    let batches = 0;
    let biggestBatch = 0;
    const written: Promise<number>[] = [];
    for (let i = 0; i < total; i += per) {
      const batch = Array.from({ length: per }, (_, k) => entry(i + k));
      const before = log.backlog().chars;
      written.push(log.appendMany(batch));
      biggestBatch = Math.max(biggestBatch, log.backlog().chars - before);
      batches++;
      const wait = log.writable();
      if (wait) await wait;
      const b = log.backlog();
      assert.ok(b.chars < cap, `after writable() the backlog is under the cap (${b.chars} >= ${cap})`);
    }
    assert.equal((await Promise.all(written)).reduce((a, n) => a + n, 0), total, 'every batch resolves with its entries written');
    await log.flush();
    const b = log.backlog();
    assert.equal(b.entries, 0);
    assert.equal(b.chars, 0);
    assert.ok(b.peakChars < cap + biggestBatch, `peak backlog ${b.peakChars} stays within the cap plus one batch (${cap} + ${biggestBatch})`);
    assert.ok(b.peakEntries > 0 && b.peakEntries <= Math.ceil((cap + biggestBatch) / (biggestBatch / per)));
    // Batches appended while a write was queued joined it: far fewer writes than batches.
    assert.ok(log.writes <= batches / 10, `${log.writes} writes for ${batches} batches`);
    assert.deepEqual(errors, []);
    const lines = (await readFile(log.path, 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, total);
    for (let i = 0; i < total; i++) assert.equal((JSON.parse(lines[i]!) as { fingerprint: string }).fingerprint, entry(i).fingerprint);
  });

  it('writable() is undefined under the cap, waits above it and wakes once the write is done', async () => {
    const log = new CustodyLog({ path: join(dir, 'custody.jsonl'), backlogCap: 1000 });
    assert.equal(log.writable(), undefined);
    const one = log.appendMany(Array.from({ length: 10 }, (_, k) => entry(k)));
    const wait = log.writable();
    assert.ok(wait, 'ten entries (over 1,000 characters) are over the cap');
    assert.ok(log.backlog().entries === 10);
    await wait;
    assert.equal(await one, 10, 'the batch was written before the producer is woken');
    assert.equal(log.writable(), undefined);
  });

  it('lines appended after another operation is queued are written after it (Clear Custody History)', async () => {
    const log = new CustodyLog({ path: join(dir, 'custody.jsonl') });
    void log.appendMany([entry(1), entry(2)]);
    const removed = log.removeEntries((e) => e.fingerprint === entry(1).fingerprint || e.fingerprint === entry(3).fingerprint);
    const later = log.appendMany([entry(3)]);
    assert.equal(await removed, 1, 'entry 1 was written before the removal; entry 3 after it');
    assert.equal(await later, 1);
    const { entries } = await log.readAll();
    assert.deepEqual(entries.map((e) => e.fingerprint), [entry(2).fingerprint, entry(3).fingerprint]);
  });
});
