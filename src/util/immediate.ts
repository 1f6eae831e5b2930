// `setImmediate` where the host has it (Node: the desktop and remote extension hosts), else a
// zero-delay timer (the browser build's web worker has no setImmediate).

const nodeImmediate = globalThis.setImmediate as ((fn: () => void) => unknown) | undefined;
const nodeClearImmediate = globalThis.clearImmediate as ((handle: unknown) => void) | undefined;

/** Runs `fn` once the current work is done; `dispose()` cancels it. */
export function runSoon(fn: () => void): { dispose(): void } {
  if (nodeImmediate && nodeClearImmediate) {
    const handle = nodeImmediate(fn);
    return { dispose: () => nodeClearImmediate(handle) };
  }
  const timer = setTimeout(fn, 0);
  return { dispose: () => clearTimeout(timer) };
}

/** Resolves after the host has had a turn to run other work (events, other extensions). */
export function yieldToHost(): Promise<void> {
  return new Promise<void>((resolve) => void runSoon(resolve));
}
