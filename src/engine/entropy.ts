const counts = new Uint32Array(128);
/** The distinct ASCII characters of the string being measured, in the order they first occur. */
const firstSeen = new Uint8Array(128);

/**
 * Strings at least this long are measured from their UTF-8 bytes (`encodeInto`, one native call)
 * when they are ASCII: reading a string one `charCodeAt` at a time costs ~2.4x the reads of a byte
 * array (callgrind, 1,660-character PEM bodies sliced from a larger text as the scanner's secrets are:
 * 56 -> 23 instructions per character), which pays for the call's overhead on long secrets only.
 */
const BYTES_FROM = 256;
const encoder = new TextEncoder();
/** Reused by `shannonEntropy` (grown to the longest string measured; zeroed after each use). */
let bytes = new Uint8Array(0);

/**
 * Shannon entropy in bits per character. One pass counts the characters and notes each ASCII one
 * where it first occurs; the sum then runs over those (in that order, so the result is the same to the
 * last bit as a second pass over the string gave: a PEM body of 1,700 characters holds 65 distinct).
 */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  if (n >= BYTES_FROM) {
    if (bytes.length < n) bytes = new Uint8Array(Math.max(n, 2 * bytes.length));
    const { read, written } = encoder.encodeInto(s, bytes);
    // Every character read and one byte each: all of them are ASCII (any other takes 2 to 4 bytes).
    const h = read === n && written === n ? asciiBytesEntropy(bytes, n) : undefined;
    // The bytes are a secret's (a private key's): not left in memory after the call.
    bytes.fill(0, 0, written);
    if (h !== undefined) return h;
  }
  let other: Map<number, number> | undefined;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (counts[c]!++ === 0) firstSeen[distinct++] = c;
    } else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  let h = sumCounted(distinct, n);
  if (other) {
    for (const k of other.values()) {
      const p = k / n;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

/** `shannonEntropy` of the first `n` bytes of `b`, all ASCII: the same counts, order and sum. */
function asciiBytesEntropy(b: Uint8Array, n: number): number {
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (counts[c]!++ === 0) firstSeen[distinct++] = c;
  }
  return sumCounted(distinct, n);
}

/** The entropy of the `distinct` characters counted (in first-seen order) out of `n`; resets their counts. */
function sumCounted(distinct: number, n: number): number {
  let h = 0;
  for (let j = 0; j < distinct; j++) {
    const c = firstSeen[j]!;
    const p = counts[c]! / n;
    h -= p * Math.log2(p);
    counts[c] = 0;
  }
  return h;
}
