// The first scan of a large document, in slices that yield to the event loop (plain Node: no
// `vscode`, so it is measured and tested without the editor). Each slice scans regions whose size
// adapts to how fast the previous ones went, and stops once it has used its time budget; findings
// are deduplicated by range in a Set (one lookup each), so no slice does work that grows with the
// number of findings already kept.

import type { Finding, Scanner } from '../engine';

/** Time one slice may use before it yields (the extension host stays responsive well under 50 ms). */
export const SLICE_BUDGET_MS = 20;
/** Bounds on the text one scan call covers (the first call uses MIN). */
export const MIN_REGION = 16 * 1024;
export const MAX_REGION = 512 * 1024;
/** Target duration of one scan call, used to size the next region. */
const TARGET_CALL_MS = 8;

export interface SliceStats {
  /** Milliseconds each slice ran, in order. */
  sliceMs: number[];
  /** Characters whose keyword hits each slice scanned, in order. */
  sliceChars: number[];
  /** Scan calls made. */
  calls: number;
}

export interface SlicedScanOptions {
  /** Yields to the event loop between slices (setImmediate in the editor). */
  yieldNow: () => Promise<void>;
  /** Whether the job was cancelled (checked after each yield). */
  cancelled?: () => boolean;
  budgetMs?: number;
  /** Clock (performance.now by default). */
  now?: () => number;
  stats?: SliceStats;
}

/** Findings of `text` (positions left at 0: the caller maps them), or undefined when cancelled. */
export async function scanInSlices(scanner: Scanner, text: string, opts: SlicedScanOptions): Promise<Finding[] | undefined> {
  const now = opts.now ?? (() => performance.now());
  const budget = opts.budgetMs ?? SLICE_BUDGET_MS;
  const noPos = (): { line: number; col: number } => ({ line: 0, col: 0 });
  const seen = new Set<string>();
  const found: Finding[] = [];
  let region = MIN_REGION;
  let at = 0;
  while (at < text.length) {
    await opts.yieldNow();
    if (opts.cancelled?.()) return undefined;
    const sliceStart = now();
    const from = at;
    do {
      const end = Math.min(text.length, at + region);
      const t0 = now();
      const part = scanner.scan(text, { region: { start: at, end }, positionAt: noPos });
      const took = now() - t0;
      if (opts.stats) opts.stats.calls++;
      for (const f of part) {
        const k = `${f.range.start}:${f.range.end}`;
        if (seen.has(k)) continue;
        seen.add(k);
        insertSorted(found, f);
      }
      at = end;
      // Size the next region so that one call takes about TARGET_CALL_MS.
      const scaled = took > 0.5 ? Math.floor(region * (TARGET_CALL_MS / took)) : region * 2;
      region = Math.max(MIN_REGION, Math.min(MAX_REGION, scaled, region * 2));
    } while (at < text.length && now() - sliceStart + TARGET_CALL_MS < budget);
    if (opts.stats) {
      opts.stats.sliceMs.push(now() - sliceStart);
      opts.stats.sliceChars.push(at - from);
    }
  }
  return found;
}

/**
 * Appends `f`, keeping `list` sorted by start. Findings arrive almost in order (a window can reach
 * a little before its region), so this is an append except in rare cases: no sort of the whole list
 * in one slice at the end.
 */
function insertSorted(list: Finding[], f: Finding): void {
  const last = list[list.length - 1];
  if (!last || last.range.start <= f.range.start) {
    list.push(f);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.range.start <= f.range.start) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, f);
}

/** Maps `items` in batches that each stay within the slice budget, yielding between batches. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (t: T) => U, opts: SlicedScanOptions): Promise<U[] | undefined> {
  const now = opts.now ?? (() => performance.now());
  const budget = opts.budgetMs ?? SLICE_BUDGET_MS;
  const out: U[] = [];
  let i = 0;
  while (i < items.length) {
    await opts.yieldNow();
    if (opts.cancelled?.()) return undefined;
    const t0 = now();
    do {
      const stop = Math.min(items.length, i + 256);
      for (; i < stop; i++) out.push(fn(items[i]!));
    } while (i < items.length && now() - t0 < budget);
    opts.stats?.sliceMs.push(now() - t0);
  }
  return out;
}
