// The pace of Scan Workspace on the extension host's thread (no `vscode` import, so it is tested
// without the editor). The scan works in slices of `sliceMs` between turns of the event loop; what it
// finds (a file's diagnostics and custody detections) waits in an outbox that is handed over at most
// every `publishEveryMs`, in turns of their own of about `sliceMs` each: handing over per slice sent
// the workbench a message every 10 ms (its serialisation and compression, and the workbench's marker
// updates, ran beside the scan on a 2-core machine), and ran in the same turn as the slice, making
// that turn longer; a whole batch in one turn made that turn long (custody guards each log line).

export interface ScanPacerOptions<T> {
  /** Work between two yields to the event loop (ms, wall clock). */
  sliceMs: number;
  /** Least time between two hand-overs (ms); the outbox is also handed over once it holds `maxPending` items. */
  publishEveryMs: number;
  maxPending?: number;
  /** Yields to the host's event loop (setImmediate in the extension host). */
  yieldNow: () => Promise<void>;
  /**
   * Hands over a batch, in the order the items were pushed; never called with an empty batch. A due
   * hand-over is cut into turns of about `sliceMs` each (the batch size adapts to the time per item).
   */
  publish: (batch: T[]) => void;
  /** Asked after each pause: a promise to wait for before the next slice (backpressure), else nothing. */
  afterPause?: () => Promise<void> | undefined;
  now?: () => number;
}

export class ScanPacer<T> {
  private pending: T[] = [];
  private sliceStart: number;
  private lastPublish: number;
  private readonly now: () => number;
  private readonly maxPending: number;
  /** Items handed over in one turn (adapted so that a turn takes about sliceMs). */
  private chunk = 32;

  constructor(private readonly opts: ScanPacerOptions<T>) {
    this.now = opts.now ?? (() => performance.now());
    this.maxPending = Math.max(1, opts.maxPending ?? 1000);
    this.sliceStart = this.lastPublish = this.now();
  }

  /** Queues an item for the next hand-over. */
  push(item: T): void {
    this.pending.push(item);
  }

  /** Items waiting for a hand-over. */
  get size(): number {
    return this.pending.length;
  }

  /**
   * Called after each unit of work. Within the slice: undefined (nothing to await, not even a
   * microtask). Past it: a promise to await, that yields to the event loop; if a hand-over is due,
   * publishes in the next turn and yields again; then waits for `afterPause` if it asks to.
   */
  step(): Promise<void> | undefined {
    return this.now() - this.sliceStart > this.opts.sliceMs ? this.pause() : undefined;
  }

  /** Hands over whatever waits now (end of a folder, of a scan, or a cancelled scan). */
  flush(): void {
    this.lastPublish = this.now();
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.opts.publish(batch);
  }

  /** The pending items, in turns of their own of about `sliceMs` each (a yield after each). */
  private async handOver(): Promise<void> {
    this.lastPublish = this.now();
    const batch = this.pending;
    this.pending = [];
    let i = 0;
    while (i < batch.length) {
      const end = Math.min(batch.length, i + this.chunk);
      const t0 = this.now();
      this.opts.publish(batch.slice(i, end));
      const took = this.now() - t0;
      // The next turn's size: about sliceMs at this turn's time per item (at least 8, at most doubled).
      const fit = took > 0 ? Math.floor(((end - i) * this.opts.sliceMs) / took) : this.chunk * 2;
      this.chunk = Math.max(8, Math.min(this.maxPending, this.chunk * 2, fit));
      i = end;
      await this.opts.yieldNow();
    }
  }

  private due(): boolean {
    return this.pending.length > 0 && (this.pending.length >= this.maxPending || this.now() - this.lastPublish >= this.opts.publishEveryMs);
  }

  private async pause(): Promise<void> {
    await this.opts.yieldNow();
    if (this.due()) await this.handOver();
    const wait = this.opts.afterPause?.();
    if (wait) await wait;
    this.sliceStart = this.now();
  }
}
