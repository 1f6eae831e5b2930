// Which paths to scan: include/exclude globs (minimatch) and binary-file detection.

import { minimatch } from 'minimatch';

export interface PathFilterOptions {
  include?: readonly string[];
  exclude?: readonly string[];
}

export const DEFAULT_EXCLUDED_DIRS: readonly string[] = ['node_modules', '.git'];

/**
 * A predicate over relative paths (forward slashes). A pattern without a `/` matches the base name
 * anywhere (`*.log`), like .gitignore; dot files are matched (`.env` is scanned by default).
 */
export function createPathFilter(opts: PathFilterOptions): (relPath: string) => boolean {
  // globalThis.process: the browser build (web worker) has no `process`.
  const mm = { dot: true, nocase: globalThis.process?.platform === 'win32' };
  const compile = (p: string): ((s: string) => boolean) => {
    const pattern = p.replace(/\\/g, '/').replace(/^\.\//, '');
    const base = !pattern.includes('/');
    return (s: string) => minimatch(s, pattern, { ...mm, matchBase: base }) || (!base && minimatch(s, pattern + '/**', mm));
  };
  const inc = (opts.include ?? []).filter(Boolean).map(compile);
  const exc = (opts.exclude ?? []).filter(Boolean).map(compile);
  return (relPath: string) => {
    const p = relPath.replace(/\\/g, '/');
    if (inc.length && !inc.some((f) => f(p))) return false;
    return !exc.some((f) => f(p));
  };
}

/** True when the bytes look binary: a NUL in the first 8 KiB, or mostly control characters. */
export function isProbablyBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / n > 0.1;
}
