// The pace of Scan Workspace (src/custody/scanPacer.ts): slices between yields, findings handed over
// in batches at most every `publishEveryMs`, in a turn of their own, none dropped or sent twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ScanPacer } from '../../../src/custody/scanPacer';
import { randomInt } from '../../support/seed';

/** A scan on a fake clock: `files` units of work of random cost, each pushing 0–2 items. */
async function run(files: number, opts: { sliceMs: number; publishEveryMs: number; maxPending?: number; costMs: () => number }): Promise<{ pushed: number[]; published: number[][]; turns: string[][]; publishTimes: number[] }> {
  let clock = 0;
  const pushed: number[] = [];
  const published: number[][] = [];
  const publishTimes: number[] = [];
  // What ran in each turn of the (fake) event loop: 'work' or 'publish'.
  const turns: string[][] = [[]];
  const pacer = new ScanPacer<number>({
    sliceMs: opts.sliceMs,
    publishEveryMs: opts.publishEveryMs,
    maxPending: opts.maxPending,
    now: () => clock,
    yieldNow: async () => {
      clock += 1; // other work of the host
      turns.push([]);
    },
    publish: (batch) => {
      turns[turns.length - 1]!.push('publish');
      published.push([...batch]);
      publishTimes.push(clock);
      clock += 2;
    },
  });
  let next = 0;
  for (let i = 0; i < files; i++) {
    clock += opts.costMs();
    turns[turns.length - 1]!.push('work');
    for (let k = randomInt(3); k > 0; k--) {
      pacer.push(next);
      pushed.push(next++);
    }
    const p = pacer.step();
    if (p) await p;
  }
  pacer.flush();
  return { pushed, published, turns, publishTimes };
}

describe('scan pacer (Scan Workspace: slices, batched hand-over)', () => {
  it('hands every item over exactly once, in order, in batches (random work costs, with a final flush)', async () => {
    for (let round = 0; round < 20; round++) {
      const maxPending = 50 + randomInt(200);
      const r = await run(2000 + randomInt(2000), { sliceMs: 6, publishEveryMs: 100, maxPending, costMs: () => 0.25 + randomInt(3) * 0.5 + (randomInt(50) === 0 ? 20 : 0) });
      assert.deepEqual(r.published.flat(), r.pushed, 'the batches, concatenated, are the items pushed');
      assert.ok(r.published.every((b) => b.length > 0), 'no empty batch');
      // Every batch but the final flush was due: the outbox full, or 100 ms since the previous hand-over.
      for (let i = 0; i < r.published.length - 1; i++) {
        const since = r.publishTimes[i]! - (i ? r.publishTimes[i - 1]! : 0);
        assert.ok(r.published[i]!.length >= maxPending || since >= 100, `batch ${i}: ${r.published[i]!.length} items, ${since} ms after the previous one`);
      }
    }
  });

  it('a hand-over runs in a turn of its own, at most every publishEveryMs unless the outbox is full', async () => {
    const r = await run(5000, { sliceMs: 6, publishEveryMs: 100, maxPending: 100_000, costMs: () => 0.5 });
    const publishTurns = r.turns.filter((t) => t.includes('publish'));
    // The last batch is the final flush, after the loop, in the turn of the last file.
    for (const t of publishTurns.slice(0, -1)) assert.deepEqual(t, ['publish'], 'no scan work in a hand-over turn');
    for (let i = 1; i < r.publishTimes.length - 1; i++) assert.ok(r.publishTimes[i]! - r.publishTimes[i - 1]! >= 100, `hand-overs ${r.publishTimes[i - 1]} and ${r.publishTimes[i]} are 100 ms apart at least`);
    // Each turn of work stays within the slice (plus one unit of work).
    for (const t of r.turns) if (!t.includes('publish')) assert.ok(t.length <= 6 / 0.5 + 1, `${t.length} units of work in one turn`);
    const full = await run(3000, { sliceMs: 6, publishEveryMs: 1e9, maxPending: 40, costMs: () => 0.5 });
    assert.ok(full.published.slice(0, -1).every((b) => b.length >= 40), 'a full outbox is handed over without waiting for the interval');
    assert.deepEqual(full.published.flat(), full.pushed);
  });

  it('nothing to await within a slice; the backpressure promise is awaited before the next slice', async () => {
    let clock = 0;
    let waited = 0;
    let release: (() => void) | undefined;
    const pacer = new ScanPacer<string>({
      sliceMs: 10, publishEveryMs: 100, now: () => clock, yieldNow: () => Promise.resolve(), publish: () => undefined,
      afterPause: () => (waited++ === 0 ? new Promise<void>((r) => (release = r)) : undefined),
    });
    clock = 10;
    assert.equal(pacer.step(), undefined, 'within the slice');
    clock = 11;
    const p = pacer.step();
    assert.ok(p instanceof Promise);
    let done = false;
    void p.then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(done, false, 'waits for the backpressure promise');
    release!();
    await p;
    assert.equal(pacer.step(), undefined, 'a new slice starts after the pause');
  });
});
