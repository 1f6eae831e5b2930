// Publishing a large document's findings without one long task (issue 11 item 5b). Plain Node (no
// `vscode`), so the slicing, the cancellation and the diagnostics cap are measured and tested
// without the editor. The work done per finding after a scan (ignore filter, custody `detected`
// entries) runs in batches that each stay within a time budget and yield between batches; a newer
// publish of the same document cancels an older one still running.

import { SLICE_BUDGET_MS, type SlicedScanOptions } from './backgroundScan';

/**
 * Diagnostics listed per document. Past this the Problems panel gets one summary diagnostic saying
 * how many more tokens the file holds (they are still masked, hovered and recorded in custody).
 * VS Code itself lists at most 1000 problems per file; building more only costs time.
 */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 1000;

/**
 * `detected` custody entries per document publish. A file with more tokens (a 20 MB dump with a
 * token on every line holds 340,000) gets entries for its first MAX_DETECTED_PER_DOCUMENT and one
 * `detected-more` entry with the count: recording every one took minutes, a 200 MB log and gigabytes
 * of memory, and a log that size would be read at every window start. Tokens added by typing or
 * pasting are always recorded one by one.
 */
export const MAX_DETECTED_PER_DOCUMENT = 10_000;

/** The findings to list as diagnostics, and how many were left out (for the summary diagnostic). */
export function capDiagnostics<T>(findings: readonly T[], max = MAX_DIAGNOSTICS_PER_DOCUMENT): { listed: readonly T[]; more: number } {
  if (findings.length <= max) return { listed: findings, more: 0 };
  return { listed: findings.slice(0, max), more: findings.length - max };
}

/** The text of the summary diagnostic. */
export function moreDiagnosticsMessage(more: number, max = MAX_DIAGNOSTICS_PER_DOCUMENT): string {
  const n = more.toLocaleString('en-US');
  return `Token Custody: ${n} more ${more === 1 ? 'token' : 'tokens'} in this file ${more === 1 ? 'is' : 'are'} not listed here (the first ${max.toLocaleString('en-US')} are). All of them are masked; the custody log records up to ${MAX_DETECTED_PER_DOCUMENT.toLocaleString('en-US')} of a file one by one.`;
}

/**
 * Runs `fn` over `items` in batches: each slice calls `fn` on batches of at most `batch` items until
 * it has used its time budget, then yields. Resolves false when cancelled (checked after each
 * yield; batches already run stay run), true when every item was handed to `fn`.
 */
export async function forEachBatchInSlices<T>(items: readonly T[], fn: (batch: readonly T[]) => void, opts: SlicedScanOptions & { batch?: number }): Promise<boolean> {
  const now = opts.now ?? (() => performance.now());
  const budget = opts.budgetMs ?? SLICE_BUDGET_MS;
  const size = Math.max(1, opts.batch ?? 256);
  let i = 0;
  while (i < items.length) {
    await opts.yieldNow();
    if (opts.cancelled?.()) return false;
    const t0 = now();
    do {
      const stop = Math.min(items.length, i + size);
      fn(items.slice(i, stop));
      i = stop;
    } while (i < items.length && now() - t0 < budget);
    opts.stats?.sliceMs.push(now() - t0);
  }
  return true;
}

/** `items` without those `drop` selects, computed in slices; undefined when cancelled. */
export async function filterInSlices<T>(items: readonly T[], drop: (t: T) => boolean, opts: SlicedScanOptions): Promise<T[] | undefined> {
  const kept: T[] = [];
  const done = await forEachBatchInSlices(items, (batch) => {
    for (const t of batch) if (!drop(t)) kept.push(t);
  }, opts);
  return done ? kept : undefined;
}

/**
 * One running job per key (a document): starting a job cancels the previous job of the same key.
 * `cancelled()` of a job turns true once a newer job started for its key or the key was cancelled.
 */
export class LatestJobs {
  private readonly current = new Map<string, object>();

  start(key: string): { cancelled: () => boolean; done: () => void } {
    const token = {};
    this.current.set(key, token);
    return {
      cancelled: () => this.current.get(key) !== token,
      done: () => {
        if (this.current.get(key) === token) this.current.delete(key);
      },
    };
  }

  cancel(key: string): void {
    this.current.delete(key);
  }

  /** Keys with a job running (tests). */
  get size(): number {
    return this.current.size;
  }
}
