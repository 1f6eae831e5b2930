// The pace of Scan Workspace (src/custody/scanPacer.ts): slices between yields, findings handed over
// in batches at most every `publishEveryMs`, in turns of their own, none dropped or sent twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ScanPacer } from '../../../src/custody/scanPacer';
import { randomInt } from '../../support/seed';

type Event = { at: number; what: 'work' | 'yield' } | { at: number; what: 'publish'; items: number[]; ms: number };

/**
 * A scan on a fake clock: `files` units of work of random cost, each pushing 0–2 items; handing an
 * item over costs `itemMs`. Returns the events in order (work, yields, hand-overs) and the items pushed.
 */
async function run(files: number, opts: { sliceMs: number; publishEveryMs: number; maxPending?: number; costMs: () => number; itemMs?: number }): Promise<{ pushed: number[]; events: Event[] }> {
  let clock = 0;
  const pushed: number[] = [];
  const events: Event[] = [];
  const pacer = new ScanPacer<number>({
    sliceMs: opts.sliceMs,
    publishEveryMs: opts.publishEveryMs,
    maxPending: opts.maxPending,
    now: () => clock,
    yieldNow: async () => {
      clock += 1; // other work of the host
      events.push({ at: clock, what: 'yield' });
    },
    publish: (batch) => {
      const ms = batch.length * (opts.itemMs ?? 0.1);
      events.push({ at: clock, what: 'publish', items: [...batch], ms });
      clock += ms;
    },
  });
  let next = 0;
  for (let i = 0; i < files; i++) {
    clock += opts.costMs();
    events.push({ at: clock, what: 'work' });
    for (let k = randomInt(3); k > 0; k--) {
      pacer.push(next);
      pushed.push(next++);
    }
    const p = pacer.step();
    if (p) await p;
  }
  pacer.flush();
  return { pushed, events };
}

/** The events between two yields (one turn of the event loop each). */
function turns(events: readonly Event[]): Event[][] {
  const out: Event[][] = [[]];
  for (const e of events) {
    if (e.what === 'yield') out.push([]);
    else out[out.length - 1]!.push(e);
  }
  return out;
}

/** The hand-overs: runs of consecutive turns that publish, with the time of the first and the items. */
function handOvers(events: readonly Event[]): { at: number; items: number }[] {
  const out: { at: number; items: number }[] = [];
  let open = false;
  for (const t of turns(events)) {
    const p = t.find((e) => e.what === 'publish');
    if (!p || p.what !== 'publish') {
      if (t.length) open = false;
      continue;
    }
    // A turn with scan work (the final flush's) starts a hand-over of its own.
    if (!open || t.some((e) => e.what === 'work')) out.push({ at: p.at, items: 0 });
    out[out.length - 1]!.items += p.items.length;
    open = true;
  }
  return out;
}

const published = (events: readonly Event[]): number[] => events.flatMap((e) => (e.what === 'publish' ? e.items : []));

describe('scan pacer (Scan Workspace: slices, batched hand-over)', () => {
  it('hands every item over exactly once, in order, in batches (random work costs, with a final flush)', async () => {
    for (let round = 0; round < 20; round++) {
      const maxPending = 50 + randomInt(200);
      const r = await run(2000 + randomInt(2000), { sliceMs: 6, publishEveryMs: 100, maxPending, costMs: () => 0.25 + randomInt(3) * 0.5 + (randomInt(50) === 0 ? 20 : 0), itemMs: 0.02 + randomInt(20) / 100 });
      assert.deepEqual(published(r.events), r.pushed, 'the batches, concatenated, are the items pushed');
      assert.ok(r.events.every((e) => e.what !== 'publish' || e.items.length > 0), 'no empty batch');
      // Every hand-over but the final flush was due: the outbox full, or 100 ms since the previous one started.
      const h = handOvers(r.events);
      for (let i = 0; i < h.length - 1; i++) {
        const since = h[i]!.at - (i ? h[i - 1]!.at : 0);
        assert.ok(h[i]!.items >= maxPending || since >= 100, `hand-over ${i}: ${h[i]!.items} items, ${since} ms after the previous one`);
      }
    }
  });

  it('a hand-over runs in turns of its own of about one slice each, at most every publishEveryMs unless the outbox is full', async () => {
    const r = await run(5000, { sliceMs: 6, publishEveryMs: 100, maxPending: 100_000, costMs: () => 0.5, itemMs: 0.1 });
    const all = turns(r.events);
    const last = all.length - 1;
    all.forEach((t, i) => {
      if (i === last || !t.some((e) => e.what === 'publish')) return;
      // The final flush, after the loop, runs in the turn of the last file; every other hand-over turn publishes once and does no scan work.
      assert.deepEqual(t.map((e) => e.what), ['publish'], `turn ${i}: no scan work in a hand-over turn`);
      const p = t[0]!;
      assert.ok(p.what === 'publish' && p.ms <= 6 + 1e-9, `turn ${i}: a hand-over turn takes ${p.what === 'publish' ? p.ms : '?'} ms`);
    });
    assert.ok(all.some((t) => t.some((e) => e.what === 'publish' && e.items.length > 32)), 'the turn size grows to fit the slice');
    const h = handOvers(r.events);
    assert.ok(h.length > 5);
    for (let i = 1; i < h.length - 1; i++) assert.ok(h[i]!.at - h[i - 1]!.at >= 100, `hand-overs at ${h[i - 1]!.at} and ${h[i]!.at} are 100 ms apart at least`);
    // Each turn of work stays within the slice (plus one unit of work).
    for (const t of all) if (!t.some((e) => e.what === 'publish')) assert.ok(t.length <= 6 / 0.5 + 1, `${t.length} units of work in one turn`);
    const full = await run(3000, { sliceMs: 6, publishEveryMs: 1e9, maxPending: 40, costMs: () => 0.5 });
    assert.ok(handOvers(full.events).slice(0, -1).every((b) => b.items >= 40), 'a full outbox is handed over without waiting for the interval');
    assert.deepEqual(published(full.events), full.pushed);
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
