// Bounded line lookups: never scan more than `cap` characters, so a huge single-line file
// (minified code, a log without newlines) stays linear.

export const LINE_CAP = 4096;

/** Start of the line holding `pos`, or `pos - cap` if the line is longer than that. */
export function lineStartBounded(text: string, pos: number, cap = LINE_CAP): number {
  const limit = Math.max(0, pos - cap);
  for (let i = pos - 1; i >= limit; i--) {
    if (text.charCodeAt(i) === 10) return i + 1;
  }
  return limit;
}

/** End (exclusive, before the `\n`) of the line holding `pos`, or `pos + cap`. */
export function lineEndBounded(text: string, pos: number, cap = LINE_CAP): number {
  const limit = Math.min(text.length, pos + cap);
  for (let i = pos; i < limit; i++) {
    if (text.charCodeAt(i) === 10) return i;
  }
  return limit;
}
