// Plain helpers over findings shared by the areas (no `vscode` import).

import type { Finding } from '../engine';

/** Findings with distinct fingerprints, in order of first appearance. */
export function distinctTokens<T extends Pick<Finding, 'fingerprint'>>(findings: readonly T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.fingerprint) && Boolean(seen.add(f.fingerprint)));
}
