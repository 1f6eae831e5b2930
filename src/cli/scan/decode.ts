// A file's bytes as the text the scanner reads: undefined for a binary file (isProbablyBinary), pure
// ASCII decoded as latin1 (the same text, a cheaper copy), anything else as UTF-8.
//
// Decoding is the largest cost of a scan outside the engine (about 45 ms of CPU per 50 MB, half of it
// page faults: a string over 128 KB gets fresh memory from V8 each time, 22,000-23,000 faults per run
// of the bench corpus). Measured and not kept (bench corpus, alternated, load 10): reading up to 2 MB
// of files into one buffer and decoding it as one latin1 string (external, over 1 MB), each file a
// slice of it: main thread 458 -> 449 ms, process CPU and page faults unchanged (the external
// string's memory is fresh too).

import { isAscii } from 'node:buffer';
import { isProbablyBinary } from '../../engine';

/** The bytes isProbablyBinary counts as control characters (all below 32 but \a–\r and ESC), NUL among them. */
const CONTROL = /[\x00-\x06\x0e-\x1a\x1c-\x1f]/;
/** How far isProbablyBinary looks. */
const HEAD = 8192;

/**
 * The text of `bytes`, or undefined when isProbablyBinary says binary. The head is searched for a
 * control character by a regular expression (native code, about half the CPU of isProbablyBinary's
 * byte loop in a fresh process; ASCII text in its decoded text, other text in its head's bytes): with
 * none there, isProbablyBinary would say text, so it runs only when there is one.
 */
export function decodeText(bytes: Buffer): string | undefined {
  const ascii = isAscii(bytes) ? bytes.toString('latin1') : undefined;
  // Not ASCII: the same search in the head's bytes read as latin1 (one character per byte). The byte
  // loop ran for every such file: on the bench corpus 79 files, 443 KB of heads, read mostly in the
  // interpreter in a fresh process (and its optimized code, made while the loop ran, deoptimized at
  // the ratio at the end of calls after).
  const head = ascii === undefined ? bytes.toString('latin1', 0, Math.min(bytes.length, HEAD)) : ascii.length > HEAD ? ascii.slice(0, HEAD) : ascii;
  if (CONTROL.test(head) && isProbablyBinary(bytes)) return undefined;
  return ascii ?? bytes.toString('utf8');
}
