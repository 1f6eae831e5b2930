const counts = new Uint32Array(128);
/** The distinct ASCII characters of the string being measured, in the order they first occur. */
const firstSeen = new Uint8Array(128);

/**
 * Shannon entropy in bits per character. One pass counts the characters and notes each ASCII one
 * where it first occurs; the sum then runs over those (in that order, so the result is the same to the
 * last bit as a second pass over the string gave: a PEM body of 1,700 characters holds 65 distinct).
 */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let other: Map<number, number> | undefined;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (counts[c]!++ === 0) firstSeen[distinct++] = c;
    } else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (let j = 0; j < distinct; j++) {
    const c = firstSeen[j]!;
    const p = counts[c]! / n;
    h -= p * Math.log2(p);
    counts[c] = 0;
  }
  if (other) {
    for (const k of other.values()) {
      const p = k / n;
      h -= p * Math.log2(p);
    }
  }
  return h;
}
