// Relaxed SIMD for the keyword prefilter on Node 20.
//
// The prefilter's WebAssembly module comes in two builds (scripts/wasm-prefilter.mjs): with
// `i8x16.relaxed_swizzle`, one `pshufb` per nibble lookup, and with the plain `i8x16.swizzle`, for which
// V8 adds a saturating add with a constant it loads each time (three instructions instead of one, eight
// lookups per 16 bytes). V8 shipped relaxed SIMD in 11.4 (Node 21+, VS Code's Electron); V8 11.3, which
// every Node 20 has, implements it behind `--experimental-wasm-relaxed-simd`. The CLI is its own process,
// so it turns the flag on for itself (an extension host is shared with other extensions: the extension
// never does).
//
// Measured on the 50 MB bench corpus, Node 20, 2 cores: the keyword search (module load and run)
// 50–61 → 32–34 ms per pass; the engine in process 112–126 → 92–107 ms of CPU per pass (alternated, 4 runs
// of 7 passes); a CLI scan's main thread spends 29–34 instead of 40–43 ms in the module (CPU profiles,
// 3 runs each). test/unit/engine/prefilter.test.ts runs its whole file on the relaxed build under the flag.
//
// The flag must be set before dist/shared.js is compiled: V8 keys its code cache on a hash of the flags,
// so a cache written after the flag changed would be refused on the next start (boot.ts calls this first).

/** V8 11.3 (every Node 20): relaxed SIMD is implemented but off. Later V8s ship it; earlier ones are not supported (engines: node ≥ 20.19). */
export function needsRelaxedSimdFlag(v8Version: string): boolean {
  const m = /^(\d+)\.(\d+)\./.exec(v8Version);
  return m !== null && Number(m[1]) === 11 && Number(m[2]) <= 3;
}

/** Turns relaxed SIMD on where V8 has it behind a flag (see above); returns whether it did. */
export function enableRelaxedSimd(v8Version: string = process.versions.v8): boolean {
  if (!needsRelaxedSimdFlag(v8Version)) return false;
  // Loaded only here: other Node versions never pay for node:v8.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--experimental-wasm-relaxed-simd');
  return true;
}
